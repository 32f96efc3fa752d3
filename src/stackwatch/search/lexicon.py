"""The search thesaurus and the question lexicon, read once from `search/data/*.yaml`.

Both are data, not code (STYLE.md §1): `synonyms.yaml` groups words that mean the same to
an analyst; `questions.yaml` holds the cue words that tell a question's shape and kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from stackwatch.errors import ConfigError

_DATA = "stackwatch.search.data"
_LATIN = re.compile(r"^[a-z0-9][a-z0-9 .&'-]*$")
_ENGLISH_SUFFIXES = ("ies", "es", "s", "ed", "ing", "ment")
MIN_PREFIX = 4  # English words this long match by prefix (invest → invested, investors)


def _load(name: str) -> dict[str, Any]:
    text = resources.files(_DATA).joinpath(name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ConfigError("a lexicon must be a mapping", source=f"search/data/{name}")
    return data


def is_latin(word: str) -> bool:
    return bool(_LATIN.match(word))


def english_stems(word: str) -> list[str]:
    """`word` and what it becomes without a common English ending (accounts → account)."""
    stems = [word]
    for suffix in _ENGLISH_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            stems.append(stem + "y" if suffix == "ies" else stem)
    return stems


class Thesaurus:
    """Word → the other words of its group(s), in both languages."""

    def __init__(self, groups: list[list[str]]) -> None:
        self.groups = [tuple(str(w).lower() for w in group) for group in groups]
        self._by_word: dict[str, set[int]] = {}
        for number, group in enumerate(self.groups):
            for word in group:
                self._by_word.setdefault(word, set()).add(number)

    def synonyms(self, word: str) -> list[str]:
        """The words sharing a group with `word` (or with its English stem), `word` excluded."""
        lowered = word.lower()
        keys = english_stems(lowered) if is_latin(lowered) else [lowered]
        found: list[str] = []
        for key in keys:
            for number in sorted(self._by_word.get(key, ())):
                found.extend(w for w in self.groups[number] if w != lowered and w not in found)
        return found


@dataclass(frozen=True, slots=True)
class Kind:
    """What a question asks about (debt, revenue, ...) and the events that record it."""

    name: str
    types: tuple[str, ...]
    cues: tuple[str, ...]
    metric: str | None = None
    as_recipient: bool = False  # funding: the entity receives the money
    labels: tuple[tuple[str, str], ...] = ()  # (language, label) for answers

    def label(self, language: str) -> str:
        return dict(self.labels).get(language, self.name.replace("_", " "))


@dataclass(frozen=True, slots=True)
class QuestionLexicon:
    stopwords: frozenset[str]
    not_cues: tuple[str, ...]
    question_patterns: tuple[re.Pattern[str], ...]
    period_words: frozenset[str]
    kinds: tuple[Kind, ...]
    shapes: tuple[tuple[str, tuple[str, ...]], ...]
    cues: dict[str, tuple[str, ...]]  # founding, cumulative, annual, segment, pair, superlative
    layers: tuple[tuple[str, tuple[str, ...]], ...]
    countries: tuple[tuple[str, tuple[str, ...]], ...]


@cache
def thesaurus() -> Thesaurus:
    data = _load("synonyms.yaml")
    return Thesaurus([list(g) for g in data["groups"]])


@cache
def question_lexicon() -> QuestionLexicon:
    data = _load("questions.yaml")

    def words(items: list[Any]) -> tuple[str, ...]:
        return tuple(str(item).lower() for item in items)

    kinds = tuple(
        Kind(
            name=str(k["name"]),
            types=words(k["types"]),
            cues=words(k["cues"]),
            metric=k.get("metric"),
            as_recipient=bool(k.get("as_recipient", False)),
            labels=tuple((str(lang), str(text)) for lang, text in (k.get("label") or {}).items()),
        )
        for k in data["kinds"]
    )
    cue_names = (
        "founding",
        "cumulative",
        "annual",
        "segment",
        "pair",
        "superlative",
        "reason_question",
        "reason",
    )
    return QuestionLexicon(
        stopwords=frozenset(words(data["stopwords"])),
        not_cues=words(data.get("not_cues", [])),
        question_patterns=tuple(re.compile(str(p)) for p in data.get("question_patterns", [])),
        period_words=frozenset(words(data.get("period_words", []))),
        kinds=kinds,
        shapes=tuple((str(name), words(cues)) for name, cues in data["shapes"].items()),
        cues={name: words(data[f"{name}_cues"]) for name in cue_names},
        layers=tuple((str(name), words(cues)) for name, cues in data["layers"].items()),
        countries=tuple((str(code), words(cues)) for code, cues in data["countries"].items()),
    )


def has_cue(text: str, cues: tuple[str, ...]) -> bool:
    """True when lower-cased `text` holds one of `cues`: Korean as a substring, English at a
    word start (ship matches shipping, not partnership)."""
    return first_cue(text, cues) is not None


def first_cue(text: str, cues: tuple[str, ...]) -> str | None:
    lowered = text.lower()
    for cue in cues:
        if is_latin(cue):
            if re.search(r"(?<![a-z0-9])" + re.escape(cue), lowered):
                return cue
        elif cue in lowered:
            return cue
    return None


def cue_positions(text: str, cues: tuple[str, ...]) -> list[int]:
    """Where in `text` each occurrence of a cue starts (for distances to an amount)."""
    lowered = text.lower()
    found: list[int] = []
    for cue in cues:
        pattern = r"(?<![a-z0-9])" + re.escape(cue) if is_latin(cue) else re.escape(cue)
        found.extend(m.start() for m in re.finditer(pattern, lowered))
    return sorted(found)
