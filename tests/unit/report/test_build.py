"""The report of the written November corpus: coverage, citations, particles after names, verification."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from stackwatch import analyze
from stackwatch.analyze import Period
from stackwatch.extract.amounts import Rates
from stackwatch.kb import KnowledgeBase
from stackwatch.report import Report, build_report, render_html, render_markdown, verify_text, write_report
from stackwatch.report.verify import Vocabulary, report_names
from stackwatch.store import Store

NOVEMBER = Period.parse("2025-11")
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?(?!#|data:)[a-z][a-z0-9+.-]*:""", re.IGNORECASE)


@pytest.fixture(scope="module")
def korean(corpus_store: Store, kb: KnowledgeBase) -> Report:
    return build_report(corpus_store, NOVEMBER, lang="ko", kb=kb, today=date(2025, 12, 10))


@pytest.fixture(scope="module")
def english(corpus_store: Store, kb: KnowledgeBase) -> Report:
    return build_report(corpus_store, NOVEMBER, lang="en", kb=kb, today=date(2025, 12, 10))


def _cited_lines(markdown: str) -> list[str]:
    body = markdown.split("\n## 출처", maxsplit=1)[0].split("\n## Sources", maxsplit=1)[0]
    return [line for line in body.splitlines() if re.search(r"\[\d+(?:, \d+)*\]", line)]


def test_front_matter(korean: Report, english: Report) -> None:
    markdown = render_markdown(korean)
    assert markdown.startswith('---\nlayout: post\ntitle: "2025년 11월 AI 동향 리포트"\ndate: 2025-12-10\n')
    assert "tags: [ai-trends, " in markdown
    assert "excerpt: " in markdown
    assert render_markdown(english).startswith(
        '---\nlayout: post\ntitle: "AI industry report, November 2025"'
    )


def test_covers_every_large_deal_launch_and_talent_move_with_citations(
    korean: Report, corpus_store: Store
) -> None:
    cited = _cited_lines(render_markdown(korean))
    required = [
        *analyze.top_deals(corpus_store, NOVEMBER, min_usd=1e9),
        *analyze.launches(corpus_store, NOVEMBER),
        *analyze.talent_moves(corpus_store, NOVEMBER),
    ]
    assert len(required) >= 4
    assert all(deal.sources for deal in required)
    numbers = {s.number for s in korean.sources}
    for line in cited:
        for group in re.findall(r"\[(\d+(?:, \d+)*)\]", line):
            assert {int(n) for n in group.split(", ")} <= numbers
    joined = "\n".join(cited)
    for text in (
        "오픈AI는 아마존웹서비스와 380억 달러(약 51조 원) 규모의 계약을",
        "엔비디아는 앤트로픽에 최대 100억 달러를",
        "구글은 Gemini 3 Pro를 출시했다",
        "얀 르쿤은 메타에서 퇴사한다고 밝혔다",
        "쿠팡에서 보안 사고가",
    ):
        assert text in joined, text
    assert "174억 달러, 194억 달러" in joined  # the conflict, both values


def test_every_cited_line_passes_verification(korean: Report, english: Report, kb: KnowledgeBase) -> None:
    for report in (korean, english):
        markdown = render_markdown(report)
        result = verify_text(
            markdown, Vocabulary.build(kb, report_names(markdown)), rates=Rates.from_kb(kb.rates)
        )
        assert result.ok, result.problems
        assert result.claims >= 10
        assert report.self_check_failures == 0


def test_sources_list_shows_title_site_date_and_evidence(korean: Report) -> None:
    first = korean.sources[0]
    assert first.number == 1
    assert first.published
    assert first.evidence
    assert "380억 달러(약 51조 원)" in " ".join(first.evidence)


def test_every_signal_has_a_section(korean: Report) -> None:
    anchors = {s.anchor for s in korean.sections}
    for signal in (
        "capex",
        "chips",
        "power",
        "regulation",
        "startup_costs",
        "talent",
        "bubble",
        "security",
        "geopolitics",
    ):
        assert f"signal-{signal}" in anchors
    markdown = render_markdown(korean)
    assert "이번 기간에 보도된 내용이 없다." in markdown  # some signal has no evidence in this small corpus


def test_html_is_self_contained(korean: Report, tmp_path: Path) -> None:
    files = write_report(korean, tmp_path)
    html = files.html.read_text(encoding="utf-8")
    assert EXTERNAL.findall(html) == []
    assert "<svg" in html
    assert "<style>" in html
    assert 'name="viewport"' in html
    assert "@font-face" in html
    assert "data:font/ttf;base64," in html
    assert {p.name for p in files.figures} == {"capital-by-layer.svg", "deal-network.svg"}
    assert "![" in files.markdown.read_text(encoding="utf-8")
    assert render_html(korean) == html
