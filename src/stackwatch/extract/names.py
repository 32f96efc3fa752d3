"""Names the knowledge base does not know, found from the context they are written in.

Korean news introduces a new name with a cue: a noun before it ("미국 스타트업 매니페스트AI",
"시장조사업체 카운터포인트리서치"), a title after it ("백준호 퓨리오사AI 대표", "X CEO"), a
title before it ("창업자 알렉산더 왕"), a Latin spelling in parentheses ("월드랩스(World Labs)"),
or 社. English names are capitalised; in English text they need a cue too (a company
suffix, a given name, "startup X", "X said"), because every sentence starts with a capital.
Each candidate gets a guessed type. Kiwi decides, for Korean words only, whether a word
after a cue is a proper noun at all (대부분, 관계자 are not).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from stackwatch.extract.entities import particle_roles
from stackwatch.kb import load_lexicon
from stackwatch.records import EntityType, Mention

_HANGUL = re.compile(r"[가-힣]")
_LATIN_NAME = re.compile(
    r"(?<![A-Za-z0-9$€£])[A-Z][A-Za-z0-9]*(?:[-'&.][A-Za-z0-9]+)*"
    r"(?:[ ](?:[A-Z][A-Za-z0-9]*(?:[-'&.][A-Za-z0-9]+)*\.?|&|of|de|van|von|der|da|du|la|bin)){0,5}"
)
_KO_WORD = r"[가-힣A-Za-z0-9][가-힣A-Za-z0-9·&.\-]{0,24}"
_PAREN_PAIR = re.compile(rf"(?P<outer>{_KO_WORD})[ ]?\((?P<inner>[^()]{{2,40}})\)")
_HONORIFIC_OR_AGE = re.compile(
    r"(?<![가-힣])(?P<name>[가-힣]{2,4})(?:\s?씨(?=[은는이가의을를와과에도,.\s]|$)|\(\d{1,3}(?:[·,][^)]{0,20})?\))"
)
_HONORIFIC_OR_AGE = re.compile(
    r"(?<![가-힣])(?P<name>[가-힣]{2,4})(?:\s?씨(?=[은는이가의을를와과에도,.\s]|$)|\(\d{1,3}(?:[·,][^)]{0,20})?\))"
)
_HIRED = re.compile(
    r"(?<![가-힣])(?P<first>[가-힣]{2,5})\s(?P<second>[가-힣]{1,5})(?:을|를)\s(?:\S+\s)?(?:영입|데려|스카우트|스카웃|채용)"
)
_SHA = re.compile(r"(?P<name>[가-힣A-Za-z0-9]{2,20})社")
MIN_NAME_CHARS = 2
_INSTITUTION_ENDINGS = ("대", "당", "청")  # 서강대, 민주당, 경찰청: short names of institutions, not people


@dataclass(frozen=True, slots=True)
class NameCandidate:
    """A name found from context; `alias` is a second spelling given beside it."""

    name: str
    type: EntityType
    start: int
    end: int
    alias: str | None = None


@dataclass(frozen=True, slots=True)
class _Lexicon:
    org_cues: dict[str, EntityType]
    org_cue: re.Pattern[str]
    person_after: re.Pattern[str]
    person_before: re.Pattern[str]
    surnames: frozenset[str]
    suffixes: dict[str, EntityType]
    person_titles_en: re.Pattern[str]
    org_cues_en: re.Pattern[str]
    not_names: frozenset[str]
    places: frozenset[str]
    ko_not_names: frozenset[str]
    given_names: frozenset[str]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _lexicon() -> _Lexicon:
    lex = load_lexicon("names")
    cues: dict[str, EntityType] = dict(lex["korean_org_cues"])
    titles = [str(t) for t in lex["korean_person_titles"]]
    before = [str(t) for t in lex["korean_title_before"]]
    title_alt = _alternation(titles)
    return _Lexicon(
        org_cues=cues,
        org_cue=re.compile(
            rf"(?:^|(?<=[\s(]))[가-힣A-Za-z]*?(?P<cue>{_alternation(list(cues))})(?:인)?"
            rf"[ ](?P<name>{_KO_WORD})"
        ),
        person_after=re.compile(
            rf"(?<=\s)(?:[가-힣]{{1,3}}(?:시장|도지사|구청장|군수)|{title_alt})(?=\(|$|[\s,.·)]|[가-힣]{{1,3}}(?:$|[\s,.]))"
        ),
        person_before=re.compile(
            rf"(?:{_alternation(before)})(?:\([A-Z]{{2,4}}\))?[ ]"
            rf"(?P<name>[가-힣]{{2,5}}(?:[ ][가-힣]{{1,5}})?)(?=[가-힣]{{0,3}}(?:$|[\s,.(]))"
        ),
        surnames=frozenset(str(s) for s in lex["korean_surnames"]),
        suffixes={str(k): v for k, v in lex["english_company_suffixes"].items()},
        person_titles_en=re.compile(
            rf"\b(?:{_alternation([str(t) for t in lex['english_person_titles']])})\b"
        ),
        org_cues_en=re.compile(rf"\b(?:{_alternation([str(t) for t in lex['english_org_cues']])})\b"),
        not_names=frozenset(str(w) for w in lex["not_names"]),
        places=frozenset(str(w) for w in lex["places"]),
        ko_not_names=frozenset(str(w) for w in lex["korean_not_names"]),
        given_names=frozenset(str(w) for w in lex["english_given_names"]),
    )


class NameFinder:
    """Finds unknown organisations and people in a sentence from the cues around them.

    `is_proper_noun` tells whether a Korean word is a name (Kiwi's judgement); without it
    every word after a cue that is not a listed common word is taken.
    """

    def __init__(self, is_proper_noun: Callable[[str], bool] | None = None) -> None:
        self._is_proper_noun = is_proper_noun

    def find(self, text: str, *, language: str, known: list[Mention]) -> list[NameCandidate]:
        """Candidates in `text` that do not overlap a knowledge-base mention."""
        taken = [(m.evidence.start, m.evidence.end) for m in known]
        found: list[NameCandidate] = []

        def add(candidate: NameCandidate | None) -> None:
            if candidate is None or len(candidate.name) < MIN_NAME_CHARS:
                return
            if any(s < candidate.end and candidate.start < e for s, e in taken):
                return
            taken.append((candidate.start, candidate.end))
            found.append(candidate)

        for candidate, spelled_end in self._paren_pairs(text):
            add(candidate)
            taken.append(
                (candidate.end, spelled_end)
            )  # the Latin spelling in parentheses is not a second name
        if language == "ko":
            for candidate in self._korean(text, known):
                add(candidate)
        for candidate in self._latin(text, language=language, known=known):
            add(candidate)
        return sorted(found, key=lambda c: c.start)

    # Korean cues -------------------------------------------------------------------

    def _korean(self, text: str, known: list[Mention]) -> list[NameCandidate]:
        lex = _lexicon()
        found: list[NameCandidate] = []
        for m in lex.person_after.finditer(text):
            found.extend(self._person_before_title(text, m.start(), known))
        for m in lex.person_before.finditer(text):
            name = m.group("name")
            if all(self._is_name(part) for part in name.split()) and name not in lex.ko_not_names:
                found.append(NameCandidate(name, "person", m.start("name"), m.end("name")))
        for m in _HONORIFIC_OR_AGE.finditer(text):  # "홍길동 씨", "황보연(62·구속기소)": people in any news
            name = m.group("name")
            if self._is_korean_person(name):
                found.append(NameCandidate(name, "person", m.start("name"), m.end("name")))
        for m in _HIRED.finditer(text):  # "루오밍 팡을 데려왔다": who is hired is a person
            first, second = m.group("first"), m.group("second")
            if self._is_foreign_name(first, second):
                found.append(NameCandidate(f"{first} {second}", "person", m.start("first"), m.end("second")))
        for m in lex.org_cue.finditer(text):
            raw = m.group("name")
            name = _strip_particles(raw)
            if name and self._is_name(name) and not _is_number_word(name):
                found.append(
                    NameCandidate(
                        name, lex.org_cues[m.group("cue")], m.start("name"), m.start("name") + len(name)
                    )
                )
        for m in _SHA.finditer(text):
            if self._is_name(m.group("name")):
                found.append(NameCandidate(m.group("name"), "company", m.start("name"), m.end("name")))
        return found

    def _person_before_title(self, text: str, title_start: int, known: list[Mention]) -> list[NameCandidate]:
        """ "백준호 퓨리오사AI 대표", "바룬 모한 CEO", "김희철 네이버 최고재무책임자": who holds the title."""
        words = list(re.finditer(r"\S+", text[:title_start]))[-3:]
        spans = [(m.evidence.start, m.evidence.end) for m in known]

        def is_known(word: re.Match[str]) -> bool:
            return any(word.start() <= s < word.end() for s, _ in spans)

        def hangul(word: re.Match[str]) -> bool:
            return bool(re.fullmatch(r"[가-힣]{1,6}", word.group(0)))

        def given(word: re.Match[str]) -> bool:
            """A first name of a foreign name: bare, no particle ("퀼스택은" is a phrase)."""
            return hangul(word) and not re.search(r"[은는을를의에과와]$", word.group(0))

        def org_like(word: re.Match[str]) -> bool:
            return is_known(word) or (
                re.fullmatch(r"[가-힣A-Za-z0-9&.]{2,20}", word.group(0)) is not None
                and self._is_name(word.group(0))
            )

        last = words[-1] if words else None
        if last is None:
            return []
        if (  # "바룬 모한 퀼스택 CEO": a two-word name, then the company
            len(words) == 3
            and given(words[0])
            and all(hangul(w) and not is_known(w) for w in words[:2])
            and org_like(last)
            and self._is_foreign_name(words[0].group(0), words[1].group(0))
        ):
            full = f"{words[0].group(0)} {words[1].group(0)}"
            named = [NameCandidate(full, "person", words[0].start(), words[1].end())]
            if not is_known(last):
                company = _strip_particles(last.group(0))
                named.append(NameCandidate(company, "company", last.start(), last.start() + len(company)))
            return named
        if (
            len(words) >= 2
            and given(words[-2])
            and hangul(last)
            and not is_known(words[-2])
            and not is_known(last)
            and self._is_foreign_name(words[-2].group(0), last.group(0))
        ):
            full = f"{words[-2].group(0)} {last.group(0)}"  # "바룬 모한 CEO", "더글러스 첸 공동창업자"
            return [NameCandidate(full, "person", words[-2].start(), last.end())]
        if hangul(last) and not is_known(last) and self._is_korean_person(last.group(0)):
            return [NameCandidate(last.group(0), "person", last.start(), last.end())]
        found: list[NameCandidate] = []
        if len(words) >= 2 and org_like(last):
            name = words[-2]
            if hangul(name) and not is_known(name) and self._is_korean_person(name.group(0)):
                found.append(NameCandidate(name.group(0), "person", name.start(), name.end()))
            elif len(words) == 3 and hangul(words[0]) and hangul(name) and not is_known(name):
                full = f"{words[0].group(0)} {name.group(0)}"
                if self._is_korean_person(full):
                    found.append(NameCandidate(full, "person", words[0].start(), name.end()))
            if found and not is_known(last):
                found.append(
                    NameCandidate(
                        _strip_particles(last.group(0)),
                        "company",
                        last.start(),
                        last.start() + len(_strip_particles(last.group(0))),
                    )
                )
            if found:
                return found
        if (
            len(words) >= 2
            and hangul(words[-2])
            and hangul(last)
            and not is_known(words[-2])
            and not is_known(last)
        ):
            full = f"{words[-2].group(0)} {last.group(0)}"
            if self._is_korean_person(full):
                return [NameCandidate(full, "person", words[-2].start(), last.end())]
        return []

    def _is_foreign_name(self, first: str, second: str) -> bool:
        """Two words of a transliterated name: a given name of 2+ syllables, a surname of 1+."""
        lex = _lexicon()
        if first in lex.ko_not_names or second in lex.ko_not_names or len(first) < 2:
            return False
        if len(first) == 3 and first[0] in lex.surnames and len(second) >= 2:
            return False  # "김희철 네이버": a Korean name, then something else
        checker = self._is_proper_noun
        return checker is None or (checker(first) and (len(second) == 1 or checker(second)))

    def _is_korean_person(self, name: str) -> bool:
        lex = _lexicon()
        if name in lex.ko_not_names:
            return False
        parts = name.split()
        if len(parts) == 1:
            return (
                len(name) in (2, 3, 4)
                and (name[0] in lex.surnames or name[:2] in lex.surnames)
                and not name.endswith(_INSTITUTION_ENDINGS)
                and self._is_name(name)
            )
        return all(self._is_name(p) and p not in lex.ko_not_names for p in parts)

    def _is_name(self, word: str) -> bool:
        lex = _lexicon()
        if len(word) < MIN_NAME_CHARS or word in lex.ko_not_names or word in lex.not_names:
            return False
        if not _HANGUL.search(word):
            return word[0].isupper() or word[0].isdigit()
        return self._is_proper_noun(word) if self._is_proper_noun else True

    # Parenthesised spellings ---------------------------------------------------------

    def _paren_pairs(self, text: str) -> list[tuple[NameCandidate, int]]:
        """Names written with their Latin spelling, and where that spelling ends."""
        lex = _lexicon()
        found: list[tuple[NameCandidate, int]] = []
        for m in _PAREN_PAIR.finditer(text):
            outer = _strip_leading_particle_word(m.group("outer"))
            inner = m.group("inner").strip()
            if not outer or inner in lex.not_names or outer in lex.ko_not_names:
                continue
            if not re.fullmatch(r"[A-Z][A-Za-z0-9&.\-' ]{1,39}", inner) or (
                inner.isupper() and len(inner) <= 4
            ):
                continue
            if outer in lex.places or inner in lex.places or not _HANGUL.search(outer):
                continue
            kind: EntityType = "person" if _looks_like_person(inner) else _suffix_type(inner) or "company"
            start = m.start("outer") + (len(m.group("outer")) - len(outer))
            if lex.person_after.match(" " + text[m.end() : m.end() + 12].lstrip(), 1):
                kind = "person"  # "라니아 펠트(Rania Feld) CEO는"
            if kind == "person" and len(inner.split()) >= 2:
                given = re.search(r"([가-힣]{1,6})\s$", text[max(0, start - 8) : start])
                if given:  # the Korean spelling has two words too: "라니아 펠트"
                    outer, start = f"{given.group(1)} {outer}", start - len(given.group(0))
            if re.search(r"\d", inner):
                continue  # "발사체(KSLV-II)": a code, not a name
            found.append((NameCandidate(inner, kind, start, start + len(outer), alias=outer), m.end()))
        return found

    # Latin-script names ----------------------------------------------------------------

    def _latin(self, text: str, *, language: str, known: list[Mention]) -> list[NameCandidate]:
        lex = _lexicon()
        found: list[NameCandidate] = []
        for m in _LATIN_NAME.finditer(text):
            tokens = m.group(0).split(" ")
            start = m.start()
            while tokens and (tokens[0] in lex.not_names or tokens[0] in lex.places or tokens[0].islower()):
                start += len(tokens[0]) + 1
                tokens = tokens[1:]
            while tokens and (tokens[-1].islower() or tokens[-1] in {"&", "The"}):
                tokens = tokens[:-1]
            while tokens and re.search(r"-[a-z]", tokens[-1]):
                tokens = tokens[:-1]  # "AI-linked", "Amsterdam-based": adjectives, not names
            if not tokens or any(re.search(r"-[a-z]+$", t) for t in tokens):
                continue
            name = " ".join(tokens).rstrip(".")
            if name.endswith("'s"):
                name = name[:-2]
            if name in lex.not_names or name in lex.places or len(name) < MIN_NAME_CHARS:
                continue
            if all(t in lex.not_names or (t.isupper() and len(t) <= 4) for t in tokens):
                continue  # acronyms and terms only: "AI GPU", "CEO"
            end = start + len(name)
            kind = _suffix_type(name)
            if _looks_like_person(name):
                kind = "person"
            if language == "en" and not (
                self._english_cue(text, start, end, name, kind) or _listed_with(text, start, end, known)
            ):
                continue
            if kind is None:
                kind = "person" if language == "ko" and _is_titlecase_pair(tokens) else "company"
            found.append(NameCandidate(name, kind, start, end))
        return found

    def _english_cue(self, text: str, start: int, end: int, name: str, kind: EntityType | None) -> bool:
        """In English every sentence starts with a capital: ask for a reason to believe a name."""
        lex = _lexicon()
        if kind is not None and kind != "person":
            return True  # "Blue Owl Capital", "Nebius Group"
        before, after = text[max(0, start - 40) : start], text[end : end + 40]
        if kind == "person":
            return start > 0 or bool(re.match(r"^,|^ (?:said|says|told|added|wrote)", after))
        if lex.person_titles_en.search(before[-25:]) or lex.org_cues_en.search(before[-25:]):
            return True
        return bool(
            re.match(
                r"^,? (?:a|an|the) [\w\- ]{0,30}(?:startup|company|firm|maker|provider|developer|operator)",
                after,
            )
        )


def _listed_with(text: str, start: int, end: int, known: list[Mention]) -> bool:
    """ "Tiger Global, Valor Equity Partners, Benchmark and 1789 Capital": a name in a list of known names."""
    for mention in known:
        if 0 <= start - mention.evidence.end <= 6 and re.fullmatch(
            r",\s|,?\s(?:and|or)\s", text[mention.evidence.end : start]
        ):
            return True
        if 0 <= mention.evidence.start - end <= 6 and re.fullmatch(
            r",\s|,?\s(?:and|or)\s", text[end : mention.evidence.start]
        ):
            return True
    return False


def _strip_particles(word: str) -> str:
    """ "페가트론은" → "페가트론", "동포투데이는" → "동포투데이": drop the longest role particle
    ending the word (은/는/이/가/을/를/의/에/와/과/로/에서/으로부터/와의 ...), keeping two characters.
    Only role particles are cut, so 새정치민주연합 and 호텔신라 stay whole."""
    word = word.rstrip(".,·")
    for particle in _ROLE_PARTICLES:
        if word.endswith(particle) and len(word) - len(particle) >= MIN_NAME_CHARS:
            return word[: -len(particle)]
    return word


_ROLE_PARTICLES: tuple[str, ...] = tuple(
    sorted(
        {p for p in particle_roles() if p not in ("다", "인")} | {"도", "만", "과", "와"},
        key=len,
        reverse=True,
    )
)


def _strip_leading_particle_word(word: str) -> str:
    return _strip_particles(word) if _HANGUL.search(word[-1:]) else word


def _is_number_word(word: str) -> bool:
    return bool(re.match(r"^\d", word))


def _suffix_type(name: str) -> EntityType | None:
    last = name.rsplit(" ", maxsplit=1)[-1]
    return _lexicon().suffixes.get(last) if " " in name else None


def _looks_like_person(name: str) -> bool:
    tokens = name.split(" ")
    return 2 <= len(tokens) <= 3 and tokens[0] in _lexicon().given_names and _is_titlecase_pair(tokens)


def _is_titlecase_pair(tokens: list[str]) -> bool:
    return 2 <= len(tokens) <= 3 and all(re.fullmatch(r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?", t) for t in tokens)
