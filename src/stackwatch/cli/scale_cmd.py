"""`extract` at scale: `--workers N`, `--out DIR`, `--engine ray [--address ADDR]`.

`extract` calls `run_scaled_extract` when one of those options is given. Without `--out`,
records print as with plain `extract` (in input order, from N processes); with `--out`,
they go to Parquet shards under DIR (see `stackwatch.scale`) and stderr gets one line per
failure and a summary: `412 documents written to out (3 failed)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from stackwatch.cli import console
from stackwatch.errors import ConfigError, StackwatchError
from stackwatch.extract import document_record
from stackwatch.pipeline import Failure
from stackwatch.scale import RunSummary, extract_parallel, extract_with_ray, write_parallel

ENGINES = ("local", "ray")


def run_scaled_extract(
    paths: Sequence[Path],
    *,
    engine: str,
    address: str | None,
    workers: int,
    out: Path | None,
    kb_files: Sequence[Path] | None,
    max_bytes: int,
    jsonl: bool,
    quiet: bool,
) -> int:
    """Run `extract` with more than one process or into Parquet; the exit status (0, 1 or 2)."""
    problem = _usage_problem(engine=engine, address=address, workers=workers, out=out, jsonl=jsonl)
    if problem:
        console.usage_error(problem)
        return 2
    kb = tuple(kb_files or ())
    try:
        if out is None:
            return _print_records(
                paths, workers=workers, kb_files=kb, max_bytes=max_bytes, jsonl=jsonl, quiet=quiet
            )
        if engine == "ray":
            summary = extract_with_ray(
                paths,
                out,
                address=address,
                num_cpus=workers if workers > 1 else None,
                kb_files=kb,
                max_bytes=max_bytes,
                show_progress=not quiet and console.stderr.is_terminal,
            )
        else:
            summary = write_parallel(paths, out, workers=workers, kb_files=kb, max_bytes=max_bytes)
    except ConfigError as exc:
        console.usage_error(str(exc))
        return 2
    except ImportError as exc:
        if exc.name != "ray" and not (exc.name or "").startswith("ray."):
            raise
        console.usage_error("--engine ray needs Ray: pip install 'stackwatch[ray]'")
        return 2
    except StackwatchError as exc:  # the run itself could not go on (worker processes kept dying)
        console.error_line(Failure(exc.source, exc.message))
        return 1
    return _report(summary, out, quiet=quiet)


def _usage_problem(
    *, engine: str, address: str | None, workers: int, out: Path | None, jsonl: bool
) -> str | None:
    if engine not in ENGINES:
        return f"--engine {engine}: not an engine; use {' or '.join(ENGINES)}"
    if workers < 1:
        return f"--workers {workers}: needs at least 1"
    if engine == "ray" and out is None:
        return "--engine ray writes Parquet shards: give --out DIR"
    if address and engine != "ray":
        return "--address is the address of a Ray cluster: add --engine ray"
    if jsonl and out is not None:
        return "--jsonl prints records and --out writes them to DIR: choose one"
    return None


def _print_records(
    paths: Sequence[Path],
    *,
    workers: int,
    kb_files: tuple[Path, ...],
    max_bytes: int,
    jsonl: bool,
    quiet: bool,
) -> int:
    """Records (or summaries) on stdout in input order, one line per failure on stderr."""
    done = failed = 0
    for outcome in extract_parallel(paths, workers=workers, kb_files=kb_files, max_bytes=max_bytes):
        if isinstance(outcome, Failure):
            failed += 1
            console.error_line(outcome)
        elif jsonl:
            done += 1
            console.write_jsonl(document_record(outcome))
        else:
            done += 1
            console.print_facts(outcome)
    if not quiet and (failed or not jsonl):
        console.print_summary_line(done, failed)
    return 1 if failed else 0


def _report(summary: RunSummary, out: Path, *, quiet: bool) -> int:
    for failure in summary.failures:
        console.error_line(failure)
    if not quiet:
        skipped = f", {summary.skipped} already there" if summary.skipped else ""
        console.stderr.print(
            f"{summary.written} documents written to {out} ({summary.failed} failed{skipped})", markup=False
        )
    return 1 if summary.failed else 0
