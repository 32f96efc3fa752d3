"""Build a report for a period from the store: the analyses, turned into sections of cited lines.

    report = build_report(store, Period.parse("2025-11"), lang="ko", kb=kb)
    write_report(report, Path("out"))          # report.md, report.html and the SVG charts

Sections, in order: summary; largest deals (every capital deal of $1B or more, then the
next largest up to ten); valuations and results; capital flows by layer (chart); model
and product launches; talent moves; one subsection per watchlist signal; risks and source
conflicts; attention; the deal network (figure); sources.
"""

from __future__ import annotations

import re
from datetime import date

from stackwatch import analyze
from stackwatch.analyze import Period
from stackwatch.kb import KnowledgeBase
from stackwatch.prose import english_date, josa, korean_date
from stackwatch.report import figures
from stackwatch.report.amounts import write_amount, write_usd
from stackwatch.report.labels import label, words
from stackwatch.report.model import Block, Line, Report, Section
from stackwatch.report.sentences import deal_phrase
from stackwatch.report.writer import ClaimWriter
from stackwatch.store import Deal, Store, analytics

__all__ = ["LARGE_DEAL_USD", "build_report", "period_name"]

LARGE_DEAL_USD = 1_000_000_000  # every capital deal this large is in the deals table
TABLE_ROWS = 10
VALUES_SHOWN = 10
CENTRAL_SHOWN = 8
TAGS_FROM_ENTITIES = 8


def period_name(period: Period, lang: str) -> str:
    """ "2025년 11월" / "November 2025"; a span of days as "2025년 11월 3일 ~ 2025년 11월 20일"."""
    write = korean_date if lang == "ko" else english_date
    if period.kind != "span":
        return write(period.label)
    return f"{write(period.start.isoformat())} ~ {write(period.end.isoformat())}"


def build_report(
    store: Store,
    period: Period,
    *,
    lang: str = "ko",
    kb: KnowledgeBase | None = None,
    today: date | None = None,
) -> Report:
    """Every section of the report for `period`, with its sources (see the module docstring)."""
    if lang not in ("ko", "en"):
        raise ValueError(f"--lang {lang}: use ko or en")
    all_deals = analyze.deals_in_period(store, period)
    writer = ClaimWriter(store, kb, lang, analytics.deal_metrics(store, [d.id for d in all_deals]))
    w = words(lang)
    name = period_name(period, lang)
    flows = analyze.capital_flows(store, period)
    top = analyze.top_deals(store, period, limit=TABLE_ROWS, min_usd=LARGE_DEAL_USD)
    launches = analyze.launches(store, period)
    moves = analyze.talent_moves(store, period)
    incidents = analyze.security_incidents(store, period)
    network = analyze.deal_network(store, period)
    summary = _summary(
        writer, name=name, flows=flows, top=top, launches=launches, moves=moves, incidents=incidents
    )
    sections = [
        summary,
        _deals_section(writer, top),
        _values_section(writer, analyze.valuations_and_results(store, period)),
        figures.flows_section(writer, flows),
        _list_section(writer, w["launches"], "launches", launches),
        _list_section(writer, w["talent"], "talent", moves),
        *_signal_sections(writer, analyze.watchlist(store, period)),
        _risks_section(writer, incidents, analyze.source_conflicts(store, period)),
        figures.attention_section(writer, analyze.attention(store, period)),
        figures.network_section(writer, network),
    ]
    sources = writer.citations.entries()
    return Report(
        lang=lang,
        period_label=period.label,
        title=w["title"].format(period=name),
        date=(today or date.today()).isoformat(),
        categories=("report",),
        tags=_tags(writer, network, analyze.watchlist(store, period)),
        excerpt=_excerpt(summary),
        sections=tuple(s for s in sections if s is not None),
        sources=sources,
        names=writer.names.used(),
        figures=figures.collect(sections),
        self_check_failures=writer.fallbacks,
    )


def _summary(
    writer: ClaimWriter,
    *,
    name: str,
    flows: analyze.CapitalFlows,
    top: tuple[Deal, ...],
    launches: tuple[Deal, ...],
    moves: tuple[Deal, ...],
    incidents: tuple[Deal, ...],
) -> Section:
    lang, w = writer.lang, words(writer.lang)
    lines: list[Line] = []
    if flows.deals:
        total = write_usd(flows.total_usd, lang)
        text = (
            f"{name} 금액이 알려진 자본 거래는 {flows.deals}건, 합계 {josa(total, '이다/다')}."
            if lang == "ko"
            else f"{flows.deals} capital deals with a known amount were reported for {name}, {total} in all."
        )
        lines.append(Line(text=text, computed=True))
    lines.extend(writer.deal_line(deal) for deal in top[:3])
    counts = (len(launches), len(moves), len(incidents))
    text = (
        f"모델·제품 출시 {counts[0]}건, 인재 이동 {counts[1]}건, 보안 사고 {counts[2]}건이 보도됐다."
        if lang == "ko"
        else f"Launches reported: {counts[0]}; talent moves: {counts[1]}; security incidents: {counts[2]}."
    )
    lines.append(Line(text=text, computed=True))
    return Section(
        title=w["summary"], anchor="summary", blocks=(Block(kind="paragraph", lines=tuple(lines)),)
    )


def _deals_section(writer: ClaimWriter, top: tuple[Deal, ...]) -> Section:
    lang, w = writer.lang, words(writer.lang)
    if not top:
        return Section(
            title=w["deals"], anchor="deals", blocks=(Block(kind="note", lines=(Line(text=w["none"]),)),)
        )
    rows = [
        writer.row(
            (
                deal_phrase(deal, writer.name, lang),
                label(deal.type, lang),
                write_amount(deal.amount, lang) or "",
                label(deal.status, lang),
            ),
            deal,
            amount_column=2,
        )
        for deal in top
    ]
    table = Block(
        kind="table",
        header=(w["col_deal"], w["col_type"], w["col_amount"], w["col_status"]),
        rows=tuple(rows),
        cited_column=w["col_sources"],
    )
    sentences = Block(kind="bullets", lines=tuple(writer.deal_line(deal) for deal in top))
    return Section(title=w["deals"], anchor="deals", blocks=(table, sentences))


def _values_section(writer: ClaimWriter, values: tuple[Deal, ...]) -> Section | None:
    if not values:
        return None
    lines = tuple(writer.deal_line(deal) for deal in values[:VALUES_SHOWN])
    return Section(
        title=words(writer.lang)["values"], anchor="values", blocks=(Block(kind="bullets", lines=lines),)
    )


def _list_section(writer: ClaimWriter, title: str, anchor: str, deals: tuple[Deal, ...]) -> Section:
    if not deals:
        return Section(
            title=title,
            anchor=anchor,
            blocks=(Block(kind="note", lines=(Line(text=words(writer.lang)["none"]),)),),
        )
    lines = tuple(writer.deal_line(deal) for deal in deals)
    return Section(title=title, anchor=anchor, blocks=(Block(kind="bullets", lines=lines),))


def _signal_sections(writer: ClaimWriter, digests: tuple[analyze.SignalDigest, ...]) -> list[Section]:
    lang, w = writer.lang, words(writer.lang)
    sections = [Section(title=w["signals"], anchor="signals")]
    for digest in digests:
        if digest.evidence:
            quotes = tuple(writer.quote_sentence(e.document_id, e.sentence) for e in digest.evidence)
            count = (
                f"관련 거래 {digest.deals}건, 문서 {digest.documents}건."
                if lang == "ko"
                else f"{digest.deals} deals and {digest.documents} documents raised this signal."
            )
            blocks: tuple[Block, ...] = (
                Block(kind="quotes", lines=quotes),
                Block(kind="note", lines=(Line(text=count, computed=True),)),
            )
        else:
            blocks = (Block(kind="note", lines=(Line(text=w["none"]),)),)
        sections.append(
            Section(
                title=label(f"signal:{digest.signal}", lang),
                anchor=f"signal-{digest.signal}",
                level=3,
                blocks=blocks,
            )
        )
    return sections


def _risks_section(writer: ClaimWriter, incidents: tuple[Deal, ...], conflicts: tuple[Deal, ...]) -> Section:
    w = words(writer.lang)
    blocks: list[Block] = []
    if incidents:
        blocks.append(
            Block(kind="bullets", lines=tuple(writer.deal_line(d) for d in incidents), caption=w["incidents"])
        )
    else:
        blocks.append(Block(kind="note", lines=(Line(text=w["no_incidents"]),)))
    if conflicts:
        blocks.append(
            Block(
                kind="bullets",
                lines=tuple(_conflict_line(writer, d) for d in conflicts),
                caption=w["conflicts"],
            )
        )
    else:
        blocks.append(Block(kind="note", lines=(Line(text=w["no_conflicts"]),)))
    return Section(title=w["risks"], anchor="risks", blocks=tuple(blocks))


def _conflict_line(writer: ClaimWriter, deal: Deal) -> Line:
    lang = writer.lang
    phrase = deal_phrase(deal, writer.name, lang)
    kind = label(deal.type, lang)
    amounts = [a for a in (write_amount(v.amount, lang) for v in deal.reported_values) if a]
    cites = writer.cite_deal(deal, limit=None)
    if len(amounts) > 1:
        text = (
            f"{phrase} {kind}: 출처마다 금액이 다르다({', '.join(amounts)})."
            if lang == "ko"
            else f"{phrase} {kind}: sources report different amounts ({', '.join(amounts)})."
        )
    else:
        text = (
            f"{phrase} {kind}: 출처마다 날짜가 다르다."
            if lang == "ko"
            else f"{phrase} {kind}: sources report different dates."
        )
    if not writer.supported(text, cites):
        writer.fallbacks += 1
    return Line(text=text, cites=cites)


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.lower()).strip("-")


def _tags(
    writer: ClaimWriter, network: analyze.DealNetwork, digests: tuple[analyze.SignalDigest, ...]
) -> tuple[str, ...]:
    tags = ["ai-trends"]
    tags.extend(_slug(node.name) for node in network.nodes[:TAGS_FROM_ENTITIES])
    tags.extend(_slug(d.signal) for d in digests if d.evidence)
    return tuple(dict.fromkeys(t for t in tags if t))


def _excerpt(summary: Section) -> str:
    lines = [line for block in summary.blocks for line in block.lines]
    return " ".join(line.text for line in lines[:3])
