"""`stackwatch extract` and `stackwatch demo` end to end, through Typer's CliRunner.

Typer 0.29's runner keeps stdout and stderr apart (`result.stdout`, `result.stderr`), so
data and error lines are checked separately. `catch_exceptions=False` everywhere: a crash
must fail the test, not pass for exit code 1. Loading the extractor costs seconds (Kiwi),
so most tests hand the CLI the session's `extractor`; the `--kb` and `demo` tests load
their own through the real path.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from schema_shape import AMOUNT_KEYS, ENTITY_KEYS, EVENT_KEYS, RECORD_KEYS
from stackwatch.cli.main import app
from stackwatch.extract import Extractor

ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?|-Q[1-4])?$")
ERROR_LINE = re.compile(r"^error: (?P<source>.+?): (?P<reason>.+)$")

KO_ARTICLE = """오픈AI, 오라클과 3000억 달러 클라우드 계약
입력 2025.09.11 08:30
오픈AI가 오라클과 5년간 3,000억 달러 규모의 클라우드 컴퓨팅 계약을 체결했다고 10일(현지시간) 밝혔다.
오라클은 이 계약에 따라 미국 텍사스에 대형 데이터센터를 짓는다.
"""
EN_ARTICLE = """CoreWeave signs $14.2 billion cloud deal with Meta
October 1, 2025
CoreWeave said it had signed a six-year, $14.2 billion contract to supply Meta with cloud capacity.
The deal is one of the largest GPU rental agreements disclosed so far.
"""
MD_ARTICLE = """---
title: "엔비디아, 엑스AI에 20억 달러 투자"
date: 2025-10-08
tags: [AI, 투자]
---
엔비디아가 일론 머스크의 엑스AI에 20억 달러를 투자한다고 8일 밝혔다.
이번 투자는 200억 달러 규모 자금 조달의 일부다.
"""
HTML_ARTICLE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Samsung wins HBM4 order from Nvidia | Example News</title>
<meta property="og:title" content="Samsung wins HBM4 order from Nvidia">
<meta property="article:published_time" content="2025-10-04T09:00:00Z">
<script>alert("SCRIPT_MARKER")</script></head><body><article>
<h1>Samsung wins HBM4 order from Nvidia</h1>
<p>Samsung Electronics has won an order to supply HBM4 memory chips to Nvidia, two sources said.</p>
<p>The order, worth about $3 billion, would make Samsung the second supplier of the chips after SK Hynix.</p>
<img src="x.png" onerror="alert('ONERROR_MARKER')">
</article></body></html>
"""
JSONL_BATCH = "\n".join(
    json.dumps(line, ensure_ascii=False)
    for line in [
        {
            "text": "Nvidia said on Monday it would invest up to $100 billion in OpenAI over several years.",
            "title": "Nvidia to invest up to $100 billion in OpenAI",
            "published": "2025-09-22",
        },
        {
            "text": "SK하이닉스가 3분기에 매출 24조 4,489억 원을 기록했다고 29일 발표했다.",
            "title": "SK하이닉스, 3분기 매출 24조 원 돌파",
            "published": "2025-10-29",
        },
    ]
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _invoke(runner: CliRunner, args: Sequence[str]) -> Result:
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _records(result: Result) -> list[dict[str, Any]]:
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert all(isinstance(r, dict) for r in records)
    return records


def _error_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith(("error:", "internal error"))]


def _check_schema(record: dict[str, Any]) -> None:
    assert set(record) >= RECORD_KEYS
    assert record["language"] in {"ko", "en"}
    assert record["published"] is None or ISO_DATE.match(record["published"])
    assert isinstance(record["title"], str | None)
    assert set(record["layers"]) == {"primary", "all"}
    assert isinstance(record["layers"]["all"], list)
    assert record["layers"]["primary"] is None or record["layers"]["primary"] in record["layers"]["all"]
    assert isinstance(record["signals"], list)
    for entity in record["entities"]:
        assert set(entity) >= ENTITY_KEYS
        assert entity["type"] in {"company", "investor", "person", "product", "government", "organization"}
    for amount in record["amounts"]:
        assert set(amount) >= AMOUNT_KEYS
    for event in record["events"]:
        assert set(event) >= EVENT_KEYS
        assert all(set(actor) == {"role", "name"} for actor in event["actors"])
        assert event["amount"] is None or set(event["amount"]) >= AMOUNT_KEYS


def _good_folder(root: Path) -> Path:
    _write(root / "01_ko.txt", KO_ARTICLE)
    _write(root / "02_en.txt", EN_ARTICLE)
    _write(root / "03_post.md", MD_ARTICLE)
    _write(root / "04_page.html", HTML_ARTICLE)
    _write(root / "05_batch.jsonl", JSONL_BATCH + "\n")
    _write(root / "README.md", "# not an article\n")
    return root


# ---------------------------------------------------------------- (a) + (c) good input


@pytest.mark.usefixtures("session_extractor")
def test_extract_jsonl_one_record_per_document_in_input_order(runner: CliRunner, tmp_path: Path) -> None:
    result = _invoke(runner, ["extract", "--jsonl", _good_folder(tmp_path / "news")])
    records = _records(result)
    assert [r["doc"] for r in records] == [
        "01_ko.txt",
        "02_en.txt",
        "03_post.md",
        "04_page.html",
        "05_batch.jsonl:1",
        "05_batch.jsonl:2",
    ]
    for record in records:
        _check_schema(record)
    assert [r["language"] for r in records] == ["ko", "en", "ko", "en", "en", "ko"]
    assert [r["published"] for r in records] == [
        "2025-09-11",
        "2025-10-01",
        "2025-10-08",
        "2025-10-04",
        "2025-09-22",
        "2025-10-29",
    ]
    assert records[3]["title"] == "Samsung wins HBM4 order from Nvidia"
    assert "MARKER" not in result.stdout


@pytest.mark.usefixtures("session_extractor")
def test_extract_jsonl_reads_the_facts(runner: CliRunner, tmp_path: Path) -> None:
    result = _invoke(runner, ["extract", "--jsonl", _write(tmp_path / "en.txt", EN_ARTICLE)])
    [record] = _records(result)
    names = {e["name"] for e in record["entities"]}
    assert {"CoreWeave", "Meta"} <= names
    assert [14_200_000_000, "USD"] in [[a["value"], a["currency"]] for a in record["amounts"]]
    contracts = [e for e in record["events"] if e["type"] == "contract"]
    assert contracts
    assert {a["name"] for a in contracts[0]["actors"]} == {"CoreWeave", "Meta"}


@pytest.mark.usefixtures("session_extractor")
def test_all_good_input_exits_0_with_clean_streams(runner: CliRunner, tmp_path: Path) -> None:
    result = _invoke(runner, ["extract", "--jsonl", _good_folder(tmp_path / "news")])
    assert result.exit_code == 0
    assert _error_lines(result) == []
    assert len(_records(result)) == 6  # stdout is nothing but records


@pytest.mark.usefixtures("session_extractor")
def test_extract_without_jsonl_prints_summaries(runner: CliRunner, tmp_path: Path) -> None:
    result = _invoke(runner, ["extract", _write(tmp_path / "en.txt", EN_ARTICLE)])
    assert result.exit_code == 0
    assert "en.txt" in result.stdout
    assert "CoreWeave" in result.stdout
    assert "1 extracted, 0 failed" in result.stderr


# ---------------------------------------------------------------- (b) bad input

BAD_FILES = ("empty.txt", "binary.txt", "huge.txt", "hostile.html")
RECOVERABLE_FILES = ("cp949.txt", "truncated.txt")
GOOD_FILES = ("good_en.txt", "good_ko.md")


def _hostile_page() -> str:
    nested = "<div>" * 20_000 + "<p>nested"  # never closed
    huge_attribute = '<p data-x="' + "A" * 1_000_000 + '">attr</p>'
    return (
        "<html><head><title>x</title><script>alert('SCRIPT_MARKER')</script>"
        "<style>body{background:url(javascript:alert(1))}</style></head><body onload=\"alert('ONLOAD')\">"
        + nested
        + "<b><i><table><tr><td>unclosed"
        + huge_attribute
        + "<img src=x onerror=\"alert('ONERROR_MARKER')\"><svg onload=alert(3)>"
        + "<script>document.write('SCRIPT_MARKER')</script>"
    )


def _bad_batch(root: Path) -> Path:
    _write(root / "empty.txt", b"")
    _write(root / "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    with (root / "huge.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: refused by its size before it is read
    _write(root / "hostile.html", _hostile_page())
    _write(root / "truncated.txt", KO_ARTICLE.rstrip().encode("utf-8") + "다".encode()[:2])
    _write(
        root / "cp949.txt",
        KO_ARTICLE.replace("오픈AI, 오라클과", "똠방각하 햏자: 오픈AI, 오라클과").encode("cp949"),
    )
    _write(root / "good_en.txt", EN_ARTICLE)
    _write(root / "good_ko.md", MD_ARTICLE)
    return root


@pytest.fixture
def bad_batch_result(runner: CliRunner, tmp_path: Path, session_extractor: Extractor) -> Result:
    return _invoke(runner, ["extract", "--jsonl", _bad_batch(tmp_path / "inbox")])


def test_bad_batch_exits_1(bad_batch_result: Result) -> None:
    assert bad_batch_result.exit_code == 1


def test_bad_batch_one_error_line_per_bad_file(bad_batch_result: Result) -> None:
    named = []
    for line in _error_lines(bad_batch_result):
        match = ERROR_LINE.match(line)
        assert match, line
        named.append(Path(match["source"]).name)
    assert sorted(named) == sorted(BAD_FILES)  # each bad file once, nothing else


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty file"),
        ("binary.txt", "not text"),
        ("huge.txt", "too large (50.0 MB"),
        ("hostile.html", "skipped"),
    ],
)
def test_bad_batch_error_says_why(bad_batch_result: Result, name: str, reason: str) -> None:
    [line] = [line for line in _error_lines(bad_batch_result) if name in line]
    assert reason in line


def test_bad_batch_good_and_recoverable_files_still_give_records(bad_batch_result: Result) -> None:
    records = _records(bad_batch_result)
    assert [r["doc"] for r in records] == sorted(RECOVERABLE_FILES + GOOD_FILES)
    for record in records:
        _check_schema(record)
    by_doc = {r["doc"]: r for r in records}
    assert by_doc["truncated.txt"]["title"] == "오픈AI, 오라클과 3000억 달러 클라우드 계약"
    assert by_doc["cp949.txt"]["title"] == "똠방각하 햏자: 오픈AI, 오라클과 3000억 달러 클라우드 계약"
    for doc in RECOVERABLE_FILES:
        assert "OpenAI" in {e["name"] for e in by_doc[doc]["entities"]}
        assert [300_000_000_000, "USD"] in [[a["value"], a["currency"]] for a in by_doc[doc]["amounts"]]


def test_bad_batch_nothing_hostile_reaches_stdout(bad_batch_result: Result) -> None:
    for marker in ("MARKER", "alert(", "onerror", "onload", "javascript:"):
        assert marker not in bad_batch_result.stdout


def test_bad_batch_summary_on_stderr_only(bad_batch_result: Result) -> None:
    assert bad_batch_result.stderr.rstrip().splitlines()[-1].endswith(f"{len(BAD_FILES)} failed")
    assert "failed" not in bad_batch_result.stdout


@pytest.mark.usefixtures("session_extractor")
def test_missing_path_is_one_error_and_the_rest_runs(runner: CliRunner, tmp_path: Path) -> None:
    good = _write(tmp_path / "good.txt", EN_ARTICLE)
    result = _invoke(runner, ["extract", "--jsonl", tmp_path / "missing.txt", good])
    assert result.exit_code == 1
    assert _error_lines(result) == [f"error: {tmp_path / 'missing.txt'}: no such file or folder"]
    assert [r["doc"] for r in _records(result)] == ["good.txt"]


@pytest.mark.usefixtures("session_extractor")
def test_bad_jsonl_line_is_one_error_naming_file_and_line(runner: CliRunner, tmp_path: Path) -> None:
    batch = _write(tmp_path / "batch.jsonl", JSONL_BATCH.replace("\n", '\n{"text": broken\n') + "\n")
    result = _invoke(runner, ["extract", "--jsonl", batch])
    assert result.exit_code == 1
    [line] = _error_lines(result)
    assert line.startswith(f"error: {batch}:2: ")
    assert [r["doc"] for r in _records(result)] == ["batch.jsonl:1", "batch.jsonl:3"]


@pytest.mark.usefixtures("session_extractor")
def test_max_bytes_option_refuses_bigger_files(runner: CliRunner, tmp_path: Path) -> None:
    path = _write(tmp_path / "en.txt", EN_ARTICLE)
    result = _invoke(runner, ["extract", "--jsonl", "--max-bytes", "100", path])
    assert result.exit_code == 1
    [line] = _error_lines(result)
    assert line.startswith(f"error: {path}: too large")
    assert result.stdout == ""


# a front-matter date PyYAML cannot build (it raises ValueError) is no date: the post is
# still extracted, with its title, and the rest of the batch goes on.
@pytest.mark.usefixtures("session_extractor")
def test_impossible_front_matter_date_costs_nothing(runner: CliRunner, tmp_path: Path) -> None:
    _write(tmp_path / "a.md", MD_ARTICLE.replace("2025-10-08", "2025-02-30"))
    _write(tmp_path / "b.txt", EN_ARTICLE)
    result = _invoke(runner, ["extract", "--jsonl", tmp_path])
    assert result.exit_code == 0
    assert _error_lines(result) == []
    records = _records(result)
    assert [r["doc"] for r in records] == ["a.md", "b.txt"]
    for record in records:
        _check_schema(record)
    assert (records[0]["title"], records[0]["published"]) == ("엔비디아, 엑스AI에 20억 달러 투자", None)
    assert records[0]["amounts"]
    assert records[1]["published"] == "2025-10-01"


# ---------------------------------------------------------------- (d) usage errors


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param([], None, id="no-arguments"),
        pytest.param(["extract"], "Missing argument", id="extract-without-paths"),
        pytest.param(["extract", "--bogus", "x.txt"], "No such option", id="unknown-option"),
        pytest.param(["--bogus"], "No such option", id="unknown-global-option"),
        pytest.param(["frobnicate"], "No such command", id="unknown-command"),
        pytest.param(["extract", "--max-bytes", "0", "x.txt"], "--max-bytes", id="max-bytes-zero"),
        pytest.param(["extract", "--max-bytes", "lots", "x.txt"], "--max-bytes", id="max-bytes-not-a-number"),
    ],
)
def test_usage_error_exits_2(runner: CliRunner, args: list[str], message: str | None) -> None:
    result = _invoke(runner, args)
    assert result.exit_code == 2
    if message is not None:
        assert message in result.stderr
    assert not any(line.lstrip().startswith("{") for line in result.stdout.splitlines())


# ---------------------------------------------------------------- (e) --kb files

BAD_KB = """\
- id: acme-ai
  name: Acme AI
  type: company
  layers: [model]

- id: bad-co
  name: Bad Co
  type: company
  layers: [infra]
"""


def test_kb_with_a_bad_entry_exits_2_naming_file_and_line(runner: CliRunner, tmp_path: Path) -> None:
    kb = _write(tmp_path / "bad.yaml", BAD_KB)
    article = _write(tmp_path / "en.txt", EN_ARTICLE)
    result = _invoke(runner, ["extract", "--jsonl", "--kb", kb, article])
    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: ")
    assert f"{kb}:6:" in line  # the line the bad entry starts on
    assert "bad-co" in line
    assert "layers" in line


@pytest.mark.parametrize(
    ("content", "where"),
    [
        pytest.param("- id: x\n  name: [unclosed\n", ":3", id="not-yaml"),
        pytest.param("- just a string\n", ":1", id="entry-not-a-mapping"),
        pytest.param("- id: x\n  name: X\n  type: company\n  country: korea\n", ":1", id="bad-country"),
    ],
)
def test_kb_problems_exit_2_with_file_and_line(
    runner: CliRunner, tmp_path: Path, content: str, where: str
) -> None:
    kb = _write(tmp_path / "bad.yaml", content)
    result = _invoke(runner, ["extract", "--kb", kb, _write(tmp_path / "en.txt", EN_ARTICLE)])
    assert result.exit_code == 2
    assert f"{kb}{where}" in result.stderr


def test_kb_file_that_does_not_exist_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = _invoke(
        runner, ["extract", "--kb", tmp_path / "nope.yaml", _write(tmp_path / "en.txt", EN_ARTICLE)]
    )
    assert result.exit_code == 2
    assert "nope.yaml" in result.stderr


def test_kb_file_adds_an_entity(runner: CliRunner, tmp_path: Path) -> None:
    kb = _write(
        tmp_path / "mine.yaml",
        "- id: zephyr-compute\n  name: Zephyr Compute\n  type: company\n  aliases: [ZephyrCo]\n"
        "  layers: [infrastructure]\n  country: US\n",
    )
    article = _write(
        tmp_path / "en.txt",
        "Meta signs GPU deal with ZephyrCo\n"
        "ZephyrCo said on Tuesday it had signed a three-year contract worth $2 billion to supply Meta "
        "with GPU capacity.\n",
    )
    result = _invoke(runner, ["extract", "--jsonl", "--kb", kb, article])
    assert result.exit_code == 0
    [record] = _records(result)
    [entity] = [e for e in record["entities"] if e["name"] == "Zephyr Compute"]
    assert "ZephyrCo" in entity["aliases"]
    assert (entity["type"], entity["country"], entity["layers"]) == ("company", "US", ["infrastructure"])


# ---------------------------------------------------------------- (f) demo


def test_demo_jsonl_on_the_bundled_samples(runner: CliRunner, samples_dir: Path) -> None:
    result = _invoke(runner, ["demo", "--jsonl"])
    assert result.exit_code == 0
    assert _error_lines(result) == []
    records = _records(result)
    for record in records:
        _check_schema(record)
    docs = [r["doc"] for r in records]
    files = sorted(
        p.name
        for p in samples_dir.iterdir()
        if p.suffix in {".txt", ".md", ".html"} and not p.name.lower().startswith("readme")
    )
    assert set(files) <= set(docs)
    assert len(docs) > len(files)  # the JSON Lines sample adds several documents
    assert sum(len(r["events"]) for r in records) > 0


# ---------------------------------------------------------------- a real process


def test_python_m_stackwatch_keeps_stdout_for_data(tmp_path: Path) -> None:
    good = _write(tmp_path / "good.txt", EN_ARTICLE)
    _write(tmp_path / "empty.txt", b"")
    completed = subprocess.run(
        [sys.executable, "-m", "stackwatch", "extract", "--jsonl", str(tmp_path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )
    assert completed.returncode == 1, completed.stderr
    [line] = completed.stdout.splitlines()
    assert json.loads(line)["doc"] == good.name
    assert f"error: {tmp_path / 'empty.txt'}: empty file; skipped" in completed.stderr.splitlines()
