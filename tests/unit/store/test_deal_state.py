"""A deal's running summary: folding reports one document at a time gives what a full
recount of its events gives, in any order, and a deal stored before states were kept is
recounted the next time it is reported."""

from __future__ import annotations

import itertools
import random
from pathlib import Path
from typing import Any

import pytest

from stackwatch.extract import Extractor
from stackwatch.store import DealFilter, Store, queries, schema
from stackwatch.store.deal_state import DealState, Report, folded
from stackwatch.store.deal_writer import refresh_deal

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def report(event_id: int, document_id: int, **fields: Any) -> Report:
    base: dict[str, Any] = {
        "reported": "2025-11-03",
        "usd": None,
        "status": "announced",
        "date": None,
        "span_lo": "2025-11-03",
        "span_hi": "2025-11-03",
        "principals": frozenset({"openai", "amazon"}),
        "layers": ("infrastructure",),
        "signals": (),
    }
    return Report(event_id=event_id, deal_id=1, document_id=document_id, **(base | fields))


REPORTS = [
    report(1, 10, usd=38e9, status="negotiating", reported="2025-10-20", span_lo="2025-10-20"),
    report(2, 11, usd=38e9, reported="2025-11-04", date="2025-11-03", signals=("hyperscaler_capex",)),
    report(3, 11, usd=38.5e9, status="done"),  # the same document again, within 2%
    report(4, 12, usd=45e9, reported="2025-11-05", date="2025-11-05", span_hi="2025-11-05"),
    report(5, 13, reported="2025-11-25", span_lo=None, span_hi=None, status="denied"),
    report(7, 15, reported=None, span_lo=None, span_hi=None),
    report(6, 14, usd=38e9, date="2025-11-20", principals=frozenset({"openai"})),
]


def by_document(reports: list[Report]) -> list[list[Report]]:
    return [list(group) for _, group in itertools.groupby(reports, key=lambda r: r.document_id)]


def test_folding_document_by_document_equals_one_recount_in_any_order() -> None:
    whole = folded(REPORTS)
    documents = by_document(REPORTS)
    shuffle = random.Random(7)
    for _ in range(20):
        shuffle.shuffle(documents)
        state = DealState()
        for reports in documents:
            state.fold(reports)
        assert state.to_json() == whole.to_json()
        assert state.summary() == whole.summary()


def test_the_summary_reads_the_running_state() -> None:
    state = folded(REPORTS)
    summary = state.summary()
    assert state.sources == 6
    assert state.first_reported == "2025-10-20"
    assert state.last_reported == "2025-11-25"
    assert state.values[38e9][0] == 3  # documents 10, 11 and 14; 38.5B joins them within 2%
    assert summary.first_event == 1  # the earliest report of the value most sources give
    assert summary.status == "denied"  # the latest report denies it
    assert summary.conflict_note == "sources report 2 different amounts; sources report different dates"
    assert summary.date == "2025-11-03"  # the commonest date, the earliest of a tie
    assert DealState.from_json(state.to_json()).to_json() == state.to_json()


def test_an_empty_state_has_no_amount_and_is_announced() -> None:
    summary = DealState().summary()
    assert summary.first_event is None
    assert summary.status == "announced"
    assert summary.conflict_note is None


@pytest.fixture
def reported(store: Store, facts_of: Any) -> Store:
    articles = sorted((FIXTURES / "deals").iterdir()) + sorted((FIXTURES / "report").glob("*.txt"))
    for facts in facts_of(articles):
        store.add(facts)
    return store


def deal_rows(store: Store) -> list[tuple[Any, ...]]:
    return store.conn.execute("SELECT * FROM deals ORDER BY id").fetchall()


def test_stored_summaries_equal_a_recount_of_every_deals_events(reported: Store) -> None:
    before = deal_rows(reported)
    assert max(row[-2] for row in before) >= 4  # a deal with several sources
    with reported.conn:
        for (deal_id,) in reported.conn.execute("SELECT id FROM deals").fetchall():
            refresh_deal(reported.conn, deal_id)
    assert deal_rows(reported) == before


# what migration 2 added, taken away again: the layout a store of schema 1 has
DOWNGRADE_TO_1 = """
    ALTER TABLE deals DROP COLUMN state;
    DROP INDEX deal_actors_entity;
    ALTER TABLE deal_actors DROP COLUMN match_key;
    CREATE INDEX deal_actors_entity ON deal_actors(entity_id);
    PRAGMA user_version = 1;
"""


def test_a_store_of_schema_1_migrates_and_recounts_its_deals_when_reported_again(
    extractor: Extractor, facts_of: Any, rewound_store: Any
) -> None:
    facts = facts_of(sorted((FIXTURES / "deals").iterdir()))
    path = rewound_store(facts[:3], DOWNGRADE_TO_1)
    with Store.open(path, korean=extractor.korean) as store:
        one = store.conn.execute
        assert one("PRAGMA user_version").fetchone() == (schema.SCHEMA_VERSION,)
        assert one("SELECT count(*) FROM deals WHERE state IS NULL").fetchone()[0] > 0
        assert one("SELECT count(*) FROM deal_actors WHERE match_key IS NULL").fetchone() == (0,)
        store.add(facts[3])
        contracts = queries.deals(store, DealFilter(types=("contract",)))
    assert len(contracts) == 1
    assert contracts[0].conflict
    assert len({s.document_id for s in contracts[0].sources}) == 4
