"""`run_scaled_extract` (`stackwatch.cli.scale_cmd`): what `extract` runs for --workers, --out
and --engine ray: exit codes, error lines and the summary line. The engines themselves are
tested beside; these runs use one worker, in this process."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from stackwatch.cli.scale_cmd import run_scaled_extract
from stackwatch.scale import read_records

DEFAULTS: dict[str, Any] = {
    "engine": "local",
    "address": None,
    "workers": 1,
    "out": None,
    "kb_files": None,
    "max_bytes": 1_000_000,
    "jsonl": False,
    "quiet": False,
}

USAGE_CASES = [
    ({"engine": "spark"}, "error: --engine spark: not an engine; use local or ray"),
    ({"workers": 0}, "error: --workers 0: needs at least 1"),
    ({"engine": "ray"}, "error: --engine ray writes Parquet shards: give --out DIR"),
    ({"address": "auto"}, "error: --address is the address of a Ray cluster: add --engine ray"),
    (
        {"jsonl": True, "out": Path("out")},
        "error: --jsonl prints records and --out writes them to DIR: choose one",
    ),
]


@pytest.mark.parametrize(("options", "line"), USAGE_CASES, ids=[c[1] for c in USAGE_CASES])
def test_usage_errors_exit_2_with_one_line(
    options: dict[str, Any], line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_scaled_extract([Path("news")], **{**DEFAULTS, **options}) == 2
    assert capsys.readouterr().err.splitlines() == [line]


def test_out_writes_parquet_prints_failures_and_a_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(
        "오픈AI, 오라클과 클라우드 계약\n오픈AI가 오라클과 3,000억 달러 규모의 계약을 체결했다.\n",
        encoding="utf-8",
    )
    (tmp_path / "news" / "b.txt").write_bytes(b"")
    out = tmp_path / "out"
    assert run_scaled_extract([tmp_path / "news"], **{**DEFAULTS, "out": out}) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"error: {tmp_path / 'news' / 'b.txt'}: empty file; skipped",
        f"1 documents written to {out} (1 failed)",
    ]
    assert [r["doc"] for r in read_records(out)] == ["a.txt"]
    assert run_scaled_extract([tmp_path / "news"], **{**DEFAULTS, "out": out, "quiet": True}) == 0
    assert capsys.readouterr().err == ""
