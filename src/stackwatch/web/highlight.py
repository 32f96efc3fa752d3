"""Sentences cut into plain and marked pieces, for templates to escape and wrap.

Article text is untrusted, so highlighting never builds HTML: it returns `Piece`s and the
template writes each piece's text through Jinja's autoescape inside the right element.
Overlapping marks keep the one that starts first (then the longer one).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Mark:
    start: int
    end: int
    kind: str  # "entity" | "amount"
    ref: str = ""  # the entity id for an entity mark
    title: str = ""  # a tooltip: the canonical name, the amount in dollars


@dataclass(frozen=True, slots=True, kw_only=True)
class Piece:
    text: str
    kind: str = ""  # "" for plain text, else the mark's kind
    ref: str = ""
    title: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class MarkedSentence:
    index: int
    pieces: tuple[Piece, ...]
    is_title: bool = False
    is_event: bool = False
    is_focus: bool = False
    starts_paragraph: bool = False


def find_all(text: str, needle: str) -> list[int]:
    """Every start of `needle` in `text` (not overlapping)."""
    found, at = [], text.find(needle) if needle else -1
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + len(needle))
    return found


def cut(text: str, marks: Iterable[Mark]) -> tuple[Piece, ...]:
    """`text` as pieces: the marks that fit inside it and do not overlap, plain text between."""
    pieces: list[Piece] = []
    at = 0
    for mark in sorted(marks, key=lambda m: (m.start, -(m.end - m.start))):
        if mark.start < at or mark.end > len(text) or mark.start >= mark.end:
            continue
        if mark.start > at:
            pieces.append(Piece(text=text[at : mark.start]))
        pieces.append(Piece(text=text[mark.start : mark.end], kind=mark.kind, ref=mark.ref, title=mark.title))
        at = mark.end
    if at < len(text):
        pieces.append(Piece(text=text[at:]))
    return tuple(pieces)


def amount_marks(sentence: str, amounts: Sequence[tuple[str, str]]) -> list[Mark]:
    """Marks for amounts given as (text as written, tooltip), found by their words."""
    marks: list[Mark] = []
    for written, title in amounts:
        marks.extend(
            Mark(start=at, end=at + len(written), kind="amount", title=title)
            for at in find_all(sentence, written)
        )
    return marks


def paragraph_starts(text: str, sentences: Sequence[str]) -> set[int]:
    """Positions (in `sentences`) that begin a paragraph of `text`: a newline lies between
    the previous sentence and this one. Sentences not found in `text` start none."""
    starts: set[int] = set()
    at = 0
    for position, sentence in enumerate(sentences):
        found = text.find(sentence[:40], at) if sentence else -1
        if found < 0:
            continue
        if position == 0 or "\n" in text[at:found]:
            starts.add(position)
        at = found + len(sentence)
    return starts
