"""Store fixtures: facts of small written articles, and a fresh store per test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from stackwatch.extract import Extractor
from stackwatch.pipeline import Failure, run_batch
from stackwatch.records import DocumentFacts
from stackwatch.store import Store

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


FactsOf = Callable[[list[Path]], list[DocumentFacts]]


@pytest.fixture(scope="session")
def facts_of(extractor: Extractor) -> FactsOf:
    """The facts of some articles, read by the session's extractor."""

    def read(paths: list[Path]) -> list[DocumentFacts]:
        found = list(run_batch(paths, extractor))
        assert not [f for f in found if isinstance(f, Failure)]
        return [f for f in found if not isinstance(f, Failure)]

    return read


@pytest.fixture(scope="session")
def deal_articles() -> list[Path]:
    """Three differently written reports of one deal, then a fourth with another amount."""
    return sorted((FIXTURES / "deals").iterdir())


@pytest.fixture
def store(tmp_path: Path, extractor: Extractor) -> Iterator[Store]:
    with Store.open(tmp_path / "store.db", korean=extractor.korean) as opened:
        yield opened


Rewound = Callable[[list[DocumentFacts], str], Path]


@pytest.fixture
def rewound_store(tmp_path: Path, extractor: Extractor) -> Rewound:
    """A store file holding `facts`, then taken back by `script` to what an older schema
    left behind: the starting point of a migration test."""

    def build(facts: list[DocumentFacts], script: str) -> Path:
        path = tmp_path / "old.db"
        with Store.open(path, korean=extractor.korean) as old:
            for one in facts:
                old.add(one)
            old.conn.executescript(script)
        return path

    return build
