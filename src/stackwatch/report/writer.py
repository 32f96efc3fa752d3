"""Claims from records: a deal becomes a cited sentence, checked against its own evidence before it is kept.

A generated sentence that names something or states a number its cited evidence does
not contain (the extractor resolved an actor from a neighbouring sentence, say) is not
written: the report quotes the evidence sentence instead, so every report passes
`--verify` by construction and the count of such fallbacks is reported.
"""

from __future__ import annotations

from collections.abc import Sequence

from stackwatch.extract.amounts import Rates
from stackwatch.kb import KnowledgeBase
from stackwatch.report.citations import Citations
from stackwatch.report.model import Line, Row
from stackwatch.report.names import Names
from stackwatch.report.sentences import deal_sentence
from stackwatch.report.verify import Vocabulary, check_claim
from stackwatch.store import Deal, Source, Store, analytics

__all__ = ["ClaimWriter"]

SOURCES_PER_SENTENCE = 3


class ClaimWriter:
    """Writes cited lines for one report: names, citations and the self-check live here."""

    def __init__(self, store: Store, kb: KnowledgeBase | None, lang: str, metrics: dict[int, str]) -> None:
        self.lang = lang
        self._store = store
        self.names = Names(store, kb, lang)
        self.citations = Citations(store)
        self.fallbacks = 0
        self._metrics = metrics
        self._vocabulary = Vocabulary.build(kb)
        self._known: set[str] = set()
        self._rates = Rates.from_kb(kb.rates) if kb is not None else None

    def name(self, entity_id: str, canonical: str) -> str:
        return self.names.of(entity_id, canonical)

    def supported(self, text: str, cites: Sequence[int]) -> bool:
        """Whether `text` passes the verifier's check against the evidence of `cites`."""
        for name, aliases in self.names.used().items():
            if name not in self._known:
                self._vocabulary.add(f"report:{name}", [name], [name, *aliases])
                self._known.add(name)
        evidence = self.citations.evidence(cites)
        return not check_claim(text, evidence, self._vocabulary, rates=self._rates)

    def cite_deal(self, deal: Deal, *, limit: int | None = SOURCES_PER_SENTENCE) -> tuple[int, ...]:
        """Cite the deal's documents, those reporting its main amount first, with their evidence."""
        preferred = list(deal.reported_values[0].sources) if deal.reported_values else []
        order = list(dict.fromkeys([*preferred, *(s.document_id for s in deal.sources)]))
        if limit is not None:
            order = order[:limit]
        return tuple(
            self.citations.cite(doc, [s.evidence for s in deal.sources if s.document_id == doc])
            for doc in order
        )

    def _add_actor_sentences(self, deal: Deal) -> None:
        """Add, for each actor of the deal, the nearest sentence of each cited document that names it,
        and the sentence its amount's words come from.

        The extractor may take an actor from a neighbouring sentence ("투자자로는 ... 참여했다");
        that sentence is then part of what the report used, and is listed with the evidence.
        """
        events = {s.document_id: s.sentence for s in deal.sources}
        nearest: dict[tuple[int, str], tuple[int, str]] = {}
        rows = analytics.mention_sentences(self._store, events, [a.entity_id for a in deal.actors])
        for sentence, entity_id in rows:
            key = (sentence.document_id, entity_id)
            distance = abs(sentence.idx - events[sentence.document_id])
            if key not in nearest or distance < nearest[key][0]:
                nearest[key] = (distance, sentence.text)
        for (document_id, _), (_, text) in sorted(nearest.items()):
            if document_id in self.citations.cited:
                self.citations.cite(document_id, [text])
        words = str((deal.amount or {}).get("text") or "")
        if words:
            cited = [d for d in events if d in self.citations.cited]
            for sentence in analytics.sentences_of(self._store, cited):
                if words in sentence.text:
                    self.citations.cite(sentence.document_id, [sentence.text])
                    break

    def deal_line(self, deal: Deal) -> Line:
        """The deal as a cited sentence, or its evidence quoted when the sentence fails the check."""
        sentence = deal_sentence(deal, self.name, self.lang, metric=self._metrics.get(deal.id))
        cites = self.cite_deal(deal)
        if sentence is not None:
            if self.supported(sentence, cites):
                return Line(text=sentence, cites=cites)
            self._add_actor_sentences(deal)
            if self.supported(sentence, cites):
                return Line(text=sentence, cites=cites)
            self.fallbacks += 1
        return self.quote(deal.sources[0]) if deal.sources else Line(text=sentence or "", cites=cites)

    def quote(self, source: Source) -> Line:
        return self.quote_sentence(source.document_id, source.evidence)

    def quote_sentence(self, document_id: int, sentence: str) -> Line:
        flat = " ".join(sentence.split())
        number = self.citations.cite(document_id, [flat])
        return Line(text=f"“{flat}”", cites=(number,))

    def row(self, cells: Sequence[str], deal: Deal, *, amount_column: int | None = None) -> Row:
        """A table row about a deal, citing every document that reported it.

        When the evidence does not hold the amount (the extractor took it from another
        sentence it could not point at), the amount cell is left empty rather than unsupported.
        """
        cites = self.cite_deal(deal, limit=None)
        if not self.supported(" | ".join(cells), cites):
            self._add_actor_sentences(deal)
            if not self.supported(" | ".join(cells), cites):
                self.fallbacks += 1
                if amount_column is not None:
                    cells = [*cells[:amount_column], "—", *cells[amount_column + 1 :]]
        return Row(cells=tuple(cells), cites=cites)
