"""Extraction on a Ray cluster (or on this machine's cores through a local Ray), into Parquet.

    driver   list the articles (files; JSON Lines shards split into their lines), drop
             those already in OUT, put them into Ray's object store in small blocks
    actors   `map_batches(_ExtractBatch)`: a pool of actors, each loading its Extractor
             once, extracting a batch and writing the batch's shards (see `shards.py`)
    driver   read each batch's summary: counts, and the failures to report

Why the actors write the shards rather than a `write_parquet` at the end: a batch's
shards are named after the documents in it and replaced atomically, so a task Ray runs
again after its worker died rewrites the same files. Every document is written exactly
once, nothing is held until the end, and a run that stops half-way keeps what it wrote.

Ray is optional (`pip install 'stackwatch[ray]'`): it is imported inside
`extract_with_ray`, so the rest of the package never needs it. On a cluster, the input
is read by the driver, but OUT must be a folder every node can write to (NFS and the
like), and stackwatch must be installed on every node.
"""

from __future__ import annotations

import logging
import math
import shutil
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, fields
from itertools import chain, islice
from pathlib import Path
from typing import Any

import pyarrow as pa

from stackwatch.extract import Extractor
from stackwatch.ingest.decode import MAX_INPUT_BYTES
from stackwatch.kb import load_knowledge_base
from stackwatch.pipeline import Failure, Outcome
from stackwatch.scale.inputs import InputItem, extract_item, list_inputs
from stackwatch.scale.rows import TableRows
from stackwatch.scale.shards import (
    NotYetDone,
    RunSummary,
    batch_name,
    done_keys,
    prepare_out_dir,
    write_batch,
)

logger = logging.getLogger(__name__)

MAX_BATCH_DOCS = 256  # ~10 s of work per batch, one shard per table per batch (~400 files per 100k)
BATCHES_PER_WORKER = 4  # an input too small for this many full batches per worker is cut finer
DOC_DEATHS_LIMIT = 2  # a document its worker died on this often is skipped, not tried again
KILLED_WORKER = "worker process died {deaths} times extracting this document; skipped"
_ATTEMPTS = ".attempts"

_ITEM_FIELDS = [f.name for f in fields(InputItem)]
_ITEMS = pa.schema(
    [
        ("source", pa.string()),
        ("doc", pa.string()),
        ("content_hash", pa.string()),
        ("data", pa.binary()),
        ("fmt", pa.string()),
        ("error", pa.string()),
    ]
)
_SUMMARY = pa.schema(
    [
        ("doc", pa.string()),
        ("content_hash", pa.string()),
        ("source", pa.string()),
        ("ok", pa.bool_()),
        ("failure_source", pa.string()),
        ("message", pa.string()),
        ("internal", pa.bool_()),
    ]
)

ExtractorFactory = Callable[[], Extractor]


def extract_with_ray(
    inputs: Iterable[str | Path],
    out_dir: Path | str,
    *,
    address: str | None = None,
    num_cpus: int | None = None,
    kb_files: Sequence[Path] = (),
    max_bytes: int = MAX_INPUT_BYTES,
    show_progress: bool = False,
    extractor_factory: ExtractorFactory | None = None,
) -> RunSummary:
    """Extract every document under `inputs` into Parquet shards under `out_dir` with Ray Data.

    Without `address`, starts a local Ray on `num_cpus` cores (all by default); with one,
    joins that cluster (`"auto"`, or `"ray://head:10001"`). A Ray session already running
    in this process is used as it is. One actor per CPU (`num_cpus` of them when given).
    Documents already in `out_dir` are skipped; a failing document goes to `errors` and
    never fails the run. `extractor_factory` builds each actor's Extractor (default:
    `Extractor.load(kb_files)`); it must pickle.
    """
    import ray  # noqa: PLC0415 - Ray is optional: imported only when this engine runs

    out = Path(out_dir).resolve()  # the actors' working folder is not ours
    prepare_out_dir(out)
    shutil.rmtree(out / _ATTEMPTS, ignore_errors=True)  # left by a run that was stopped
    if kb_files:
        load_knowledge_base(kb_files)  # a bad --kb file is a usage error here, not dead actors
    todo = NotYetDone(list_inputs(inputs, max_bytes=max_bytes), done_keys(out))
    items = iter(todo)
    first = next(items, None)
    if first is None:
        return RunSummary(out, 0, skipped=todo.skipped)  # nothing to do: no need to start Ray
    started_here = not ray.is_initialized()
    if started_here:
        _start_ray(address=address, num_cpus=num_cpus)
    try:
        resources: dict[str, float] = ray.cluster_resources()  # type: ignore[no-untyped-call]
        workers = num_cpus or max(1, int(resources.get("CPU", 1)))
        # Read ahead enough to know whether full batches give every worker a few of them;
        # when the input is smaller, cut it finer (and start no more actors than batches).
        lookahead = workers * BATCHES_PER_WORKER * MAX_BATCH_DOCS
        head = [first, *islice(items, lookahead - 1)]
        batch = MAX_BATCH_DOCS
        if len(head) < lookahead:
            batch = max(1, math.ceil(len(head) / (workers * BATCHES_PER_WORKER)))
            workers = min(workers, math.ceil(len(head) / batch))
        refs, sent = _put_items(chain(head, items), batch)
        actor_args = {
            "out_dir": str(out),
            "kb_files": [str(p) for p in kb_files],
            "extractor_factory": extractor_factory,
        }
        written, failures, seen = _run_actors(refs, actor_args, batch, workers, show_progress)
    finally:
        if started_here:
            ray.shutdown()
    if seen != sent:  # pragma: no cover - Ray returns every row of every batch
        raise RuntimeError(f"Ray returned {seen} summaries for {sent} documents")
    return RunSummary(out, written, tuple(failures), skipped=todo.skipped)


def _run_actors(
    refs: list[Any], actor_args: dict[str, Any], batch: int, workers: int, show_progress: bool
) -> tuple[int, list[Failure], int]:
    """`map_batches` over the blocks with a pool of `workers` actors; the summaries read back."""
    import ray.data  # noqa: PLC0415 - Ray is optional

    context = ray.data.DataContext.get_current()
    saved, context.enable_progress_bars = context.enable_progress_bars, show_progress
    try:
        dataset = ray.data.from_arrow_refs(refs).map_batches(
            _ExtractBatch,
            batch_size=batch,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=workers),
            num_cpus=1,
            fn_constructor_kwargs=actor_args,
        )
        # Ray Data's defaults for an actor pool: a dead actor is replaced and its batch run
        # again, without limit; `_Attempts` keeps a document that always kills it from looping.
        return _read_summaries(dataset.iter_batches(batch_format="pyarrow"))
    finally:
        context.enable_progress_bars = saved


def _start_ray(*, address: str | None, num_cpus: int | None) -> None:
    import ray  # noqa: PLC0415 - Ray is optional

    if address:
        ray.init(address=address, log_to_driver=False)
    else:
        ray.init(num_cpus=num_cpus, include_dashboard=False, ignore_reinit_error=True, log_to_driver=False)


def _put_items(items: Iterable[InputItem], block_docs: int) -> tuple[list[Any], int]:
    """The items as Arrow blocks of one batch each in the object store, and how many.

    Blocks go to the store as they fill, so the driver holds one block of article text at a
    time; a block is one batch, so a task Ray runs again gets the same documents.
    """
    import ray  # noqa: PLC0415 - Ray is optional

    # Object refs of Arrow tables; typed Any because Ray's `put` and `from_arrow_refs` annotate
    # two different ObjectRef classes.
    refs: list[Any] = []
    sent = 0
    for block in _chunks(items, block_docs):
        refs.append(ray.put(pa.Table.from_pylist([asdict(item) for item in block], schema=_ITEMS)))
        sent += len(block)
    return refs, sent


def _chunks(items: Iterable[InputItem], size: int) -> Iterator[list[InputItem]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _read_summaries(batches: Iterable[pa.Table]) -> tuple[int, list[Failure], int]:
    written, failures, seen = 0, [], 0
    for batch in batches:
        for row in batch.to_pylist():
            seen += 1
            if row["ok"]:
                written += 1
            else:
                failures.append(Failure(row["failure_source"], row["message"], internal=row["internal"]))
    return written, failures, seen


class _Attempts:
    """The documents of one batch that a worker started, so a document that kills its
    worker every time (a crash in native code) is found and skipped, not retried forever.

    Before each document the actor appends its index to `OUT/.attempts/<batch>.log`. A
    finished batch deletes its log, so each run of indices in a log found at the start is an
    attempt that died, and its last index is the document it died on.
    """

    def __init__(self, out_dir: Path, batch: str) -> None:
        self._path = out_dir / _ATTEMPTS / f"{batch}.log"
        self._path.parent.mkdir(parents=True, exist_ok=True)
        self.deaths: Counter[int] = Counter()
        if self._path.exists():
            started = [int(line) for line in self._path.read_text(encoding="ascii").split()]
            for index, following in zip(started, [*started[1:], -1], strict=True):
                if following <= index:  # the attempt ended here: its worker died on `index`
                    self.deaths[index] += 1

    def start(self, index: int) -> None:
        with self._path.open("a", encoding="ascii") as log:  # closed: in the kernel's hands, so it
            log.write(f"{index}\n")  # survives the death of this process

    def finish(self) -> None:
        self._path.unlink(missing_ok=True)


class _ExtractBatch:
    """The Ray Data UDF: one Extractor per actor, loaded once; one batch → its shards + summary."""

    def __init__(
        self, *, out_dir: str, kb_files: list[str], extractor_factory: ExtractorFactory | None
    ) -> None:
        self._out_dir = Path(out_dir)
        if extractor_factory is None:
            self._extractor = Extractor.load([Path(p) for p in kb_files])
        else:
            self._extractor = extractor_factory()

    def __call__(self, batch: pa.Table) -> pa.Table:
        items = [InputItem(**{name: row[name] for name in _ITEM_FIELDS}) for row in batch.to_pylist()]
        name = batch_name(item.key for item in items)
        attempts = _Attempts(self._out_dir, name)
        rows = TableRows()
        summary = []
        for index, item in enumerate(items):
            if attempts.deaths[index] >= DOC_DEATHS_LIMIT:
                outcome: Outcome = Failure(
                    item.source, KILLED_WORKER.format(deaths=attempts.deaths[index]), internal=True
                )
            else:
                attempts.start(index)
                outcome = extract_item(item, self._extractor)
            rows.add(outcome, doc=item.doc, content_hash=item.content_hash)
            summary.append(_summary_row(item, outcome))
        write_batch(rows, self._out_dir, name)
        attempts.finish()
        return pa.Table.from_pylist(summary, schema=_SUMMARY)


def _summary_row(item: InputItem, outcome: Outcome) -> dict[str, Any]:
    failure = outcome if isinstance(outcome, Failure) else None
    return {
        "doc": item.doc,
        "content_hash": item.content_hash,
        "source": item.source,
        "ok": failure is None,
        "failure_source": failure.source if failure else None,
        "message": failure.message if failure else None,
        "internal": failure.internal if failure else False,
    }
