"""`stackwatch search` and `stackwatch ask` end to end over the bundled sample articles."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import stackwatch.cli.main  # noqa: F401 - registers every command on `app`
from stackwatch.cli.app import app
from stackwatch.collect import ingest_files
from stackwatch.extract import Extractor
from stackwatch.store import Store


def _invoke(args: Sequence[str | Path]) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path, extractor: Extractor) -> Path:
    path = tmp_path_factory.mktemp("search") / "samples.db"
    with Store.open(path, korean=extractor.korean) as store:
        list(ingest_files(store, [samples_dir], extractor))
    return path


def test_search_prints_ranked_sentences_and_documents(db: Path) -> None:
    result = _invoke(["search", "--db", db, "OpenAI AWS 계약", "--limit", "3"])
    assert result.exit_code == 0, result.stderr
    assert "380억" in result.stdout
    assert "documents:" in result.stdout


def test_search_json_and_filters(db: Path) -> None:
    result = _invoke(["search", "--db", db, "오픈AI", "--json", "--since", "2025-11-01", "--limit", "5"])
    assert result.exit_code == 0, result.stderr
    hits = json.loads(result.stdout)
    assert hits
    assert all(h["published"] >= "2025-11-01" for h in hits)
    assert {"sentence", "doc", "title", "url", "published", "score"} <= set(hits[0])


def test_search_refuses_an_unknown_layer(db: Path) -> None:
    result = _invoke(["search", "--db", db, "오픈AI", "--layer", "cloud"])
    assert result.exit_code == 2
    assert "--layer" in result.stderr


def test_ask_prints_the_answer_then_its_sources(db: Path) -> None:
    result = _invoke(["ask", "--db", db, "오픈AI와 AWS의 클라우드 계약 규모는?"])
    assert result.exit_code == 0, result.stderr
    answer, _, sources = result.stdout.partition("출처:")
    assert "380억 달러" in answer
    assert "01_openai_aws_contract.txt" in sources


def test_ask_json(db: Path) -> None:
    result = _invoke(["ask", "--db", db, "How much is the OpenAI AWS contract worth?", "--json"])
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["found"] is True
    assert record["citations"][0]["evidence"]


def test_ask_says_not_found_and_exits_1(db: Path) -> None:
    result = _invoke(["ask", "--db", db, "테슬라의 기업가치는 얼마인가?"])
    assert result.exit_code == 1
    assert "기록에서 찾지 못했습니다" in result.stdout


def test_ask_without_a_store_is_a_usage_error(tmp_path: Path) -> None:
    result = _invoke(["ask", "--db", tmp_path / "none.db", "코어위브 부채는?"])
    assert result.exit_code == 2
    assert "none.db" in result.stderr
