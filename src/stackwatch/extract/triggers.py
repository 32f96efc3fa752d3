"""Trigger words of each event type, status words, and financial metric words, compiled
once from `kb/data/lexicons/events.yaml`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from stackwatch.kb import load_lexicon
from stackwatch.records import Status

STATUS_ORDER: tuple[Status, ...] = ("denied", "negotiating", "rumored", "announced")


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str
    start: int
    end: int
    word: str


@dataclass(frozen=True, slots=True)
class _Compiled:
    triggers: dict[str, list[tuple[str, re.Pattern[str]]]]  # language → [(type, pattern)]
    metrics: list[tuple[str, re.Pattern[str]]]
    provider: re.Pattern[str]
    customer: re.Pattern[str]
    status: list[tuple[Status, re.Pattern[str]]]


def _union(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


@cache
def _compiled() -> _Compiled:
    lex = load_lexicon("events")
    triggers: dict[str, list[tuple[str, re.Pattern[str]]]] = {"ko": [], "en": []}
    for event_type, by_language in lex["triggers"].items():
        for language, patterns in by_language.items():
            flags = re.IGNORECASE if language == "en" else 0
            triggers[language].append((event_type, re.compile("|".join(f"(?:{p})" for p in patterns), flags)))
    metrics = [(name, re.compile("|".join(words), re.IGNORECASE)) for name, words in lex["metrics"].items()]
    roles = lex["contract_subject_is"]
    status: list[tuple[Status, re.Pattern[str]]] = [
        (name, re.compile("|".join(lex["status"][name]), re.IGNORECASE)) for name in STATUS_ORDER
    ]
    return _Compiled(
        triggers=triggers,
        metrics=metrics,
        provider=_union(roles["provider"]),
        customer=_union(roles["customer"]),
        status=status,
    )


def find_triggers(text: str, language: str) -> list[Trigger]:
    """Every trigger word in `text`, in order of position."""
    found: list[Trigger] = []
    for event_type, pattern in _compiled().triggers.get(language, []):
        for match in pattern.finditer(text):
            found.append(Trigger(event_type, match.start(), match.end(), match.group(0)))
    return sorted(found, key=lambda t: (t.start, t.type))


def contract_side(text: str) -> str | None:
    """Which side the subject of a contract clause is on: provider, customer or unknown."""
    compiled = _compiled()
    provider = compiled.provider.search(text)
    customer = compiled.customer.search(text)
    if provider and customer:
        return "provider" if provider.start() > customer.start() else "customer"
    return "provider" if provider else "customer" if customer else None


def metric_before(text: str) -> str | None:
    """The financial metric named at the end of `text` ("... 매출", "net income of")."""
    best: tuple[int, str] | None = None
    for name, pattern in _compiled().metrics:
        for match in pattern.finditer(text):
            if best is None or match.end() > best[0]:
                best = (match.end(), name)
    return best[1] if best else None


def metric_after(text: str) -> str | None:
    """The financial metric named right after a figure ("의 순손실", " in revenue")."""
    for name, pattern in _compiled().metrics:
        match = pattern.search(text)
        if match and re.fullmatch(r"\s*(?:의|에|in|of)?\s*", text[: match.start()]):
            return name
    return None


def find_status(text: str) -> Status:
    """The status words of a clause, by precedence: denied > negotiating > rumored > announced > done."""
    for name, pattern in _compiled().status:
        if pattern.search(text):
            return name
    return "done"
