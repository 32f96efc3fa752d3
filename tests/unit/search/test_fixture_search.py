"""The search fixture (tests/fixtures/qa/search.yaml): each expected sentence in the top 3."""

from __future__ import annotations

from stackwatch.extract import Extractor
from stackwatch.search import search
from stackwatch.store import Store

from .qa_check import load

TOP = 3


def test_expected_sentence_is_in_the_top_three(qa_store: Store, extractor: Extractor) -> None:
    misses = []
    for entry in load("search.yaml", "queries"):
        hits = search(qa_store, str(entry["query"]), limit=10, kb=extractor.kb)
        rank = next((i for i, h in enumerate(hits) if entry["expect"] in h.sentence), None)
        if rank is None or rank >= TOP:
            shown = "\n".join(f"      {h.score:.2f} {h.doc} {h.sentence[:80]}" for h in hits[:TOP])
            misses.append(f"{entry['id']} {entry['query']!r}: rank {rank}\n{shown}")
    assert misses == [], "\n".join(misses)


def test_filters_narrow_the_hits(qa_store: Store, extractor: Extractor) -> None:
    everything = search(qa_store, "투자", limit=50, kb=extractor.kb)
    recent = search(qa_store, "투자", since="2025-10-01", limit=50, kb=extractor.kb)
    assert recent
    assert all((h.published or "") >= "2025-10-01" for h in recent)
    assert len(recent) < len(everything)
    contracts = search(qa_store, "오픈AI", event_type="contract", limit=20, kb=extractor.kb)
    assert contracts
    assert all("오픈AI" in h.sentence or "OpenAI" in h.sentence or h.entities for h in contracts)
    one_doc = search(qa_store, "엔비디아", source="113_f28361a5b7e986a3.html", limit=20, kb=extractor.kb)
    assert {h.doc for h in one_doc} == {"113_f28361a5b7e986a3.html"}
    infra = search(qa_store, "계약", layer="infrastructure", limit=20, kb=extractor.kb)
    assert infra


def test_an_entity_finds_its_other_script(qa_store: Store, extractor: Extractor) -> None:
    korean = search(qa_store, "코어위브", limit=30, kb=extractor.kb)
    english = search(qa_store, "CoreWeave", limit=30, kb=extractor.kb)
    assert any("CoreWeave" in h.sentence and "코어위브" not in h.sentence for h in korean)
    assert any("코어위브" in h.sentence and "CoreWeave" not in h.sentence for h in english)


def test_nothing_to_search_finds_nothing(qa_store: Store, extractor: Extractor) -> None:
    assert search(qa_store, "   ", kb=extractor.kb) == []
    assert search(qa_store, "?!", kb=extractor.kb) == []
