"""DocumentFacts survive the JSON round trip exactly (Decimals, tuples, nested records)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stackwatch.codec import facts_from_json, facts_to_json
from stackwatch.extract import Extractor
from stackwatch.pipeline import Failure, run_batch


def test_every_sample_round_trips_exactly(samples_dir: Path, extractor: Extractor) -> None:
    found = [f for f in run_batch([samples_dir], extractor) if not isinstance(f, Failure)]
    assert len(found) >= 14
    for facts in found:
        assert facts_from_json(facts_to_json(facts)) == facts


@given(st.text())
def test_foreign_text_is_refused_with_value_error(text: str) -> None:
    try:
        facts_from_json(text)
    except ValueError:
        return
    pytest.fail("accepted text that facts_to_json did not write")


@pytest.mark.parametrize("text", ['{"v": 1, "facts": {"document": {}}}', '{"v": 1}', '{"v": 1, "facts": 3}'])
def test_a_record_with_a_missing_field_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="missing or wrong field"):
        facts_from_json(text)
