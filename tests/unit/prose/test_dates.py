"""ISO periods written for readers: `korean_date` and `english_date`."""

from __future__ import annotations

import pytest

from stackwatch.prose import english_date, korean_date

DATE_CASES = [
    ("2025", "2025년", "2025"),
    ("2025-11", "2025년 11월", "November 2025"),
    ("2025-01", "2025년 1월", "January 2025"),
    ("2025-11-05", "2025년 11월 5일", "5 November 2025"),
    ("2024-02-29", "2024년 2월 29일", "29 February 2024"),
    ("2025-Q4", "2025년 4분기", "Q4 2025"),
    ("2025-Q1", "2025년 1분기", "Q1 2025"),
    ("2025-H1", "2025년 상반기", "H1 2025"),
    ("2025-H2", "2025년 하반기", "H2 2025"),
    (" 2025-11 ", "2025년 11월", "November 2025"),
]


@pytest.mark.parametrize(("period", "korean", "english"), DATE_CASES)
def test_dates(period: str, korean: str, english: str) -> None:
    assert (korean_date(period), english_date(period)) == (korean, english)


@pytest.mark.parametrize(
    "period", ["", "25-11", "2025-13", "2025-02-30", "2025-Q5", "2025-11-5", "2025/11", "November 2025"]
)
def test_not_a_period(period: str) -> None:
    with pytest.raises(ValueError, match="not a"):
        korean_date(period)
    with pytest.raises(ValueError, match="not a"):
        english_date(period)
