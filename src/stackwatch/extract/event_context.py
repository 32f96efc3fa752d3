"""What event builders read: the document's state and one clause at a time, with the
helpers they share (roles to entity ids, the amount nearest a trigger, a new event)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from stackwatch.extract.clauses import Arg
from stackwatch.extract.dates import Anchor
from stackwatch.extract.triggers import Trigger
from stackwatch.kb import KnowledgeBase
from stackwatch.records import Actor, Amount, Entity, Event, Sentence

ORG_TYPES = frozenset({"company", "investor", "organization", "government"})
NOT_ACTOR_KINDS = frozenset({"media", "research_firm"})  # they report deals; they are not parties to them
MIN_EVENT_USD = 1_000_000
RECENT_SENTENCES = 3  # smaller sums are share prices and fees, not the money of a deal
_ADNOMINAL = re.compile(
    r"\s(?:[가-힣A-Za-z0-9,]+\s){0,2}?[가-힣]*(?:하는|하던|한|된|되는|던|꾸리는|이끄는|만든|세운|내놓은)\s(?!것|수\s|적|바\s)"
)
_COMPARED = re.compile(r"\s?(?:에서|대비|보다|에\s?비해)\s")
_JOINER = re.compile(r"\s*(?:[,·/]|및|와|과|그리고|and|&)?\s*")
_SUBJECT_WORD = re.compile(r"[가-힣A-Za-z0-9)]+(?:은|는|이|가)\s")
_EN_VERB = re.compile(
    r"\b(?:said|says|will|would|has|have|had|is|are|was|were|to|signed|signs|agreed|agrees|announced|announces|"
    r"raised|raises|plans|invests?|invested|acquired|acquires|reported|reports|posted|launched|launches|"
    r"unveiled|unveils|sold|sells|formed|forms|pulled|filed)\b"
)


@dataclass(slots=True)
class DocState:
    """What the builders know about the document while they read it."""

    kb: KnowledgeBase
    entities: dict[str, Entity]
    anchor: Anchor | None
    published: str | None
    language: str
    topic: str | None
    last_subject: str | None = None
    recent_subjects: list[str] = field(default_factory=list)
    last_round: str | None = None  # the company of the last funding round read
    last_round_sentence: int = -1
    sentence: int = 0  # the sentence being read
    seen_at: dict[str, int] = field(default_factory=dict)  # entity → last sentence naming it

    def recent(self, entity_id: str | None, window: int = RECENT_SENTENCES) -> bool:
        """Named in the last few sentences: a referent the reader still has in mind."""
        return entity_id is not None and self.sentence - self.seen_at.get(entity_id, -99) <= window

    events: list[Event] = field(default_factory=list)

    def type_of(self, entity_id: str) -> str:
        entity = self.entities.get(entity_id)
        return entity.type if entity else "company"

    def kind_of(self, entity_id: str) -> str | None:
        entity = self.entities.get(entity_id)
        return entity.kind if entity else None

    def name_of(self, entity_id: str) -> str:
        entity = self.entities.get(entity_id)
        return entity.name if entity else entity_id.removeprefix("new:")

    def actor(self, role: str, entity_id: str) -> Actor:
        return Actor(role=role, entity=entity_id, name=self.name_of(entity_id))

    def is_org(self, entity_id: str) -> bool:
        """An organisation that can be a party to an event (media and research firms only report)."""
        return self.type_of(entity_id) in ORG_TYPES and self.kind_of(entity_id) not in NOT_ACTOR_KINDS

    def remember_subjects(self, subjects: list[str]) -> None:
        if subjects:
            self.last_subject = subjects[0]
            self.recent_subjects = [*subjects, *(s for s in self.recent_subjects if s not in subjects)][:4]


@dataclass(slots=True)
class ClauseView:
    """One clause being read: its names with roles, the sentence's amounts (shared, so an
    amount serves one event), and the subjects the clause before left."""

    text: str  # the whole sentence
    span: tuple[int, int]
    args: list[Arg]
    sentence_args: list[Arg]
    amounts: list[Amount]
    used: set[int]
    inherited_subjects: list[str]
    sentence: Sentence

    @property
    def words(self) -> str:
        return self.text[self.span[0] : self.span[1]]

    def before(self, position: int) -> str:
        return self.text[self.span[0] : position]

    def after(self, position: int) -> str:
        return self.text[position : self.span[1]]


def ids(args: Sequence[Arg], *roles: str, state: DocState, orgs_only: bool = True) -> list[str]:
    """Entity ids of the args with one of `roles`, in order, each once."""
    found: list[str] = []
    for arg in args:
        entity = arg.mention.entity
        if arg.role in roles and entity not in found and (not orgs_only or state.is_org(entity)):
            found.append(entity)
    return found


def subject_ids(
    state: DocState,
    clause: ClauseView,
    *,
    orgs_only: bool = True,
    position: int | None = None,
    implicit: bool = False,
    dropped: bool = True,
) -> list[str]:
    """Who acts in the clause.

    Korean: the subject nearest before `position` (the trigger) with the names coordinated
    with it ("삼성전자와 SK하이닉스는"); English: the names before the first verb. Else the
    subjects the clause before left; else — when `dropped` allows it — the company the
    text was last about, since Korean drops a subject it has just named. That last step
    needs a clause without any other subject word, unless `implicit` (a result or a debt
    belongs to the company being discussed even when "매출이" is the grammatical subject).
    """
    subjects = _subject_group(state, clause, position, orgs_only)
    if subjects:
        return subjects
    if state.language == "en":
        verb = _EN_VERB.search(clause.words)
        limit = clause.span[0] + (verb.start() if verb else len(clause.words))
        first = [a for a in clause.args if a.start < limit]
        subjects = ids(first, "none", "list", "genitive", "subject", state=state, orgs_only=orgs_only)[:8]
        if subjects:
            return subjects
    if clause.inherited_subjects:
        return list(clause.inherited_subjects)
    if not dropped or state.language != "ko" or not state.last_subject:
        return []
    end = position if position is not None else clause.span[1]
    if implicit or not _SUBJECT_WORD.search(clause.text[clause.span[0] : end] + " "):
        return [state.last_subject]
    return []


def is_embedded(text: str, arg: Arg) -> bool:
    """A subject of a relative clause: "오픈AI가 추진하는 스타게이트", "메타가 새로 꾸리는 조직"."""
    return bool(_ADNOMINAL.match(text, arg.end))


def _subject_group(state: DocState, clause: ClauseView, position: int | None, orgs_only: bool) -> list[str]:
    subjects = [
        a
        for a in clause.args
        if a.role == "subject"
        and (not orgs_only or state.is_org(a.mention.entity))
        and (position is None or a.start < position)
    ]
    if state.language == "ko":
        main = [a for a in subjects if not is_embedded(clause.text, a)]
        subjects = main or subjects
    if not subjects:
        return []
    if state.language != "ko" or position is None:
        return list(dict.fromkeys(a.mention.entity for a in subjects))
    group = [subjects[-1]]
    for arg in reversed(subjects[:-1]):
        own_particle = clause.text[arg.mention.evidence.end : arg.end]
        if re.search(r"[은는이가]$", own_particle) or not _JOINER.fullmatch(
            clause.text[arg.end : group[0].start]
        ):
            break  # "SK하이닉스가 오픈AI가 주도하는": two subjects of two verbs, not a list
        group.insert(0, arg)
    return list(dict.fromkeys(a.mention.entity for a in group))


def pick_amount(
    clause: ClauseView, trigger: Trigger, *, prefer_after: bool = False, take: bool = True
) -> Amount | None:
    """The unused amount of the clause nearest the trigger: before it in Korean, after it in
    English ("380억 달러 규모의 계약" / "a deal worth $38 billion")."""
    lo, hi = clause.span
    after_first = prefer_after or not re.search(r"[가-힣]", clause.text)
    best: tuple[float, int, Amount] | None = None
    for index, amount in enumerate(clause.amounts):
        if index in clause.used or not (lo <= amount.evidence.start < hi) or not is_deal_sized(amount):
            continue
        if _COMPARED.match(clause.text, amount.evidence.end):
            continue  # "3조 3,000억 원에서 206% 늘었다": a starting point, not the event's money
        if amount.evidence.end <= trigger.start:
            score = (trigger.start - amount.evidence.end) * (1.5 if after_first else 1.0)
        else:
            score = max(0, amount.evidence.start - trigger.end) * (1.0 if after_first else 1.6)
        if best is None or score < best[0]:
            best = (score, index, amount)
    if best is None:
        return None
    if take:
        clause.used.add(best[1])
    return best[2]


def is_deal_sized(amount: Amount) -> bool:
    """Money of a deal or a result, not a share price (unconverted amounts are kept)."""
    return amount.usd is None or amount.usd >= MIN_EVENT_USD


def take_amount(clause: ClauseView, amount: Amount) -> None:
    for index, candidate in enumerate(clause.amounts):
        if candidate is amount:
            clause.used.add(index)


def make_event(
    event_type: str,
    actors: list[Actor],
    clause: ClauseView,
    amount: Amount | None = None,
    metric: str | None = None,
) -> Event:
    return Event(
        type=event_type,
        actors=tuple(actors),
        evidence=clause.sentence.text,
        sentence=clause.sentence.index,
        amount=amount,
        metric=metric,
    )
