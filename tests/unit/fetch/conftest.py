"""The `site` fixture: a local web server, fresh for each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .local_site import Site, serve


@pytest.fixture
def site() -> Iterator[Site]:
    with serve() as served:
        yield served
