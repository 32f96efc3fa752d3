"""Extraction on several processes of one machine (`stackwatch.scale.local`).

Each pool loads one Extractor (with its Kiwi) per process, a few seconds each, so the
module starts as few pools as it can: one for the ordered outcomes, one for the writer.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from scale_helpers import record_text, texts

from stackwatch.pipeline import Failure, Outcome
from stackwatch.scale import RunSummary, extract_parallel, read_records, write_parallel

LATE_ARTICLE = "엔비디아, 엑스AI에 20억 달러 투자\n엔비디아가 엑스AI에 20억 달러를 투자한다고 8일 밝혔다.\n"


def test_two_workers_yield_run_batchs_outcomes_in_its_order(
    inputs_dir: Path, reference: list[Outcome]
) -> None:
    assert texts(extract_parallel([inputs_dir], workers=2)) == texts(reference)


@pytest.fixture(scope="module")
def written(inputs_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> RunSummary:
    return write_parallel([inputs_dir], tmp_path_factory.mktemp("local") / "out", workers=2)


def test_the_writer_writes_every_record_once(written: RunSummary, reference_records: list[str]) -> None:
    assert sorted(record_text(r) for r in read_records(written.out_dir)) == reference_records
    assert written.written == len(reference_records)


def test_failing_inputs_go_to_errors_and_the_summary(
    written: RunSummary, reference_failures: list[Failure]
) -> None:
    assert sorted(f.line() for f in written.failures) == sorted(f.line() for f in reference_failures)
    errors = pq.read_table(written.out_dir / "errors").to_pylist()
    assert sorted((e["source"], e["message"]) for e in errors) == sorted(
        (f.source, f.message) for f in reference_failures
    )
    assert {Path(e["source"]).name for e in errors} >= {"empty.txt", "binary.txt", "bad_lines.jsonl:1"}


def test_a_second_run_writes_nothing_new(
    written: RunSummary, inputs_dir: Path, reference: list[Outcome]
) -> None:
    before = {p: p.stat().st_mtime_ns for p in written.out_dir.rglob("*.parquet")}
    again = write_parallel([inputs_dir], written.out_dir, workers=1)
    assert (again.written, again.failures, again.skipped) == ((0, (), len(reference)))
    assert {p: p.stat().st_mtime_ns for p in written.out_dir.rglob("*.parquet")} == before


def test_a_new_article_is_all_a_resumed_run_writes(written: RunSummary, tmp_path: Path) -> None:
    out = tmp_path / "out"
    for table in written.out_dir.iterdir():  # a copy of the first run's output
        (out / table.name).mkdir(parents=True)
        for shard in table.glob("*.parquet"):
            (out / table.name / shard.name).write_bytes(shard.read_bytes())
    new = tmp_path / "new"
    new.mkdir()
    (new / "late.txt").write_text(
        "엔비디아, 엑스AI에 20억 달러 투자\n엔비디아가 엑스AI에 20억 달러를 투자한다고 8일 밝혔다.\n",
        encoding="utf-8",
    )
    summary = write_parallel([written.out_dir.parent.parent / "nothing", new], out, workers=1)
    assert (summary.written, summary.skipped) == (1, 0)
    assert [f.message for f in summary.failures] == ["no such file or folder"]
    assert sum(1 for _ in read_records(out)) == written.written + 1


def test_workers_must_be_at_least_one(inputs_dir: Path) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        next(extract_parallel([inputs_dir], workers=0))


def test_the_package_works_without_importing_ray() -> None:
    code = "import sys, stackwatch.scale, stackwatch.cli.scale_cmd; sys.exit('ray' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
