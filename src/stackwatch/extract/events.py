"""Events from sentences: a trigger word gives the type, the roles of the names around it
give the actors, the nearest fitting amount in the same clause gives the money.

Each event type has a builder (`builders.py`) that knows which roles it needs. A clause
without a subject takes the one of the clause before, and "이 회사", "회사 측", "the
company" point to the company the text was last about. `assemble.py` then merges what
one document reports twice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from stackwatch.extract.assemble import assemble_events
from stackwatch.extract.builders import BUILD_ORDER, BUILDERS
from stackwatch.extract.clauses import Arg, build_clauses, english_args, korean_args, role_of_particle
from stackwatch.extract.dates import Anchor, find_event_date, find_period
from stackwatch.extract.event_context import ClauseView, DocState, is_embedded, subject_ids
from stackwatch.extract.triggers import Trigger, find_status, find_triggers
from stackwatch.kb import KnowledgeBase
from stackwatch.records import Amount, AnalysedDocument, Entity, Event, Evidence, Mention, Sentence

_GROUP_REFERENCE = re.compile(
    r"(?:^|\s)(?P<n>두|세|양)\s?(?:회사|기업|사(?=[은는이가의와]))|(?:^|\s)양사"
    r"|\b(?:both|the two|the three) (?:companies|firms)\b"
)
_GROUP_SIZE = {"두": 2, "양": 2, "세": 3}
_COREFERENCE = re.compile(
    r"(?:^|\s)(?:이|그|해당|동)\s?(?:회사|기업|업체|스타트업)|(?:^|\s)회사\s?(?:측|는|가|도)|(?:^|\s)동사|"
    r"\b(?:the|The) (?:[\w-]+ ){0,2}(?:company|firm|startup|group|chipmaker|lab|maker|developer|operator)\b"
    r"|^(?:It|Its)\b"
)
MAX_CONFIDENCE = 0.95
MAX_HEADING_CHARS = 90
NEAR_BEFORE = 40  # characters around a trigger read for its status and date
NEAR_AFTER = 30
SENTENCE_END_CHARS = 20


class EventExtractor:
    """Reads a document's sentences and returns its events, merged and deduplicated."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def extract(
        self,
        doc: AnalysedDocument,
        *,
        mentions: Sequence[Mention],
        entities: Sequence[Entity],
        amounts: Sequence[Sequence[Amount]],
    ) -> list[Event]:
        """Read sentences, mentions and amounts; add the document's events."""
        by_sentence: dict[int, list[Mention]] = {}
        for mention in mentions:
            by_sentence.setdefault(mention.evidence.sentence, []).append(mention)
        entity_map = {e.id: e for e in entities}
        state = DocState(
            kb=self.kb,
            entities=entity_map,
            anchor=Anchor.parse(doc.document.published),
            published=doc.document.published,
            language=doc.language,
            topic=_topic(doc, by_sentence, entity_map),
        )
        for sentence in doc.sentences:
            found = list(amounts[sentence.index]) if sentence.index < len(amounts) else []
            _read_sentence(state, sentence, by_sentence.get(sentence.index, []), found)
        headings = frozenset(s.index for s in doc.sentences if s.is_title or _is_heading(s.text))
        return assemble_events(state.events, entities=entity_map, topic=state.topic, headings=headings)


def _is_heading(text: str) -> bool:
    """A subheading inside the body: short and without a sentence's final punctuation."""
    return len(text) <= MAX_HEADING_CHARS and not re.search(r"[.!?。]['\"”’)]*$|[다요]$", text)


def _read_sentence(
    state: DocState, sentence: Sentence, mentions: list[Mention], amounts: list[Amount]
) -> None:
    text = sentence.text
    state.sentence = sentence.index
    for mention in mentions:
        state.seen_at[mention.entity] = sentence.index
    args = korean_args(text, mentions) if state.language == "ko" else english_args(text, mentions)
    args = _add_coreference(state, sentence, args)
    triggers = find_triggers(text, state.language)
    inherited: list[str] = []
    used: set[int] = set()
    main_subjects: list[str] = []
    for clause in build_clauses(text, args, state.language):
        view = ClauseView(
            text=text,
            span=(clause.start, clause.end),
            args=list(clause.args),
            sentence_args=args,
            amounts=amounts,
            used=used,
            inherited_subjects=inherited,
            sentence=sentence,
        )
        in_clause = [t for t in triggers if clause.start <= t.start < clause.end]
        for event_type in BUILD_ORDER:
            for trigger in (t for t in in_clause if t.type == event_type):
                built = BUILDERS[event_type](state, view, trigger)
                state.events.extend(_finish(state, view, event, trigger) for event in built)
                for event in built:
                    if event.type == "funding_round" and event.note != "participation":
                        state.last_round = next(a.entity for a in event.actors if a.role == "company")
                        state.last_round_sentence = sentence.index
                if built:
                    break
        subjects = subject_ids(state, view, dropped=False, position=clause.end)
        if subjects:
            inherited[:] = subjects
            main_subjects = [x for x in subjects if state.is_org(x)]
    state.remember_subjects(main_subjects)  # the subject of the last clause is the sentence's main one


def _topic(
    doc: AnalysedDocument, by_sentence: dict[int, list[Mention]], entities: dict[str, Entity]
) -> str | None:
    """What the article is about: the headline's first organisation, else the most mentioned one."""
    orgs = [e for e in entities.values() if e.type in ("company", "investor")]
    if not orgs:
        return None
    if doc.sentences and doc.sentences[0].is_title:
        for mention in by_sentence.get(doc.sentences[0].index, []):
            entity = entities.get(mention.entity)
            if entity is not None and entity.type in ("company", "investor"):
                return entity.id
    return max(orgs, key=lambda e: e.mentions).id


def _add_coreference(state: DocState, sentence: Sentence, args: list[Arg]) -> list[Arg]:
    """ "이 회사는", "회사 측은", "the company": the company the text was last about, as subject;
    "두 회사", "양사", "세 회사": the last two or three companies the text named as subjects."""
    text = sentence.text
    group = _GROUP_REFERENCE.search(text)
    if group and len(state.recent_subjects) >= 2:
        size = _GROUP_SIZE.get(group.group("n") or "", 3 if "three" in group.group(0) else 2)
        start = group.start() + (1 if text[group.start()].isspace() else 0)
        end = group.end()
        particle = re.match(r"[가-힣]*", text[end:])
        role = _role_after(particle.group(0) if particle else "")
        added = [
            Arg(
                mention=Mention(
                    entity=e,
                    surface=text[start:end],
                    evidence=Evidence(sentence=sentence.index, start=start, end=end),
                ),
                role=role,
                start=start,
                end=end,
            )
            for e in state.recent_subjects[:size]
        ]
        return sorted([*args, *added], key=lambda a: a.start)
    match = _COREFERENCE.search(text)
    companies = [e for e in state.recent_subjects if state.type_of(e) == "company"]
    referent = (companies[0] if companies else None) or state.last_subject or state.topic
    if not match or referent is None:
        return args
    if any(a.start <= match.start() < a.end for a in args) or any(
        a.role == "subject" and a.start <= match.end() and not is_embedded(text, a) for a in args
    ):
        return args  # a name's span already, or the clause names its subject before
    start = match.start() + (1 if text[match.start()].isspace() else 0)
    mention = Mention(
        entity=referent,
        surface=text[start : match.end()],
        evidence=Evidence(sentence=sentence.index, start=start, end=match.end()),
    )
    return sorted(
        [*args, Arg(mention=mention, role="subject", start=start, end=match.end())], key=lambda a: a.start
    )


def _role_after(particle: str) -> str:
    return role_of_particle(particle) or "subject"


def _finish(state: DocState, clause: ClauseView, event: Event, trigger: Trigger) -> Event:
    """Status, date, period and confidence: read near the trigger first (a clause may hold two
    facts: "2017년 세운 이 회사는 지난 3월 ... 인수 제안을 거절해"), then in the clause, then in the
    sentence. Reporting words at the end of a sentence ("...라는 보도", "알려졌다") cover it all."""
    lo, hi = clause.span
    near = clause.text[max(lo, trigger.start - NEAR_BEFORE) : min(hi, trigger.end + NEAR_AFTER)]
    status = find_status(near)
    if status == "done":
        status = find_status(clause.text[-SENTENCE_END_CHARS:])
        status = status if status in ("rumored", "negotiating", "denied") else "done"
    if status == "done" and near != clause.words:
        status = find_status(clause.words) if find_status(clause.words) == "announced" else "done"
    date = (
        find_event_date(near, state.anchor)
        or find_event_date(clause.words, state.anchor)
        or find_event_date(clause.text, state.anchor)
        or state.published
    )
    period = find_period(clause.words) or find_period(clause.text)
    if event.amount is not None and event.amount.per_year and period is None:
        period = "1y"
    confidence = 0.5 + 0.2 * (event.amount is not None) + 0.1 * (len(event.actors) > 1)
    return replace(event, status=status, date=date, period=period, confidence=min(confidence, MAX_CONFIDENCE))
