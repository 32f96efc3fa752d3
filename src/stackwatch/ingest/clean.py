"""Boilerplate removal that keeps every sentence of the article and drops page furniture.

Works on lines, for text dumps copied from news pages and for the text trafilatura gets
out of HTML alike:

1. the headline is the line just above the date line (or the first headline-like line);
2. the body runs from the first sentence-like line after it to the last sentence-like
   line before the page's trailer starts ("많이 본 뉴스", "관련 기사", "댓글", "Most read",
   a copyright line ...);
3. inside the body only furniture lines are dropped (share buttons, ads, bylines with an
   e-mail, copyright); captions and subheadings stay.

The word lists are data (`kb/data/lexicons/boilerplate.yaml`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from stackwatch.ingest.dateline import find_date, is_dateline
from stackwatch.kb import load_lexicon

_SENTENCE_END_KO = re.compile(r"(?:[다요죠음함임됨]|[.!?…])[.!?]?[\"'”’)\]」』]*$")
_SENTENCE_END_EN = re.compile(r"[.!?][\"'”’)\]]*$")
_HANGUL = re.compile(r"[가-힣]")
_MENU_SEPARATORS = re.compile(r"\s*(?:\||│|ㅣ|·|•|>|›|»|\s{2,})\s*")
_BREADCRUMB = re.compile(r"^[^>›»/]{1,24}(?:\s+[>›»/]\s+[^>›»/]{1,24})+$")
# "Title / TokenPost.ai", "Title - 테크뉴스": a site name glued to the headline.
_SITE_SUFFIX = re.compile(
    r"\s+[/|–—-]\s+(?:[\w.-]+\.(?:com|net|org|kr|ai|io|co|news)|\S*(?:뉴스|일보|신문|경제|타임스|미디어|방송|투데이)\S*"
    r"|[\w ]{0,20}(?:News|Times|Post|Journal|Daily|Herald|Media|Insider))\s*$",
    re.IGNORECASE,
)
# An English wire dateline opening the first paragraph: "SAN FRANCISCO, Oct 4, 2025 -".
_WIRE_DATELINE = re.compile(r"^[A-Z][A-Za-z .,/'()-]{1,60}?,\s+(.{6,20}?\d{4})\s*(?:\([^)]{1,30}\))?\s*[-–—]")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_CAPTION = re.compile(r"^(?:[▲△▷▶◀◇◆■□]|\[사진\]|\(사진\)|사진\s*[:=])")
_CREDIT = re.compile(
    r"\s*[(\[]?\s*(?:[ⓒ©]|\(c\)|사진\s*=|사진제공\s*=|/\s*사진)[^)\]]{0,30}[)\]]?$", re.IGNORECASE
)
_NOTICE = re.compile(
    r"^\s*[<\[(]?\s*(?:ⓒ|©|\(c\)|Copyright|저작권자)|All rights reserved|무단\s*전재\s*(?:및|와)?\s*재배포",
    re.IGNORECASE,
)
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")
MIN_BODY_CHARS_KO = 25  # shorter Korean lines are headings, captions or buttons
MIN_BODY_WORDS_EN = 6
MIN_TITLE_CHARS = 8
MIN_TITLE_WORDS = 3
MAX_HEADLINE_CHARS = 90
LONG_BODY_LINE = 80
MAX_HEADER_LINES = 6  # lines looked at above a date line for the headline


@dataclass(frozen=True, slots=True)
class CleanText:
    title: str | None
    published: str | None
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Patterns:
    furniture: re.Pattern[str]
    trailer: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    lexicon = load_lexicon("boilerplate")
    furniture = "|".join(f"(?:{p})" for p in lexicon["furniture"])
    trailer = "|".join(f"(?:{p})" for p in lexicon["trailer"])
    return _Patterns(
        furniture=re.compile(furniture, re.IGNORECASE),
        trailer=re.compile(rf"^(?:{trailer})\s*[:(0-9)]*\s*$", re.IGNORECASE),
    )


def normalise_line(line: str) -> str:
    """NFC, no invisible characters, single spaces."""
    line = _INVISIBLE.sub("", unicodedata.normalize("NFC", line))
    return re.sub(r"[ \t\u00a0\u3000]+", " ", line).strip()


def is_sentence_like(line: str) -> bool:
    """A line that reads as running text rather than a button, menu or heading."""
    if _HANGUL.search(line):
        return len(line) >= MIN_BODY_CHARS_KO and bool(_SENTENCE_END_KO.search(line))
    return len(line.split()) >= MIN_BODY_WORDS_EN and bool(_SENTENCE_END_EN.search(line))


def is_furniture(line: str) -> bool:
    """Page furniture: share and login buttons, ads, bylines, copyright, menus.

    A long line that reads as running text is article text even when it contains a
    furniture word ("저작권자인 언론사들은 ..." in a story about AI and copyright)."""
    if _patterns().furniture.search(line) and not (
        len(line) > LONG_BODY_LINE and is_sentence_like(line) and not _NOTICE.search(line)
    ):
        return True
    if _EMAIL.search(line) and len(line) < 80:
        return True  # a byline: "김민준 기자 mj.kim@example.kr"
    return _is_menu(line)


def is_trailer_start(line: str) -> bool:
    """A line that opens the part of the page after the article (most read, comments ...)."""
    return bool(_patterns().trailer.match(line))


def _is_menu(line: str) -> bool:
    if _BREADCRUMB.match(line):
        return True
    parts = [p for p in _MENU_SEPARATORS.split(line) if p]
    if len(parts) < 3 or is_sentence_like(line):
        return False
    return all(len(p) <= 14 and len(p.split()) <= 2 for p in parts)  # "인텔 주가 일제히 하락" is a headline


def clean_page_text(text: str, *, title: str | None = None, has_dateline: bool = True) -> CleanText:
    """Split a page's text into headline, publication date and the article's own lines.

    `title` is the headline when the caller already knows it (HTML metadata, front
    matter); `has_dateline` is False for text that starts with the article itself.
    """
    lines = [normalise_line(raw) for raw in text.splitlines()]
    published = None
    head_end = 0
    dateline_at = _first_dateline(lines) if has_dateline else None
    if dateline_at is not None:
        published = find_date(lines[dateline_at])
        head_end = dateline_at + 1
    if title is None:
        title, title_at = _find_title(lines, dateline_at)
        if title_at is not None and dateline_at is None:
            head_end = title_at + 1
    body = _body_lines(lines, start=head_end, title=title)
    if not body and head_end:
        body = _body_lines(lines, start=0, title=title)
    if published is None and body:
        wire = _WIRE_DATELINE.match(body[0])
        published = find_date(wire.group(1)) if wire else None
    return CleanText(
        title=strip_site_suffix(title) if title else None, published=published, lines=tuple(body)
    )


def strip_site_suffix(title: str) -> str:
    """The headline without a site name glued after a slash, bar or dash."""
    return _SITE_SUFFIX.sub("", title).strip() or title


def _first_dateline(lines: list[str]) -> int | None:
    for index, line in enumerate(lines[:40]):
        if is_dateline(line):
            return index
    return None


def _is_headline_candidate(line: str) -> bool:
    return (
        MIN_TITLE_CHARS <= len(line) <= 200
        and not is_furniture(line)
        and not is_dateline(line)
        and not is_trailer_start(line)
    )


def _find_title(lines: list[str], dateline_at: int | None) -> tuple[str | None, int | None]:
    """The headline: the topmost headline-like line just above the date line, else the first one."""
    if dateline_at is not None:
        found: int | None = None
        index = dateline_at - 1
        checked = 0
        while index >= 0 and checked < MAX_HEADER_LINES:
            line = lines[index]
            if line:
                checked += 1
                if _is_headline_candidate(line) and (found is None or len(line.split()) >= MIN_TITLE_WORDS):
                    found = index  # walk on: a standfirst sits under its headline; a section label never wins
                elif not is_furniture(line) or found is not None:
                    break  # bylines and share buttons between headline and date are skipped
            index -= 1
        if found is not None:
            return lines[found], found
    for index, line in enumerate(lines[:60]):
        if _is_headline_candidate(line) and (not is_sentence_like(line) or _reads_as_headline(line)):
            return line, index
    return None, None


def _reads_as_headline(line: str) -> bool:
    """ "... 경고등 켜졌다": Korean headlines end in a verb without a full stop; body sentences carry one."""
    return len(line) <= MAX_HEADLINE_CHARS and not re.search(r"[.!?。]['\"”’)]*$", line)


def _body_lines(lines: list[str], *, start: int, title: str | None) -> list[str]:
    first = next((i for i in range(start, len(lines)) if is_sentence_like(lines[i])), None)
    if first is None:
        return [
            line
            for line in lines[start:]
            if line and line != title and not is_furniture(line) and not is_dateline(line)
        ]
    last = first
    for index in range(first, len(lines)):
        line = lines[index]
        if is_trailer_start(line) or _is_copyright_notice(line):
            break
        if is_sentence_like(line) and not is_furniture(line):
            last = index
    body: list[str] = []
    for line in lines[first : last + 1]:
        if _CAPTION.match(line):
            caption = _CREDIT.sub("", line).strip()  # a photo caption is article text; its credit is not
            if caption:
                body.append(caption)
        elif line and line != title and not is_furniture(line) and not is_dateline(line):
            body.append(line)
    return body


def _is_copyright_notice(line: str) -> bool:
    """A copyright or reuse notice: the article is over."""
    if _CAPTION.match(line):
        return False
    if len(line) > LONG_BODY_LINE and is_sentence_like(line) and not _NOTICE.search(line):
        return False  # a sentence about copyright, not a notice
    return bool(re.search(r"저작권자|무단\s*전재|재배포\s*금지|All rights reserved", line, re.IGNORECASE))
