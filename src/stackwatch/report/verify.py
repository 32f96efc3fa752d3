"""Check a written report against its sources: each number and name of a cited line must be in its evidence.

`stackwatch report --verify DIR/report.md` re-reads the Markdown, whose sources list
carries, for each source [n], its title and the evidence sentences the report used. A
line is a claim when it cites sources (`[1]`, `[2, 5]`); for each claim:

1. Names. Every name the line writes (a knowledge-base name or alias, or a name the
   report lists in its `stackwatch:names` comment) must belong to an entity one of whose
   names appears in the cited evidence: `Meta는` passes on "메타(Meta)는 ...".
2. Amounts. Each money amount (`stackwatch.extract.amounts.find_amounts`, so
   "380억 달러" = $38 billion) must equal, within 2%, an amount in the evidence in the same
   currency, its dollar value, or its stated won value; a conversion written beside it
   ("10조 원(약 71억 달러)") must match the evidence's conversion at the same rate table.
3. Other numbers ("40%", "26만 장") must equal, within 2%, a number in the evidence.

Names are read first and blanked out, so the digits of "GPT-5.1" are not numbers.
Lines without citations (headings, tallies marked as computed, tables of totals) are
not claims and are not checked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import ahocorasick

from stackwatch.extract.amounts import Rates, find_amounts, korean_number
from stackwatch.kb import KnowledgeBase

__all__ = [
    "CITATION",
    "NAMES_COMMENT",
    "Problem",
    "Verification",
    "Vocabulary",
    "check_claim",
    "verify_report",
    "verify_text",
]

TOLERANCE = 0.02  # as the scorer's "amount within 2%"
CITATION = re.compile(r"(?<!\\)\[(\d+(?:,\s*\d+)*)\]")
NAMES_COMMENT = re.compile(r"<!--\s*stackwatch:names\s+(\{.*?\})\s*-->", re.DOTALL)
_SOURCE_HEAD = re.compile(r"^(?:<a id=\"src-\d+\"></a>)?\*\*\[(\d+)\]\*\*\s+(.*)$")
_DIGITS = r"\d+(?:,\d{3})*(?:\.\d+)?"
_NUMBER = re.compile(rf"(?<![\w.]){_DIGITS}(?:\s?[조억만천](?:\s?{_DIGITS})?)*")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]<>()#+\-.!|~])")
_LATIN = re.compile(r"[A-Za-z0-9]")
_HANGUL = re.compile(r"[가-힣]")
MIN_SURFACE = 2


@dataclass(frozen=True, slots=True)
class Problem:
    line: int  # 1-based line number in the file
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Verification:
    claims: int
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(slots=True)
class Vocabulary:
    """Names to look for in a claim, and every name of the entity each stands for."""

    owners: dict[str, set[str]] = field(default_factory=dict)  # surface → entity keys
    names_of: dict[str, set[str]] = field(default_factory=dict)  # entity key → all its names
    _automaton: ahocorasick.Automaton | None = None

    @classmethod
    def build(
        cls, kb: KnowledgeBase | None, report_names: Mapping[str, Iterable[str]] | None = None
    ) -> Vocabulary:
        vocab = cls()
        if kb is not None:
            for entity in kb.entities.values():
                vocab.add(f"kb:{entity.id}", entity.aliases, entity.aliases)
        for name, aliases in (report_names or {}).items():
            vocab.add(f"report:{name}", [name], [name, *aliases])
        return vocab

    def add(self, key: str, surfaces: Iterable[str], names: Iterable[str]) -> None:
        self.names_of.setdefault(key, set()).update(n for n in names if len(n) >= MIN_SURFACE)
        for surface in surfaces:
            if len(surface) >= MIN_SURFACE:
                self.owners.setdefault(surface, set()).add(key)
        self._automaton = None

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Names in `text` as (start, end, surface): longest first, not overlapping, at word starts."""
        if self._automaton is None:
            automaton = ahocorasick.Automaton()
            for surface in self.owners:
                automaton.add_word(surface, surface)
            automaton.make_automaton()
            self._automaton = automaton
        if not self.owners:
            return []
        hits = []
        for end, surface in self._automaton.iter(text):
            start = end - len(surface) + 1
            if _is_word(text, start, end + 1, surface):
                hits.append((start, end + 1, surface))
        hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
        taken: list[tuple[int, int, str]] = []
        for hit in hits:
            if all(hit[1] <= t[0] or t[1] <= hit[0] for t in taken):
                taken.append(hit)
        return sorted(taken)

    def is_named_in(self, surface: str, evidence: str) -> bool:
        """Whether an entity called `surface` is named in `evidence` by any of its names."""
        folded = evidence.casefold()
        for key in self.owners.get(surface, ()):
            for name in self.names_of.get(key, ()):
                if _contains(folded, name.casefold()):
                    return True
        return False


def _is_word(text: str, start: int, end: int, surface: str) -> bool:
    """A Latin name must not be glued to letters or digits; a Hangul name must not follow Hangul."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if _LATIN.match(surface[0]) and _LATIN.match(before):
        return False
    if _HANGUL.match(surface[0]) and _HANGUL.match(before):
        return False
    return not (_LATIN.match(surface[-1]) and _LATIN.match(after))


def _contains(haystack: str, needle: str) -> bool:
    start = haystack.find(needle)
    while start >= 0:
        if _is_word(haystack, start, start + len(needle), needle) or _HANGUL.match(needle[0]):
            return True
        start = haystack.find(needle, start + 1)
    return False


def _close(a: Decimal | float, b: Decimal | float) -> bool:
    x, y = float(a), float(b)
    return abs(x - y) <= TOLERANCE * max(abs(x), abs(y))


@dataclass(slots=True)
class _Evidence:
    pairs: list[tuple[Decimal, str]]  # (value, currency), with dollar and won conversions
    numbers: list[Decimal]


def _read_evidence(texts: Sequence[str], rates: Rates | None) -> _Evidence:
    pairs: list[tuple[Decimal, str]] = []
    numbers: list[Decimal] = []
    for text in texts:
        for amount in find_amounts(text, rates=rates):
            for value, currency in (
                (amount.value, amount.currency),
                (amount.value_high, amount.currency),
                (amount.usd, "USD"),
                (amount.krw, "KRW"),
            ):
                if value is not None and currency:
                    pairs.append((value, currency))
                    numbers.append(value)
        numbers.extend(_plain_numbers(text))
    return _Evidence(pairs=pairs, numbers=numbers)


def _plain_numbers(text: str, *, both: bool = True) -> list[Decimal]:
    """Numbers in `text`: "26만" → 260000 (and 26 when `both`, for evidence written either way)."""
    found = []
    for match in _NUMBER.finditer(text):
        token = match.group().strip()
        digits = Decimal(re.match(r"[\d,.]+", token).group().replace(",", ""))  # type: ignore[union-attr]
        value = korean_number(token) if any(unit in token for unit in "조억만천") else None
        if value is not None:
            found.append(value)
            if both:
                found.append(digits)
        else:
            found.append(digits)
    return found


def check_claim(
    text: str, evidence: Sequence[str], vocabulary: Vocabulary, *, rates: Rates | None = None
) -> list[str]:
    """What in `text` (a claim, citations removed) its evidence does not support; empty when all is."""
    problems: list[str] = []
    joined = "\n".join(evidence)
    masked = list(text)
    for start, end, surface in vocabulary.find(text):
        if not vocabulary.is_named_in(surface, joined):
            problems.append(f"name {surface!r} is not in the cited evidence")
        masked[start:end] = " " * (end - start)
    rest = "".join(masked)
    found = _read_evidence(evidence, rates)
    chars = list(rest)
    for amount in find_amounts(rest, rates=rates):
        chars[amount.evidence.start : amount.evidence.end] = " " * (
            amount.evidence.end - amount.evidence.start
        )
        if amount.value is None or amount.currency is None:
            continue
        wanted = [(amount.value, amount.currency)]
        if amount.value_high is not None:
            wanted.append((amount.value_high, amount.currency))
        if amount.currency != "USD" and amount.rate_source == "stated" and amount.usd is not None:
            wanted.append((amount.usd, "USD"))
        if amount.currency != "KRW" and amount.krw is not None:
            wanted.append((amount.krw, "KRW"))
        for value, currency in wanted:
            if not any(c == currency and _close(v, value) for v, c in found.pairs):
                problems.append(f"amount {amount.text!r} ({value} {currency}) is not in the cited evidence")
                break
    for number in _plain_numbers("".join(chars), both=False):
        if not any(_close(number, n) for n in found.numbers if n):
            if number == 0 and Decimal(0) in found.numbers:
                continue
            problems.append(f"number {number} is not in the cited evidence")
    return problems


def _unescape(text: str) -> str:
    return _ESCAPED.sub(r"\1", text)


def _sources(lines: Sequence[str]) -> tuple[dict[int, list[str]], int]:
    """Each source's title and evidence lines, and the index of the line the sources list starts at."""
    sources: dict[int, list[str]] = {}
    current: int | None = None
    first = len(lines)
    for index, line in enumerate(lines):
        head = _SOURCE_HEAD.match(line.strip())
        if head:
            current = int(head.group(1))
            first = min(first, index)
            title = head.group(2).rpartition(" — ")[0] or head.group(2)
            sources[current] = [_unescape(title)]
        elif current is not None and line.startswith(">"):
            text = line[1:].strip()
            if text:
                sources[current].append(_unescape(text))
    return sources, first


def verify_text(markdown: str, vocabulary: Vocabulary, *, rates: Rates | None = None) -> Verification:
    """Check every claim of a report's Markdown against the evidence its sources list carries."""
    lines = markdown.splitlines()
    sources, first_source = _sources(lines)
    problems: list[Problem] = []
    claims = 0
    in_front_matter = bool(lines) and lines[0].strip() == "---"
    for index, line in enumerate(lines[:first_source]):
        if in_front_matter:
            if index > 0 and line.strip() == "---":
                in_front_matter = False
            continue
        cited = [int(n) for group in CITATION.findall(line) for n in group.split(",")]
        if not cited:
            continue
        claims += 1
        missing = [n for n in cited if n not in sources]
        if missing:
            problems.append(Problem(index + 1, line, f"cites unknown source(s) {missing}"))
            continue
        claim = _unescape(CITATION.sub(" ", line))
        evidence = [text for n in dict.fromkeys(cited) for text in sources[n]]
        for reason in check_claim(claim, evidence, vocabulary, rates=rates):
            problems.append(Problem(index + 1, line, reason))
    if claims and not sources:
        problems.append(Problem(0, "", "the report cites sources but has no sources list"))
    return Verification(claims=claims, problems=tuple(problems))


def report_names(markdown: str) -> dict[str, list[str]]:
    """The names a report lists in its `stackwatch:names` comment, with their other names."""
    match = NAMES_COMMENT.search(markdown)
    if match is None:
        return {}
    try:
        data = json.loads(match.group(1))
    except json.JSONDecodeError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): [str(a) for a in v] for k, v in data.items() if isinstance(v, list)}


def verify_report(path: Path, kb: KnowledgeBase | None) -> Verification:
    """Read a report's Markdown and check it (see the module docstring)."""
    markdown = path.read_text(encoding="utf-8")
    vocabulary = Vocabulary.build(kb, report_names(markdown))
    rates = Rates.from_kb(kb.rates) if kb is not None else None
    return verify_text(markdown, vocabulary, rates=rates)
