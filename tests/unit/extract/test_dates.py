"""Event dates resolved against the publication date, and deal periods."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from stackwatch.extract.dates import Anchor, find_event_date, find_period

PUBLISHED = "2025-11-20"  # a Thursday


@dataclass(frozen=True)
class Case:
    text: str
    expected: str | None
    published: str = PUBLISHED

    def __str__(self) -> str:
        return f"{self.text} @ {self.published}"


# From the rules: absolute dates.
ABSOLUTE_CASES = [
    Case("2025년 3월 계약을 맺었다", "2025-03"),
    Case("2025년 3월 15일 계약을 맺었다", "2025-03-15"),
    Case("2024년 3분기 실적", "2024-Q3"),
    Case("2030년까지 투자한다", "2030"),
    Case("발표일은 2025-10-22이다", "2025-10-22"),
    Case("2025년 3월", "2025-03", published="2020-01-01"),  # the anchor does not move a written year
]

# From the rules: Korean words relative to the publication date.
KOREAN_RELATIVE_CASES = [
    Case("지난달 발표했다", "2025-10"),
    Case("지난달 발표했다", "2024-12", published="2025-01-05"),
    Case("이달 출시한다", "2025-11"),
    Case("다음 달 출시한다", "2025-12"),
    Case("지난 9월 발표했다", "2025-09"),
    Case("지난 12월 발표했다", "2024-12", published="2025-03-10"),  # last year's December
    Case("지난해 12월 발표했다", "2024-12"),
    Case("오는 3월 출시한다", "2026-03"),
    Case("10월 21일 발표했다", "2025-10-21"),
    Case("28일 발표했다", "2025-10-28"),
    Case("28일 발표했다", "2025-02-28", published="2025-03-03"),  # the 28th in a paper of the 3rd
    Case("28일 발표했다", "2024-12-28", published="2025-01-03"),
    Case("2일 발표했다", "2025-03-02", published="2025-03-03"),
    Case("20일(현지시간) 발표했다", "2025-11-20"),
    Case("3분기 실적", "2025-Q3"),
    Case("4분기 실적", "2024-Q4", published="2025-04-10"),  # a quarter not yet reached is last year's
    Case("지난해 4분기 실적", "2024-Q4"),
    Case("올해 투자를 늘린다", "2025"),
    Case("지난해 매출", "2024"),
    Case("작년 매출", "2024"),
    Case("내년 출시한다", "2026"),
    Case("어제 발표했다", "2025-11-19"),
    Case("오늘 발표했다", "2025-11-20"),
    Case("이번 주 발표했다", "2025-11"),
]

# From the rules: English dates.
ENGLISH_CASES = [
    Case("The deal was signed last week.", "2025-11"),
    Case("The deal was signed last week.", "2025-10", published="2025-11-03"),
    Case("It said on Monday.", "2025-11-17"),
    Case("It said on Wednesday.", "2025-11-19"),
    Case("It said on Friday.", "2025-11-14"),
    Case("Nvidia said on Thursday.", "2025-11-20"),  # the publication's own weekday is the same day
    Case("It was announced Oct. 21.", "2025-10-21"),
    Case("It was announced on November 18, 2024.", "2024-11-18"),
    Case("It was announced Dec. 5.", "2024-12-05", published="2025-01-10"),  # a month ahead is last year's
    Case("The company raised money in December.", "2024-12", published="2025-01-10"),
    Case("The company was founded in March.", "2025-03"),
    Case("It raised money last month.", "2025-10"),
    Case("It raised money last year.", "2024"),
    Case("It will launch next year.", "2026"),
    Case("It said yesterday.", "2025-11-19"),
    Case("Revenue rose in the third quarter.", "2025-Q3"),
    Case("Revenue rose in Q3 2024.", "2024-Q3"),
    Case("It has grown since 2023.", "2023"),
]

# No date: nothing is guessed.
NO_DATE_CASES = [
    Case("The company said revenue rose.", None),
    Case("전력 6GW 규모", None),
    Case("1,000억 원을 투자한다", None),
    Case("지난달 발표했다", None, published="2025"),  # no month to count back from
    Case("30일 동안 진행한다", None),  # a duration, not the 30th of a month
]

DATE_CASES = [*ABSOLUTE_CASES, *KOREAN_RELATIVE_CASES, *ENGLISH_CASES, *NO_DATE_CASES]


@pytest.mark.parametrize("case", DATE_CASES, ids=str)
def test_find_event_date(case: Case) -> None:
    assert find_event_date(case.text, Anchor.parse(case.published)) == case.expected


def test_without_an_anchor_only_written_dates_count() -> None:
    assert find_event_date("2025년 3월 발표했다", None) == "2025-03"
    assert find_event_date("지난달 발표했다", None) is None
    assert find_event_date("28일 발표했다", None) is None


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2025-11-20", Anchor(2025, 11, 20)),
        ("2025-11", Anchor(2025, 11)),
        ("2025", Anchor(2025)),
        (None, None),
        ("", None),
        ("undated", None),
    ],
)
def test_anchor_parse(published: str | None, expected: Anchor | None) -> None:
    assert Anchor.parse(published) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6년간 $142억 규모의 계약", "6y"),
        ("5년에 걸쳐 투자한다", "5y"),
        ("3년 동안 공급한다", "3y"),
        ("1년간 공급한다", "1y"),
        ("5년짜리 계약", "5y"),
        ("8년 5개월간 공급한다", "101m"),
        ("18개월간 공급한다", "18m"),
        ("세 년간", "3y"),
        ("2025년 3월부터 2027년 3월까지 공급한다", "2y"),
        ("2025년 1월부터 2026년 7월까지 공급한다", "18m"),
        ("over three years", "3y"),
        ("for 5 years", "5y"),
        ("over the next five years", "5y"),
        ("a 10-year lease", "10y"),
        ("a three-year contract", "3y"),
        ("계약 기간은 8년 5개월이다", "101m"),
        ("5년 계약을 맺었다", "5y"),
        # no stated duration
        ("a multi-year deal", None),
        ("8년 5개월 만에 흑자로 돌아섰다", None),  # time elapsed, not a deal's length
        ("10년 만에 처음", None),
        ("2030년까지 투자한다", None),
        ("연간 1조 원", None),
    ],
)
def test_find_period(text: str, expected: str | None) -> None:
    assert find_period(text) == expected
