"""AnalysedDocument → DocumentFacts: the extraction stage, composed.

Reads sentences; adds entities and mentions, amounts, events, layers and signals.
An `Extractor` holds what is expensive to build (the alias automaton, the lexicons,
Kiwi) and is built once per process, then called once per document.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from stackwatch.extract.amounts import Rates, find_amounts
from stackwatch.extract.classify import classify_document, classify_event
from stackwatch.extract.entities import EntityMatcher
from stackwatch.extract.events import EventExtractor
from stackwatch.extract.mentions import find_mentions
from stackwatch.extract.names import NameFinder
from stackwatch.kb import KnowledgeBase, load_knowledge_base
from stackwatch.nlp.korean import KoreanAnalyzer
from stackwatch.records import Amount, AnalysedDocument, DocumentFacts, Entity, EntityType, Event, Mention


class Extractor:
    """Everything the extraction needs, loaded once: knowledge base, matcher, Kiwi, rates."""

    def __init__(self, kb: KnowledgeBase, *, korean: KoreanAnalyzer | None = None) -> None:
        self.kb = kb
        self.rates = Rates.from_kb(kb.rates)
        self.matcher = EntityMatcher(kb)
        korean_names = (a for e in kb.entities.values() for a in e.aliases)
        self.korean = korean if korean is not None else KoreanAnalyzer(korean_names)
        self.names = NameFinder(self.korean.is_proper_noun)
        self.events = EventExtractor(kb)

    @classmethod
    def load(cls, extra_kb: Iterable[Path] = ()) -> Extractor:
        return cls(load_knowledge_base(extra_kb))

    def extract(self, doc: AnalysedDocument) -> DocumentFacts:
        """Read sentences; add entities, amounts, events, layers and signals."""
        mentions, entities = find_mentions(
            doc.sentences, language=doc.language, kb=self.kb, matcher=self.matcher, names=self.names
        )
        sentence_amounts = [find_amounts(s.text, sentence=s.index, rates=self.rates) for s in doc.sentences]
        events = self.events.extract(doc, mentions=mentions, entities=entities, amounts=sentence_amounts)
        entities = _with_event_entities(entities, events)
        events = [classify_event(e, entities=entities, kb=self.kb) for e in events]
        layers, signals = classify_document(doc, entities=entities, events=events)
        return DocumentFacts(
            document=doc.document,
            language=doc.language,
            sentences=doc.sentences,
            entities=tuple(entities),
            mentions=tuple(mentions),
            amounts=tuple(_distinct_amounts([a for found in sentence_amounts for a in found], mentions)),
            events=tuple(events),
            layers=layers,
            signals=tuple(signals),
        )


def _with_event_entities(entities: list[Entity], events: list[Event]) -> list[Entity]:
    """Names that only an event introduced (a quoted product name) join the entity list."""
    known = {e.id for e in entities}
    added: list[Entity] = []
    for event in events:
        for actor in event.actors:
            if actor.entity.startswith("new:") and actor.entity not in known:
                known.add(actor.entity)
                kind: EntityType = "product" if actor.role == "product" else "company"
                added.append(
                    Entity(
                        id=actor.entity,
                        name=actor.name,
                        type=kind,
                        aliases=(actor.name,),
                        known=False,
                        mentions=1,
                    )
                )
    return entities + added


def _distinct_amounts(amounts: list[Amount], mentions: Sequence[Mention]) -> list[Amount]:
    """One amount per figure and fact: the headline and the body repeating "최대 150억 달러"
    are one; the same sum said of two different companies is two. Two copies of a figure
    are one fact when one is in the headline or their sentences name a company in common
    (or either names none). The copy with more information wins (a stated conversion).
    """
    names: dict[int, set[str]] = {}
    for mention in mentions:
        names.setdefault(mention.evidence.sentence, set()).add(mention.entity)
    chosen: list[Amount] = []
    for amount in amounts:
        for index, current in enumerate(chosen):
            if current.currency != amount.currency or current.value != amount.value:
                continue
            if current.value_high != amount.value_high:
                continue
            if not _same_fact(current, amount, names):
                continue
            if _richness(amount) > _richness(current):
                chosen[index] = amount
            break
        else:
            chosen.append(amount)
    return sorted(chosen, key=lambda a: (a.evidence.sentence, a.evidence.start))


def _same_fact(a: Amount, b: Amount, names: dict[int, set[str]]) -> bool:
    if a.evidence.sentence == 0 or b.evidence.sentence == 0:
        return True  # the headline restates the body
    left, right = names.get(a.evidence.sentence, set()), names.get(b.evidence.sentence, set())
    if a.evidence.sentence == b.evidence.sentence:
        return (a.approx, a.qualifier) == (b.approx, b.qualifier)
    return not left or not right or bool(left & right)


def _richness(amount: Amount) -> int:
    return (
        (amount.krw is not None and amount.currency != "KRW")
        + (amount.rate_source == "stated")
        + (amount.evidence.sentence > 0)
    )
