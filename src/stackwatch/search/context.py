"""Reading an event or a sentence in context: the period it is about, where its amount is
written, who owns that amount, and the sentences around it that belong to the answer."""

from __future__ import annotations

import re
from collections.abc import Iterable

from stackwatch.search.lexicon import cue_positions, has_cue, question_lexicon
from stackwatch.search.question import Period, parse_period
from stackwatch.store import Store
from stackwatch.store import search_sql as sql
from stackwatch.store.search_sql import EventRow, MentionRow, SentenceRow

_TOPIC_PARTICLES = ("은", "는")
_QUARTER_WORDS = {1: ("1분기", "q1", "first quarter"), 2: ("2분기", "q2", "second quarter"),
                  3: ("3분기", "q3", "third quarter"), 4: ("4분기", "q4", "fourth quarter")}  # fmt: skip
_HALF_WORDS = {1: ("상반기", "first half", "h1"), 2: ("하반기", "second half", "h2")}
_DIGIT = re.compile(r"\d")
NEARBY = 3  # sentences either side of an event that may say it was a record
CLOSE_CHARS = 40  # a cue this close to an amount describes it ("88억 달러가 넘는 채무")


def document_scope(sentence: SentenceRow) -> str | None:
    """The month a roundup is about, from its headline ("2025년 11월 AI 동향 리포트",
    "11월 AI 브리핑"): events dated only by such a document's publication belong to it."""
    if not sentence.title or not sentence.published:
        return None
    period = parse_period(sentence.title)
    if period is None or period.month is None:
        return None
    year = period.years[0] if period.years else int(sentence.published[:4])
    scope = f"{year}-{period.month:02d}"
    return scope if scope <= sentence.published[:7] else None


def event_date(event: EventRow) -> str | None:
    """The event's date; a date that is only its document's publication date yields to the
    document's stated scope."""
    date = event.date
    if date and date == event.sentence.published:
        return document_scope(event.sentence) or date
    return date or document_scope(event.sentence) or event.sentence.published


def period_matches(period: Period | None, date: str | None, evidence: str) -> bool:
    """True when an event of `date`, read from `evidence`, falls in the asked period."""
    if period is None:
        return True
    lowered = evidence.lower()
    if period.years is not None:
        year = int(date[:4]) if date and date[:4].isdigit() else None
        mentioned = [int(y) for y in re.findall(r"(?<!\d)(20\d\d)(?!\d)", evidence)]
        lo, hi = period.years
        if not ((year is not None and lo <= year <= hi) or any(lo <= y <= hi for y in mentioned)):
            return False
    if period.month is not None:
        month = int(date[5:7]) if date and len(date) >= 7 and date[5:7].isdigit() else None
        if month != period.month and f"{period.month}월" not in evidence:
            return False
    if period.quarters is not None:
        lo, hi = period.quarters
        quarter = _quarter_of(date)
        said = [q for q, words in _QUARTER_WORDS.items() if any(w in lowered for w in words)]
        if hi not in said and not (quarter == hi and not said):
            return False
    if period.half is not None:
        said_half = [h for h, words in _HALF_WORDS.items() if any(w in lowered for w in words)]
        if period.half not in said_half:
            return False
    return True


def _quarter_of(date: str | None) -> int | None:
    if not date:
        return None
    if "-Q" in date:
        return int(date.split("-Q")[1][:1])
    if len(date) >= 7 and date[5:7].isdigit():
        return (int(date[5:7]) - 1) // 3 + 1
    return None


def amount_position(text: str, amount: dict[str, object] | None) -> int | None:
    if not amount:
        return None
    written = str(amount.get("text") or "")
    at = text.find(written) if written else -1
    return at if at >= 0 else None


def cue_distance(text: str, cues: tuple[str, ...], position: int | None, length: int = 0) -> int:
    """Characters between an amount and the nearest cue (a large number when there is none)."""
    if position is None:
        return 10_000
    best = 10_000
    for at in cue_positions(text, cues):
        distance = position - at if at < position else at - (position + length)
        best = min(best, max(distance, 0))
    return best


def owner_matches(text: str, mentions: list[MentionRow], ids: Iterable[str], position: int) -> bool:
    """Whether an amount at `position` belongs to one of `ids`: the topic before it (a name with
    은/는) or, without one, the nearest name before it must be theirs."""
    wanted = set(ids)
    before = [m for m in mentions if m.end <= position]
    if not before:
        return False
    topics = [m for m in before if _after_gloss(text, m.end)[:1] in _TOPIC_PARTICLES]
    owner = topics[-1] if topics else before[-1]
    return owner.entity_id in wanted


def _after_gloss(text: str, end: int) -> str:
    """The text after a name and its parenthetical gloss: 싱킹머신즈랩(Thinking Machines Lab)은 → 은."""
    rest = text[end:]
    while rest.startswith((")", "）")):
        rest = rest[1:]
    if rest.startswith(("(", "（")):
        close = re.search(r"[)）]", rest)
        rest = rest[close.end() :] if close else rest
    return rest


def supporting_sentences(
    store: Store, event: EventRow, *, pair: tuple[tuple[str, ...], ...] = (), superlative: bool = False
) -> list[SentenceRow]:
    """Sentences beside an event's own that complete it: the next sentence when it names no one
    and gives a figure ("공급 규모는 6기가와트에 이른다"), sentences naming every one of `pair`,
    and, for a ranking, a nearby sentence that calls it a record."""
    document = sql.document_sentences(store, event.sentence.document_id)
    places = [(s.document_id, s.idx) for s in document]
    mentions = sql.mentions_in(store, places)
    actors = {a.entity_id for a in event.actors}
    found: list[SentenceRow] = []
    at = event.sentence.idx
    following = next((s for s in document if s.idx == at + 1), None)
    if (
        following
        and not mentions.get((following.document_id, following.idx))
        and _DIGIT.search(following.text)
    ):
        found.append(following)
    if superlative:
        cues = question_lexicon().cues["superlative"]
        for s in document:
            named = {m.entity_id for m in mentions.get((s.document_id, s.idx), [])}
            if 0 < abs(s.idx - at) <= NEARBY and has_cue(s.text, cues) and named <= actors and s not in found:
                found.append(s)
    if pair:
        for s in document:
            named = {m.entity_id for m in mentions.get((s.document_id, s.idx), [])}
            if s.idx != at and not s.is_title and all(named.intersection(f) for f in pair) and s not in found:
                found.append(s)
    return found[:MAX_SUPPORT]


MAX_SUPPORT = 5


def is_close(text: str, cues: tuple[str, ...], position: int | None, length: int = 0) -> bool:
    return cue_distance(text, cues, position, length) <= CLOSE_CHARS
