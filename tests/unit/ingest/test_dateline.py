"""Publication dates (`stackwatch.ingest.dateline`): `find_date`, `is_dateline`, `parse_date_value`."""

from __future__ import annotations

import datetime as dt

import pytest

from stackwatch.ingest.dateline import find_date, is_dateline, parse_date_value

FIND_DATE_CASES = [
    # from the rules: the formats Korean and English news pages print
    ("2025.07.28", "2025-07-28"),
    ("2025-10-29 16:10", "2025-10-29"),
    ("2025/7/8", "2025-07-08"),
    ("2025. 10. 7.", "2025-10-07"),
    ("2025년 3월 25일", "2025-03-25"),
    ("2025년 3월 25일 06:00", "2025-03-25"),
    ("October 22, 2025", "2025-10-22"),
    ("Oct. 4, 2025", "2025-10-04"),
    ("Sept. 30, 2025", "2025-09-30"),
    ("Dec 1 2025", "2025-12-01"),
    ("May 5, 2025", "2025-05-05"),
    ("22 October 2025", "2025-10-22"),
    ("4 Oct. 2025", "2025-10-04"),
    ("입력 2025.10.07 08:31 | 수정 2025.10.08 09:12", "2025-10-07"),
    ("기사입력 2025-10-29 오전 09:00", "2025-10-29"),
    ("Published October 22, 2025 6:40 AM", "2025-10-22"),
    ("Updated: Oct 23, 2025, 1:00 PM ET", "2025-10-23"),
    # the first date in running text
    ("오픈AI는 2025년 10월 22일 새 모델을 공개했고 11월 3일 가격을 내렸다.", "2025-10-22"),
    ("SEOUL, Oct 4, 2025 (Reuters) - Samsung said on 2025-10-05 ...", "2025-10-04"),
    # no full calendar date: nothing, never a guess
    ("2025.13.01", None),
    ("2025.02.30", None),
    ("20251007", None),
    ("12.5.2025", None),
    ("10월 22일", None),
    ("2025년 10월", None),
    ("Mayday 5, 2025", None),
    ("GPT-5.1 was released", None),
    ("", None),
]


@pytest.mark.parametrize(
    ("text", "expected"), FIND_DATE_CASES, ids=[c[0] or "empty" for c in FIND_DATE_CASES]
)
def test_find_date(text: str, expected: str | None) -> None:
    assert find_date(text) == expected


DATELINE_CASES = [
    # from the rules: short lines that are mostly a date
    ("2025.07.28", True),
    ("2025-10-29 16:10", True),
    ("2025년 3월 25일", True),
    ("October 22, 2025", True),
    ("Oct. 4, 2025", True),
    ("입력 2025.10.07 08:31 | 수정 2025.10.07 09:12", True),
    ("입력 2025.10.07 08:31 | 수정", True),
    ("승인 2025.07.28 17:42", True),
    ("Published October 22, 2025 6:40 AM", True),
    ("Updated: Oct 23, 2025, 1:00 PM ET", True),
    ("2025.07.28 월요일", True),
    ("  2025.07.28  ", True),
    # sentences and headlines that contain a date are not date lines
    ("오픈AI는 2025년 10월 22일 새 모델을 공개했다고 밝혔으며 업계는 주목하고 있다.", False),
    ("The company said on October 22, 2025 that it had signed the deal with Oracle.", False),
    ("Technology news and analysis from 2025.07.28 onward and beyond", False),
    # no date at all
    ("입력", False),
    ("08:31", False),
    ("수정 10.07 08:31", False),
    ("", False),
    ("   ", False),
    ("입력 2025.10.07 08:31 | " + "수정 2025.10.07 09:12 | " * 4, False),  # too long for a date line
]


@pytest.mark.parametrize(("line", "expected"), DATELINE_CASES, ids=[c[0] or "empty" for c in DATELINE_CASES])
def test_is_dateline(line: str, expected: bool) -> None:
    assert is_dateline(line) is expected


PARSE_VALUE_CASES = [
    (dt.datetime(2025, 10, 7, 8, 31), "2025-10-07"),
    (dt.datetime(2025, 10, 7, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=9))), "2025-10-07"),
    (dt.date(2025, 1, 2), "2025-01-02"),
    ("2025-01-02T10:00:00Z", "2025-01-02"),
    ("2025-07-22T09:00:00+09:00", "2025-07-22"),
    ("October 22, 2025", "2025-10-22"),
    ("not a date", None),
    (None, None),
    (20250102, None),
    (["2025-01-02"], None),
]


@pytest.mark.parametrize(
    ("value", "expected"), PARSE_VALUE_CASES, ids=[repr(c[0]) for c in PARSE_VALUE_CASES]
)
def test_parse_date_value(value: object, expected: str | None) -> None:
    assert parse_date_value(value) == expected
