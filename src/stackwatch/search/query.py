"""A query's meaning for the index: the entities it names and its other words, each with
the alternatives that count as the same thing.

    "코어위브 부채" → entity coreweave (its `entity_term`, plus the words of the name)
                     concept 부채 | 채무 | 차입 | 빚 | debt* | ...

Entities are found by the extractor's matcher over the knowledge base's aliases, then by
the store's own aliases (names the extractor discovered, such as people it met in
context). Words go through the index's own `TermIndexer`, so a query and a sentence meet
on the same Kiwi morphemes; each word brings its thesaurus group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from stackwatch.extract.entities import EntityMatcher, is_particle_tail
from stackwatch.kb import KnowledgeBase, load_knowledge_base
from stackwatch.search.lexicon import MIN_PREFIX, english_stems, is_latin, thesaurus
from stackwatch.store import Store, entity_term
from stackwatch.store import search_sql as sql

_WORD = re.compile(r"\S+")
_HANGUL_TAIL = re.compile(r"[가-힣]+$")
_EDGE_PUNCT = "?!.,·'\"‘’“”()[]"
MAX_NAME_WORDS = 3


@dataclass(frozen=True, slots=True)
class Alternative:
    """One way a concept can appear in a sentence: a run of index terms, maybe by prefix."""

    terms: tuple[str, ...]
    prefix: bool = False  # the last term matches any index term it begins
    exact: bool = True  # the query's own word (False: a synonym)
    surface: str = ""  # matched as this string in the sentence text (a compound Kiwi would cut)

    def fts(self) -> str:
        phrase = '"' + " ".join(t.replace('"', '""') for t in self.terms) + '"'
        return phrase + "*" if self.prefix else phrase


@dataclass(frozen=True, slots=True)
class Concept:
    """A word or an entity of the query; matched when any alternative is in the sentence."""

    label: str
    alternatives: tuple[Alternative, ...]
    entity_ids: tuple[str, ...] = ()  # an entity concept: these ids (the entity and its units)


@dataclass(frozen=True, slots=True)
class EntityHit:
    entity_id: str
    surface: str
    start: int
    end: int
    particle: str = ""


@dataclass(frozen=True, slots=True)
class QueryPlan:
    text: str
    entities: tuple[EntityHit, ...]
    concepts: tuple[Concept, ...]
    leftover: str  # the text without the entity names

    def surface_words(self) -> list[str]:
        """The leftover's Korean words as typed (공모가), which Kiwi may cut (공모 + 가)."""
        words = (w.strip(_EDGE_PUNCT) for w in self.leftover.split())
        return [w for w in words if len(w) >= 2 and _HANGUL_TAIL.search(w)]

    def fts(self) -> str:
        """Any alternative of any concept."""
        parts = sorted({alt.fts() for c in self.concepts for alt in c.alternatives})
        return " OR ".join(parts)

    def fts_all(self, skip: int | None = None) -> str:
        """Every concept (but the one at `skip`), each by any of its alternatives."""
        groups = [
            "(" + " OR ".join(sorted({alt.fts() for alt in c.alternatives})) + ")"
            for i, c in enumerate(self.concepts)
            if i != skip and c.alternatives
        ]
        return " AND ".join(groups)


@lru_cache(maxsize=4)
def _matcher(kb: KnowledgeBase) -> EntityMatcher:
    return EntityMatcher(kb)


@lru_cache(maxsize=1)
def default_kb() -> KnowledgeBase:
    return load_knowledge_base()


@lru_cache(maxsize=4)
def _children(kb: KnowledgeBase) -> dict[str, tuple[str, ...]]:
    """Entity id → the ids of its units (Google → Google Cloud, Google DeepMind)."""
    found: dict[str, list[str]] = {}
    for entity in kb.entities.values():
        if entity.parent:
            found.setdefault(entity.parent, []).append(entity.id)
    return {k: tuple(sorted(v)) for k, v in found.items()}


def family(kb: KnowledgeBase, entity_id: str) -> tuple[str, ...]:
    """The entity and its units, which count as the entity in a question."""
    return (entity_id, *_children(kb).get(entity_id, ()))


def find_entities(store: Store, text: str, kb: KnowledgeBase) -> list[EntityHit]:
    """Names in `text`: the knowledge base's first, then names only the store knows."""
    hits = [
        EntityHit(m.entity, m.surface, m.evidence.start, m.evidence.end, m.particle)
        for m in _matcher(kb).find(text)
    ]
    taken = [(h.start, h.end) for h in hits]
    words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]
    candidates: dict[str, tuple[int, int, str]] = {}
    for i in range(len(words)):
        for n in range(MAX_NAME_WORDS, 0, -1):
            if i + n > len(words):
                continue
            start, end = words[i][0], words[i + n - 1][1]
            if any(s < end and start < e for s, e in taken):
                continue
            phrase = text[start:end].strip(_EDGE_PUNCT)
            for name, particle in _without_particle(phrase):
                if (" " in name and not thesaurus().synonyms(name)) or _is_name_like(name):
                    candidates.setdefault(name, (start, start + len(name), particle))
    if candidates:
        known = sql.entities_named(store, list(candidates))
        for name in sorted(known, key=lambda n: (-len(n), candidates[n][0])):
            start, end, particle = candidates[name]
            if any(s < end and start < e for s, e in taken):
                continue
            hits.append(EntityHit(known[name], name, start, end, particle))
            taken.append((start, end))
    return sorted(hits, key=lambda h: h.start)


def _is_name_like(word: str) -> bool:
    """A single word worth looking up as a stored name: not a word of the thesaurus, and
    either Latin-capitalised or at least three Hangul syllables (팡 alone is not a name)."""
    if len(word) < 2 or thesaurus().synonyms(word):
        return False
    return word[:1].isupper() or len(word) >= 3


def _without_particle(phrase: str) -> list[tuple[str, str]]:
    """The phrase, and the phrase without a trailing Korean particle (팡은 → 팡)."""
    forms = [(phrase, "")]
    tail = _HANGUL_TAIL.search(phrase)
    if tail:
        run = tail.group(0)
        for cut in range(1, min(len(run) - 1, 3) + 1):
            if is_particle_tail(run[-cut:]):
                forms.append((phrase[:-cut], run[-cut:]))
    return forms


def plan_query(
    store: Store,
    text: str,
    *,
    kb: KnowledgeBase | None = None,
    stopwords: frozenset[str] = frozenset(),
    drop: tuple[re.Pattern[str], ...] = (),
) -> QueryPlan:
    """Entities and word concepts of `text`, with their thesaurus alternatives."""
    kb = kb or default_kb()
    entities = find_entities(store, text, kb)
    concepts: list[Concept] = []
    extra_words: list[str] = []
    seen_ids: set[str] = set()
    for hit in entities:
        if hit.entity_id in seen_ids:
            continue
        seen_ids.add(hit.entity_id)
        ids = family(kb, hit.entity_id)
        known = kb.get(hit.entity_id)
        parent = kb.get(known.parent) if known and known.parent else None
        if parent is not None:
            ids = (*ids, parent.id)  # a unit's news is often told under its parent's name
        alternatives = [Alternative((entity_term(i),)) for i in ids]
        name_terms = tuple(store.indexer.terms(hit.surface))
        if name_terms:
            alternatives.append(Alternative(name_terms))
        concepts.append(Concept(hit.surface, tuple(alternatives), entity_ids=ids))
        if parent is not None:
            # "알리바바 클라우드 투자": the unit's own word (클라우드) still means something
            parent_terms = {t for alias in parent.aliases for t in store.indexer.terms(alias)}
            extra_words.extend(t for t in name_terms if t not in parent_terms and thesaurus().synonyms(t))
    leftover = _blank_out(text, [(h.start, h.end) for h in entities])
    for pattern in drop:
        leftover = _blank_out(leftover, [m.span() for m in pattern.finditer(leftover)])
    rest, compounds = _thesaurus_compounds(store, leftover)
    concepts.extend(compounds)
    terms = [t for t in [*store.indexer.terms(rest), *extra_words] if t and t.lower() not in stopwords]
    seen_terms: set[str] = set()
    for term in terms:
        if term in seen_terms:
            continue
        seen_terms.add(term)
        concepts.append(Concept(term, tuple(_alternatives(store, term))))
    return QueryPlan(text=text, entities=tuple(entities), concepts=tuple(concepts), leftover=leftover)


def _thesaurus_compounds(store: Store, text: str) -> tuple[str, list[Concept]]:
    """Korean words the thesaurus knows whole but Kiwi would cut (공모가 → 공모 + 가): each
    becomes a concept matched as typed; the rest of the text is returned for Kiwi."""
    concepts: list[Concept] = []
    spans: list[tuple[int, int]] = []
    for match in _WORD.finditer(text):
        word = match.group(0).strip(_EDGE_PUNCT)
        for form, _particle in _without_particle(word):
            synonyms = thesaurus().synonyms(form)
            if not synonyms or not _HANGUL_TAIL.search(form):
                continue
            terms = tuple(store.indexer.terms(form))
            if not terms or terms == (form,):
                break  # Kiwi keeps it whole: the ordinary path handles it
            own = Alternative(terms, surface=form)
            others = [a for a in (_word_alternative(store, w, exact=False) for w in synonyms) if a]
            concepts.append(Concept(form, (own, *others)))
            spans.append((match.start(), match.end()))
            break
    return _blank_out(text, spans), concepts


def _blank_out(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            chars[i] = " "
    return "".join(chars)


def _alternatives(store: Store, term: str) -> list[Alternative]:
    own = _word_alternative(store, term, exact=True)
    found = [own] if own else []
    for synonym in thesaurus().synonyms(term):
        alt = _word_alternative(store, synonym, exact=False)
        if alt and any(t.isdigit() for t in alt.terms):
            continue  # 1위 is read as 1: a bare number would match every figure
        if alt and alt.terms not in {a.terms for a in found}:
            found.append(alt)
    return found


@lru_cache(maxsize=4096)
def _latin_stem(word: str) -> str:
    stems = english_stems(word)
    return min(stems, key=len)


def _word_alternative(store: Store, word: str, *, exact: bool) -> Alternative | None:
    if is_latin(word) and " " not in word:
        stem = _latin_stem(word)
        if len(stem) >= MIN_PREFIX:
            return Alternative((stem,), prefix=True, exact=exact)
        return Alternative((word,), exact=exact)
    terms = tuple(store.indexer.terms(word))
    return Alternative(terms, exact=exact) if terms else None


class SentenceTerms:
    """A sentence's index terms, as a list (for runs) and a set (for a quick first test)."""

    __slots__ = ("items", "unique")

    def __init__(self, terms: list[str]) -> None:
        self.items = terms
        self.unique = frozenset(terms)


def concept_in(concept: Concept, terms: SentenceTerms | list[str], entity_ids: set[str], text: str) -> float:
    """How well a sentence (its index terms and entity ids) shows `concept`: 1 for the query's
    own word or entity, `SYNONYM_CREDIT` for a synonym, 0 when absent."""
    if concept.entity_ids and entity_ids.intersection(concept.entity_ids):
        return 1.0
    if not isinstance(terms, SentenceTerms):
        terms = SentenceTerms(terms)
    best = 0.0
    for alt in concept.alternatives:
        if alt.surface:
            if alt.surface in text:
                return 1.0
            continue
        if _has_run(terms, alt):
            best = max(best, 1.0 if alt.exact else SYNONYM_CREDIT)
            if best == 1.0:
                break
    return best


SYNONYM_CREDIT = 0.6  # a synonym counts, less than the word typed; chosen on tests/fixtures/qa/search.yaml


def _has_run(sentence: SentenceTerms, alt: Alternative) -> bool:
    want = alt.terms
    last = len(want) - 1
    if any(w not in sentence.unique for w in want[:last]):
        return False
    if not alt.prefix and want[last] not in sentence.unique:
        return False
    if len(want) == 1:
        return not alt.prefix or any(t.startswith(want[0]) for t in sentence.unique)
    terms = sentence.items
    for i in range(len(terms) - last):
        ok = True
        for j, w in enumerate(want):
            t = terms[i + j]
            if not (t == w or (alt.prefix and j == last and t.startswith(w))):
                ok = False
                break
        if ok:
            return True
    return False
