"""The thesaurus, cue matching and query plans (entities, words, alternatives)."""

from __future__ import annotations

import pytest

from stackwatch.extract import Extractor
from stackwatch.search.lexicon import english_stems, first_cue, has_cue, thesaurus
from stackwatch.search.query import plan_query
from stackwatch.store import Store, entity_term

SYNONYM_CASES = [
    ("부채", {"채무", "차입", "빚", "debt"}),
    ("debt", {"부채", "채무"}),
    ("투자", {"investment", "invest"}),
    ("계약", {"deal", "contract"}),
    ("매출", {"revenue"}),
    ("기업가치", {"valuation"}),
    ("인수", {"acquisition"}),
    ("accounts", {"계정"}),  # an English plural finds its stem's group
]


@pytest.mark.parametrize(("word", "expected"), SYNONYM_CASES, ids=[c[0] for c in SYNONYM_CASES])
def test_synonyms(word: str, expected: set[str]) -> None:
    assert expected <= set(thesaurus().synonyms(word))


def test_unknown_word_has_no_synonyms() -> None:
    assert thesaurus().synonyms("코어위브") == []
    assert "부채" not in thesaurus().synonyms("부채")


def test_english_stems() -> None:
    assert "account" in english_stems("accounts")
    assert "company" in english_stems("companies")
    assert english_stems("gpu") == ["gpu"]


def test_cues_match_at_word_starts_in_english_only() -> None:
    assert has_cue("When does SK hynix start shipping HBM4?", ("ship",))
    assert not has_cue("a strategic partnership", ("ship",))
    assert first_cue("오픈AI가 출시했나", ("출시",)) == "출시"


def test_plan_has_entity_and_expanded_words(empty_store: Store, extractor: Extractor) -> None:
    plan = plan_query(empty_store, "코어위브 부채", kb=extractor.kb)
    entity, word = plan.concepts
    assert entity.entity_ids[0] == "coreweave"  # then its units (Weights & Biases)
    assert any(alt.terms == (entity_term("coreweave"),) for alt in entity.alternatives)
    forms = {alt.terms for alt in word.alternatives}
    assert {("부채",), ("채무",), ("차입",)} <= forms
    assert '"채무"' in plan.fts()


def test_plan_english_words_match_by_prefix(empty_store: Store, extractor: Extractor) -> None:
    plan = plan_query(empty_store, "Coupang accounts exposed", kb=extractor.kb)
    words = {c.label: c for c in plan.concepts if not c.entity_ids}
    assert any(alt.prefix and alt.terms == ("account",) for alt in words["accounts"].alternatives)
    assert any(alt.terms == ("계정",) for alt in words["accounts"].alternatives)


def test_plan_keeps_a_compound_the_thesaurus_knows(empty_store: Store, extractor: Extractor) -> None:
    # Kiwi reads 공모가 as 공모 + 가 (a particle); the thesaurus knows the offering price
    plan = plan_query(empty_store, "LG CNS 공모가", kb=extractor.kb)
    compound = next(c for c in plan.concepts if c.label == "공모가")
    assert compound.alternatives[0].surface == "공모가"


def test_a_unit_counts_its_parent(empty_store: Store, extractor: Extractor) -> None:
    plan = plan_query(empty_store, "알리바바 클라우드 투자", kb=extractor.kb)
    entity = plan.concepts[0]
    parent = extractor.kb.entities[entity.entity_ids[0]].parent
    assert parent in entity.entity_ids
    assert any(c.label == "클라우드" for c in plan.concepts)  # the unit's own word still counts


def test_stopwords_and_operators_never_reach_fts(empty_store: Store, extractor: Extractor) -> None:
    plan = plan_query(
        empty_store, 'what is "NEAR" AND OR *', kb=extractor.kb, stopwords=frozenset({"what", "is"})
    )
    assert all(c.label not in {"what", "is"} for c in plan.concepts)
    for alternative in (a for c in plan.concepts for a in c.alternatives):
        assert alternative.fts().startswith('"')
