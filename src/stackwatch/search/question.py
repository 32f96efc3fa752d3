"""Reading a question: its shape, what it asks about, whom, when, and its other words.

    parse_question(store, "SK하이닉스의 3분기 매출은 얼마였나?")
    → Question(shape="amount", kind=revenue, entities=[sk-hynix], period=Q3, ...)

Everything is read with general rules and the lexicons of `search/data/questions.yaml`;
names come from the knowledge base and the store (see `query.find_entities`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from stackwatch.kb import KnowledgeBase
from stackwatch.search.lexicon import Kind, first_cue, has_cue, question_lexicon
from stackwatch.search.query import QueryPlan, default_kb, family, plan_query
from stackwatch.search.records import Shape
from stackwatch.store import Store

_HANGUL = re.compile(r"[가-힣]")
_YEAR_RANGE = re.compile(r"(20\d\d)\s*[-~∼–]\s*(20\d\d)")
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_MONTH_KO = re.compile(r"(?<!\d)(1[0-2]|0?[1-9])\s*월")
_QUARTER_RANGE = re.compile(r"([1-4])\s*[~∼-]\s*([1-4])\s*분기")
_QUARTER = re.compile(
    r"(?<!\d)([1-4])\s*분기|\bq([1-4])\b|\b(first|second|third|fourth)[- ]quarter", re.IGNORECASE
)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_HALVES = (("상반기", 1), ("하반기", 2), ("first half", 1), ("second half", 2), ("h1", 1), ("h2", 2))
_MONTHS_EN = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
# Entity types that can be the person of a move.
PERSON = "person"


@dataclass(frozen=True, slots=True)
class Period:
    """When a question asks about; any part may be missing."""

    years: tuple[int, int] | None = None  # inclusive range
    month: int | None = None
    quarters: tuple[int, int] | None = None  # inclusive range (1~3분기 → (1, 3))
    half: int | None = None

    def bounds(self) -> tuple[str | None, str | None]:
        """ISO bounds for a coarse SQL filter (None when the year is not given)."""
        if self.years is None:
            return None, None
        lo, hi = self.years
        if self.month and lo == hi:
            return f"{lo}-{self.month:02d}", f"{lo}-{self.month:02d}"
        return f"{lo}", f"{hi}"


@dataclass(frozen=True, slots=True)
class Asked:
    """An entity the question names, with its family (the entity and its units)."""

    entity_id: str
    surface: str
    ids: tuple[str, ...]
    type: str | None
    particle: str = ""


@dataclass(frozen=True, slots=True)
class Question:
    text: str
    language: str
    shape: Shape
    kind: Kind | None
    kind_cue: str | None
    entities: tuple[Asked, ...]
    period: Period | None
    layer: str | None
    country: str | None
    plan: QueryPlan
    flags: frozenset[str] = field(default_factory=frozenset)  # cumulative, annual, segment, founding


def parse_question(store: Store, text: str, *, kb: KnowledgeBase | None = None) -> Question:
    """Read `text` as a question over the record (never raises on odd input)."""
    kb = kb or default_kb()
    lexicon = question_lexicon()
    lowered = text.lower()
    plan = plan_query(store, text, kb=kb, stopwords=lexicon.stopwords, drop=lexicon.question_patterns)
    entities = tuple(_asked(store, kb, plan))
    kind, cue = _kind(_without_not_cues(plan.leftover))
    flags = {
        name for name in ("cumulative", "annual", "segment", "founding") if has_cue(text, lexicon.cues[name])
    }
    period = parse_period(text)
    if period and period.quarters and period.quarters[0] != period.quarters[1]:
        flags.add("cumulative")
    return Question(
        text=text,
        language="ko" if _HANGUL.search(plan.leftover or text) else "en",
        shape=_shape(lowered, kind),
        kind=kind,
        kind_cue=cue,
        entities=entities,
        period=period,
        layer=_first_named(plan.leftover, lexicon.layers),
        country=_first_named(plan.leftover, lexicon.countries),
        plan=plan,
        flags=frozenset(flags),
    )


def _asked(store: Store, kb: KnowledgeBase, plan: QueryPlan) -> list[Asked]:
    from stackwatch.store import search_sql as sql  # noqa: PLC0415 - keeps the module's imports light

    types = sql.entity_names(store, [h.entity_id for h in plan.entities])
    found: list[Asked] = []
    for hit in plan.entities:
        if any(a.entity_id == hit.entity_id for a in found):
            continue
        known = kb.get(hit.entity_id)
        kind = known.type if known else types.get(hit.entity_id, ("", None))[1]
        found.append(Asked(hit.entity_id, hit.surface, family(kb, hit.entity_id), kind, hit.particle))
    return found


def _without_not_cues(text: str) -> str:
    lowered = text.lower()
    for word in question_lexicon().not_cues:
        lowered = lowered.replace(word, " ")
    return lowered


def _kind(text: str) -> tuple[Kind | None, str | None]:
    for kind in question_lexicon().kinds:
        cue = first_cue(text, kind.cues)
        if cue is not None:
            return kind, cue
    return None, None


def _shape(lowered: str, kind: Kind | None) -> Shape:
    for name, cues in question_lexicon().shapes:
        if has_cue(lowered, cues):
            return name  # type: ignore[return-value]  # names are the Shape literals (questions.yaml)
    return "amount" if kind is not None else "passage"


def _first_named(text: str, table: tuple[tuple[str, tuple[str, ...]], ...]) -> str | None:
    for name, cues in table:
        if has_cue(text, cues):
            return name
    return None


def parse_period(text: str) -> Period | None:
    """Years, a month, quarters or a half named in `text` ("2025년 11월", "Q3 2025", "1~3분기")."""
    lowered = text.lower()
    years: tuple[int, int] | None = None
    if found := _YEAR_RANGE.search(lowered):
        years = (int(found.group(1)), int(found.group(2)))
    elif found := _YEAR.search(lowered):
        years = (int(found.group(1)), int(found.group(1)))
    month = None
    if found := _MONTH_KO.search(lowered):
        month = int(found.group(1))
    else:
        for number, name in enumerate(_MONTHS_EN, start=1):
            if re.search(rf"\b{name}\b", lowered):
                month = number
                break
    quarters: tuple[int, int] | None = None
    if found := _QUARTER_RANGE.search(lowered):
        quarters = (int(found.group(1)), int(found.group(2)))
    elif found := _QUARTER.search(lowered):
        digits = found.group(1) or found.group(2)
        q = int(digits) if digits else _ORDINALS[found.group(3).lower()]
        quarters = (q, q)
    half = next((h for word, h in _HALVES if re.search(rf"(?<![a-z]){word}(?![a-z])", lowered)), None)
    if years is None and month is None and quarters is None and half is None:
        return None
    return Period(years=years, month=month, quarters=quarters, half=half)
