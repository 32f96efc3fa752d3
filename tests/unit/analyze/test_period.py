"""Period: parsing, the previous period, and whether a record's date lies within."""

from __future__ import annotations

from datetime import date

import pytest

from stackwatch.analyze import Period, roundup_period
from stackwatch.analyze.period import date_span

PARSE_CASES = [
    ("2025-11", date(2025, 11, 1), date(2025, 11, 30), "month"),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month"),
    ("2025-Q4", date(2025, 10, 1), date(2025, 12, 31), "quarter"),
    ("2025", date(2025, 1, 1), date(2025, 12, 31), "year"),
    ("2025-H2", date(2025, 7, 1), date(2025, 12, 31), "span"),
]


@pytest.mark.parametrize(("text", "start", "end", "kind"), PARSE_CASES, ids=[c[0] for c in PARSE_CASES])
def test_parse(text: str, start: date, end: date, kind: str) -> None:
    period = Period.parse(text)
    assert (period.start, period.end, period.kind) == (start, end, kind)


@pytest.mark.parametrize("text", ["2025-13", "2025-Q5", "25-11", "november", "", "2025-11-31"])
def test_parse_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="not a period"):
        Period.parse(text)


@pytest.mark.parametrize(
    ("text", "previous"),
    [("2025-11", "2025-10"), ("2025-01", "2024-12"), ("2025-Q1", "2024-Q4"), ("2025", "2024")],
)
def test_previous(text: str, previous: str) -> None:
    assert Period.parse(text).previous() == Period.parse(previous)


def test_between_and_its_previous_span_of_equal_length() -> None:
    period = Period.between("2025-11-03", "2025-11-20")
    assert (period.start, period.end, period.days) == (date(2025, 11, 3), date(2025, 11, 20), 18)
    before = period.previous()
    assert (before.end, before.days) == (date(2025, 11, 2), 18)
    assert Period.between("2025-10", "2025-11").months() == ("2025-10", "2025-11")
    assert Period.between("2025-11", None) == Period.parse("2025-11")


def test_between_refuses() -> None:
    with pytest.raises(ValueError, match="before"):
        Period.between("2025-11", "2025-10")
    with pytest.raises(ValueError, match="--since"):
        Period.between("yesterday", None)


def test_within_and_overlaps() -> None:
    november = Period.parse("2025-11")
    assert november.within("2025-11-05")
    assert november.within("2025-11")
    assert not november.within("2025-Q4")
    assert november.overlaps("2025-Q4")
    assert not november.overlaps("2025-12-01")
    assert not november.within(None)
    assert date_span("2025-11-31") is None


ROUNDUP_CASES = [
    ("2025년 11월 AI 동향 리포트", "2025-12-06", "2025-11"),
    ("11월 AI 브리핑: 엔비디아 570억 달러 실적", "2025-12-02", "2025-11"),
    ("12월 결산", "2026-01-03", "2025-12"),
    ("2025년 1분기 AI 산업 결산: 스타게이트부터", "2025-04-05", "2025-Q1"),
    ("AI in review: November 2025", "2025-12-01", "2025-11"),
    ("SK하이닉스, 3분기 영업이익 11조", "2025-10-29", None),  # names a quarter but is news, not a roundup
    ("엔비디아, 오픈AI에 최대 1,000억 달러 투자", "2025-09-23", None),
]


@pytest.mark.parametrize(
    ("title", "published", "expected"), ROUNDUP_CASES, ids=[c[0][:12] for c in ROUNDUP_CASES]
)
def test_roundup_period(title: str, published: str, expected: str | None) -> None:
    assert roundup_period(title, published) == expected
