"""One store of the seeds and the dev set for the whole search test session (about 12 s)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from stackwatch.collect import ingest_files
from stackwatch.extract import Extractor
from stackwatch.pipeline import Failure
from stackwatch.store import Store


@pytest.fixture(scope="session")
def qa_store(
    tmp_path_factory: pytest.TempPathFactory, shared_dir: Path, extractor: Extractor
) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("qa") / "qa.db"
    store = Store.open(path, korean=extractor.korean)
    outcomes = list(ingest_files(store, [shared_dir / "seeds", shared_dir / "data" / "dev"], extractor))
    failures = [o for o in outcomes if isinstance(o, Failure)]
    assert failures == []
    yield store
    store.close()


@pytest.fixture
def empty_store(tmp_path: Path, extractor: Extractor) -> Iterator[Store]:
    store = Store.open(tmp_path / "empty.db", korean=extractor.korean)
    yield store
    store.close()
