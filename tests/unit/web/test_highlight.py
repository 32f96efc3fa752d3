"""Highlighting cuts text into pieces and never produces markup itself."""

from __future__ import annotations

import pytest

from stackwatch.web.highlight import Mark, Piece, amount_marks, cut, paragraph_starts

CUT_CASES = [
    # (text, marks, expected pieces as (text, kind))
    ("오픈AI가 380억 달러", [], [("오픈AI가 380억 달러", "")]),
    (
        "오픈AI가 380억 달러",
        [Mark(start=0, end=4, kind="entity")],
        [("오픈AI", "entity"), ("가 380억 달러", "")],
    ),
    # overlapping marks: the earlier (then longer) one wins
    (
        "abcdef",
        [Mark(start=1, end=4, kind="a"), Mark(start=2, end=5, kind="b")],
        [("a", ""), ("bcd", "a"), ("ef", "")],
    ),
    # out-of-range or empty marks are dropped, never crash
    ("abc", [Mark(start=2, end=9, kind="x"), Mark(start=1, end=1, kind="y")], [("abc", "")]),
    # markup in the text stays text
    (
        "<script>x</script>",
        [Mark(start=8, end=9, kind="entity")],
        [("<script>", ""), ("x", "entity"), ("</script>", "")],
    ),
]


@pytest.mark.parametrize(("text", "marks", "expected"), CUT_CASES)
def test_cut(text: str, marks: list[Mark], expected: list[tuple[str, str]]) -> None:
    pieces = cut(text, marks)
    assert [(p.text, p.kind) for p in pieces] == expected
    assert "".join(p.text for p in pieces) == text


def test_amount_marks_find_every_occurrence() -> None:
    marks = amount_marks("10억 달러, 또 10억 달러", [("10억 달러", "USD 1,000,000,000")])
    assert [(m.start, m.end) for m in marks] == [(0, 6), (10, 16)]
    assert cut("x", []) == (Piece(text="x"),)


def test_paragraph_starts() -> None:
    text = "첫 문장이다. 둘째 문장.\n새 문단이다.\n\n또 새 문단."
    sentences = ["첫 문장이다.", "둘째 문장.", "새 문단이다.", "또 새 문단."]
    assert paragraph_starts(text, sentences) == {0, 2, 3}
