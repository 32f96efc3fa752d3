"""One document's events, each fact once.

A headline repeats what the body says: its events are dropped when the body has an
event of the same type with the same actors. The same fact read twice (same type and
actors, amounts within 2% or one of them missing) is kept once, with its money. A
funding round told over several sentences — the raise, then who joins it — becomes one
round listing every named investor, including those reported as investing in it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal

from stackwatch.records import Actor, Amount, Entity, Event

SAME_AMOUNT_TOLERANCE = Decimal("0.02")  # the scoring convention for "the same money"


def assemble_events(
    events: Iterable[Event],
    *,
    entities: dict[str, Entity],
    topic: str | None,
    headings: frozenset[int] = frozenset(),
) -> list[Event]:
    """Merge repeats, fold headline and subheading events into the body's, gather funding rounds."""
    ordered = list(events)
    body = [e for e in ordered if e.sentence not in headings]
    kept = [
        e
        for e in ordered
        if e.sentence not in headings or not (_covered(e, body) or (body and e.amount is None))
    ]  # a headline's event stands only when the body lacks it and it carries the money
    merged: list[Event] = []
    for event in kept:
        for index, existing in enumerate(merged):
            if _same_fact(existing, event):
                merged[index] = _richer(existing, event)
                break
            if _part_of(event, existing):
                break
            if _part_of(existing, event):
                merged[index] = _richer(event, existing)
                break
        else:
            merged.append(event)
    return _drop_restated(_drop_joint_amounts(_resolve_topic_investments(_gather_funding_rounds(merged))))


def _drop_joint_amounts(events: list[Event]) -> list[Event]:
    """ "MS·엔비디아, 앤트로픽에 최대 150억 달러": one sum for two investors, dropped where each
    investor's own amount is also reported ("MS는 50억 달러, 엔비디아는 100억 달러")."""
    shared: dict[tuple[int, str], int] = {}
    for e in events:
        if e.type == "investment" and e.amount is not None:
            key = (e.sentence, e.amount.text)
            shared[key] = shared.get(key, 0) + 1
    kept: list[Event] = []
    for e in events:
        joint = e.type == "investment" and e.amount is not None and shared[(e.sentence, e.amount.text)] > 1
        own = joint and any(
            o is not e
            and o.type == "investment"
            and _actor_key(o) == _actor_key(e)
            and o.amount is not None
            and not _close(o.amount, e.amount)  # type: ignore[arg-type]
            for o in events
        )
        if not own:
            kept.append(e)
    return kept


def _drop_restated(events: list[Event]) -> list[Event]:
    """ "파트너십과 투자를 확정" after the 143억 달러 stake purchase: an investment without money
    between two parties whose deal is already recorded (an acquisition or a priced investment)."""
    priced = {
        frozenset(a.entity for a in e.actors)
        for e in events
        if e.type in ("acquisition", "investment") and e.amount is not None
    }
    return [
        e
        for e in events
        if not (
            e.type == "investment" and e.amount is None and frozenset(a.entity for a in e.actors) in priced
        )
    ]


def _part_of(smaller: Event, larger: Event) -> bool:
    """The same deal told with fewer parties ("한국 정부와 주요 기업에" then every name)."""
    if smaller.type != larger.type or smaller.type in ("financials", "funding_round"):
        return False
    small, large = _actor_key(smaller), _actor_key(larger)
    if not small < large:
        return False
    return smaller.amount is None or larger.amount is None or _close(smaller.amount, larger.amount)


def _resolve_topic_investments(events: list[Event]) -> list[Event]:
    """An investment whose investee was guessed as the article's subject stands only in an
    article about that company's raise; elsewhere its money was spending (capex)."""
    raising = {a.entity for e in events if e.type == "funding_round" for a in e.actors if a.role == "company"}
    resolved: list[Event] = []
    spending: dict[int, int] = {}  # sentence → index of its capex in `resolved`
    for event in events:
        if event.note != "topic":
            resolved.append(event)
            continue
        investee = next(a.entity for a in event.actors if a.role == "investee")
        if investee in raising:
            resolved.append(replace(event, note=None))
            continue
        if event.amount is None:
            continue
        spenders = tuple(
            Actor(role="company", entity=a.entity, name=a.name) for a in event.actors if a.role == "investor"
        )
        if event.sentence in spending:  # "세 회사는 1,000억 달러를 투입": one spending by several companies
            index = spending[event.sentence]
            resolved[index] = replace(resolved[index], actors=resolved[index].actors + spenders)
        else:
            spending[event.sentence] = len(resolved)
            resolved.append(replace(event, type="capex", actors=spenders, note=None))
    return resolved


def _actor_key(event: Event) -> frozenset[tuple[str, str]]:
    return frozenset((a.role, a.entity) for a in event.actors)


def _covered(title_event: Event, body: list[Event]) -> bool:
    """A headline event the body reports too (same type, an actor in common)."""
    entities = {a.entity for a in title_event.actors}
    return any(e.type == title_event.type and entities & {a.entity for a in e.actors} for e in body)


def _same_fact(a: Event, b: Event) -> bool:
    if a.type != b.type or _actor_key(a) != _actor_key(b):
        return False
    if a.type == "financials" and a.metric != b.metric:
        return False
    if a.amount is None or b.amount is None:
        return True
    if (a.amount.qualifier, a.amount.per_year) != (b.amount.qualifier, b.amount.per_year):
        return False  # "연간 1조 원 이상" and "1조 원" are two statements
    return _close(a.amount, b.amount)


def _close(a: Amount, b: Amount) -> bool:
    left, right = a.usd or a.value, b.usd or b.value
    if left is None or right is None:
        return a.text == b.text
    if right == 0:
        return left == 0
    return abs(left - right) <= SAME_AMOUNT_TOLERANCE * abs(right)


def _richer(a: Event, b: Event) -> Event:
    """The copy that says more: the one with money, else the first."""
    if a.amount is None and b.amount is not None:
        return replace(b, sentence=min(a.sentence, b.sentence) if a.sentence else b.sentence)
    return a


def _gather_funding_rounds(events: list[Event]) -> list[Event]:
    rounds: dict[str, int] = {}
    result: list[Event] = []
    for event in events:
        if event.type != "funding_round":
            result.append(event)
            continue
        company = next((a.entity for a in event.actors if a.role == "company"), None)
        if company is None:
            continue
        earlier = result[rounds[company]] if company in rounds else None
        if earlier is not None and _separate_rounds(earlier, event):
            result.append(event)  # last year's 6억 유로 is not this year's 17억 유로
            continue
        if company in rounds:
            index = rounds[company]
            result[index] = _merge_round(result[index], event)
        else:
            rounds[company] = len(result)
            result.append(event)
    result = [e for e in result if not (e.type == "funding_round" and e.note == "participation")]
    for index, event in enumerate(result):
        if event.type != "funding_round":
            continue
        company = next(a.entity for a in event.actors if a.role == "company")
        backers = [
            a
            for other in result
            if other.type == "investment"
            and any(x.role == "investee" and x.entity == company for x in other.actors)
            for a in other.actors
            if a.role == "investor"
        ]
        if backers:
            result[index] = _with_investors(event, backers)
    return result


def _separate_rounds(first: Event, second: Event) -> bool:
    if first.amount is None or second.amount is None or "participation" in (first.note, second.note):
        return False
    return (first.date or "")[:4] != (second.date or "")[:4] and not _close(first.amount, second.amount)


def _merge_round(first: Event, second: Event) -> Event:
    """A round told twice: every investor, and the later size ("최근에는 조달 규모가 ... 거론된다")."""
    base = second if first.note == "participation" and second.note != "participation" else first
    other = first if base is second else second
    merged = _with_investors(base, [a for a in other.actors if a.role == "investor"])
    later = other.amount is not None and other.note != "participation" and other.sentence > base.sentence
    if later or (merged.amount is None and other.amount is not None):
        merged = replace(merged, amount=other.amount)
    return merged


def _with_investors(event: Event, investors: list[Actor]) -> Event:
    present = {a.entity for a in event.actors}
    added = [
        Actor(role="investor", entity=a.entity, name=a.name) for a in investors if a.entity not in present
    ]
    unique = list({a.entity: a for a in added}.values())
    return replace(event, actors=event.actors + tuple(unique)) if unique else event
