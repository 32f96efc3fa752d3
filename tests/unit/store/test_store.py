"""The store: one transaction per document, repeats change nothing, one deal per deal,
stories of near-duplicates, and clear refusals of files that are not our store."""

from __future__ import annotations

import dataclasses
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from stackwatch.errors import StoreError
from stackwatch.extract import Extractor
from stackwatch.records import DocumentFacts
from stackwatch.store import DealFilter, Store, entity_term, queries
from stackwatch.store.deal_writer import DealWriter
from stackwatch.store.schema import SCHEMA_VERSION


def test_a_new_document_is_stored_whole_and_a_repeat_changes_nothing(
    store: Store, facts_of: Any, deal_articles: list[Path]
) -> None:
    facts = facts_of(deal_articles[:1])[0]
    first = store.add(facts)
    counts = store.counts()
    again = store.add(facts)
    assert first.status == "new"
    assert again.status == "duplicate"
    assert again.document_id == first.document_id
    assert store.counts() == counts
    assert counts.documents == 1
    assert counts.sentences == len(facts.sentences)
    assert counts.events == len(facts.events) > 0


def test_the_same_url_with_other_text_is_a_duplicate(
    store: Store, facts_of: Any, deal_articles: list[Path]
) -> None:
    facts = facts_of(deal_articles[:1])[0]
    with_url = dataclasses.replace(
        facts, document=dataclasses.replace(facts.document, url="https://example.com/a")
    )
    edited = dataclasses.replace(
        with_url,
        document=dataclasses.replace(with_url.document, text=with_url.document.text + "\n추가 문장이다."),
    )
    assert store.add(with_url).status == "new"
    assert store.add(edited).status == "duplicate"


def test_three_reports_make_one_deal_and_a_fourth_amount_flags_a_conflict(
    store: Store, facts_of: Any, deal_articles: list[Path]
) -> None:
    for facts in facts_of(deal_articles[:3]):
        store.add(facts)
    contracts = queries.deals(store, DealFilter(types=("contract",)))
    assert len(contracts) == 1
    deal = contracts[0]
    assert {a.name for a in deal.actors} == {"Microsoft", "Nebius"}
    assert len({s.document_id for s in deal.sources}) == 3
    assert not deal.conflict
    assert deal.usd == pytest.approx(17.4e9)
    assert deal.first_reported == "2025-09-09"
    assert deal.status == "done"  # "announced" first, then reported as signed

    store.add(facts_of(deal_articles[3:4])[0])
    contracts = queries.deals(store, DealFilter(types=("contract",)))
    assert len(contracts) == 1
    deal = contracts[0]
    assert deal.conflict
    assert len(deal.sources) == 4
    values = {round(v.usd or 0): len(v.sources) for v in deal.reported_values}
    assert values == {17_400_000_000: 3, 19_400_000_000: 1}
    assert deal.usd == pytest.approx(17.4e9)  # the value most sources report
    assert queries.deals(store, DealFilter(conflicts_only=True)) == [deal]


def test_deal_filters_select_by_entity_alias_month_and_amount(
    store: Store, facts_of: Any, deal_articles: list[Path]
) -> None:
    for facts in facts_of(deal_articles):
        store.add(facts)
    assert queries.deals(store, DealFilter(entity="네비우스", types=("contract",)))
    assert queries.deals(store, DealFilter(entity="nebius", types=("contract",)))
    assert not queries.deals(store, DealFilter(entity="no such company"))
    assert queries.deals(store, DealFilter(since="2025-09-01", until="2025-09-30", types=("contract",)))
    assert not queries.deals(store, DealFilter(since="2025-10-01", types=("contract",)))
    assert not queries.deals(store, DealFilter(min_usd=50e9))


def test_entity_profile_has_aliases_counterparties_and_money(
    store: Store, facts_of: Any, deal_articles: list[Path]
) -> None:
    for facts in facts_of(deal_articles[:3]):
        store.add(facts)
    profile = queries.entity_profile(store, "네비우스")
    assert profile is not None
    assert profile.entity.name == "Nebius"
    assert "네비우스" in profile.entity.aliases
    assert profile.documents == 3
    assert [c.name for c in profile.counterparties][:1] == ["Microsoft"]
    assert profile.usd_in == pytest.approx(17.4e9)
    buyer = queries.entity_profile(store, "Microsoft")
    assert buyer is not None
    assert buyer.usd_out == pytest.approx(17.4e9)


def test_a_lightly_edited_copy_joins_the_story_of_the_original(
    store: Store, facts_of: Any, deal_articles: list[Path]
) -> None:
    original = facts_of(deal_articles[:1])[0]
    doc = original.document
    copy = dataclasses.replace(
        original,
        document=dataclasses.replace(doc, text="(서울=뉴스통신) " + doc.text + "\n무단 전재 및 재배포 금지."),
    )
    other = facts_of(deal_articles[1:2])[0]
    first, second, third = store.add(original), store.add(copy), store.add(other)
    assert second.status == "new"
    assert second.near_duplicate
    assert second.story_id == first.story_id
    assert not third.near_duplicate
    assert third.story_id != first.story_id
    assert store.counts().stories == 2


def test_sentences_are_indexed_by_morphemes_and_entities(
    store: Store, facts_of: Any, deal_articles: list[Path]
) -> None:
    store.add(facts_of(deal_articles[:1])[0])

    def hits(expression: str) -> int:
        return store.conn.execute(
            "SELECT count(*) FROM sentence_fts WHERE sentence_fts MATCH ?", (expression,)
        ).fetchone()[0]

    assert hits('"계약"') >= 1  # 계약을 → 계약
    assert hits('"계약을"') == 0  # particles are not indexed
    assert hits(f'"{entity_term("nebius")}"') >= 2  # 네비우스(Nebius) and 네비우스는 name one entity


def test_a_failed_write_leaves_nothing_behind(
    store: Store, facts_of: Any, deal_articles: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    facts = facts_of(deal_articles[:1])[0]

    def fail_late(*args: object) -> None:  # the document, its sentences and events are written
        raise sqlite3.OperationalError("database or disk is full")

    with monkeypatch.context() as patch:
        patch.setattr(DealWriter, "update", fail_late)
        with pytest.raises(StoreError, match="disk is full"):
            store.add(facts)
    for table in ("documents", "sentences", "events", "deals", "mentions", "story_bands"):
        assert store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    assert store.add(facts).status == "new"


def test_reopening_keeps_everything(
    tmp_path: Path, extractor: Extractor, facts_of: Any, deal_articles: list[Path]
) -> None:
    path = tmp_path / "kept.db"
    with Store.open(path, korean=extractor.korean) as store:
        for facts in facts_of(deal_articles):
            store.add(facts)
        before = store.counts()
    with Store.open(path, readonly=True) as store:
        assert store.counts() == before
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database\n" * 10)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a stackwatch database") as caught:
        Store.open(path)
    assert caught.value.source == str(path)
    assert path.read_bytes() == before


def test_another_applications_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="another application"):
        Store.open(path)
    assert path.read_bytes() == before


def test_a_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer stackwatch"):
        Store.open(path)


def test_a_corrupt_store_gives_one_clear_error(
    tmp_path: Path, extractor: Extractor, facts_of: Any, deal_articles: list[Path]
) -> None:
    path = tmp_path / "corrupt.db"
    with Store.open(path, korean=extractor.korean) as store:
        store.add(facts_of(deal_articles[:1])[0])
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    data[100:] = bytes((i * 7) % 251 for i in range(len(data) - 100))  # every page after the header
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError) as caught, Store.open(path) as store:
        store.counts()
    assert "corrupt" in caught.value.message or "not a" in caught.value.message


def test_a_read_only_store_reports_instead_of_swallowing(
    tmp_path: Path, extractor: Extractor, facts_of: Any, deal_articles: list[Path]
) -> None:
    path = tmp_path / "ro.db"
    Store.open(path).close()
    facts: DocumentFacts = facts_of(deal_articles[:1])[0]
    with Store.open(path, readonly=True, korean=extractor.korean) as store:
        with pytest.raises(StoreError, match="read-only") as caught:
            store.add(facts)
        assert caught.value.source == str(path)


def test_read_only_open_of_a_missing_store_says_to_ingest_first(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="ingest"):
        Store.open(tmp_path / "none.db", readonly=True)
    assert not (tmp_path / "none.db").exists()


def test_the_wal_is_copied_back_while_the_writer_stays_open(
    store: Store, facts_of: Any, deal_articles: list[Path]
) -> None:
    empty = store.path.stat().st_size
    for facts in facts_of(deal_articles):
        store.add(facts)
    assert store._checkpointer is not None
    deadline = time.monotonic() + 10
    while store.path.stat().st_size <= empty and time.monotonic() < deadline:
        time.sleep(0.1)
    assert store.path.stat().st_size > empty  # the writer alone would wait for 40 MB of WAL
    thread = store._checkpointer._thread
    store.close()
    assert not thread.is_alive()
