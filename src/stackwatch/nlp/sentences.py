"""Lines → sentences, for Korean and English news, without a morphological analysis.

Kiwi's sentence splitter runs a full analysis (as costly as tokenising, notes §1) and
glues bullet lists and headings to their neighbours (§2.1); news sentences end in
punctuation, so lines are split first and then cut at sentence-final punctuation that is
followed by a space, except after abbreviations, initials and decimal numbers.
"""

from __future__ import annotations

import re

from stackwatch.records import Sentence

# Words after which a period does not end an English sentence.
# fmt: off
_ABBREVIATIONS = frozenset([
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "inc", "corp", "co", "ltd", "llc", "plc", "bros", "vs",
    "etc", "no", "nos", "fig", "al", "approx", "est", "dept", "gov", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    "u.s", "u.k", "e.u", "u.n", "e.g", "i.e", "a.m", "p.m",
])
# fmt: on
# Abbreviations that can end a sentence when a sentence-opening word follows ("... Nvidia Corp. The shares").
_MAY_END_SENTENCE = frozenset({"u.s", "u.k", "e.u", "u.n", "etc", "corp", "inc", "co", "ltd", "plc", "llc"})
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"'”’)\]」』]*(?=\s+\S)")
_LAST_WORD = re.compile(r"(\S+?)[.!?…]+[\"'”’)\]」』]*$")
_STARTS_LOWER = re.compile(r"\s+[a-z]")
_HANGUL = re.compile(r"[가-힣]")
_LATIN = re.compile(r"[A-Za-z]")
KOREAN_SHARE = 0.15  # Hangul share of letters above which a text is Korean; loanword-heavy Korean stays ko


def detect_language(text: str) -> str:
    """`ko` when Hangul makes up a fair share of the letters, else `en`."""
    sample = text[:20000]
    hangul = len(_HANGUL.findall(sample))
    latin = len(_LATIN.findall(sample))
    if hangul + latin == 0:
        return "ko"
    return "ko" if hangul >= KOREAN_SHARE * (hangul + latin) else "en"


def split_line(line: str) -> list[str]:
    """Cut one line into sentences."""
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(line):
        end = match.end()
        piece = line[start:end]
        if _is_false_boundary(piece, line[end:]):
            continue
        if piece.strip():
            sentences.append(piece.strip())
        start = end
    rest = line[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def _is_false_boundary(before: str, after: str) -> bool:
    if before.endswith(("..", "…")) and not _HANGUL.search(before[-3:]):
        return True
    match = _LAST_WORD.search(before)
    if match is None:
        return False
    word = match.group(1).lower().lstrip("(\"'“‘")
    if word in _ABBREVIATIONS:
        return not (
            word in _MAY_END_SENTENCE
            and re.match(r"\s+(?:The|It|He|She|They|We|In|A|Its|Shares|But)\b", after)
        )
    if re.fullmatch(r"(?:[a-z]\.)*[a-z]", word):  # initials: J.P. Morgan, C.C. Wei
        return True
    return bool(_STARTS_LOWER.match(after)) and not _HANGUL.search(before[-2:])


def split_sentences(text: str, *, title: str | None = None) -> tuple[Sentence, ...]:
    """Sentences of a document; the headline, when there is one, is sentence 0."""
    sentences: list[Sentence] = []
    if title:
        sentences.append(Sentence(index=0, text=title.strip(), is_title=True))
    for line in text.splitlines():
        for piece in split_line(line.strip()):
            sentences.append(Sentence(index=len(sentences), text=piece))
    return tuple(sentences)
