"""The sources list of a report: documents numbered in the order first cited, with the sentences used."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from stackwatch.report.model import SourceEntry
from stackwatch.store import Store, analytics

__all__ = ["Citations"]


class Citations:
    """Numbers documents as they are cited and keeps the evidence each claim used."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._numbers: dict[int, int] = {}
        self._evidence: dict[int, list[str]] = {}
        self._documents: dict[int, analytics.DocumentRow] = {}

    def cite(self, document_id: int, evidence: Iterable[str]) -> int:
        """The number of a document in the sources list, adding it (and the sentences used) if new."""
        if document_id not in self._numbers:
            self._numbers[document_id] = len(self._numbers) + 1
            self._evidence[document_id] = []
            self._documents.update(analytics.documents_by_id(self._store, [document_id]))
        kept = self._evidence[document_id]
        for sentence in evidence:
            flat = " ".join(sentence.split())
            if flat and flat not in kept:
                kept.append(flat)
        return self._numbers[document_id]

    @property
    def cited(self) -> frozenset[int]:
        """The ids of the documents cited so far."""
        return frozenset(self._numbers)

    def evidence(self, numbers: Iterable[int]) -> list[str]:
        """Titles and evidence sentences of the sources numbered `numbers`, as the verifier will read them."""
        by_number = {n: d for d, n in self._numbers.items()}
        texts: list[str] = []
        for number in dict.fromkeys(numbers):
            document_id = by_number[number]
            row = self._documents.get(document_id)
            texts.append(" ".join((row.title or row.doc).split()) if row else "")
            texts.extend(self._evidence[document_id])
        return texts

    def entries(self) -> tuple[SourceEntry, ...]:
        found = []
        for document_id, number in sorted(self._numbers.items(), key=lambda item: item[1]):
            row = self._documents.get(document_id)
            if row is None:
                continue
            found.append(
                SourceEntry(
                    number=number,
                    title=" ".join((row.title or row.doc).split()),
                    site=row.site or (urlsplit(row.url).hostname or "" if row.url else "") or row.doc,
                    url=row.url,
                    published=row.published,
                    evidence=tuple(self._evidence[document_id]),
                )
            )
        return tuple(found)
