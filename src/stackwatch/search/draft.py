"""What every answering rule shares: the question in context, the events it may use, and the
draft answer (lines of text, the sentences cited, the amounts stated)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from stackwatch.kb import KnowledgeBase
from stackwatch.search.context import event_date, period_matches
from stackwatch.search.lexicon import has_cue, question_lexicon
from stackwatch.search.phrasing import Names
from stackwatch.search.query import concept_in
from stackwatch.search.question import Question
from stackwatch.search.records import Citation
from stackwatch.store import Store
from stackwatch.store import search_sql as sql
from stackwatch.store.search_sql import EventRow, SentenceRow

ALL_EVENTS = 300  # the newest events of an entity and kind considered for one answer (latency)
RANKED_EVENTS = 300  # a ranking looks at this many of the largest events of its kind
PAYER_ROLES = frozenset({"investor", "customer", "acquirer", "lender", "seller"})
RECIPIENT_ROLES = frozenset({"investee", "company", "provider", "target", "security"})


@dataclass(slots=True)
class Draft:
    lines: list[str] = field(default_factory=list)
    sentences: list[SentenceRow] = field(default_factory=list)
    values: list[dict[str, Any]] = field(default_factory=list)

    def cite(self, *sentences: SentenceRow) -> None:
        for s in sentences:
            if all(s.id != c.id for c in self.sentences):
                self.sentences.append(s)

    def citations(self) -> tuple[Citation, ...]:
        return tuple(
            Citation(
                doc=s.doc, title=s.title, url=s.url, published=s.published, sentence=s.idx, evidence=s.text
            )
            for s in self.sentences
        )


@dataclass(slots=True)
class Asking:
    """A question with the store it is asked of."""

    store: Store
    question: Question
    kb: KnowledgeBase
    names: Names
    _scores: dict[str, float] = field(default_factory=dict)

    @property
    def language(self) -> str:
        return self.question.language

    def families(self) -> list[tuple[str, ...]]:
        return [a.ids for a in self.question.entities]

    def events(
        self, types: tuple[str, ...], *, any_entity: bool = True, largest_first: bool = False
    ) -> list[EventRow]:
        """Events of `types` naming the question's entities (all of them when there are several,
        counting a name in the event's sentence), in the asked period."""
        q = self.question
        ids = [i for fam in self.families() for i in fam]
        # only the lower bound goes to SQL: a roundup's scope can move an event's date earlier
        # than its document's, never later; the period is checked per event below
        since = q.period.bounds()[0] if q.period else None
        rows = sql.events(
            self.store,
            types=types,
            entity_ids=ids if any_entity else (),
            since=since,
            largest_first=largest_first,
            limit=RANKED_EVENTS if largest_first else ALL_EVENTS,
        )
        mentions = sql.mentions_in(self.store, {(e.sentence.document_id, e.sentence.idx) for e in rows})
        kept = []
        for event in rows:
            if q.kind and q.kind.metric and event.metric != q.kind.metric:
                continue
            if not period_matches(q.period, event_date(event), event.sentence.text):
                continue
            actors = {a.entity_id for a in event.actors}
            named = actors | {
                m.entity_id for m in mentions.get((event.sentence.document_id, event.sentence.idx), [])
            }
            families = self.families()
            # every party named (two of them when the question names three or more)
            if sum(1 for fam in families if named.intersection(fam)) < min(len(families), 2):
                continue
            if families and not any(actors.intersection(fam) for fam in families):
                continue
            kept.append(self._in_body(event))
        return kept

    def _in_body(self, event: EventRow) -> EventRow:
        """An event read from a headline, cited from the body sentence giving the same amount."""
        if not event.sentence.is_title or event.usd is None:
            return event
        body = sql.sentence_with_amount(self.store, event.sentence.document_id, event.usd)
        return dataclasses.replace(event, sentence=body) if body else event

    def residual_score(self, text: str) -> float:
        """How many of the question's leftover words (not names, cues or periods) `text` shows."""
        known = self._scores.get(text)
        if known is None:
            known = self._scores[text] = self._residual_score(text)
        return known

    def _residual_score(self, text: str) -> float:
        terms = self.store.indexer.terms(text)
        lexicon = question_lexicon()
        total = 0.0
        for concept in self.question.plan.concepts:
            if concept.entity_ids or _is_cue_word(concept.label, lexicon):
                continue
            total += concept_in(concept, terms, set(), text)
        return total

    def residual_count(self) -> int:
        lexicon = question_lexicon()
        return sum(
            1 for c in self.question.plan.concepts if not c.entity_ids and not _is_cue_word(c.label, lexicon)
        )

    def flags_score(self, text: str) -> float:
        """Cumulative, annual and segment figures only when asked for."""
        lexicon, flags = question_lexicon(), self.question.flags
        score = 0.0
        for name in ("cumulative", "annual", "segment"):
            said = has_cue(text, lexicon.cues[name])
            if name in flags:
                score += 1.0 if said else -0.5
            elif said:
                score -= 1.0
        return score


def _is_cue_word(word: str, lexicon: Any) -> bool:
    lowered = word.lower()
    if lowered.isdigit() or lowered in lexicon.stopwords or lowered in lexicon.period_words:
        return True
    return any(lowered in kind.cues for kind in lexicon.kinds) or any(
        lowered in cues for _, cues in lexicon.shapes
    )
