"""The deal writer remembers deals between documents; what it remembers must never be stale."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from stackwatch.extract import Extractor
from stackwatch.store import Store

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def deal_rows(store: Store) -> list[tuple[Any, ...]]:
    return store.conn.execute("SELECT * FROM deals ORDER BY id").fetchall()


def articles() -> list[Path]:
    return sorted((FIXTURES / "deals").iterdir()) + sorted((FIXTURES / "report").glob("*.txt"))


def test_two_writers_taking_turns_store_the_deals_one_writer_would(
    tmp_path: Path, extractor: Extractor, facts_of: Any
) -> None:
    facts = facts_of(articles())
    with Store.open(tmp_path / "one.db", korean=extractor.korean) as alone:
        for f in facts:
            alone.add(f)
        expected = deal_rows(alone)
    path = tmp_path / "two.db"
    with (
        Store.open(path, korean=extractor.korean) as first,
        Store.open(path, korean=extractor.korean) as second,
    ):
        for i, f in enumerate(facts):
            (first if i % 2 == 0 else second).add(f)
        assert deal_rows(first) == expected
        assert max(row[-2] for row in expected) >= 3  # turns joined one deal's sources


def test_a_deal_removed_behind_the_writers_back_is_not_reported_into(
    store: Store, extractor: Extractor, facts_of: Any, deal_articles: list[Path]
) -> None:
    first, *rest = facts_of(deal_articles)
    store.add(first)
    for outside in (store.conn, Store.open(store.path, korean=extractor.korean).conn):
        with outside:  # this connection outside `add`, then another one
            outside.execute("DELETE FROM event_actors")
            outside.execute("DELETE FROM events")
            outside.execute("DELETE FROM deal_actors")
            outside.execute("DELETE FROM deals")
        added = store.add(rest.pop(0))
        assert added.deals
        stored = {row[0] for row in store.conn.execute("SELECT id FROM deals")}
        assert set(added.deals) <= stored
        assert store.conn.execute("SELECT sources FROM deals").fetchone()[0] == 1
