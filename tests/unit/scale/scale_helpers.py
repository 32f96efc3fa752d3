"""Helpers for the scale tests: outcomes and records as strings that compare whole."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from stackwatch.extract import document_record
from stackwatch.pipeline import Failure, Outcome


def outcome_text(outcome: Outcome) -> str:
    """An outcome as one comparable string: the record's JSON, or the failure's line."""
    if isinstance(outcome, Failure):
        return outcome.line()
    return record_text(document_record(outcome))


def record_text(record: dict[str, Any]) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=False)


def texts(outcomes: Iterable[Outcome]) -> list[str]:
    return [outcome_text(o) for o in outcomes]
