"""Schemathesis against /openapi.json: no generated request makes the API answer a 5xx,
and every error it answers has the one error shape."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from stackwatch.extract import Extractor
from stackwatch.web import create_app

from .clients import TestClient

pytestmark = pytest.mark.filterwarnings(
    # schemathesis drives the ASGI app through Starlette's TestClient, which prefers httpx2
    "ignore:Using `httpx` with `starlette.testclient`:starlette.exceptions.StarletteDeprecationWarning"
)
MAX_EXAMPLES = 12  # per operation: ~20 operations in well under a minute


@pytest.fixture(scope="module")
def api_schema(sample_db: Path, extractor: Extractor) -> Iterator[schemathesis.BaseSchema]:
    app = create_app(sample_db, token=None, extractor=extractor, reports_dir=sample_db.parent / "reports")
    with TestClient(app):  # runs the app's startup once
        yield schemathesis.openapi.from_asgi("/openapi.json", app)


def _operations() -> list[str]:
    """The API's operations as "METHOD /path" (the app is built without touching a store)."""
    spec = create_app(Path("unused.db"), token=None).openapi()
    return sorted(f"{method.upper()} {path}" for path, methods in spec["paths"].items() for method in methods)


@pytest.mark.parametrize("label", _operations())
def test_no_request_makes_the_api_fail(api_schema: schemathesis.BaseSchema, label: str) -> None:
    operation = api_schema.find_operation_by_label(label)
    assert operation is not None

    @given(case=operation.as_strategy())
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def check(case: schemathesis.Case) -> None:
        response = case.call()
        assert response.status_code < 500 or response.status_code == 503, response.text[:300]
        if response.status_code >= 400:
            body = response.json()
            assert set(body) == {"error"}
            assert body["error"]["status"] == response.status_code

    check()
