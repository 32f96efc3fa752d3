"""Commands over the store: ingest, deals, entity, export (watch lives beside ingest)."""

from __future__ import annotations

import csv
import json
import re
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from stackwatch.cli import console
from stackwatch.cli.app import app
from stackwatch.cli.options import Debug, KbFiles, MaxBytes, Quiet, Verbose, Workers
from stackwatch.collect import IngestSummary, ingest_files, ingest_urls, is_url, store_outcomes
from stackwatch.errors import StackwatchError
from stackwatch.extract import Extractor
from stackwatch.fetch import Fetcher
from stackwatch.ingest import expand_paths
from stackwatch.ingest.decode import MAX_INPUT_BYTES as DEFAULT_MAX_BYTES
from stackwatch.pipeline import Failure
from stackwatch.records import DocumentFacts
from stackwatch.store import Added, DealFilter, Store, default_path, queries
from stackwatch.store.export import FORMATS, export

DbPath = Annotated[
    Path | None,
    typer.Option("--db", envvar="STACKWATCH_DB", help="The store file (default: in your data folder)."),
]


def open_store(db: Path | None, *, readonly: bool = False, extractor: Extractor | None = None) -> Store:
    """The store at `db` (or the default), or exit 2 with one line saying why not."""
    try:
        return Store.open(
            db or default_path(), readonly=readonly, korean=extractor.korean if extractor else None
        )
    except StackwatchError as exc:
        console.usage_error(str(exc))
        raise typer.Exit(2) from exc


def load_extractor(kb_files: list[Path] | None) -> Extractor:
    try:
        return Extractor.load(kb_files or ())
    except StackwatchError as exc:
        console.usage_error(str(exc))
        raise typer.Exit(2) from exc


@app.command()
def ingest(  # noqa: PLR0917 - Typer reads the options from this signature
    sources: Annotated[
        list[str] | None, typer.Argument(help="Files, folders, article URLs or RSS/Atom feed URLs.")
    ] = None,
    db: DbPath = None,
    kb: KbFiles = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    workers: Workers = 1,
    from_parquet: Annotated[
        list[Path] | None,
        typer.Option("--from-parquet", help="Store the output folder of `extract --out` (repeatable)."),
    ] = None,
    verbose: Verbose = 0,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Read sources, extract their facts and keep them in the store (repeats change nothing)."""
    console.configure_logging(verbose=verbose, quiet=quiet, debug=debug)
    if not sources and not from_parquet:
        console.usage_error("nothing to ingest: give files, folders, URLs or --from-parquet DIR")
        raise typer.Exit(2)
    extractor = load_extractor(kb)
    summary = IngestSummary()
    files = [s for s in sources or () if not is_url(s)]
    urls = [s for s in sources or () if is_url(s)]
    with open_store(db, extractor=extractor) as store:
        total = sum(1 for p in expand_paths(files) if isinstance(p, Path)) + len(urls)
        try:
            with console.progress(total, label="ingesting") as advance:
                stored = _stored_files(store, files, extractor, workers=workers, kb=kb, max_bytes=max_bytes)
                for outcome in stored:
                    _count(summary, outcome)
                if urls:
                    for outcome in ingest_urls(store, urls, extractor, on_progress=advance):
                        _count(summary, outcome)
                for folder in from_parquet or ():
                    for outcome in store_outcomes(store, _parquet_facts(folder)):
                        _count(summary, outcome)
        except StackwatchError as exc:
            console.usage_error(str(exc))
            console.stderr.print(summary.line() + " (stopped)", markup=False)
            raise typer.Exit(1) from exc
    if not quiet:
        console.stderr.print(summary.line(), markup=False)
    raise typer.Exit(1 if summary.failed else 0)


def _stored_files(
    store: Store,
    files: list[str],
    extractor: Extractor,
    *,
    workers: int,
    kb: list[Path] | None,
    max_bytes: int,
) -> Iterator[Added | Failure]:
    """Files extracted here (or by `workers` processes, in input order) and stored here."""
    if workers == 1:
        yield from ingest_files(store, files, extractor, max_bytes=max_bytes)
        return
    from stackwatch.scale import extract_parallel  # noqa: PLC0415 - processes only when asked

    outcomes = extract_parallel(files, workers=workers, kb_files=kb or (), max_bytes=max_bytes)
    yield from store_outcomes(store, outcomes)


def _parquet_facts(folder: Path) -> Iterator[DocumentFacts | Failure]:
    if not (folder / "documents").is_dir():
        yield Failure(str(folder), "not an `extract --out` folder (no documents/ inside); skipped")
        return
    from stackwatch.scale.rows import read_facts  # noqa: PLC0415 - Arrow only when asked

    yield from read_facts(folder)


def _count(summary: IngestSummary, outcome: Any) -> None:
    summary.count(outcome)
    if isinstance(outcome, Failure):
        console.error_line(outcome)


@app.command()
def watch(  # noqa: PLR0917 - Typer reads the options from this signature
    feeds: Annotated[list[str], typer.Argument(help="RSS/Atom feed URLs (or article URLs) to poll.")],
    every: Annotated[str, typer.Option(help="How often to poll: 30m, 1h, 90s.")] = "30m",
    rounds: Annotated[int, typer.Option(help="Stop after this many rounds (0: until Ctrl-C).", min=0)] = 0,
    db: DbPath = None,
    kb: KbFiles = None,
    verbose: Verbose = 0,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Poll feeds until stopped, storing new articles; asks only for changes (ETag, Last-Modified)."""
    console.configure_logging(verbose=verbose, quiet=quiet, debug=debug)
    try:
        seconds = parse_interval(every)
    except ValueError as exc:
        console.usage_error(f"--every: {exc}")
        raise typer.Exit(2) from exc
    bad = [f for f in feeds if not is_url(f)]
    if bad:
        console.usage_error(f"{bad[0]}: not an http(s) URL")
        raise typer.Exit(2)
    extractor = load_extractor(kb)
    done = 0
    with open_store(db, extractor=extractor) as store, Fetcher() as fetcher:
        try:
            while True:
                summary = IngestSummary()
                for outcome in ingest_urls(store, feeds, extractor, fetcher=fetcher):
                    _count(summary, outcome)
                done += 1
                if not quiet:
                    stamp = datetime.now().strftime("%H:%M:%S")
                    console.stderr.print(f"{stamp} {summary.line()}", markup=False)
                if rounds and done >= rounds:
                    break
                time.sleep(seconds)
        except KeyboardInterrupt:
            console.stderr.print("stopped; everything stored so far is kept", markup=False)
        except StackwatchError as exc:
            console.usage_error(str(exc))
            raise typer.Exit(1) from exc


def parse_interval(text: str) -> float:
    """`30m`, `1h`, `90s`, `2h30m` → seconds (at least one second)."""
    parts = re.fullmatch(r"\s*(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+)s?)?\s*", text.lower())
    if not parts or not any(parts.groups()):
        raise ValueError(f"cannot read {text!r}; use for example 30m, 1h or 90s")
    hours, minutes, seconds = (int(g) if g else 0 for g in parts.groups())
    total = hours * 3600 + minutes * 60 + seconds
    if total < 1:
        raise ValueError("the interval must be at least one second")
    return float(total)


@app.command()
def deals(  # noqa: PLR0917 - Typer reads the options from this signature
    db: DbPath = None,
    since: Annotated[str | None, typer.Option(help="First reported on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="First reported on or before (YYYY-MM-DD).")] = None,
    month: Annotated[str | None, typer.Option(help="First reported in this month (YYYY-MM).")] = None,
    kind: Annotated[list[str] | None, typer.Option("--type", help="Event type (repeatable).")] = None,
    layer: Annotated[str | None, typer.Option(help="model, application, enterprise, ...")] = None,
    signal: Annotated[str | None, typer.Option(help="capex, chips, power, ...")] = None,
    entity: Annotated[str | None, typer.Option(help="Deals of this company or person.")] = None,
    min_usd: Annotated[float | None, typer.Option("--min-usd", help="At least this many US dollars.")] = None,
    conflicts: Annotated[
        bool, typer.Option("--conflicts", help="Only deals whose sources disagree.")
    ] = False,
    limit: Annotated[int | None, typer.Option(help="At most this many deals.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="A JSON array instead of a table.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="CSV instead of a table.")] = False,
) -> None:
    """Deals in the store, one per real-world deal, with every source that reported it."""
    if month:
        since, until = f"{month}-01", f"{month}-31"
    where = DealFilter(
        since=since,
        until=until,
        types=tuple(kind or ()),
        layer=layer,
        signal=signal,
        entity=entity,
        min_usd=min_usd,
        conflicts_only=conflicts,
        limit=limit,
    )
    with open_store(db, readonly=True) as store:
        try:
            found = queries.deals(store, where)
        except StackwatchError as exc:
            console.usage_error(str(exc))
            raise typer.Exit(2) from exc
    records = [queries.deal_record(d) for d in found]
    if as_json:
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    elif as_csv:
        _write_deals_csv(records)
    else:
        _print_deals_table(records)


def _actors(record: dict[str, Any]) -> str:
    return ", ".join(f"{a['name']} ({a['role']})" for a in record["actors"])


def _amount_text(amount: dict[str, Any] | None) -> str:
    if not amount:
        return ""
    usd = amount.get("usd")
    text = str(amount.get("text") or "")
    if usd and amount.get("currency") != "USD":
        return f"{text} ≈ ${usd / 1e9:,.2f}B" if usd >= 1e8 else f"{text} ≈ ${usd:,.0f}"
    return text


def _write_deals_csv(records: list[dict[str, Any]]) -> None:
    writer = csv.writer(sys.stdout)
    writer.writerow(
        ["id", "type", "actors", "amount", "usd", "status", "first_reported", "sources", "conflict"]
    )
    for r in records:
        amount = r["amount"] or {}
        writer.writerow(
            [
                r["id"],
                r["type"],
                _actors(r),
                amount.get("text", ""),
                amount.get("usd", ""),
                r["status"],
                r["first_reported"] or "",
                " | ".join(s["url"] or s["doc"] for s in r["sources"]),
                "yes" if r["conflict"] else "",
            ]
        )


def _print_deals_table(records: list[dict[str, Any]]) -> None:
    table = Table(title=f"{len(records)} deals", show_lines=False)
    for column in ("reported", "type", "actors", "amount", "status", "sources", "conflict"):
        table.add_column(column, overflow="fold")
    for r in records:
        table.add_row(
            r["first_reported"] or "",
            r["type"],
            _actors(r),
            _amount_text(r["amount"]),
            r["status"],
            str(len(r["sources"])),
            "⚠ " + (r["conflict_note"] or "") if r["conflict"] else "",
        )
    console.stdout.print(table)


@app.command("entity")
def entity_command(
    name: Annotated[str, typer.Argument(help="A name, alias or id (코어위브, CoreWeave, coreweave).")],
    db: DbPath = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of text.")] = False,
) -> None:
    """An entity's profile: aliases, layers, timeline of deals, counterparties, money in and out."""
    with open_store(db, readonly=True) as store:
        profile = queries.entity_profile(store, name)
    if profile is None:
        console.usage_error(f"no entity called {name!r} in the store")
        raise typer.Exit(1)
    record = queries.profile_record(profile)
    timeline = record["timeline"]
    if as_json:
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        return
    out = console.stdout
    out.print(f"[bold]{profile.entity.name}[/bold] ({profile.entity.type}, {profile.entity.country or '?'})")
    if profile.entity.aliases:
        out.print("aliases: " + ", ".join(profile.entity.aliases), markup=False)
    if profile.entity.layers:
        out.print("layers: " + ", ".join(profile.entity.layers), markup=False)
    out.print(
        f"{profile.mentions} mentions in {profile.documents} documents"
        f" ({profile.first_seen or '?'} – {profile.last_seen or '?'})",
        markup=False,
    )
    out.print(f"money in: ${profile.usd_in:,.0f}   money out: ${profile.usd_out:,.0f}", markup=False)
    if profile.counterparties:
        out.print(
            "counterparties: " + ", ".join(f"{c.name} ({c.deals})" for c in profile.counterparties[:12]),
            markup=False,
        )
    _print_deals_table(timeline)


@app.command("export")
def export_command(
    out: Annotated[Path, typer.Argument(help="Folder to write documents, entities, events and deals into.")],
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
    db: DbPath = None,
) -> None:
    """Write the store's documents, entities, events and deals as JSON Lines, CSV or Parquet."""
    if fmt not in FORMATS:
        console.usage_error(f"--format must be one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    with open_store(db, readonly=True) as store:
        try:
            counts = export(store, fmt, out)
        except StackwatchError as exc:
            console.usage_error(str(exc))
            raise typer.Exit(1) from exc
    console.stderr.print(
        ", ".join(f"{n} {name}" for name, n in counts.items()) + f" written to {out}", markup=False
    )
