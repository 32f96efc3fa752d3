"""A store of the written report corpus (tests/fixtures/report), built once per module that asks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from stackwatch.collect import ingest_files
from stackwatch.extract import Extractor
from stackwatch.pipeline import Failure
from stackwatch.store import Store

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "report"


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("analyze") / "corpus.db"
    with Store.open(path, korean=extractor.korean) as store:
        outcomes = list(ingest_files(store, [CORPUS], extractor))
        assert not [o for o in outcomes if isinstance(o, Failure)]
        yield store
