"""Every organisation, person and product a document names: known ones from the
knowledge base, new ones from context, each with its mentions and surface forms.

Reads sentences; adds mentions (linked to an entity id) and the document's entity list.
New entities get ids `new:<name>`; a name given with its other spelling in parentheses
("메타플랫폼(Meta)") teaches the document that both are the same entity.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from stackwatch.extract.entities import EntityMatcher, is_particle_tail
from stackwatch.extract.names import NameCandidate, NameFinder
from stackwatch.kb import KnowledgeBase
from stackwatch.records import Entity, EntityType, Evidence, Mention, Sentence

_PAIR = re.compile(r"(?P<outer>[가-힣A-Za-z0-9][가-힣A-Za-z0-9·&.\-]{0,24})[ ]?\((?P<inner>[^()]{2,40})\)")
_HANGUL = re.compile(r"[가-힣]")
_HANGUL_RUN = re.compile(r"[가-힣]+")


@dataclass(frozen=True, slots=True)
class _NewEntity:
    id: str
    name: str
    type: EntityType
    aliases: tuple[str, ...]


def find_mentions(
    sentences: Sequence[Sentence],
    *,
    language: str,
    kb: KnowledgeBase,
    matcher: EntityMatcher,
    names: NameFinder,
) -> tuple[list[Mention], list[Entity]]:
    """Mentions of every entity in the sentences, and the entities in order of first mention."""
    mentions: list[Mention] = []
    new: dict[str, _NewEntity] = {}
    for sentence in sentences:
        known = matcher.find(sentence.text, sentence=sentence.index)
        known += _paired_spellings(sentence, known, kb)
        for candidate in names.find(sentence.text, language=language, known=known):
            entity = _register(candidate, new, kb)
            known.append(
                Mention(
                    entity=entity,
                    surface=sentence.text[candidate.start : candidate.end],
                    evidence=Evidence(sentence=sentence.index, start=candidate.start, end=candidate.end),
                )
            )
        mentions.extend(sorted(known, key=lambda m: m.evidence.start))
    mentions = _add_repeat_mentions(sentences, mentions, new)
    mentions = _add_title_references(sentences, mentions, new, kb)
    return mentions, _entities(mentions, new, kb)


def _paired_spellings(sentence: Sentence, known: list[Mention], kb: KnowledgeBase) -> list[Mention]:
    """ "메타플랫폼(메타)", "네비우스(Nebius)": the unmatched side is another name of the matched one."""
    added: list[Mention] = []
    spans = {(m.evidence.start, m.evidence.end): m for m in known}
    text = sentence.text
    for m in _PAIR.finditer(text):
        inner_start = m.start("inner") + (len(m.group("inner")) - len(m.group("inner").lstrip()))
        inner_end = m.start("inner") + len(m.group("inner").rstrip())
        # the known name must be the whole parenthesis: "(서울대 명예교수)" is not another name of 서울대
        inner = next((k for (s, e), k in spans.items() if s == inner_start and e == inner_end), None)
        outer_word = m.group("outer")
        outer_mention = next(
            (k for (s, e), k in spans.items() if s >= m.start("outer") and e <= m.end("outer")), None
        )
        if inner is not None and outer_mention is None and _HANGUL.search(outer_word):
            name = _strip_tail(outer_word)
            start = m.start("outer") + len(outer_word) - len(outer_word.lstrip())
            if len(name) >= 2 and kb.get(inner.entity) is not None:
                added.append(
                    Mention(
                        entity=inner.entity,
                        surface=name,
                        evidence=Evidence(sentence=sentence.index, start=start, end=start + len(name)),
                    )
                )
        elif outer_mention is not None and inner is None:
            word = m.group("inner").strip()
            if re.fullmatch(r"[A-Z][A-Za-z0-9&.\- ]{1,30}", word) and not word.isupper():
                added.append(
                    Mention(
                        entity=outer_mention.entity,
                        surface=word,
                        evidence=Evidence(
                            sentence=sentence.index, start=inner_start, end=inner_start + len(word)
                        ),
                    )
                )
    return added


def _strip_tail(word: str) -> str:
    for cut in range(2, len(word) + 1):
        tail = word[cut:]
        if (not tail or _HANGUL.match(tail[0])) and is_particle_tail(tail):
            return word[:cut]
    return word


def _register(candidate: NameCandidate, new: dict[str, _NewEntity], kb: KnowledgeBase) -> str:
    """The id of the entity a candidate names: a known one if either spelling is known."""
    for form in (candidate.name, candidate.alias):
        if form and form in kb.by_alias:
            return kb.by_alias[form]
    key = _key(candidate.name)
    for entity in new.values():
        if key in {_key(a) for a in entity.aliases}:
            if candidate.alias and candidate.alias not in entity.aliases:
                new[entity.id] = _NewEntity(
                    entity.id, entity.name, entity.type, (*entity.aliases, candidate.alias)
                )
            return entity.id
    entity_id = f"new:{candidate.name}"
    aliases = (candidate.name,) + ((candidate.alias,) if candidate.alias else ())
    new[entity_id] = _NewEntity(entity_id, candidate.name, candidate.type, aliases)
    return entity_id


def _key(name: str) -> str:
    return re.sub(r"[\W_]+", "", name).casefold()


def _add_repeat_mentions(
    sentences: Sequence[Sentence], mentions: list[Mention], new: dict[str, _NewEntity]
) -> list[Mention]:
    """Later mentions of a new name written without its cue ("래블업은 ...")."""
    if not new:
        return mentions
    taken: dict[int, list[tuple[int, int]]] = {}
    for m in mentions:
        taken.setdefault(m.evidence.sentence, []).append((m.evidence.start, m.evidence.end))
    extra: list[Mention] = []
    for entity in new.values():
        for alias in entity.aliases:
            if len(alias) < 2:
                continue
            pattern = re.compile(re.escape(alias))
            for sentence in sentences:
                for hit in pattern.finditer(sentence.text):
                    start, end = hit.start(), hit.end()
                    if not _bounded(sentence.text, start, end):
                        continue
                    spans = taken.setdefault(sentence.index, [])
                    if any(s < end and start < e for s, e in spans):
                        continue
                    spans.append((start, end))
                    extra.append(
                        Mention(
                            entity=entity.id,
                            surface=alias,
                            evidence=Evidence(sentence=sentence.index, start=start, end=end),
                        )
                    )
    merged = mentions + extra
    merged.sort(key=lambda m: (m.evidence.sentence, m.evidence.start))
    return merged


_TITLE_REFERENCE = re.compile(
    r"(?<![가-힣])(?P<surname>[가-힣])\s?(?P<title>대표|회장|부회장|사장|부사장|의장|CEO|최고경영자|창업자|장관|위원장|대통령|총리|교수|이사|CFO|CTO)"
    r"(?=[가-힣]{0,3}(?:\s|$|[,.]))"
)


def _add_title_references(
    sentences: Sequence[Sentence], mentions: list[Mention], new: dict[str, _NewEntity], kb: KnowledgeBase
) -> list[Mention]:
    """ "백 대표", "왕 CEO", "이 회장": a person named earlier, called by surname and title."""
    first_seen: dict[str, int] = {}
    for m in mentions:
        first_seen.setdefault(m.entity, m.evidence.sentence)
    people: dict[str, set[str]] = {}
    for entity_id in first_seen:
        known = kb.get(entity_id)
        if known is not None and known.type == "person":
            forms: tuple[str, ...] = known.aliases
        elif entity_id in new and new[entity_id].type == "person":
            forms = new[entity_id].aliases
        else:
            continue
        surnames = set()
        for form in (*forms, *(m.surface for m in mentions if m.entity == entity_id)):
            if not _HANGUL.match(form[:1]):
                continue
            parts = form.split()
            surnames.add(parts[-1] if len(parts) > 1 else form[0])
        people[entity_id] = {n for n in surnames if len(n) == 1}
    if not people:
        return mentions
    taken = {(m.evidence.sentence, m.evidence.start) for m in mentions}
    extra: list[Mention] = []
    foreign = _foreign_surnames(people, kb, new)
    for sentence in sentences:
        for hit in _SURNAME_ALONE.finditer(sentence.text):  # "팡은 2021년 구글에서 애플로 옮겨"
            owners = [
                e
                for e, name in foreign.items()
                if name == hit.group("surname") and first_seen[e] < sentence.index
            ]
            if len(owners) == 1 and (sentence.index, hit.start()) not in taken:
                extra.append(
                    Mention(
                        entity=owners[0],
                        surface=hit.group("surname"),
                        evidence=Evidence(sentence=sentence.index, start=hit.start(), end=hit.end("surname")),
                    )
                )
        for hit in _TITLE_REFERENCE.finditer(sentence.text):
            owners = [
                e
                for e, names in people.items()
                if hit.group("surname") in names and first_seen[e] < sentence.index
            ]
            if len(owners) != 1 or (sentence.index, hit.start()) in taken:
                continue
            extra.append(
                Mention(
                    entity=owners[0],
                    surface=hit.group("surname"),
                    evidence=Evidence(sentence=sentence.index, start=hit.start(), end=hit.start() + 1),
                )
            )
    merged = mentions + extra
    merged.sort(key=lambda m: (m.evidence.sentence, m.evidence.start))
    return merged


_SURNAME_ALONE = re.compile(r"(?:^|(?<=\s))(?P<surname>[가-힣]{1,4})(?:은|는|이|가|의|을|를)(?=\s)")


def _foreign_surnames(
    people: dict[str, set[str]], kb: KnowledgeBase, new: dict[str, _NewEntity]
) -> dict[str, str]:
    """Foreign people of the document by the last word of their Korean name ("루오밍 팡" → 팡):
    news calls them by it alone once introduced."""
    surnames: dict[str, str] = {}
    for entity_id in people:
        known = kb.get(entity_id)
        forms = known.aliases if known is not None else new[entity_id].aliases if entity_id in new else ()
        for form in forms:
            parts = form.split()
            if len(parts) >= 2 and all(_HANGUL.match(p[:1]) for p in parts):
                surnames[entity_id] = parts[-1]
                break
    counts: dict[str, int] = {}
    for name in surnames.values():
        counts[name] = counts.get(name, 0) + 1
    return {e: n for e, n in surnames.items() if counts[n] == 1}


def _bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    if before.isalnum() and not (_HANGUL.match(before) and not _HANGUL.match(text[start])):
        return False
    after = text[end] if end < len(text) else " "
    if after.isascii() and after.isalnum():
        return False
    tail = _HANGUL_RUN.match(text, end)
    return tail is None or is_particle_tail(tail.group(0))


def _entities(mentions: list[Mention], new: dict[str, _NewEntity], kb: KnowledgeBase) -> list[Entity]:
    counts = Counter(m.entity for m in mentions)
    surfaces: dict[str, list[str]] = {}
    for m in mentions:
        forms = surfaces.setdefault(m.entity, [])
        if m.surface not in forms:
            forms.append(m.surface)
    entities: list[Entity] = []
    for entity_id in dict.fromkeys(m.entity for m in mentions):
        seen = surfaces[entity_id]
        known = kb.get(entity_id)
        if known is not None:
            aliases = tuple(dict.fromkeys((*seen, *known.aliases)))
            entities.append(
                Entity(
                    id=entity_id,
                    name=known.name,
                    type=known.type,
                    aliases=aliases,
                    layers=known.layers,
                    country=known.country,
                    ticker=known.ticker,
                    kind=known.kind,
                    known=True,
                    mentions=counts[entity_id],
                )
            )
        else:
            found = new[entity_id]
            entities.append(
                Entity(
                    id=entity_id,
                    name=found.name,
                    type=found.type,
                    aliases=tuple(dict.fromkeys((*seen, *found.aliases))),
                    known=False,
                    mentions=counts[entity_id],
                )
            )
    return entities
