"""The `stackwatch` command line (Typer). Commands stay thin: parse options, call the
pipeline, hand records and errors to `console`. Exit 0 when every input was done, 1 when
some failed, 2 on a usage error."""

from __future__ import annotations

import tempfile
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer

from stackwatch.analyze import Period
from stackwatch.cli import console
from stackwatch.cli.app import app
from stackwatch.cli.options import Debug, KbFiles, MaxBytes, Quiet, Verbose, Workers
from stackwatch.cli.store_cmd import load_extractor
from stackwatch.errors import StackwatchError
from stackwatch.extract import Extractor, document_record
from stackwatch.ingest import expand_paths
from stackwatch.ingest.decode import MAX_INPUT_BYTES as DEFAULT_MAX_BYTES
from stackwatch.pipeline import Failure, run_batch
from stackwatch.store import Store, analytics


@app.command()
def extract(  # noqa: PLR0917 - Typer reads the options from this signature
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders (.txt .md .html .jsonl).")],
    jsonl: Annotated[bool, typer.Option("--jsonl", help="Print one SCHEMA.md record per document.")] = False,
    kb: KbFiles = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
    workers: Workers = 1,
    engine: Annotated[str, typer.Option(help="local (default) or ray (Ray Data; needs --out).")] = "local",
    address: Annotated[
        str | None, typer.Option(help="With --engine ray: join this Ray cluster (default: start one here).")
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Write Parquet shards of documents, entities, amounts, events here.")
    ] = None,
    verbose: Verbose = 0,
    quiet: Quiet = False,
    debug: Debug = False,
) -> None:
    """Extract entities, amounts, events, layers and signals from articles."""
    console.configure_logging(verbose=verbose, quiet=quiet, debug=debug)
    if workers > 1 or engine != "local" or out is not None or address is not None:
        from stackwatch.cli.scale_cmd import run_scaled_extract  # noqa: PLC0415 - Arrow only when asked

        code = run_scaled_extract(
            paths,
            engine=engine,
            address=address,
            workers=workers,
            out=out,
            kb_files=kb,
            max_bytes=max_bytes,
            jsonl=jsonl,
            quiet=quiet,
        )
        raise typer.Exit(code)
    raise typer.Exit(_extract_paths(paths, jsonl=jsonl, kb_files=kb, max_bytes=max_bytes, quiet=quiet))


@app.command()
def demo(
    jsonl: Annotated[bool, typer.Option("--jsonl", help="Print the records instead of a summary.")] = False,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Folder for the demo store and report (default: a new temporary folder)."),
    ] = None,
) -> None:
    """Run the engine on the bundled sample articles, print what it found, store it and write a report."""
    console.configure_logging(verbose=0, quiet=False, debug=False)
    folder_out = out or Path(tempfile.mkdtemp(prefix="stackwatch-demo-"))
    extractor = load_extractor(None)
    samples = resources.files("stackwatch").joinpath("samples")
    try:
        folder_out.mkdir(parents=True, exist_ok=True)
        store = Store.open(folder_out / "demo.db", korean=extractor.korean)
    except (StackwatchError, OSError) as exc:
        console.usage_error(f"{folder_out}: {exc}")
        raise typer.Exit(2) from exc
    with store, resources.as_file(samples) as folder:
        code = _extract_paths(
            [Path(folder)],
            jsonl=jsonl,
            kb_files=None,
            max_bytes=DEFAULT_MAX_BYTES,
            quiet=False,
            extractor=extractor,
            store=store,
        )
        _write_demo_report(store, extractor, folder_out / "report")
    raise typer.Exit(code)


def _write_demo_report(store: Store, extractor: Extractor, out: Path) -> None:
    """The report of the month with the most sample articles; its paths go to stderr (stdout holds data)."""
    from stackwatch.cli.report_cmd import write_period_report  # noqa: PLC0415 - registered below

    months = analytics.document_months(store)
    if not months:
        return
    month = max(months, key=lambda m: (m[1], m[0]))[0]
    files = write_period_report(store, Period.parse(month), out, lang="ko", kb=extractor.kb)
    console.stderr.print(f"store: {store.path}", markup=False)
    console.stderr.print(f"report for {month}: {files.markdown} and {files.html}", markup=False)


def _extract_paths(
    paths: list[Path],
    *,
    jsonl: bool,
    kb_files: list[Path] | None,
    max_bytes: int,
    quiet: bool,
    extractor: Extractor | None = None,
    store: Store | None = None,
) -> int:
    """Run the batch, print records (or summaries) and one line per failure; the exit status.

    With a `store`, each document's facts are also stored (the demo).
    """
    extractor = extractor or load_extractor(kb_files)
    done = failed = 0
    total = sum(1 for p in expand_paths(paths) if isinstance(p, Path))
    with console.progress(total, label="extracting") as advance:
        for outcome in run_batch(paths, extractor, max_bytes=max_bytes, on_progress=advance):
            if isinstance(outcome, Failure):
                failed += 1
                console.error_line(outcome)
                continue
            done += 1
            if store is not None:
                store.add(outcome)
            if jsonl:
                console.write_jsonl(document_record(outcome))
            else:
                console.print_facts(outcome)
    if not quiet and (failed or not jsonl):
        console.print_summary_line(done, failed)
    return 1 if failed else 0


def main() -> None:
    app()


# Every other command lives in a module of its own and registers itself on `app`.
from stackwatch.cli import (  # noqa: E402
    report_cmd,  # noqa: F401
    search_cmd,  # noqa: F401
    serve_cmd,  # noqa: F401
    store_cmd,  # noqa: F401
)

if __name__ == "__main__":
    main()
