"""The fixed words of a report in each language: headings, type, status, layer and signal names."""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["LANGUAGES", "label", "words"]

LANGUAGES = ("ko", "en")

_KO: dict[str, str] = {
    "title": "{period} AI 동향 리포트",
    "summary": "요약",
    "deals": "주요 거래",
    "values": "기업가치와 실적",
    "flows": "계층별 자본 흐름",
    "launches": "모델·제품 출시",
    "talent": "인재 이동",
    "signals": "워치리스트 신호",
    "risks": "위험 요인과 출처 간 불일치",
    "attention": "주목도 변화",
    "network": "거래 네트워크",
    "sources": "출처",
    "computed": "집계",
    "none": "이번 기간에 보도된 내용이 없다.",
    "no_conflicts": "이번 기간에 출처 간 불일치는 없었다.",
    "no_incidents": "이번 기간에 보도된 보안 사고는 없다.",
    "col_deal": "거래",
    "col_type": "유형",
    "col_amount": "금액",
    "col_status": "상태",
    "col_sources": "출처",
    "col_layer": "계층",
    "col_country": "국가",
    "col_count": "건수",
    "col_usd": "금액(달러 환산)",
    "col_entity": "이름",
    "col_now": "이번 기간",
    "col_before": "이전 기간",
    "col_change": "변화",
    "col_in": "받은 금액",
    "col_out": "지급한 금액",
    "col_pagerank": "PageRank",
    "chart_layers": "계층별 자본 흐름 (억 달러)",
    "chart_months": "월별 자본 흐름 (억 달러)",
    "chart_network": "거래 네트워크 (돈을 내는 쪽과 받는 쪽)",
    "unit": "억 달러",
    "rising": "주목도 상승",
    "falling": "주목도 하락",
    "conflicts": "출처 간 불일치",
    "incidents": "보안 사고",
}
_EN: dict[str, str] = {
    "title": "AI industry report, {period}",
    "summary": "Summary",
    "deals": "Largest deals",
    "values": "Valuations and results",
    "flows": "Capital flows by layer",
    "launches": "Model and product launches",
    "talent": "Talent moves",
    "signals": "Watchlist signals",
    "risks": "Risks and source conflicts",
    "attention": "Attention",
    "network": "Deal network",
    "sources": "Sources",
    "computed": "tally",
    "none": "Nothing was reported in this period.",
    "no_conflicts": "No sources disagreed in this period.",
    "no_incidents": "No security incident was reported in this period.",
    "col_deal": "Deal",
    "col_type": "Type",
    "col_amount": "Amount",
    "col_status": "Status",
    "col_sources": "Sources",
    "col_layer": "Layer",
    "col_country": "Country",
    "col_count": "Deals",
    "col_usd": "Amount (USD)",
    "col_entity": "Name",
    "col_now": "This period",
    "col_before": "Previous period",
    "col_change": "Change",
    "col_in": "Received",
    "col_out": "Paid",
    "col_pagerank": "PageRank",
    "chart_layers": "Capital flows by layer (US$ billion)",
    "chart_months": "Capital flows by month (US$ billion)",
    "chart_network": "Deal network (who pays whom)",
    "unit": "US$ billion",
    "rising": "Rising",
    "falling": "Falling",
    "conflicts": "Source conflicts",
    "incidents": "Security incidents",
}
_KO_TERMS: dict[str, str] = {
    # deal types
    "investment": "투자",
    "funding_round": "투자 유치",
    "valuation": "기업가치",
    "contract": "계약",
    "capex": "설비 투자",
    "acquisition": "인수",
    "ipo": "상장",
    "stock_sale": "지분 매각",
    "debt": "차입",
    "financials": "실적",
    "product_launch": "출시",
    "talent_move": "인재 이동",
    "security_incident": "보안 사고",
    "policy": "정책",
    "market_forecast": "시장 전망",
    # statuses
    "done": "성사",
    "announced": "발표",
    "negotiating": "협상 중",
    "rumored": "보도",
    "denied": "부인",
    # layers
    "model": "모델",
    "application": "애플리케이션",
    "enterprise": "엔터프라이즈",
    "infrastructure": "인프라",
    "frontier": "프런티어",
    "unassigned": "미분류",
    # signals
    "signal:capex": "설비 투자 (capex)",
    "signal:chips": "반도체 공급 (chips)",
    "signal:power": "전력 (power)",
    "signal:regulation": "규제 (regulation)",
    "signal:startup_costs": "스타트업 비용 (startup costs)",
    "signal:talent": "인재 (talent)",
    "signal:bubble": "거품 경고 (bubble)",
    "signal:security": "보안 (security)",
    "signal:geopolitics": "지정학 (geopolitics)",
}
_EN_TERMS: dict[str, str] = {
    "funding_round": "funding round",
    "stock_sale": "share sale",
    "ipo": "IPO",
    "capex": "capex",
    "product_launch": "launch",
    "talent_move": "talent move",
    "security_incident": "security incident",
    "market_forecast": "market forecast",
    "done": "done",
    "negotiating": "in talks",
    "signal:capex": "Capex",
    "signal:chips": "Chips",
    "signal:power": "Power",
    "signal:regulation": "Regulation",
    "signal:startup_costs": "Startup costs",
    "signal:talent": "Talent",
    "signal:bubble": "Bubble",
    "signal:security": "Security",
    "signal:geopolitics": "Geopolitics",
}


def words(lang: str) -> Mapping[str, str]:
    """The headings and fixed phrases of a report in `lang`."""
    return _KO if lang == "ko" else _EN


def label(term: str, lang: str) -> str:
    """A type, status, layer or `signal:NAME` as a reader says it; unknown terms as they are."""
    table = _KO_TERMS if lang == "ko" else _EN_TERMS
    return table.get(term, term.replace("_", " "))
