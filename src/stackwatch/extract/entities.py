"""Knowledge-base names in a sentence: one Aho–Corasick pass over every alias.

A match counts only at word boundaries: a Korean name must not be preceded by Hangul
and may be followed only by particles and endings (메타는, 오픈AI의, 앤트로픽과 — not
메타버스, 구글링); a Latin name is matched case-sensitively as a whole word (Meta, not
metadata). Overlapping matches keep the longest (삼성전자 over 삼성).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import ahocorasick

from stackwatch.kb import KnowledgeBase, load_lexicon
from stackwatch.records import Evidence, Mention

_HANGUL = re.compile(r"[가-힣]")
_HANGUL_RUN = re.compile(r"[가-힣社產]+")
_WORDCHAR = re.compile(r"[A-Za-z0-9]")
MAX_PARTICLE_PIECES = 3


@cache
def particle_pieces() -> frozenset[str]:
    return frozenset(str(p) for p in load_lexicon("particles")["pieces"])


@cache
def particle_roles() -> dict[str, str]:
    """Particle (or particle sequence) → the grammatical role it marks."""
    roles: dict[str, str] = {}
    for role, items in load_lexicon("particles")["roles"].items():
        for item in items:
            roles[str(item)] = role
    return roles


def is_particle_tail(tail: str) -> bool:
    """True when `tail` splits into at most three particle/ending pieces (or is empty)."""
    if not tail:
        return True
    pieces = particle_pieces()
    reachable = {0: 0}  # position → fewest pieces to reach it
    for start in range(len(tail)):
        if start not in reachable or reachable[start] >= MAX_PARTICLE_PIECES:
            continue
        for end in range(start + 1, min(len(tail), start + 4) + 1):
            if tail[start:end] in pieces:
                count = reachable[start] + 1
                if count < reachable.get(end, MAX_PARTICLE_PIECES + 1):
                    reachable[end] = count
    return len(tail) in reachable


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    alias: str
    entity: str


class EntityMatcher:
    """Finds the knowledge base's names in text. Built once per knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._automaton = ahocorasick.Automaton()
        forms: dict[str, str] = {}
        for entity in kb.entities.values():
            for alias in entity.aliases:
                for form in _variants(alias):
                    forms.setdefault(form, entity.id)
        for form, entity_id in forms.items():
            self._automaton.add_word(form, (form, entity_id))
        if forms:
            self._automaton.make_automaton()
        self._empty = not forms
        self._not_followed_by = {
            alias: re.compile(pattern)
            for alias, pattern in load_lexicon("alias_context")["not_followed_by"].items()
        }

    def find(self, text: str, *, sentence: int = 0) -> list[Mention]:
        """Mentions in `text`, left to right, without overlaps."""
        if self._empty:
            return []
        hits: list[_Hit] = []
        for end_index, (alias, entity_id) in self._automaton.iter(text):
            start, end = end_index - len(alias) + 1, end_index + 1
            if not _is_whole_word(text, start, end, alias):
                continue
            blocker = self._not_followed_by.get(alias)
            if blocker is not None and blocker.match(text, end):
                continue
            hits.append(_Hit(start, end, alias, entity_id))
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        mentions: list[Mention] = []
        last_end = -1
        for hit in hits:
            if hit.start < last_end:
                continue
            tail = _HANGUL_RUN.match(text, hit.end)
            mentions.append(
                Mention(
                    entity=hit.entity,
                    surface=hit.alias,
                    evidence=Evidence(sentence=sentence, start=hit.start, end=hit.end),
                    particle=tail.group(0) if tail else "",
                )
            )
            last_end = hit.end
        return mentions


def _variants(alias: str) -> list[str]:
    forms = [alias]
    letters = re.sub(r"[^A-Za-z]", "", alias)
    if len(letters) >= 4 and not alias.isupper() and not _HANGUL.search(alias):
        forms.append(alias.upper())  # NVIDIA, OPENAI in headlines
    return forms


def _is_whole_word(text: str, start: int, end: int, alias: str) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if _HANGUL.match(alias[0]) and before and _HANGUL.match(before):
        return False
    if _WORDCHAR.match(alias[0]) and before and _WORDCHAR.match(before):
        return False
    if after and re.match(r"[A-Za-z]", after) and (_WORDCHAR.match(alias[-1]) or _HANGUL.match(alias[-1])):
        return False  # 맥쿼리PE is not 맥쿼리
    if _WORDCHAR.match(alias[-1]) and after and _WORDCHAR.match(after):
        return False
    if after in ".-" and end + 1 < len(text) and text[end + 1].isdigit() and alias[-1].isdigit():
        return False  # GPT-5 inside GPT-5.1
    tail = _HANGUL_RUN.match(text, end)
    return tail is None or is_particle_tail(tail.group(0))
