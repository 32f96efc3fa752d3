"""Properties of the amount parser: Korean numbers parse back to themselves, no text makes
it raise, and reading the same text twice gives the same amounts."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from stackwatch.extract.amounts import find_amounts, korean_number, parse_amount

EXAMPLES = settings(max_examples=200, deadline=None)

_GROUPS = (("조", 10**12), ("억", 10**8), ("만", 10**4))
_CURRENCIES = {"원": "KRW", "달러": "USD"}


def render_korean(n: int, *, commas: bool, spaces: list[bool]) -> str:
    """n written as "X조 Y억 Z만 W": zero groups left out, `spaces[i]` after the i-th group."""
    parts: list[str] = []
    rest = n
    for unit, size in _GROUPS:
        group, rest = divmod(rest, size)
        if group:
            parts.append(f"{group:,}{unit}" if commas else f"{group}{unit}")
    if rest:
        parts.append(f"{rest:,}" if commas else str(rest))
    text = parts[0]
    for part, spaced in zip(parts[1:], spaces, strict=False):
        text += (" " if spaced else "") + part
    return text


@st.composite
def korean_amounts(draw: st.DrawFn) -> tuple[str, int, str]:
    n = draw(st.integers(min_value=1, max_value=10**16 - 1))
    written = render_korean(
        n, commas=draw(st.booleans()), spaces=draw(st.lists(st.booleans(), min_size=3, max_size=3))
    )
    word = draw(st.sampled_from(sorted(_CURRENCIES)))
    text = written + (" " if draw(st.booleans()) else "") + word
    return text, n, _CURRENCIES[word]


def test_render_korean_examples() -> None:
    assert render_korean(985_000_000, commas=True, spaces=[True] * 3) == "9억 8,500만"
    assert render_korean(1_234_567_890_123, commas=False, spaces=[False] * 3) == "1조2345억6789만123"
    assert render_korean(7, commas=True, spaces=[]) == "7"


@EXAMPLES
@given(korean_amounts())
def test_korean_amount_parses_back_to_itself(written: tuple[str, int, str]) -> None:
    text, n, currency = written
    amount = parse_amount(text)
    assert amount is not None
    assert (amount.text, amount.value, amount.currency) == (text, n, currency)
    assert isinstance(amount.value, Decimal)


@EXAMPLES
@given(
    korean_amounts(),
    st.sampled_from(["메타는 ", "총 ", "", "(", "투자 규모는 "]),
    st.sampled_from(["을", "를 투자했다", ")", ".", ""]),
)
def test_korean_amount_in_a_sentence(written: tuple[str, int, str], before: str, after: str) -> None:
    text, n, currency = written
    [amount] = find_amounts(before + text + after)
    assert (amount.value, amount.currency) == (n, currency)


@EXAMPLES
@given(st.integers(min_value=1, max_value=10**16 - 1), st.booleans())
def test_korean_number_reads_the_rendering(n: int, commas: bool) -> None:
    assert korean_number(render_korean(n, commas=commas, spaces=[True] * 3)) == n


_MONEY_PIECES = [
    *"0123456789조억만천백$%()（）,.~- ",
    *["원", "달러", "엔", "약 ", "최대 ", "이상", "넘는", "수십", "연간 ", "엔비디아", "센트", "(약 "],
    *["€", "£", "¥", "±", "billion", "bn", " yuan", "between ", " and ", "up to ", "more than ", " a year"],
]
_MONEY_LIKE = st.lists(st.sampled_from(_MONEY_PIECES), max_size=30).map("".join)


@EXAMPLES
@given(st.one_of(st.text(), _MONEY_LIKE))
def test_find_amounts_never_raises_and_is_deterministic(text: str) -> None:
    first = find_amounts(text)
    assert find_amounts(text) == first
    last_end = 0
    for amount in first:
        # every figure traces back to its words, in order, without overlaps
        assert amount.text == text[amount.evidence.start : amount.evidence.end].strip()
        assert amount.evidence.start >= last_end
        last_end = amount.evidence.end
        assert amount.value is not None
        assert amount.value >= 0
        if amount.value_high is not None:
            assert amount.value_high > amount.value
            assert amount.qualifier == "range"


@EXAMPLES
@given(st.text(alphabet=st.sampled_from([*"0123456789,. ", *"조억만천백"]), max_size=30))
def test_korean_number_never_raises(expr: str) -> None:
    value = korean_number(expr)
    assert value is None or value >= 0
