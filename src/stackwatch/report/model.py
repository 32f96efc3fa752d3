"""The report as data, before it is written: sections of blocks of cited lines, and the sources list.

Markdown and HTML are both rendered from this one model (see `report.render`), so they
cannot drift apart. A `Line` is one sentence: a claim cites sources (`cites`), a tally
computed from many records says so (`computed`) and cites nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["paragraph", "bullets", "quotes", "table", "figure", "note"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Line:
    text: str
    cites: tuple[int, ...] = ()
    computed: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Row:
    cells: tuple[str, ...]
    cites: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    """A paragraph, a list, a list of quotes, a table (`header`, `rows`) or a figure (`svg`, `file`)."""

    kind: BlockKind
    lines: tuple[Line, ...] = ()
    header: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    cited_column: str | None = None  # the heading of the sources column of a table that cites
    svg: str = ""
    file: str = ""
    caption: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    title: str
    anchor: str
    level: int = 2
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceEntry:
    """One cited document: what a reader needs to find it, and the sentences the report used."""

    number: int
    title: str
    site: str
    url: str | None
    published: str | None
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    lang: str
    period_label: str
    title: str
    date: str  # the report's own date, YYYY-MM-DD
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    excerpt: str
    sections: tuple[Section, ...]
    sources: tuple[SourceEntry, ...]
    names: dict[str, list[str]] = field(default_factory=dict)  # every name written → its other names
    figures: dict[str, str] = field(default_factory=dict)  # file name → SVG
    self_check_failures: int = 0  # generated sentences replaced by quotes because evidence lacked them
