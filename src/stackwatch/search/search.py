"""Search the record's sentences: BM25 over Kiwi morphemes, entities and synonyms.

    hits = search(store, "코어위브 부채", since="2025-01-01", limit=10)

1. The query becomes a plan (`query.plan_query`): its entities (with their units) and its
   words, each with its thesaurus alternatives.
2. FTS5 finds the sentences holding any alternative, best `bm25()` first
   (`CANDIDATES` of them), within the filters.
3. Each candidate is scored by how many of the query's concepts it shows (an entity in the
   sentence itself counts fully, in the sentence before or after it partly), plus its bm25
   relative to the best one. Coverage comes first, so "CoreWeave 채무" prefers a sentence
   about CoreWeave's debt over one that says 채무 three times.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from stackwatch.kb import KnowledgeBase
from stackwatch.search.lexicon import question_lexicon
from stackwatch.search.query import Concept, QueryPlan, SentenceTerms, concept_in, plan_query
from stackwatch.search.records import SearchHit
from stackwatch.store import Store
from stackwatch.store import search_sql as sql
from stackwatch.store.search_sql import SentenceRow

MAX_SUBSET_CONCEPTS = 4  # up to this many concepts, each "all but one" set is fetched too
BM25_ROWS = (
    2000  # a larger match set is taken newest first: bm25 costs ~7 µs a row (benchmarks/ask_latency.py)
)
CANDIDATES = 150  # this many of each candidate set are rescored; fixture targets were always within 50
NEIGHBOUR_CREDIT = 0.7  # an entity named in the sentence before or after ("그 결과 ... 채무")
DOCUMENT_CREDIT = 0.5  # ... or only elsewhere in an article that is about it
DOCUMENT_TOPIC_MENTIONS = 3  # an article names its subject at least this often
ENTITY_WEIGHT = 1.5  # an entity of the query weighs more than a word of it
BM25_WEIGHT = 0.6  # the share of the score from bm25 (relative to the best candidate)
SURFACE_BONUS = 0.3  # the query's word as typed is in the sentence (공모가, which Kiwi reads as 공모 + 가)
TITLE_PENALTY = 0.3  # a headline repeats the body; prefer the body's sentence on a tie


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchFilters:
    since: str | None = None
    until: str | None = None
    layer: str | None = None
    event_type: str | None = None
    source: str | None = None


def search(
    store: Store,
    query: str,
    *,
    since: str | None = None,
    until: str | None = None,
    layer: str | None = None,
    event_type: str | None = None,
    source: str | None = None,
    limit: int = 10,
    kb: KnowledgeBase | None = None,
) -> list[SearchHit]:
    """The sentences that best match `query`, best first (at most `limit`).

    `since`/`until` bound the document date (ISO, inclusive); `layer` is one of the five
    layers of the document; `event_type` keeps sentences an event of that type was read
    from; `source` is a site name, a document name or part of its URL.
    """
    plan = plan_query(store, query, kb=kb, stopwords=question_lexicon().stopwords)
    filters = SearchFilters(since=since, until=until, layer=layer, event_type=event_type, source=source)
    return search_plan(store, plan, filters=filters, limit=limit)


def search_plan(store: Store, plan: QueryPlan, *, filters: SearchFilters, limit: int) -> list[SearchHit]:
    if not plan.concepts:
        return []
    rows = _candidates(store, plan, filters, max(CANDIDATES, limit))
    if not rows:
        return []
    places = {(r.document_id, r.idx + d) for r in rows for d in (-1, 0, 1)}
    mentions = sql.mentions_in(store, places)
    query_ids = sorted({i for c in plan.concepts for i in c.entity_ids})
    per_document = sql.mention_counts(store, {r.document_id for r in rows}, query_ids)
    texts = [SentenceTerms(t) for t in store.indexer.terms_many([r.text for r in rows])]
    surface = plan.surface_words()
    scored: list[tuple[float, SearchHit]] = []
    for row, terms in zip(rows, texts, strict=True):
        own = {m.entity_id for m in mentions.get((row.document_id, row.idx), [])}
        beside = {m.entity_id for d in (-1, 1) for m in mentions.get((row.document_id, row.idx + d), [])}
        about = {e for e, n in per_document.get(row.document_id, {}).items() if n >= DOCUMENT_TOPIC_MENTIONS}
        coverage, found = _coverage(plan.concepts, terms, row.text, own, beside, about)
        score = coverage + BM25_WEIGHT * row.rank - (TITLE_PENALTY if row.is_title else 0.0)
        score += SURFACE_BONUS * sum(1 for w in surface if w in row.text)
        hit = SearchHit(
            sentence=row.text,
            score=round(score, 4),
            document_id=row.document_id,
            sentence_index=row.idx,
            doc=row.doc,
            title=row.title,
            url=row.url,
            published=row.published,
            site=row.site,
            entities=tuple(sorted(found)),
        )
        scored.append((score, hit))
    scored.sort(key=lambda item: (-item[0], item[1].document_id, item[1].sentence_index))
    return [hit for _, hit in scored[:limit]]


def _candidates(store: Store, plan: QueryPlan, filters: SearchFilters, limit: int) -> list[SentenceRow]:
    """Sentences showing every concept, or every concept but one (so "CoreWeave 채무" still
    finds the debt sentence whose neighbour names CoreWeave), each set best bm25 first when
    small and newest first when large. `rank` becomes bm25 relative to its set's best (0..1)."""
    count = len(plan.concepts)
    if count == 1 or count > MAX_SUBSET_CONCEPTS:
        queries = [plan.fts()] if count == 1 else [plan.fts_all(), plan.fts()]
    else:
        queries = [plan.fts_all(), *(plan.fts_all(skip=i) for i in range(count))]
    found: dict[int, SentenceRow] = {}
    for number, match in enumerate(dict.fromkeys(q for q in queries if q)):
        wanted = limit if number == 0 else max(limit // 2, 1)  # the sets missing a concept matter less
        newest = sql.count_matches(store, match, cap=BM25_ROWS + 1) > BM25_ROWS
        rows = sql.match_sentences(
            store,
            match,
            limit=wanted,
            since=filters.since,
            until=filters.until,
            layer=filters.layer,
            event_type=filters.event_type,
            source=filters.source,
            newest_first=newest,
        )
        best = min((r.rank for r in rows), default=0.0) or -1.0
        for row in rows:
            relative = 0.0 if newest else row.rank / best
            known = found.get(row.id)
            if known is None or relative > known.rank:
                found[row.id] = dataclasses.replace(row, rank=relative)
        if len(found) >= limit * 2:
            break
    return list(found.values())


def _coverage(  # noqa: PLR0917 - one sentence's evidence, passed as it was gathered
    concepts: tuple[Concept, ...],
    terms: SentenceTerms,
    text: str,
    own: set[str],
    beside: set[str],
    about: set[str],
) -> tuple[float, set[str]]:
    """The weighted share of concepts a sentence shows, and the query's entities it names."""
    total = 0.0
    found: set[str] = set()
    for concept in concepts:
        weight = ENTITY_WEIGHT if concept.entity_ids else 1.0
        credit = concept_in(concept, terms, own, text)
        if concept.entity_ids:
            if credit:
                found.update(own.intersection(concept.entity_ids) or concept.entity_ids[:1])
            elif beside.intersection(concept.entity_ids):
                credit = NEIGHBOUR_CREDIT
                found.update(beside.intersection(concept.entity_ids))
            elif about.intersection(concept.entity_ids):
                credit = DOCUMENT_CREDIT
        total += weight * credit
    return total, found
