"""The pure rules of `store.deals`: spans of dates, amount agreement, matching, status."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from stackwatch.store.deals import (
    Candidate,
    amount_relation,
    current_status,
    dates_conflict,
    group_values,
    matches,
    principal_ids,
    span,
)


@pytest.mark.parametrize(
    ("value", "lo", "hi", "exact"),
    [
        ("2025-11-05", date(2025, 11, 5), date(2025, 11, 5), True),
        ("2025-11", date(2025, 11, 1), date(2025, 11, 30), False),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), False),
        ("2025-Q4", date(2025, 10, 1), date(2025, 12, 31), False),
        ("2025", date(2025, 1, 1), date(2025, 12, 31), False),
    ],
)
def test_span_of_each_date_precision(value: str, lo: date, hi: date, exact: bool) -> None:
    got = span(value)
    assert got is not None
    assert (got.lo, got.hi, got.exact) == (lo, hi, exact)


@pytest.mark.parametrize("value", [None, "", "soon", "2025-13", "2025-02-30", "25-11"])
def test_unreadable_dates_have_no_span(value: str | None) -> None:
    assert span(value) is None


def test_span_gap_is_zero_when_overlapping_and_days_otherwise() -> None:
    nov, dec_20 = span("2025-11"), span("2025-12-20")
    assert nov is not None
    assert dec_20 is not None
    assert nov.gap(dec_20) == 20
    assert nov.gap(span("2025-11-15") or nov) == 0


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        (14.2e9, 14.2e9, "same"),
        (14.2e9, 14.4e9, "same"),  # 1.4% apart
        (14.2e9, 15.0e9, "conflict"),
        (17.4e9, 19.4e9, "conflict"),
        (72e9, 600e9, "different"),
        (None, 1e9, "unknown"),
        (0.0, 1e9, "unknown"),
    ],
)
def test_amount_relation(a: float | None, b: float | None, relation: str) -> None:
    assert amount_relation(a, b) == relation


def _c(kind: str, principals: set[str], when: str | None, *usd: float) -> Candidate:
    return Candidate(type=kind, principals=frozenset(principals), when=span(when), usd=usd)


def test_same_parties_same_month_same_amount_is_the_same_deal() -> None:
    deal = _c("contract", {"meta", "coreweave"}, "2025-09-30", 14.2e9)
    assert matches(_c("contract", {"meta", "coreweave"}, "2025-10", 14.2e9), deal) > 0


def test_a_different_amount_within_half_again_is_the_same_deal_in_conflict() -> None:
    deal = _c("contract", {"meta", "coreweave"}, "2025-09-30", 14.2e9)
    same = matches(_c("contract", {"meta", "coreweave"}, "2025-10-01", 14.2e9), deal)
    conflicting = matches(_c("contract", {"meta", "coreweave"}, "2025-10-01", 15.5e9), deal)
    assert 0 < conflicting < same


def test_far_apart_amounts_are_different_deals() -> None:
    deal = _c("capex", {"meta"}, "2025-11", 72e9)
    assert matches(_c("capex", {"meta"}, "2025-11", 600e9), deal) == 0


def test_dates_months_apart_are_different_deals() -> None:
    deal = _c("contract", {"meta", "coreweave"}, "2025-03-10", 14.2e9)
    assert matches(_c("contract", {"meta", "coreweave"}, "2025-09-30", 14.2e9), deal) == 0


def test_other_type_or_other_parties_never_match() -> None:
    deal = _c("contract", {"meta", "coreweave"}, "2025-09", 14.2e9)
    assert matches(_c("investment", {"meta", "coreweave"}, "2025-09", 14.2e9), deal) == 0
    assert matches(_c("contract", {"meta", "nebius"}, "2025-09", 14.2e9), deal) == 0
    assert matches(_c("contract", set(), "2025-09", 14.2e9), deal) == 0


def test_one_side_only_joins_on_a_matching_amount_alone() -> None:
    deal = _c("contract", {"meta", "coreweave"}, "2025-09", 14.2e9)
    assert matches(_c("contract", {"meta"}, "2025-09", 14.2e9), deal) > 0
    assert matches(_c("contract", {"meta"}, "2025-09", 15.5e9), deal) == 0
    assert matches(_c("contract", {"meta"}, "2025-09"), deal) == 0


def test_principal_roles_ignore_optional_ones() -> None:
    actors = [("company", "openai"), ("investor", "softbank"), ("lender", "jpm")]
    assert principal_ids("funding_round", actors) == {"openai"}
    assert principal_ids("debt", actors) == {"openai"}


def test_values_within_two_percent_group_together_largest_group_first() -> None:
    groups = group_values([(14.2e9, "a"), (15.5e9, "b"), (14.3e9, "c")])
    assert [sorted(k for _, k in g) for g in groups] == [["a", "c"], ["b"]]


@pytest.mark.parametrize(
    ("history", "status"),
    [
        ([("2025-09-01", "rumored"), ("2025-09-05", "negotiating"), ("2025-09-20", "done")], "done"),
        (
            [("2025-09-20", "done"), ("2025-09-25", "rumored")],
            "done",
        ),  # a later vague report does not undo it
        ([("2025-09-01", "rumored"), ("2025-09-03", "denied")], "denied"),
        ([("2025-09-03", "denied"), ("2025-10-01", "announced")], "announced"),
        ([], "announced"),
    ],
)
def test_status_only_moves_forward_except_for_denials(history: list[tuple[str, str]], status: str) -> None:
    assert current_status(history) == status


@pytest.mark.parametrize(
    "history",
    list(
        itertools.permutations(
            [("2025-09-03", "negotiating"), ("2025-09-03", "denied"), ("2025-09-01", "rumored")]
        )
    ),
)
def test_reports_of_one_day_count_in_the_same_order_however_they_arrive(
    history: list[tuple[str, str]],
) -> None:
    assert current_status(history) == "denied"  # the denial answers that day's reports
    assert current_status([*history, ("2025-09-03", "done")]) == "denied"


def test_only_exact_days_far_apart_conflict() -> None:
    assert dates_conflict(["2025-09-08", "2025-09-30"])
    assert not dates_conflict(["2025-09-08", "2025-09-09"])
    assert not dates_conflict(["2025-09", "2025-09-30", None])
