"""Extraction with Ray Data (`stackwatch.scale.ray_engine`), on a local Ray of 2 CPUs.

Ray takes seconds to start and each run's actors load their own Extractor, so the module
shares one Ray session and one run's output between its tests. The UDF's handling of a
document that kills its worker is tested without Ray, by calling the UDF in this process.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import ray
import ray.cloudpickle
from scale_helpers import record_text

from stackwatch.extract import Extractor
from stackwatch.kb import load_knowledge_base
from stackwatch.pipeline import Failure
from stackwatch.records import AnalysedDocument, DocumentFacts
from stackwatch.scale import RunSummary, extract_with_ray, read_records
from stackwatch.scale.inputs import list_inputs
from stackwatch.scale.ray_engine import _ITEMS, DOC_DEATHS_LIMIT, _Attempts, _ExtractBatch
from stackwatch.scale.shards import batch_name

pytestmark = [
    # Ray 2.60's own DataContext() sets its deprecated fields in __init__ and warns about them.
    pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.data.context"),
]


@pytest.fixture(scope="module", autouse=True)
def ray_session() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def first_run(inputs_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> RunSummary:
    return extract_with_ray([inputs_dir], tmp_path_factory.mktemp("ray") / "out", num_cpus=2)


def keys_written(out_dir: Path) -> Counter[tuple[str, str]]:
    table = pq.read_table(out_dir / "documents", columns=["doc", "content_hash"])
    return Counter(
        zip(table.column("doc").to_pylist(), table.column("content_hash").to_pylist(), strict=True)
    )


def test_ray_writes_the_records_of_run_batch(first_run: RunSummary, reference_records: list[str]) -> None:
    assert sorted(record_text(r) for r in read_records(first_run.out_dir)) == reference_records
    assert first_run.written == len(reference_records)
    assert max(keys_written(first_run.out_dir).values()) == 1


def test_failing_documents_go_to_errors_and_the_rest_is_written(
    first_run: RunSummary, reference_failures: list[Failure]
) -> None:
    expected = sorted((f.source, f.message) for f in reference_failures)
    assert sorted((f.source, f.message) for f in first_run.failures) == expected
    errors = pq.read_table(first_run.out_dir / "errors").to_pylist()
    assert sorted((e["source"], e["message"]) for e in errors) == expected
    assert {Path(e["source"]).name for e in errors} >= {"empty.txt", "binary.txt", "bad_lines.jsonl:2"}


def test_a_second_run_writes_nothing_new(first_run: RunSummary, inputs_dir: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in first_run.out_dir.rglob("*.parquet")}
    again = extract_with_ray([inputs_dir], first_run.out_dir, num_cpus=2)
    assert (again.written, again.failures) == (0, ())
    assert again.skipped == first_run.written + len(first_run.failures)
    assert {p: p.stat().st_mtime_ns for p in first_run.out_dir.rglob("*.parquet")} == before


class ExitOnceExtractor(Extractor):
    """Kills its own process on the first document any worker starts, once (a marker file)."""

    def __init__(self, marker: Path) -> None:
        super().__init__(load_knowledge_base())
        self.marker = marker

    def extract(self, doc: AnalysedDocument) -> DocumentFacts:
        try:
            self.marker.unlink()  # only one process can win this
        except FileNotFoundError:
            return super().extract(doc)
        os._exit(1)


class ExitOnce:
    """The extractor factory the actors call; notes each actor process it ran in."""

    def __init__(self, marker: Path, pids: Path) -> None:
        self.marker, self.pids = marker, pids

    def __call__(self) -> Extractor:
        with self.pids.open("a", encoding="ascii") as log:
            log.write(f"{os.getpid()}\n")
        return ExitOnceExtractor(self.marker)


def test_a_killed_worker_is_replaced_and_every_document_written_once(
    inputs_dir: Path, reference_records: list[str], tmp_path: Path
) -> None:
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])  # actors cannot import tests
    articles = tmp_path / "articles"
    articles.mkdir()
    for path in sorted(inputs_dir.glob("0*"))[:6]:  # a few articles keep this run short
        (articles / path.name).write_bytes(path.read_bytes())
    marker, pids = tmp_path / "exit-once", tmp_path / "pids"
    marker.touch()
    out = tmp_path / "out"
    summary = extract_with_ray([articles], out, num_cpus=2, extractor_factory=ExitOnce(marker, pids))
    assert not marker.exists()  # a worker did die
    assert len(set(pids.read_text().split())) == 3  # two actors, and the one that replaced the dead one
    assert (summary.written, summary.failures) == (6, ())
    assert set(keys_written(out).values()) == {1}
    names = {f'"doc": "{path.name}"' for path in articles.iterdir()}
    expected = [r for r in reference_records if any(name in r for name in names)]
    assert sorted(record_text(r) for r in read_records(out)) == expected
    assert list((out / ".attempts").iterdir()) == []


def test_a_document_that_keeps_killing_its_worker_is_skipped(
    samples_dir: Path, extractor: Extractor, tmp_path: Path
) -> None:
    items = list(list_inputs([samples_dir]))[:3]
    name = batch_name(item.key for item in items)
    attempts = tmp_path / ".attempts" / f"{name}.log"
    attempts.parent.mkdir()
    attempts.write_text("0\n1\n0\n1\n", encoding="ascii")  # two attempts died on document 1
    batch = pa.Table.from_pylist([_row(item) for item in items], schema=_ITEMS)
    udf = _ExtractBatch(out_dir=str(tmp_path), kb_files=[], extractor_factory=lambda: extractor)
    summary = udf(batch).to_pylist()
    assert [row["ok"] for row in summary] == [True, False, True]
    assert (
        summary[1]["message"]
        == f"worker process died {DOC_DEATHS_LIMIT} times extracting this document; skipped"
    )
    assert summary[1]["internal"] is True
    assert len(pq.read_table(tmp_path / "documents").to_pylist()) == 2
    assert not attempts.exists()


def test_attempts_name_the_document_each_dead_attempt_ended_on(tmp_path: Path) -> None:
    (tmp_path / ".attempts").mkdir()
    (tmp_path / ".attempts" / "b.log").write_text("0\n1\n2\n0\n1\n0\n", encoding="ascii")
    assert _Attempts(tmp_path, "b").deaths == Counter({2: 1, 1: 1, 0: 1})


def _row(item: object) -> dict[str, object]:
    return {name: getattr(item, name) for name in _ITEMS.names}
