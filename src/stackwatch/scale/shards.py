"""The output folder of a scaled run: Parquet shards per table, written whole or not at all.

    OUT/documents/part-<batch>.parquet
    OUT/entities/part-<batch>.parquet  ... amounts/, events/, errors/

A batch of documents is written as one shard per table. `<batch>` is a hash of the keys
of the documents in the batch, so writing the same batch twice (a Ray task retried after
its worker died) replaces its shards instead of adding a copy: every document is written
exactly once. Each shard is written to a hidden temporary file and then renamed into place,
so readers (DuckDB, Spark, `read_records`) never see half a shard.

A resumed run skips the inputs whose key is already in `documents`, or in `errors` for a
bad input (an internal error is tried again: the bug may have been fixed since).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from stackwatch.pipeline import Failure
from stackwatch.scale.inputs import InputItem
from stackwatch.scale.rows import TABLES, TableRows

Key = tuple[str, str]  # (doc, content_hash)


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What a run wrote to its output folder: documents, failures (with their lines), skips."""

    out_dir: Path
    written: int
    failures: tuple[Failure, ...] = ()
    skipped: int = 0  # already in the output folder from an earlier run

    @property
    def failed(self) -> int:
        return len(self.failures)


class NotYetDone:
    """The items whose key is not done yet; a key seen twice in one run counts once."""

    def __init__(self, items: Iterable[InputItem], done: set[Key]) -> None:
        self._items = items
        self._done = done
        self.skipped = 0

    def __iter__(self) -> Iterator[InputItem]:
        for item in self._items:
            if item.key in self._done:
                self.skipped += 1
                continue
            if item.content_hash:
                self._done.add(item.key)
            yield item


def batch_name(keys: Iterable[Key]) -> str:
    """A shard name fixed by the documents it holds."""
    digest = hashlib.sha1(usedforsecurity=False)
    for doc, content_hash in keys:
        digest.update(f"{doc}\0{content_hash}\n".encode("utf-8", "surrogatepass"))
    return f"part-{digest.hexdigest()[:20]}"


def write_batch(rows: TableRows, out_dir: Path, name: str) -> None:
    """Each non-empty table of the batch as `OUT/<table>/<name>.parquet`, atomically."""
    for table, data in rows.tables().items():
        folder = out_dir / table
        folder.mkdir(parents=True, exist_ok=True)
        final = folder / f"{name}.parquet"
        temporary = folder / f".{name}.{os.getpid()}.tmp"
        pq.write_table(data, temporary, compression="zstd")
        os.replace(temporary, final)


def prepare_out_dir(out_dir: Path) -> None:
    """Create the table folders (so readers find every table) and clear leftovers of a crash."""
    for table in TABLES:
        folder = out_dir / table
        folder.mkdir(parents=True, exist_ok=True)
        for leftover in folder.glob(".*.tmp"):
            leftover.unlink(missing_ok=True)


def done_keys(out_dir: Path) -> set[Key]:
    """The keys a resumed run skips: documents written, and inputs that failed as bad input."""
    keys = _keys(out_dir / "documents")
    keys |= _keys(out_dir / "errors", where_not="internal")
    return {key for key in keys if key[1]}  # a missing file has no hash: always reported again


def _keys(folder: Path, *, where_not: str | None = None) -> set[Key]:
    keys: set[Key] = set()
    columns = ["doc", "content_hash"] + ([where_not] if where_not else [])
    for shard in sorted(folder.glob("*.parquet")):
        table: pa.Table = pq.read_table(shard, columns=columns)
        if where_not:
            table = table.filter(pc.invert(table.column(where_not)))
        keys.update(
            zip(table.column("doc").to_pylist(), table.column("content_hash").to_pylist(), strict=True)
        )
    return keys
