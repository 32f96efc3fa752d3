"""The only place that turns records and errors into terminal output.

stdout carries data (JSON Lines, tables); stderr carries logs, progress bars and
one-line errors, so `stackwatch extract --jsonl news/ > facts.jsonl` stays clean.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from stackwatch.extract import document_record
from stackwatch.pipeline import Failure
from stackwatch.records import DocumentFacts

stderr = Console(stderr=True, highlight=False, soft_wrap=True)
stdout = Console(highlight=False, soft_wrap=True)
PROGRESS_MIN_INPUTS = 20  # below this a bar flickers more than it tells


def configure_logging(*, verbose: int, quiet: bool, debug: bool) -> None:
    level = logging.DEBUG if debug or verbose > 1 else logging.INFO if verbose else logging.WARNING
    if quiet:
        level = logging.ERROR
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    if level > logging.DEBUG:  # trafilatura logs "discarding data: None" for every page it trims
        logging.getLogger("trafilatura").setLevel(logging.ERROR)


def error_line(failure: Failure) -> None:
    stderr.print(failure.line(), markup=False)


def usage_error(message: str) -> None:
    stderr.print(f"error: {message}", markup=False)


def write_jsonl(record: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def print_summary_line(done: int, failed: int) -> None:
    stderr.print(f"{done} extracted, {failed} failed", markup=False)


def print_facts(facts: DocumentFacts) -> None:
    """A short human summary of one document's record."""
    record = document_record(facts)
    stdout.print(f"[bold]{record['doc']}[/bold]  {record['published'] or '-'}  {record['language']}")
    if record["title"]:
        stdout.print(f"  {record['title']}", markup=False)
    names = ", ".join(e["name"] for e in record["entities"][:12])
    stdout.print(f"  entities ({len(record['entities'])}): {names}", markup=False)
    for event in record["events"][:8]:
        actors = ", ".join(f"{a['role']}={a['name']}" for a in event["actors"])
        money = f" {event['amount']['text']}" if event["amount"] else ""
        stdout.print(
            f"  - {event['type']}({actors}){money} [{event['status']}, {event['date']}]", markup=False
        )
    if len(record["events"]) > 8:
        stdout.print(f"  ... {len(record['events']) - 8} more events", markup=False)
    layers = record["layers"]
    stdout.print(
        f"  layer: {layers['primary']}  signals: {', '.join(record['signals']) or '-'}", markup=False
    )


@contextmanager
def progress(total: int, *, label: str) -> Iterator[Any]:
    """A Rich progress bar on stderr for long batches; a no-op callback otherwise."""
    if total < PROGRESS_MIN_INPUTS or not stderr.is_terminal:
        yield lambda _name: None
        return
    bar = Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=stderr,
        transient=True,
    )
    with bar:
        task = bar.add_task(label, total=total)
        yield lambda _name: bar.advance(task)
