"""Answers about relations: the deals of an entity or between entities, who moved where,
and what was launched when."""

from __future__ import annotations

from stackwatch.search.context import event_date, supporting_sentences
from stackwatch.search.draft import Asking, Draft
from stackwatch.search.figures import figure_in_sentences
from stackwatch.search.lexicon import has_cue, question_lexicon
from stackwatch.search.phrasing import date_text, money, quote, with_particle
from stackwatch.store import search_sql as sql
from stackwatch.store.search_sql import EventRow

MAX_DEALS = 6
_DEAL_TYPES = ("contract", "investment", "funding_round", "acquisition", "capex", "debt", "stock_sale")
_TYPE_WORDS = {
    "ko": {
        "contract": "계약",
        "investment": "투자",
        "funding_round": "투자 유치",
        "acquisition": "인수",
        "capex": "설비 투자",
        "debt": "차입",
        "stock_sale": "지분 매각",
    },
    "en": {"funding_round": "funding round", "capex": "capital spending", "stock_sale": "stock sale"},
}


def answer_deals(ask: Asking) -> Draft | None:
    """Deals of one entity, or between the entities named, of the asked kind."""
    q = ask.question
    if not q.entities:
        return None
    types = q.kind.types if q.kind else _DEAL_TYPES
    events = [e for e in ask.events(types) if not q.layer or q.layer in e.layers]
    events += _pair_events(ask, events, types)
    if not events:
        return _deal_sentences(ask)
    draft = Draft()
    seen: set[object] = set()
    ordered = sorted(events, key=lambda e: (e.sentence.is_title, -(e.usd or 0), e.id))
    pair = tuple(ask.families()) if len(ask.families()) >= 2 else ()
    for event in ordered:
        key: object = event.deal_id if event.deal_id is not None else event.id
        if key in seen:
            draft.cite(event.sentence)
            continue
        seen.add(key)
        if len(seen) > MAX_DEALS:
            break
        draft.lines.append(_deal_line(ask, event))
        draft.lines.append(f"   {quote(event.sentence.text, ask.language)}")
        draft.cite(event.sentence)
        if event.amount:
            draft.values.append(event.amount)
        if pair:
            for extra in supporting_sentences(ask.store, event, pair=pair):
                draft.lines.append(f"   {quote(extra.text, ask.language)}")
                draft.cite(extra)
    return draft


def _pair_events(ask: Asking, found: list[EventRow], types: tuple[str, ...]) -> list[EventRow]:
    """Events of one party in a sentence that says "the two companies" (두 회사는, 양사는), in a
    document where the parties' deal was already found."""
    families = ask.families()
    if len(families) < 2 or not found:
        return []
    documents = {e.sentence.document_id for e in found}
    cues = question_lexicon().cues["pair"]
    ids = [i for fam in families for i in fam]
    extra = []
    for event in sql.events(ask.store, types=types, entity_ids=ids):
        known = event.id in {e.id for e in found}
        if event.sentence.document_id in documents and not known and has_cue(event.sentence.text, cues):
            extra.append(event)
    return extra


def _deal_line(ask: Asking, event: EventRow) -> str:
    language = ask.language
    parties = " · ".join(ask.names(a.entity_id, a.name) for a in event.actors)
    kind = _TYPE_WORDS.get(language, {}).get(event.type, event.type)
    parts = [f"- {parties} {kind}" if language == "ko" else f"- {kind}: {parties}"]
    if event.amount:
        parts.append(money(event.amount, language))
    if event.period:
        parts.append(_period_text(event.period, language))
    when = date_text(event_date(event), language)
    if when:
        parts.append(when)
    if event.status != "done":
        parts.append(event.status)
    return ", ".join(parts)


def _period_text(period: str, language: str) -> str:
    number, unit = period[:-1], period[-1:]
    if language == "ko":
        return f"{number}{'년' if unit == 'y' else '개월' if unit == 'm' else unit}간"
    return f"{number} {'years' if unit == 'y' else 'months' if unit == 'm' else unit}"


def _deal_sentences(ask: Asking) -> Draft | None:
    """No event links the parties: a sentence naming all of them that says the deal, with its
    amount (a figure the extractor did not attach to an event)."""
    if len(ask.families()) < 2:
        return None
    return figure_in_sentences(ask)


def answer_talent(ask: Asking) -> Draft | None:
    """Moves of the person asked about, or into/out of the organisations named."""
    q = ask.question
    people = [a for a in q.entities if a.type == "person"]
    orgs = [a for a in q.entities if a.type != "person"]
    founding = "founding" in q.flags
    events = (
        ask.events(("talent_move",), any_entity=False)
        if not q.entities
        else sql.events(ask.store, types=("talent_move",), entity_ids=[i for a in q.entities for i in a.ids])
    )
    moves = []
    for event in events:
        person = {a.entity_id for a in event.actors if a.role == "person"}
        to = {a.entity_id for a in event.actors if a.role == "to"}
        source = {a.entity_id for a in event.actors if a.role == "from"}
        if people and not any(person.intersection(p.ids) for p in people):
            continue
        if founding and not to:
            continue
        if orgs and not people:
            if not to.intersection(orgs[0].ids) and not (len(orgs) > 1 and to.intersection(orgs[-1].ids)):
                continue
            if len(orgs) > 1 and source and not any(source.intersection(o.ids) for o in orgs):
                continue
        moves.append(event)
    if not moves:
        return None
    draft = Draft()
    for event in sorted(moves, key=lambda e: event_date(e) or "", reverse=True):
        draft.lines.append(_move_line(ask, event))
        draft.lines.append(f"   {quote(event.sentence.text, ask.language)}")
        draft.cite(event.sentence)
    return draft


def _move_line(ask: Asking, event: EventRow) -> str:
    language = ask.language

    def names(role: str) -> str:
        return ", ".join(ask.names(a.entity_id, a.name) for a in event.actors if a.role == role)

    person, source, to = names("person"), names("from"), names("to")
    when = date_text(event_date(event), language)
    if language == "ko":
        text = f"- {with_particle(person, '은/는', language)}"
        if source and to:
            left = with_particle(source, "을/를", language)
            text += f" {left} 떠나 {with_particle(to, '으로/로', language)} 옮겼습니다"
        elif to:
            text += f" {with_particle(to, '으로/로', language)} 옮겼습니다"
        elif source:
            text += f" {with_particle(source, '을/를', language)} 떠났습니다"
    else:
        text = f"- {person}"
        if source:
            text += f" left {source}"
        if to:
            text += f"{' for' if source else ' moved to'} {to}"
    return text + (f" ({when})" if when else "")


def answer_launch(ask: Asking) -> Draft | None:
    """Products launched by the company asked about, or the product asked about."""
    q = ask.question
    products = [a for a in q.entities if a.type == "product"]
    makers = [a for a in q.entities if a.type != "product"]
    ids = [i for a in (products or makers) for i in a.ids]
    if not ids:
        return None
    events = sql.events(ask.store, types=("product_launch",), entity_ids=ids)
    kept = []
    for event in events:
        role_ids = {a.entity_id for a in event.actors if a.role == ("product" if products else "company")}
        if not any(role_ids.intersection(a.ids) for a in (products or makers)):
            continue
        kept.append(event)
    if not kept:
        return None
    scored = sorted(
        kept, key=lambda e: (-ask.residual_score(e.sentence.text), -(event_date(e) is not None), e.id)
    )
    best_score = ask.residual_score(scored[0].sentence.text)
    chosen = [e for e in scored if ask.residual_score(e.sentence.text) == best_score]
    dated = [e for e in chosen if event_date(e)]
    chosen = dated or chosen
    draft = Draft()
    for event in chosen[:MAX_DEALS]:
        draft.lines.append(_launch_line(ask, event))
        draft.lines.append(f"   {quote(event.sentence.text, ask.language)}")
        draft.cite(event.sentence)
    return draft


def _launch_line(ask: Asking, event: EventRow) -> str:
    language = ask.language
    company = ", ".join(ask.names(a.entity_id, a.name) for a in event.actors if a.role == "company")
    product = ", ".join(ask.names(a.entity_id, a.name) for a in event.actors if a.role == "product")
    when = date_text(event_date(event), language)
    if language == "ko":
        text = f"- {with_particle(company, '은/는', language)} {with_particle(product, '을/를', language)}"
        return text + (f" {when}에 공개했습니다" if when else " 공개했습니다")
    return f"- {company} launched {product}" + (f" ({when})" if when else "")
