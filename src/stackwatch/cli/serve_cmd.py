"""`stackwatch serve`: the dashboard and the JSON API over a store (FastAPI + uvicorn)."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

from stackwatch.cli import console
from stackwatch.cli.app import app
from stackwatch.store import default_path


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    db: Annotated[
        Path | None,
        typer.Option("--db", envvar="STACKWATCH_DB", help="The store file (default: in your data folder)."),
    ] = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on; anything but loopback exposes the dashboard.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """Serve the dashboard and the JSON API (read-only unless STACKWATCH_TOKEN is set)."""
    import uvicorn  # noqa: PLC0415 - the server only when serving

    from stackwatch.web import create_app  # noqa: PLC0415

    path = db or default_path()
    if not path.exists():
        console.usage_error(f"{path}: no store here yet; run `stackwatch ingest` first")
        raise typer.Exit(2)
    if not _is_loopback(host):
        console.stderr.print(
            f"warning: listening on {host}: the dashboard is reachable from other machines", markup=False
        )
    from stackwatch.extract import Extractor  # noqa: PLC0415

    # the engine (knowledge base, Kiwi) now, not on the first upload: that takes seconds;
    # search and ask run in a worker process, so the pages do not wait behind them
    application = create_app(path, extractor=Extractor.load(()), isolate_search=True)
    mode = "read-only" if application.state.web.read_only else "writes need the token"
    console.stderr.print(f"serving {path} on http://{host}:{port}/ ({mode})", markup=False)
    uvicorn.run(application, host=host, port=port, log_level="warning")
