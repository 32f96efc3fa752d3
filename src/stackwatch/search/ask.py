"""Answer a question from the record, citing the sentences; say so when the record does not hold it.

    answer = ask(store, "코어위브 부채는 얼마인가?")
    answer.text       "코어위브 (debt): 88억 달러 이상 (2025년 3월) …"
    answer.citations  (Citation(doc="000_….txt", evidence="그 결과 2025년 3월 기준 88억 달러가 …"), …)

1. Read the question (`question.parse_question`): shape, kind, entities, period, layer, country.
2. A structured shape is answered from events (`figures`, `relations`). When the record
   has no event for it, the answer is "not found": a question about a figure is never
   answered with some other sentence that happens to match its words.
3. Other questions (why, how many, who is ...) are answered with the best passages from
   `search`, when they show the question's names and most of its words.
4. With `llm_url`, an OpenAI-compatible model rephrases the answer from its evidence only;
   a reply stating a number the evidence does not hold is rejected (see `llm`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from stackwatch.kb import KnowledgeBase
from stackwatch.search.draft import Asking, Draft
from stackwatch.search.figures import answer_amount, answer_ranking, answer_total
from stackwatch.search.lexicon import has_cue, question_lexicon
from stackwatch.search.phrasing import NOT_FOUND, Names, quote
from stackwatch.search.query import default_kb
from stackwatch.search.question import Question, parse_question
from stackwatch.search.records import Answer
from stackwatch.search.relations import answer_deals, answer_launch, answer_talent
from stackwatch.search.search import SearchFilters, search_plan
from stackwatch.store import Store
from stackwatch.store import search_sql as sql

PASSAGES = 3
_HANGUL = re.compile(r"[가-힣]")
REASON_BONUS = 1.0  # as much as one more word of the question
PASSAGE_MIN_COVERAGE = 0.5  # a passage must show half the question's words (names weigh more)

_RULES: dict[str, Callable[[Asking], Draft | None]] = {
    "amount": answer_amount,
    "total": answer_total,
    "ranking": answer_ranking,
    "deals": answer_deals,
    "talent": answer_talent,
    "launch": answer_launch,
}
# Shapes whose figure may be in a sentence no event was read from: fall back to passages
# when the structured rules find nothing (a ranking of counts, "who leads the market").
_PASSAGE_WHEN_EMPTY = frozenset({"ranking"})


def ask(
    store: Store,
    question: str,
    *,
    kb: KnowledgeBase | None = None,
    llm_url: str | None = None,
    llm_model: str = "default",
) -> Answer:
    """The record's answer to `question`, with its citations; `found` is False when it has none."""
    kb = kb or default_kb()
    parsed = parse_question(store, question, kb=kb)
    asking = Asking(store=store, question=parsed, kb=kb, names=_names(store, kb, parsed))
    draft = _structured(asking)
    if draft is None and _passages_may_answer(parsed):
        draft = _passages(asking)
    if draft is None or not draft.sentences:
        return Answer(question=question, text=NOT_FOUND[parsed.language], found=False, shape=parsed.shape,
                      language=parsed.language)  # fmt: skip
    answer = Answer(
        question=question,
        text="\n".join(draft.lines),
        found=True,
        shape=parsed.shape,
        language=parsed.language,
        values=tuple(draft.values),
        citations=draft.citations(),
    )
    if llm_url:
        from stackwatch.search.llm import rephrase  # noqa: PLC0415 - httpx only when asked

        answer = rephrase(answer, url=llm_url, model=llm_model)
    return answer


def _passages_may_answer(question: Question) -> bool:
    """Passages answer why/how-many questions, figure questions with no kind to look up, and
    rankings of things the record keeps no events for; never a question about a move, a
    launch or a deal that the record does not hold."""
    if question.shape == "passage" or question.shape in _PASSAGE_WHEN_EMPTY:
        return True
    return question.shape in ("amount", "total") and question.kind is None


def _structured(asking: Asking) -> Draft | None:
    rule = _RULES.get(asking.question.shape)
    if rule is None:
        return None
    if asking.question.shape in ("amount", "total", "ranking") and asking.question.kind is None:
        return None
    return rule(asking)


def _names(store: Store, kb: KnowledgeBase, question: Question) -> Names:
    """Names for the answer: every entity an answer may mention is resolved lazily by id."""
    return _LazyNames(store, kb, question.language)


class _LazyNames(Names):
    """Names looked up on first use: the knowledge base's first Korean alias for a Korean
    answer (메타, 코어위브), else the stored canonical name."""

    def __init__(self, store: Store, kb: KnowledgeBase, language: str) -> None:
        super().__init__(language, {}, {})
        self._store = store
        self._kb = kb

    def __call__(self, entity_id: str, fallback: str = "") -> str:
        if entity_id not in self._canonical:
            row = sql.entity_names(self._store, [entity_id]).get(entity_id)
            self._canonical[entity_id] = row[0] if row else (fallback or entity_id.removeprefix("new:"))
            known = self._kb.get(entity_id)
            korean = next((a for a in known.aliases if _HANGUL.search(a)), None) if known else None
            if korean:
                self._korean[entity_id] = korean
        return super().__call__(entity_id, fallback)


def _passages(asking: Asking) -> Draft | None:
    """The best sentences for the question, when they show its names and most of its words."""
    plan = asking.question.plan
    if not plan.concepts:
        return None
    lexicon = question_lexicon()
    why = has_cue(asking.question.text, lexicon.cues["reason_question"])
    hits = search_plan(asking.store, plan, filters=SearchFilters(), limit=PASSAGES * (10 if why else 4))
    if why:
        # a why-question: a sentence that gives a reason comes first among close matches
        reasons = lexicon.cues["reason"]
        hits.sort(key=lambda h: -(h.score + (REASON_BONUS if has_cue(h.sentence, reasons) else 0.0)))
    need_entities = {c.entity_ids for c in plan.concepts if c.entity_ids}
    weight = sum(1.5 if c.entity_ids else 1.0 for c in plan.concepts)
    draft = Draft()
    for hit in hits:
        found_ids = set(hit.entities)
        if need_entities and not all(found_ids.intersection(ids) for ids in need_entities):
            continue
        coverage = hit.score / weight if weight else 0.0
        if coverage < PASSAGE_MIN_COVERAGE:
            continue
        row = sql.sentence_at(asking.store, hit.document_id, hit.sentence_index)
        if row is None or row.is_title:
            continue
        draft.lines.append(quote(row.text, asking.language))
        draft.cite(row)
        if len(draft.sentences) >= PASSAGES:
            break
    return draft if draft.sentences else None
