"""What web tests share besides fixtures: the TestClient class, the token, a header."""

from __future__ import annotations

import warnings
from typing import Any

from starlette.exceptions import StarletteDeprecationWarning

with warnings.catch_warnings():
    # Starlette 1.x prefers the `httpx2` package for its TestClient; `httpx` works the same.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

TOKEN = "test-token-0123456789"
HOSTILE_TITLE = "Evil <script>alert(1)</script> corp raises $5 billion"
HOSTILE_BODY = (
    "OpenAI signed a $38 billion contract with Amazon <script>alert(1)</script> on Monday.\n"
    "The deal <img src=x onerror=alert(1)> was confirmed by both companies.\n"
    "Analysts said the agreement <b onmouseover=alert(2)>changes</b> the cloud market."
)


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def assert_error_shape(response: Any, status: int, code: str | None = None) -> None:
    """The one error shape of the API: {"error": {"status", "code", "message"}}."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status
    assert isinstance(body["error"]["message"], str)
    assert body["error"]["message"]
    if code is not None:
        assert body["error"]["code"] == code


__all__ = ["HOSTILE_BODY", "HOSTILE_TITLE", "TOKEN", "TestClient", "assert_error_shape", "auth"]
