"""One store built from the bundled samples for all web tests, and clients over it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import stackwatch.collect
from stackwatch.extract import Extractor
from stackwatch.pipeline import extract_document
from stackwatch.records import Document
from stackwatch.store import Store
from stackwatch.web import create_app

from .clients import HOSTILE_BODY, HOSTILE_TITLE, TOKEN, TestClient


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path, extractor: Extractor) -> Path:
    """The bundled samples, ingested once; tests that write use a copy (`writable_db`)."""
    path = tmp_path_factory.mktemp("web") / "w.db"
    with Store.open(path, korean=extractor.korean) as store:
        list(stackwatch.collect.ingest_files(store, [samples_dir], extractor))
    return path


@pytest.fixture
def writable_db(sample_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "copy.db"
    shutil.copy(sample_db, copy)
    return copy


@pytest.fixture(scope="session")
def client(sample_db: Path, extractor: Extractor) -> Iterator[TestClient]:
    """A read-only server (no token) over the sample store."""
    app = create_app(sample_db, token=None, extractor=extractor, reports_dir=sample_db.parent / "reports")
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def writer(writable_db: Path, extractor: Extractor, tmp_path: Path) -> Iterator[TestClient]:
    """A server that accepts writes with `TOKEN`, over a copy of the sample store."""
    app = create_app(writable_db, token=TOKEN, extractor=extractor, reports_dir=tmp_path / "reports")
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def hostile_document(writable_db: Path, extractor: Extractor) -> tuple[int, list[int]]:
    """An article whose title and text keep raw markup (ingestion strips tags from HTML-looking
    text, so it is stored through the pipeline directly): its id and its deals."""
    document = Document(
        doc="hostile.txt",
        source="hostile.txt",
        title=HOSTILE_TITLE,
        text=HOSTILE_BODY,
        published="2025-11-21",
    )
    with Store.open(writable_db, korean=extractor.korean) as store:
        added = store.add(extract_document(document, extractor))
    return added.document_id, list(added.deals)
