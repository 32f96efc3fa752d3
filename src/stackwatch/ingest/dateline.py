"""Publication dates: from metadata values and from the date line of a text article.

A date line is a short line that is mostly a date: `입력 2025.07.28 17:42 | 수정 ...`,
`2025-10-29 16:10`, `2025년 3월 25일 06:00`, `October 22, 2025 6:40 AM`. The first one
near the top of an article is its publication date.
"""

from __future__ import annotations

import datetime as dt
import re

# English month names, shared with the event-date reader (extract/dates.py).
MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH_NAMES = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)

_NUMERIC = re.compile(r"(?<!\d)(20\d\d|19\d\d)\s*[.\-/]\s*(\d{1,2})\s*[.\-/]\s*(\d{1,2})(?!\d)")
_KOREAN = re.compile(r"(?<!\d)(20\d\d|19\d\d)\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일")
_ENGLISH_MDY = re.compile(rf"\b({MONTH_NAMES})\.?\s+(\d{{1,2}}),?\s+(20\d\d)\b")
_ENGLISH_DMY = re.compile(rf"\b(\d{{1,2}})\s+({MONTH_NAMES})\.?,?\s+(20\d\d)\b")
_DATELINE_WORDS = re.compile(
    r"입력|수정|등록|승인|발행|게재|송고|기사입력|최종수정|업데이트"
    r"|Published|Updated|Posted|Last modified|[0-9]{1,2}:[0-9]{2}",
    re.IGNORECASE,
)
_MAX_DATELINE_CHARS = 90


def parse_date_value(value: object) -> str | None:
    """An ISO date from a metadata value: a date, a datetime, or a string holding one."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    return find_date(value)


def find_date(text: str) -> str | None:
    """The first full calendar date written in `text`, as YYYY-MM-DD, or None."""
    best: tuple[int, str] | None = None
    for pattern, order in ((_NUMERIC, "ymd"), (_KOREAN, "ymd"), (_ENGLISH_MDY, "mdy"), (_ENGLISH_DMY, "dmy")):
        match = pattern.search(text)
        if not match:
            continue
        iso = _to_iso(match.groups(), order)
        if iso and (best is None or match.start() < best[0]):
            best = (match.start(), iso)
    return best[1] if best else None


def is_dateline(line: str) -> bool:
    """True for a short line that is mostly a publication date (and time, and labels)."""
    stripped = line.strip()
    if not stripped or len(stripped) > _MAX_DATELINE_CHARS:
        return False
    if find_date(stripped) is None:
        return False
    if _DATELINE_WORDS.search(stripped):
        return True
    # A bare date, or a date with a weekday or a desk name of a few characters around it.
    return len(_strip_dates(stripped)) <= 12


def _strip_dates(text: str) -> str:
    for pattern in (_NUMERIC, _KOREAN, _ENGLISH_MDY, _ENGLISH_DMY):
        text = pattern.sub("", text)
    return re.sub(r"[\s|:·,.()\[\]-]+", "", text)


def _to_iso(groups: tuple[str | None, ...], order: str) -> str | None:
    parts = [g or "" for g in groups]
    try:
        if order == "ymd":
            year, month, day = int(parts[0]), int(parts[1]), int(parts[2])
        elif order == "mdy":
            month, day, year = MONTHS[parts[0][:3].lower()], int(parts[1]), int(parts[2])
        else:
            day, month, year = int(parts[0]), MONTHS[parts[1][:3].lower()], int(parts[2])
        return dt.date(year, month, day).isoformat()
    except (ValueError, KeyError):
        return None
