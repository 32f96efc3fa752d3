"""The `--update-golden` option: rewrite the expected `.json` beside each golden input.

Run it on this folder so pytest loads this file first:
`.venv/bin/pytest -q tests/golden --update-golden`, then read the diff of `cases/*.json`.
"""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/cases/*.json from what the engine extracts now",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden", default=False))
