"""Answers that are figures: an entity's amount of a kind, totals and rankings.

    amount   "코어위브 부채는 얼마인가?"       the best-placed event of the kind, with its sentence
    total    "MS와 엔비디아의 앤트로픽 투자 총액"  the sum over distinct deals, each cited
    ranking  "11월 가장 큰 클라우드 계약은?"     the largest deals, first one named

When no event holds the figure, `figure_in_sentences` looks for a sentence that names the
entity, says the kind (부채, valuation ...) close to an amount, and whose amount belongs to
the entity (the topic before it is the entity's): a figure the extractor missed, never a
neighbour's figure.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from stackwatch.search.context import (
    amount_position,
    cue_distance,
    event_date,
    is_close,
    owner_matches,
    supporting_sentences,
)
from stackwatch.search.draft import PAYER_ROLES, RECIPIENT_ROLES, Asking, Draft
from stackwatch.search.phrasing import date_text, money, quote
from stackwatch.store import entity_term
from stackwatch.store import search_sql as sql
from stackwatch.store.search_sql import EventRow, SentenceRow

SAME_VALUE = 0.02  # two reports within 2% are one figure (as `store.deals`)
RANKING_SIZE = 3
FIGURE_CANDIDATES = 500  # sentences examined for a figure no event holds
RESIDUAL_SHARE = 0.5  # a ranking narrows to events showing half the question's other words


def answer_amount(ask: Asking) -> Draft | None:
    """One figure: the event of the asked kind that best fits the question."""
    kind = ask.question.kind
    if kind is None or not ask.question.entities:
        return None
    events = [e for e in ask.events(kind.types) if e.amount and _role_fits(ask, e)]
    if not events:
        return figure_in_sentences(ask)
    best = max(events, key=lambda e: _fit(ask, e))
    draft = Draft()
    _state_event(ask, draft, best)
    same = [e for e in events if e.id != best.id and _same_value(e, best) and _same_parties(e, best)]
    draft.cite(best.sentence, *(e.sentence for e in same))
    return draft


def _role_fits(ask: Asking, event: EventRow) -> bool:
    kind = ask.question.kind
    if kind is None or not kind.as_recipient:
        return True
    ids = {i for fam in ask.families() for i in fam}
    return any(a.entity_id in ids and a.role in RECIPIENT_ROLES for a in event.actors)


def _fit(ask: Asking, event: EventRow) -> float:
    """Higher for an event whose sentence says the kind next to the amount, shows the question's
    other words, and is a whole-company figure unless a part was asked."""
    text = event.sentence.text
    kind = ask.question.kind
    position = amount_position(text, event.amount)
    length = len(str((event.amount or {}).get("text") or ""))
    distance = cue_distance(text, kind.cues, position, length) if kind else 10_000
    score = 2.0 * ask.residual_score(text) + ask.flags_score(text) - min(distance, 200) / 50
    score -= 1.0 if event.sentence.is_title else 0.0
    return score + (0.1 if (event_date(event) or "") > "" else 0.0)


def _state_event(ask: Asking, draft: Draft, event: EventRow) -> None:
    language = ask.language
    subject = _subject(ask, event)
    figure = money(event.amount, language)
    when = date_text(event_date(event), language)
    kind = ask.question.kind
    label = kind.label(language) if kind else event.type
    line = f"{subject}의 {label}: {figure}" if language == "ko" else f"{subject} ({label}): {figure}"
    if when:
        line += f" ({when})"
    draft.lines.append(line)
    draft.lines.append(quote(event.sentence.text, language))
    if event.amount:
        draft.values.append(event.amount)


def _subject(ask: Asking, event: EventRow) -> str:
    ids = {i for fam in ask.families() for i in fam}
    for actor in event.actors:
        if actor.entity_id in ids:
            return ask.names(actor.entity_id, actor.name)
    return ask.names(event.actors[0].entity_id, event.actors[0].name) if event.actors else ""


def _same_value(a: EventRow, b: EventRow) -> bool:
    if a.usd is None or b.usd is None:
        return False
    return abs(a.usd - b.usd) <= SAME_VALUE * max(a.usd, b.usd)


def _same_parties(a: EventRow, b: EventRow) -> bool:
    return {x.entity_id for x in a.actors} == {x.entity_id for x in b.actors}


def figure_in_sentences(ask: Asking) -> Draft | None:
    """A figure no event holds: a sentence naming the entity, with the kind said close to an
    amount that belongs to the entity (see the module docstring)."""
    kind = ask.question.kind
    families = ask.families()
    if kind is None or not families:
        return None
    sentences = [s for s in _sentences_saying(ask, kind.cues, families) if not s.is_title]
    mentions = sql.mentions_in(ask.store, [(s.document_id, s.idx) for s in sentences])
    amounts = sql.amounts_in(ask.store, sentences)
    best: tuple[float, Draft] | None = None
    for s in sentences:
        named = mentions.get((s.document_id, s.idx), [])
        if not all({m.entity_id for m in named}.intersection(fam) for fam in families):
            continue
        for amount in amounts.get(s.id, []):
            position = amount_position(s.text, amount)
            length = len(str(amount.get("text") or ""))
            if position is None or not is_close(s.text, kind.cues, position, length):
                continue
            if not owner_matches(s.text, named, families[0], position):
                continue
            if ask.question.period and not _period_in_sentence(ask, s.text):
                continue
            score = 2.0 * ask.residual_score(s.text) + ask.flags_score(s.text)
            score -= cue_distance(s.text, kind.cues, position, length) / 50
            if best is None or score > best[0]:
                draft = Draft()
                name = ask.names(families[0][0], ask.question.entities[0].surface)
                draft.lines.append(f"{name}: {money(amount, ask.language)}")
                draft.lines.append(quote(s.text, ask.language))
                draft.values.append(amount)
                draft.cite(s)
                best = (score, draft)
    return best[1] if best else None


def _sentences_saying(
    ask: Asking, cues: tuple[str, ...], families: list[tuple[str, ...]]
) -> list[SentenceRow]:
    """Sentences naming every family and holding a cue, found by the index (at most `FIGURE_CANDIDATES`)."""
    named = " AND ".join("(" + " OR ".join(f'"{entity_term(i)}"' for i in fam) + ")" for fam in families)
    said = set()
    for cue in cues:
        terms = ask.store.indexer.terms(cue)
        if terms:
            said.add('"' + " ".join(t.replace('"', '""') for t in terms) + '"')
    if not said:
        return []
    match = f"{named} AND ({' OR '.join(sorted(said))})"
    return sql.match_sentences(ask.store, match, limit=FIGURE_CANDIDATES)


def _period_in_sentence(ask: Asking, text: str) -> bool:
    from stackwatch.search.context import period_matches  # noqa: PLC0415 - one helper, one caller

    return period_matches(ask.question.period, None, text)


def answer_total(ask: Asking) -> Draft | None:
    """The sum of the asked kind over distinct deals (an event that already names every asked
    party is the total itself)."""
    kind = ask.question.kind
    if kind is None:
        return None
    events = [e for e in _filtered(ask, ask.events(kind.types)) if e.amount and e.usd]
    if not events:
        return figure_in_sentences(ask) if ask.question.entities else None
    deals = _distinct(events)
    draft = Draft()
    if len(deals) == 1:
        _state_event(ask, draft, deals[0])
        draft.cite(deals[0].sentence)
        return draft
    currencies = {str((e.amount or {}).get("currency")) for e in deals}
    if len(currencies) == 1:
        currency = currencies.pop()
        total = sum((Decimal(str((e.amount or {}).get("value") or 0)) for e in deals), Decimal(0))
        amount: dict[str, object] = {"value": str(total), "currency": currency}
    else:
        amount = {"value": str(round(sum(e.usd or 0 for e in deals))), "currency": "USD"}
    word = "합계" if ask.language == "ko" else "Total"
    draft.lines.append(f"{word}: {money(amount, ask.language)} ({len(deals)})")
    for event in deals:
        parties = ", ".join(ask.names(a.entity_id, a.name) for a in event.actors)
        draft.lines.append(
            f"- {parties}: {money(event.amount, ask.language)} {quote(event.sentence.text, ask.language)}"
        )
        draft.cite(event.sentence)
    draft.values.append(amount)
    return draft


def _filtered(ask: Asking, events: Iterable[EventRow]) -> list[EventRow]:
    q = ask.question
    kept = []
    for event in events:
        if q.layer and q.layer not in event.layers:
            continue
        if q.country and not _in_country(ask, event, q.country):
            continue
        kept.append(event)
    return kept


def _in_country(ask: Asking, event: EventRow, country: str) -> bool:
    countries = sql.entity_countries(ask.store, [a.entity_id for a in event.actors])
    return country in countries.values()


def _distinct(events: list[EventRow]) -> list[EventRow]:
    """One event per deal (and per value among events not matched into a deal)."""
    chosen: dict[object, EventRow] = {}
    for event in sorted(events, key=lambda e: (e.sentence.is_title, e.id)):
        key: object = event.deal_id if event.deal_id is not None else ("event", event.id)
        if key in chosen:
            continue
        if any(_same_value(event, other) and _same_parties(event, other) for other in chosen.values()):
            continue
        chosen[key] = event
    return list(chosen.values())


def answer_ranking(ask: Asking) -> Draft | None:
    """The largest deals of the asked kind in the asked period, layer and country."""
    kind = ask.question.kind
    if kind is None:
        return None
    events = [e for e in _filtered(ask, ask.events(kind.types, largest_first=True)) if e.usd]
    if ask.question.entities and kind.name not in ("shareholder",):
        payer = [e for e in events if _is_payer(ask, e)]
        events = payer or events
    if kind.name == "shareholder":
        events = [e for e in events if any(a.role in PAYER_ROLES for a in e.actors)]
    # "3분기 메모리 매출 1위": the memory figures, when some event shows most of the other words
    wanted = ask.residual_count()
    matching = [
        e for e in events if wanted and ask.residual_score(e.sentence.text) >= RESIDUAL_SHARE * wanted
    ]
    events = matching or events
    if not events:
        return None
    deals = sorted(_distinct(events), key=lambda e: (-(e.usd or 0), -ask.residual_score(e.sentence.text)))
    top = deals[0]
    draft = Draft()
    ties = [e for e in events if _same_value(e, top) and _same_parties(e, top)]
    for rank, event in enumerate(deals[:RANKING_SIZE], start=1):
        parties = ", ".join(ask.names(a.entity_id, a.name) for a in event.actors)
        when = date_text(event_date(event), ask.language)
        draft.lines.append(
            f"{rank}. {parties}: {money(event.amount, ask.language)}" + (f" ({when})" if when else "")
        )
        draft.lines.append(f"   {quote(event.sentence.text, ask.language)}")
        draft.cite(event.sentence)
    if top.amount:
        draft.values.append(top.amount)
    for event in ties:
        draft.cite(event.sentence, *supporting_sentences(ask.store, event, superlative=True))
    return draft


def _is_payer(ask: Asking, event: EventRow) -> bool:
    ids = {i for fam in ask.families() for i in fam}
    return any(a.entity_id in ids and a.role in PAYER_ROLES for a in event.actors)
