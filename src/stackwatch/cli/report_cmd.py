"""`stackwatch report`: the cited trend report of a period, and `--verify` to check one."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from stackwatch.analyze import Period
from stackwatch.cli import console
from stackwatch.cli.app import app
from stackwatch.cli.options import KbFiles
from stackwatch.cli.store_cmd import DbPath, open_store
from stackwatch.errors import StackwatchError
from stackwatch.kb import KnowledgeBase, load_knowledge_base
from stackwatch.report import ReportFiles, build_report, verify_report, write_report
from stackwatch.store import Store

__all__ = ["report", "write_period_report"]


def _load_kb(kb_files: list[Path] | None) -> KnowledgeBase:
    try:
        return load_knowledge_base(kb_files or ())
    except StackwatchError as exc:
        console.usage_error(str(exc))
        raise typer.Exit(2) from exc


def _period(period: str | None, since: str | None, until: str | None) -> Period:
    try:
        if period:
            if since or until:
                raise ValueError("give --period or --since/--until, not both")
            return Period.parse(period)
        return Period.between(since, until)
    except ValueError as exc:
        console.usage_error(f"--period {period}: {exc}" if period else str(exc))
        raise typer.Exit(2) from exc


def write_period_report(
    store: Store, period: Period, out: Path, *, lang: str, kb: KnowledgeBase, today: date | None = None
) -> ReportFiles:
    """Build the report for `period` and write it into `out` (used by `report` and `demo`)."""
    return write_report(build_report(store, period, lang=lang, kb=kb, today=today), out)


def _verify(path: Path, kb: KnowledgeBase) -> int:
    if not path.is_file():
        console.usage_error(f"{path}: no such report")
        return 2
    result = verify_report(path, kb)
    for problem in result.problems:
        console.stderr.print(f"{path}:{problem.line}: {problem.reason}", markup=False)
        console.stderr.print(f"    {problem.text.strip()}", markup=False)
    verdict = "ok" if result.ok else f"{len(result.problems)} problems"
    console.stderr.print(f"{path}: {result.claims} cited lines checked, {verdict}", markup=False)
    return 0 if result.ok else 1


@app.command()
def report(  # noqa: PLR0917 - Typer reads the options from this signature
    db: DbPath = None,
    period: Annotated[
        str | None, typer.Option(help="The period: a month (2025-11), a quarter (2025-Q4) or a year (2025).")
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="From this day, month or year (instead of --period).")
    ] = None,
    until: Annotated[str | None, typer.Option(help="To this day, month or year (inclusive).")] = None,
    lang: Annotated[str, typer.Option("--lang", help="ko (default) or en.")] = "ko",
    out: Annotated[Path, typer.Option("--out", help="Folder for report.md, report.html and charts.")] = Path(
        "report"
    ),
    verify: Annotated[
        Path | None,
        typer.Option("--verify", help="Check a written report.md against its cited evidence instead."),
    ] = None,
    kb: KbFiles = None,
) -> None:
    """Write the cited trend report of a period (Markdown with front matter, self-contained HTML, charts)."""
    knowledge = _load_kb(kb)
    if verify is not None:
        raise typer.Exit(_verify(verify, knowledge))
    if lang not in ("ko", "en"):
        console.usage_error(f"--lang {lang}: use ko or en")
        raise typer.Exit(2)
    chosen = _period(period, since, until)
    with open_store(db, readonly=True) as store:
        try:
            files = write_period_report(store, chosen, out, lang=lang, kb=knowledge)
        except (StackwatchError, OSError) as exc:
            console.usage_error(f"{out}: {exc}")
            raise typer.Exit(1) from exc
    console.stdout.print(str(files.markdown), markup=False)
    console.stdout.print(str(files.html), markup=False)
