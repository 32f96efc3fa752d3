"""What search and questions return: frozen records, ready for the CLI, the web app and JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Shape = Literal["amount", "deals", "total", "ranking", "talent", "launch", "passage"]


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchHit:
    """A sentence that matches a query, with the document it comes from."""

    sentence: str
    score: float
    document_id: int
    sentence_index: int
    doc: str
    title: str | None
    url: str | None
    published: str | None
    site: str | None = None
    entities: tuple[str, ...] = ()  # entity ids of the query found in or beside the sentence


@dataclass(frozen=True, slots=True, kw_only=True)
class Citation:
    """Where an answer comes from: the document and the sentence, verbatim."""

    doc: str
    title: str | None
    url: str | None
    published: str | None
    sentence: int  # index of the sentence in its document
    evidence: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Answer:
    """An answer to a question: its text, whether the record supports it, and the sentences
    it rests on. `found` is False (and `citations` empty) when the record holds no answer."""

    question: str
    text: str
    found: bool
    shape: Shape
    language: str  # ko | en: the language of the question, and of `text`
    values: tuple[dict[str, Any], ...] = ()  # the SCHEMA.md amounts stated, largest role first
    citations: tuple[Citation, ...] = ()
    phrased_by: str = "rules"  # "rules" or "llm"
    notes: tuple[str, ...] = field(default=())
