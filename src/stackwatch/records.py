"""The frozen records the stages pass to each other.

    ingest  ─► Document            (text, title, date, source; boilerplate removed)
    nlp     ─► AnalysedDocument    (+ language, sentences)
    extract ─► DocumentFacts       (+ entities, amounts, events, layers, signals)

Records are immutable dataclasses: safe to share between stages and worker processes
(they pickle), cheap to build in the hot loop, and every field is visible to mypy.
Collections are tuples; a changed copy is `dataclasses.replace(...)`. Money values are
`Decimal`: whole units when the amount is whole, cents when it is a share price.
`stackwatch.extract.serialize` turns `DocumentFacts` into the SCHEMA.md record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

EntityType = Literal["company", "investor", "person", "product", "government", "organization"]
Layer = Literal["model", "application", "enterprise", "infrastructure", "frontier"]
Status = Literal["done", "announced", "negotiating", "rumored", "denied"]
Qualifier = Literal["min", "max", "range"]

LAYERS: tuple[Layer, ...] = ("model", "application", "enterprise", "infrastructure", "frontier")
SIGNALS: tuple[str, ...] = (
    "capex",
    "chips",
    "power",
    "regulation",
    "startup_costs",
    "talent",
    "bubble",
    "security",
    "geopolitics",
)
EVENT_TYPES: tuple[str, ...] = (
    "investment",
    "funding_round",
    "valuation",
    "contract",
    "capex",
    "acquisition",
    "ipo",
    "stock_sale",
    "debt",
    "financials",
    "product_launch",
    "talent_move",
    "security_incident",
    "policy",
    "market_forecast",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """One article as read from its source, boilerplate removed.

    `text` is the body only (lines joined by newlines); the headline is in `title`.
    `published` is ISO (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) or None when no date was found.
    """

    doc: str  # the input's base name, or the URL
    source: str  # where it came from: a path or a URL
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    site: str | None = None
    format: str = "txt"  # txt | md | html | jsonl
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    """A sentence of a document. Index 0 is the headline when the document has one."""

    index: int
    text: str
    is_title: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class AnalysedDocument:
    """A document split into sentences, with its language (`ko` or `en`)."""

    document: Document
    language: str
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """Where a fact was read: the sentence index and the character span inside it."""

    sentence: int
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Amount:
    """A money amount as written, normalised.

    `text` is always kept so every figure traces back to its words; `value` is None when
    the words could not be read (flagged "unparsed", never guessed). `usd_rate` is the
    USD value of one unit of `currency` that was used, and `rate_source` says whether it
    was stated in the text or taken from the knowledge base's dated table.
    """

    text: str
    value: Decimal | None
    currency: str | None
    evidence: Evidence
    usd: Decimal | None = None
    krw: Decimal | None = None
    approx: bool = False
    qualifier: Qualifier | None = None
    value_high: Decimal | None = None
    per_year: bool = False
    usd_rate: Decimal | None = None
    rate_source: str | None = None  # "stated" | "table:YYYY-MM-DD"
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A name found in a sentence and linked to an entity (known or discovered)."""

    entity: str  # entity id
    surface: str
    evidence: Evidence
    particle: str = ""  # the Korean particle or ending glued to the name, if any


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """An organisation, person or product named by a document."""

    id: str
    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    layers: tuple[Layer, ...] = ()
    country: str | None = None
    ticker: str | None = None
    kind: str | None = None
    known: bool = True  # False: discovered from context, not in the knowledge base
    mentions: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    role: str
    entity: str  # entity id
    name: str  # canonical name


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """A typed fact of SCHEMA.md read from one sentence."""

    type: str
    actors: tuple[Actor, ...]
    evidence: str
    sentence: int
    amount: Amount | None = None
    date: str | None = None
    period: str | None = None
    status: Status = "done"
    layers: tuple[Layer, ...] = ()
    signals: tuple[str, ...] = ()
    metric: str | None = None
    confidence: float = 0.5
    note: str | None = None  # how the event was read, when that matters downstream


@dataclass(frozen=True, slots=True, kw_only=True)
class LayerAssignment:
    primary: Layer | None
    all: tuple[Layer, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentFacts:
    """Everything extracted from one document: the SCHEMA.md record before serialising."""

    document: Document
    language: str
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    amounts: tuple[Amount, ...] = ()
    events: tuple[Event, ...] = ()
    layers: LayerAssignment = field(default_factory=lambda: LayerAssignment(primary=None))
    signals: tuple[str, ...] = ()
