"""The report's computed sections: capital flows (chart), attention, the deal network (figure).

Their figures are totals over many records, so they cite nothing themselves: each table
and chart says it is a tally, and the deals behind it are cited in the deals section.
"""

from __future__ import annotations

from collections.abc import Sequence

from stackwatch import analyze
from stackwatch.prose import bar_chart, english_date, korean_date, network_chart, stacked_bars_by_month
from stackwatch.report.amounts import write_usd
from stackwatch.report.labels import label, words
from stackwatch.report.model import Block, Line, Row, Section
from stackwatch.report.writer import ClaimWriter

__all__ = ["attention_section", "collect", "flows_section", "network_section"]

LAYERS_FILE = "capital-by-layer.svg"
MONTHS_FILE = "capital-by-month.svg"
NETWORK_FILE = "deal-network.svg"
NETWORK_NODES = 12
CENTRAL_SHOWN = 8


def _scaled(usd: float, lang: str) -> float:
    """Dollars in the chart unit: 억 달러 (10⁸) in Korean, billions in English."""
    return round(usd / (1e8 if lang == "ko" else 1e9), 2)


def flows_section(writer: ClaimWriter, flows: analyze.CapitalFlows) -> Section:
    lang, w = writer.lang, words(writer.lang)
    if not flows.deals:
        return Section(
            title=w["flows"], anchor="flows", blocks=(Block(kind="note", lines=(Line(text=w["none"]),)),)
        )
    layers = [label(t.key, lang) for t in flows.by_layer]
    svg = bar_chart(
        layers, [_scaled(t.usd, lang) for t in flows.by_layer], title=w["chart_layers"], unit=w["unit"]
    )
    blocks = [Block(kind="figure", svg=svg, file=LAYERS_FILE, caption=w["chart_layers"])]
    months = [t for t in flows.by_month if t.key != "unassigned"]
    if len(months) > 1:
        series = {w["col_usd"]: [_scaled(m.usd, lang) for m in months]}
        write = korean_date if lang == "ko" else english_date
        svg = stacked_bars_by_month(
            [write(m.key) for m in months], series, title=w["chart_months"], unit=w["unit"]
        )
        blocks.append(Block(kind="figure", svg=svg, file=MONTHS_FILE, caption=w["chart_months"]))
    blocks.append(_totals_table(w["col_layer"], flows.by_layer, lang))
    blocks.append(_totals_table(w["col_type"], flows.by_type, lang))
    blocks.append(_totals_table(w["col_country"], flows.by_country, lang, translate=False))
    notes = [Line(text=_conversion_note(c, lang), computed=True) for c in flows.conversions]
    if notes:
        blocks.append(Block(kind="note", lines=tuple(notes)))
    return Section(title=w["flows"], anchor="flows", blocks=tuple(blocks))


def _totals_table(
    key_column: str, totals: Sequence[analyze.FlowTotal], lang: str, *, translate: bool = True
) -> Block:
    w = words(lang)
    rows = tuple(
        Row(cells=(label(t.key, lang) if translate else t.key, str(t.deals), write_usd(t.usd, lang)))
        for t in totals
    )
    return Block(
        kind="table",
        header=(key_column, w["col_count"], w["col_usd"]),
        rows=rows,
        caption=f"({w['computed']})",
    )


def _conversion_note(conversion: analyze.Conversion, lang: str) -> str:
    usd = write_usd(conversion.usd, lang)
    if conversion.rate_source == "stated":
        how = "기사에 적힌 환산값" if lang == "ko" else "the article's own conversion"
    else:
        as_of = (conversion.rate_source or "").removeprefix("table:")
        how = f"{as_of} 기준 환율표" if lang == "ko" else f"the rate table as of {as_of}"
    if lang == "ko":
        return f"{conversion.text}: {how}로 {usd}로 환산했다."
    return f"{conversion.text}: converted to {usd} at {how}."


def attention_section(writer: ClaimWriter, attention: analyze.Attention) -> Section:
    lang, w = writer.lang, words(writer.lang)
    blocks: list[Block] = []
    for title, changes in ((w["rising"], attention.rising), (w["falling"], attention.falling)):
        if not changes:
            continue
        rows = tuple(
            Row(
                cells=(
                    writer.name(c.entity_id, c.name),
                    str(c.current),
                    str(c.previous),
                    f"{c.change:+d}",
                )
            )
            for c in changes
        )
        blocks.append(
            Block(
                kind="table",
                header=(w["col_entity"], w["col_now"], w["col_before"], w["col_change"]),
                rows=rows,
                caption=f"{title} ({w['computed']})",
            )
        )
    before = (
        (korean_date if lang == "ko" else english_date)(attention.previous.label)
        if attention.previous.kind != "span"
        else attention.previous.label
    )
    note = (
        f"보도 묶음(같은 이야기의 기사는 한 번) 수를 이전 기간({before})과 비교했다. 최소 2건."
        if lang == "ko"
        else f"Stories (near-duplicates count once) compared with the previous period ({before}); at least 2."
    )
    blocks.append(Block(kind="note", lines=(Line(text=note, computed=True),)))
    return Section(title=w["attention"], anchor="attention", blocks=tuple(blocks))


def network_section(writer: ClaimWriter, network: analyze.DealNetwork) -> Section:
    lang, w = writer.lang, words(writer.lang)
    if not network.edges:
        return Section(
            title=w["network"], anchor="network", blocks=(Block(kind="note", lines=(Line(text=w["none"]),)),)
        )
    shown = network.nodes[:NETWORK_NODES]
    keep = {n.entity_id for n in shown}
    names = {n.entity_id: writer.name(n.entity_id, n.name) for n in shown}
    svg = network_chart(
        [(names[n.entity_id], _scaled(n.weighted_degree, lang)) for n in shown],
        [
            (names[e.payer_id], names[e.payee_id], _scaled(e.usd, lang))
            for e in network.edges
            if e.payer_id in keep and e.payee_id in keep
        ],
        title=w["chart_network"],
    )
    rows = tuple(
        Row(
            cells=(
                names[n.entity_id],
                _usd_or_dash(n.usd_in, lang),
                _usd_or_dash(n.usd_out, lang),
                f"{n.pagerank:.3f}",
            )
        )
        for n in shown[:CENTRAL_SHOWN]
    )
    table = Block(
        kind="table",
        header=(w["col_entity"], w["col_in"], w["col_out"], w["col_pagerank"]),
        rows=rows,
        caption=f"({w['computed']})",
    )
    figure = Block(kind="figure", svg=svg, file=NETWORK_FILE, caption=w["chart_network"])
    return Section(title=w["network"], anchor="network", blocks=(figure, table))


def _usd_or_dash(usd: float, lang: str) -> str:
    return write_usd(usd, lang) if usd else "-"


def collect(sections: Sequence[Section | None]) -> dict[str, str]:
    """Every figure's file name → its SVG."""
    return {b.file: b.svg for s in sections if s is not None for b in s.blocks if b.kind == "figure"}
