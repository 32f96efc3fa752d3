"""`stackwatch report` end to end: a written corpus → store → report.md/.html; --verify; a headless browser.

The corpus (tests/fixtures/report) covers one month with two deals of $1B or more, a
conflict, a launch, a talent move and a security incident. The browser test renders the
HTML in Debian's chromium, records every request (none may leave file:// or data:) and
saves a screenshot (also copied to /tmp/sw-shots/report.png for a human to look at).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from browser import PHONE, chromium_page
from stackwatch.cli.main import app
from stackwatch.collect import ingest_files
from stackwatch.extract import Extractor
from stackwatch.pipeline import Failure
from stackwatch.store import Store

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "report"
SHOTS = Path("/tmp/sw-shots")
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?(?!#|data:)[a-z][a-z0-9+.-]*:""", re.IGNORECASE)
CITED = re.compile(r"\[\d+(?:, \d+)*\]")


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Path:
    path = tmp_path_factory.mktemp("report-e2e") / "corpus.db"
    with Store.open(path, korean=extractor.korean) as store:
        assert not [o for o in ingest_files(store, [CORPUS], extractor) if isinstance(o, Failure)]
    return path


def _invoke(args: list[str]) -> Result:
    return CliRunner().invoke(app, args, catch_exceptions=False)


@pytest.fixture(scope="module")
def written(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report-out")
    result = _invoke(["report", "--db", str(store_path), "--period", "2025-11", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.split() == [str(out / "report.md"), str(out / "report.html")]
    return out


def test_report_covers_the_month_and_cites_it(written: Path) -> None:
    markdown = (written / "report.md").read_text(encoding="utf-8")
    assert markdown.startswith('---\nlayout: post\ntitle: "2025년 11월 AI 동향 리포트"')
    cited = [line for line in markdown.split("\n## 출처")[0].splitlines() if CITED.search(line)]
    joined = "\n".join(cited)
    for fact in (
        "380억 달러(약 51조 원)",  # OpenAI–AWS, ≥ $1B
        "최대 100억 달러",  # Nvidia → Anthropic, ≥ $1B
        "Gemini 3 Pro",  # the launch
        "얀 르쿤",  # the talent move
        "쿠팡에서 보안 사고가",  # the incident
        "174억 달러, 194억 달러",  # the conflict
    ):
        assert fact in joined, fact
    assert "\n## 출처\n" in markdown
    assert "**[1]**" in markdown
    assert (written / "capital-by-layer.svg").read_text(encoding="utf-8").startswith("<svg")


def test_verify_passes_on_the_report(written: Path) -> None:
    result = _invoke(["report", "--verify", str(written / "report.md")])
    assert result.exit_code == 0, result.stderr
    assert "cited lines checked, ok" in result.stderr


@pytest.mark.parametrize(
    ("original", "tampered", "reason"),
    [
        ("380억 달러(약 51조 원)", "390억 달러(약 51조 원)", "amount '390억 달러"),
        ("엔비디아는", "인텔은", "name '인텔'"),
    ],
    ids=["number", "name"],
)
def test_verify_fails_on_a_tampered_copy(
    written: Path, tmp_path: Path, original: str, tampered: str, reason: str
) -> None:
    markdown = (written / "report.md").read_text(encoding="utf-8")
    lines = markdown.splitlines()
    index = next(i for i, line in enumerate(lines) if original in line and CITED.search(line))
    lines[index] = lines[index].replace(original, tampered, 1)
    copy = tmp_path / "report.md"
    copy.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _invoke(["report", "--verify", str(copy)])
    assert result.exit_code == 1
    assert f"{copy}:{index + 1}: " in result.stderr
    assert reason in result.stderr


def test_report_in_english_and_by_quarter(store_path: Path, tmp_path: Path) -> None:
    args = ["report", "--db", str(store_path), "--period", "2025-Q4", "--lang", "en", "--out", str(tmp_path)]
    assert _invoke(args).exit_code == 0
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert 'title: "AI industry report, Q4 2025"' in markdown
    assert "OpenAI announced plans to sign a $38 billion contract with Amazon Web Services" in markdown
    assert _invoke(["report", "--verify", str(tmp_path / "report.md")]).exit_code == 0


def test_usage_errors(store_path: Path, tmp_path: Path) -> None:
    bad = _invoke(["report", "--db", str(store_path), "--period", "2025-13", "--out", str(tmp_path)])
    assert bad.exit_code == 2
    assert "not a period" in bad.stderr
    assert _invoke(["report", "--db", str(store_path), "--period", "2025-11", "--lang", "fr"]).exit_code == 2
    assert _invoke(["report", "--verify", str(tmp_path / "missing.md")]).exit_code == 2


def test_html_has_no_external_urls(written: Path) -> None:
    html = (written / "report.html").read_text(encoding="utf-8")
    assert EXTERNAL.findall(html) == []
    assert "<svg" in html
    assert "@media" in html


def test_html_renders_in_chromium_without_external_requests(written: Path, tmp_path: Path) -> None:
    requests: list[str] = []
    shot = tmp_path / "report.png"
    with chromium_page(viewport=PHONE) as page:
        page.on("request", lambda request: requests.append(request.url))
        page.goto((written / "report.html").as_uri())
        page.evaluate("document.fonts.ready.then(() => true)")
        assert page.title() == "2025년 11월 AI 동향 리포트"
        assert page.locator("svg").count() >= 2
        assert page.locator("#sources li").count() >= 5
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"]  # no sideways scrolling on a phone
        page.screenshot(path=str(shot), full_page=True)
    assert requests
    assert all(url.startswith(("file:", "data:")) for url in requests), requests
    assert shot.stat().st_size > 10_000
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, SHOTS / "report.png")
