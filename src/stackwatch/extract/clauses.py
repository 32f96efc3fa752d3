"""Sentences → clauses, and the grammatical role of every name in them.

Korean marks roles with particles: 메타는 (subject) 코어위브와 (partner) 계약을 (object)
체결했다; 오픈AI에 (target) 투자; 테슬라로부터 (source) 수주; 메타의 (genitive) 인수 제안.
Names joined by "·", "," or "와/과" before another name share that name's role
("삼성전자와 SK하이닉스가" are both subjects), and a list closed by "등이" takes the role
of 등's particle. English has no particles: a name's preposition gives its role
("with" partner, "in" target, "from" source, "by" agent) and its place before or after
the trigger word gives subject or object. A clause ends at a connective ending
("맺고", "투자하며", "밝혔지만") or, in English, at "; " and ", while".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from stackwatch.extract.entities import particle_roles
from stackwatch.kb import load_lexicon
from stackwatch.records import Mention

_CLAUSE_END_KO = re.compile(
    r"(?<=[가-힣])(?:하고|했고|됐고|되고|했으며|하며|되며|됐으며|이며|으며|면서|지만|는데|었고|였고|았고|렸고|냈고|맺고|짓고|늘리고|사들이고)(?=[,\s])"
    r"|(?<=[가-힣])(?:고|며),(?=\s)"
)
_CLAUSE_END_EN = re.compile(r";\s|,\s(?=while\b|whereas\b|but\b|and (?:it|the company|he|she|they|that)\b)")
_LIST_JOINER = re.compile(r"^\s*(?:[,·/]|및|와|과|and|,\s*and|&)\s*$")
_ETC = re.compile(r"^\s*(등|측)([가-힣]*)")
_EN_PREPOSITION = re.compile(r"(\b[A-Za-z]+)\s*$")
_EN_ROLES = {
    "with": "partner",
    "and": "list",
    "in": "target",
    "into": "target",
    "to": "target",
    "from": "source",
    "by": "agent",
    "of": "genitive",
    "for": "target",
    "at": "genitive",
    "including": "listed",
    "include": "listed",
    "includes": "listed",
    "like": "listed",
    "as": "listed",
}
_CLOSING = re.compile(r"^\([^()]{0,40}\)")  # "메타(Meta)는": the particle comes after the parenthesis


@dataclass(frozen=True, slots=True)
class Arg:
    """A name in a clause with the role its particle (or preposition) gives it."""

    mention: Mention
    role: str  # subject object target source partner genitive instrument copula modifier listed agent none
    start: int
    end: int  # end of the name and its particle


@dataclass(frozen=True, slots=True)
class Clause:
    start: int
    end: int
    args: tuple[Arg, ...]


def split_clauses(text: str, language: str) -> list[tuple[int, int]]:
    """Character spans of the clauses of a sentence."""
    pattern = _CLAUSE_END_KO if language == "ko" else _CLAUSE_END_EN
    spans: list[tuple[int, int]] = []
    start = 0
    for match in pattern.finditer(text):
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


@cache
def _title_then_particle() -> re.Pattern[str]:
    """A person's title followed by a role particle: "최고재무책임자(CFO)는", "대표가"."""
    titles = sorted((str(t) for t in load_lexicon("names")["korean_person_titles"]), key=len, reverse=True)
    alternation = "|".join(re.escape(t) for t in titles)
    return re.compile(rf"^\s*(?:{alternation})(?:\s?\([A-Z]{{2,5}}\))?(?P<particle>[가-힣]{{0,4}})")


@cache
def _role_table() -> list[tuple[str, str]]:
    table = sorted(particle_roles().items(), key=lambda kv: -len(kv[0]))
    return [(particle, role) for particle, role in table]


def role_of_particle(particle: str) -> str | None:
    """The role a particle (or the start of a longer ending) marks, or None."""
    return _role_of_particle(particle)


def _role_of_particle(particle: str) -> str | None:
    for prefix, role in _role_table():
        if particle.startswith(prefix):
            return role
    return None


def korean_args(text: str, mentions: Sequence[Mention]) -> list[Arg]:
    """Roles of the names in a Korean sentence."""
    args: list[Arg] = []
    consumed_until = -1
    for index, mention in enumerate(mentions):
        start, end = mention.evidence.start, mention.evidence.end
        if start < consumed_until:
            continue  # "아마존웹서비스(AWS)와": the name in parentheses is the same name again
        quote = re.match(r"['’\"”」』]+", text[end:])
        if quote and not mention.particle:
            end += quote.end()  # "'스타게이트'에": the particle comes after the closing quote
        rest = text[end:]
        closing = _CLOSING.match(rest)
        if closing and not mention.particle:
            end += closing.end()
            consumed_until = end
            rest = text[end:]
        particle = re.match(r"[가-힣]*", rest)
        tail = particle.group(0) if particle else ""
        role = _role_of_particle(tail) if tail else None
        end += len(tail)
        if role is None:
            etc = _ETC.match(text[end:])
            if etc:
                role = _role_of_particle(etc.group(2)) or "listed"
                if etc.group(1) == "측" and role == "listed":
                    role = "subject"
                end += etc.end()
            elif tail:
                role = "modifier"
            elif re.match(r"^\s*(?:또한|역시)(?=\s)", text[end:]):
                role = "subject"  # "마이크로소프트 또한 ...": also acts
            elif start <= 2 and re.match(r"^\s*:", text[end:]):
                role = "subject"  # "구글: 향후 2년간 50억 파운드를 투입": a bullet's subject
            elif (titled := _title_then_particle().match(text[end:])) and titled.group("particle"):
                role = (
                    _role_of_particle(titled.group("particle")) or "modifier"
                )  # "네이버 CFO는" speaks for Naver
            else:
                following = text[end : end + 3]
                next_mention = mentions[index + 1] if index + 1 < len(mentions) else None
                if re.match(r"^\s*[,·/]", following) or (
                    next_mention and _LIST_JOINER.match(text[end : next_mention.evidence.start])
                ):
                    role = "list"
                elif re.match(r"^\s*[가-힣A-Za-z0-9]", following):
                    role = "modifier"  # "엔비디아 GPU", "삼성 파운드리"
                else:
                    role = "none"
        args.append(Arg(mention=mention, role=role, start=start, end=end))
    return _resolve_lists(text, _headline_subject(text, args))


def _resolve_lists(text: str, args: list[Arg]) -> list[Arg]:
    """Names joined by ·, commas or 와/과 before another name share its role; a list may
    carry descriptions between its names ("NEA, 미국 정보기관 계열 벤처캐피털 인큐텔 등이")
    as long as no particle-marked word stands in between."""
    resolved = list(args)
    for index in range(len(resolved) - 2, -1, -1):
        arg, following = resolved[index], resolved[index + 1]
        gap = text[arg.end : following.start]
        if arg.role == "partner" and re.fullmatch(r"\s*", gap):
            joined = True
        elif arg.role == "list":
            joined = bool(re.fullmatch(r"\s*(?:[,·/]|및|와|과)?\s*", gap)) or _is_description(gap)
        else:
            joined = False
        if joined:
            resolved[index] = Arg(mention=arg.mention, role=following.role, start=arg.start, end=arg.end)
    return resolved


def _is_description(gap: str) -> bool:
    """Words between two list items that describe the next one and mark no role."""
    words = gap.strip(" ,·").split()
    return 0 < len(words) <= 6 and not any(
        _role_of_particle(w[-1:]) or _role_of_particle(w[-2:]) for w in words
    )


def _headline_subject(text: str, args: list[Arg]) -> list[Arg]:
    """ "삼성전자, 테슬라와 ...", "MS·엔비디아, 앤트로픽에 ...": names closed by a comma at the
    start of a headline or sentence are its subject."""
    head = re.match(r"^(?P<head>[^,]{1,40}?),\s", text)
    if not head:
        return args
    cut = head.end("head")
    before = [a for a in args if a.end <= cut]
    if not before or any(a.role not in ("list", "none") for a in before):
        return args
    if not re.fullmatch(r"[\s)\]]*", text[before[-1].end : cut]):
        return args
    names_only = re.sub(r"[\s·,/()]+", "", text[:cut])
    if len(names_only) > sum(len(a.mention.surface) for a in before) + 4:
        return args
    return [
        Arg(mention=a.mention, role="subject", start=a.start, end=a.end) if a.end <= cut else a for a in args
    ]


def english_args(text: str, mentions: Sequence[Mention]) -> list[Arg]:
    """Roles of the names in an English sentence, from prepositions and possessives."""
    args: list[Arg] = []
    for mention in mentions:
        start, end = mention.evidence.start, mention.evidence.end
        role = "none"
        if re.match(r"^(?:'s|’s)", text[end:]):
            role, end = "genitive", end + 2
        else:
            prep = _EN_PREPOSITION.search(text[max(0, start - 20) : start])
            if prep and prep.group(1).lower() in _EN_ROLES:
                role = _EN_ROLES[prep.group(1).lower()]
            elif re.match(r"^\s*[,]", text[end:]):
                role = "list"
        args.append(Arg(mention=mention, role=role, start=start, end=end))
    for index in range(len(args) - 2, -1, -1):
        arg, following = args[index], args[index + 1]
        if arg.role in ("list", "none") and re.fullmatch(
            r"\s*(?:,|and|, and|&)\s*", text[arg.end : following.start]
        ):
            args[index] = Arg(mention=arg.mention, role=following.role, start=arg.start, end=arg.end)
        if (
            following.role == "list"
            and arg.role not in ("none", "list")
            and re.fullmatch(r"\s*(?:,|and|, and)\s*", text[arg.end : following.start])
        ):
            args[index + 1] = Arg(
                mention=following.mention, role=arg.role, start=following.start, end=following.end
            )
    return args


def build_clauses(text: str, args: Sequence[Arg], language: str) -> list[Clause]:
    return [
        Clause(start=s, end=e, args=tuple(a for a in args if s <= a.start < e))
        for s, e in split_clauses(text, language)
    ]
