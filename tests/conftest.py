"""Shared fixtures: one knowledge base and one extractor (with its Kiwi) per test session."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path

import pytest

from stackwatch.extract import Extractor
from stackwatch.kb import KnowledgeBase, load_knowledge_base

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


@pytest.fixture(scope="session")
def extractor(kb: KnowledgeBase) -> Extractor:
    return Extractor(kb)


@pytest.fixture(scope="session")
def samples_dir() -> Iterator[Path]:
    with resources.as_file(resources.files("stackwatch").joinpath("samples")) as folder:
        yield Path(folder)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """`../shared` beside the repository (development data); tests that need it skip without it."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED


@pytest.fixture
def session_extractor(monkeypatch: pytest.MonkeyPatch, extractor: Extractor) -> Extractor:
    """Let the CLI reuse the session's extractor when no `--kb` file is given."""
    real_load = Extractor.load

    def load(extra_kb: Sequence[Path] = ()) -> Extractor:
        files = list(extra_kb)
        return real_load(files) if files else extractor

    monkeypatch.setattr(Extractor, "load", staticmethod(load))
    return extractor
