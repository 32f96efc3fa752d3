"""Commands that read the record for a person: `search` (ranked sentences) and `ask` (a cited answer)."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from stackwatch.cli import console
from stackwatch.cli.app import app
from stackwatch.errors import StackwatchError
from stackwatch.kb import KnowledgeBase, load_knowledge_base
from stackwatch.nlp.korean import KoreanAnalyzer
from stackwatch.records import EVENT_TYPES, LAYERS
from stackwatch.search import Answer, SearchHit, ask, search
from stackwatch.store import Store, default_path

DbPath = Annotated[
    Path | None,
    typer.Option("--db", envvar="STACKWATCH_DB", help="The store file (default: in your data folder)."),
]


def _open(db: Path | None) -> tuple[Store, KnowledgeBase]:
    """The store, read-only, with the same Kiwi user words as the index was built with."""
    try:
        kb = load_knowledge_base()
        korean = KoreanAnalyzer(a for e in kb.entities.values() for a in e.aliases)
        return Store.open(db or default_path(), readonly=True, korean=korean), kb
    except StackwatchError as exc:
        console.usage_error(str(exc))
        raise typer.Exit(2) from exc


@app.command("search")
def search_command(  # noqa: PLR0917 - Typer reads the options from this signature
    query: Annotated[str, typer.Argument(help="Words and names, Korean or English (코어위브 부채).")],
    db: DbPath = None,
    since: Annotated[str | None, typer.Option(help="Documents dated on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Documents dated on or before (YYYY-MM-DD).")] = None,
    layer: Annotated[
        str | None, typer.Option(help="model, application, enterprise, infrastructure, frontier.")
    ] = None,
    kind: Annotated[
        str | None, typer.Option("--type", help="Sentences an event of this type was read from.")
    ] = None,
    source: Annotated[str | None, typer.Option(help="A site, a document name or part of a URL.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many sentences.", min=1)] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="A JSON array instead of a table.")] = False,
) -> None:
    """Sentences that best match a query (BM25 over Korean morphemes, names and synonyms)."""
    if layer and layer not in LAYERS:
        console.usage_error(f"--layer must be one of {', '.join(LAYERS)}")
        raise typer.Exit(2)
    if kind and kind not in EVENT_TYPES:
        console.usage_error(f"--type must be one of {', '.join(EVENT_TYPES)}")
        raise typer.Exit(2)
    store, kb = _open(db)
    with store:
        try:
            hits = search(
                store,
                query,
                since=since,
                until=until,
                layer=layer,
                event_type=kind,
                source=source,
                limit=limit,
                kb=kb,
            )
        except StackwatchError as exc:
            console.usage_error(str(exc))
            raise typer.Exit(1) from exc
    if as_json:
        sys.stdout.write(
            json.dumps([dataclasses.asdict(h) for h in hits], ensure_ascii=False, indent=2) + "\n"
        )
        return
    _print_hits(hits)


def _print_hits(hits: list[SearchHit]) -> None:
    out = console.stdout
    if not hits:
        out.print("no matching sentences", markup=False)
        return
    table = Table(title=f"{len(hits)} sentences", show_lines=False)
    for column in ("#", "date", "doc", "sentence"):
        table.add_column(column, overflow="fold")
    for rank, hit in enumerate(hits, start=1):
        table.add_row(str(rank), hit.published or "", hit.doc, hit.sentence)
    out.print(table)
    documents: dict[str, list[SearchHit]] = {}
    for hit in hits:
        documents.setdefault(hit.doc, []).append(hit)
    out.print("documents:", markup=False)
    for doc, found in documents.items():
        first = found[0]
        where = first.url or doc
        out.print(f"  {first.published or '?'}  {first.title or doc}  ({len(found)})  {where}", markup=False)


@app.command("ask")
def ask_command(
    question: Annotated[
        str, typer.Argument(help="A question in Korean or English (코어위브 부채는 얼마인가?).")
    ],
    db: DbPath = None,
    as_json: Annotated[bool, typer.Option("--json", help="The answer and its citations as JSON.")] = False,
    llm: Annotated[
        str | None,
        typer.Option(
            "--llm", help="An OpenAI-compatible endpoint (…/v1) to phrase the answer from its evidence."
        ),
    ] = None,
    model: Annotated[str, typer.Option(help="The model name sent to --llm.")] = "default",
) -> None:
    """Answer a question from the record, then list the sentences it rests on; says so when
    the record does not hold the answer (exit 1)."""
    store, kb = _open(db)
    with store:
        try:
            answer = ask(store, question, kb=kb, llm_url=llm, llm_model=model)
        except StackwatchError as exc:
            console.usage_error(str(exc))
            raise typer.Exit(1) from exc
    if as_json:
        sys.stdout.write(json.dumps(answer_record(answer), ensure_ascii=False, indent=2) + "\n")
    else:
        _print_answer(answer)
    raise typer.Exit(0 if answer.found else 1)


def answer_record(answer: Answer) -> dict[str, Any]:
    """An answer as JSON (`stackwatch ask --json`)."""
    return dataclasses.asdict(answer)


def _print_answer(answer: Answer) -> None:
    out = console.stdout
    out.print(answer.text, markup=False)
    if not answer.citations:
        return
    out.print("", markup=False)
    out.print("출처:" if answer.language == "ko" else "Sources:", markup=False)
    for number, citation in enumerate(answer.citations, start=1):
        where = citation.url or citation.doc
        out.print(f"[{number}] {citation.doc} ({citation.published or '?'}) {where}", markup=False)
        out.print(f"    “{citation.evidence}”", markup=False)
