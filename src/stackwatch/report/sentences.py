"""One sentence per deal, from its record only: actors, type, amount and status; Korean or English.

Korean sentences put the right particle after every name with `prose.josa` (오픈AI는,
앤트로픽은, 아마존 웹서비스와) and write amounts with `report.amounts`. Most Korean
predicates are a noun + 하다 (체결, 투자, 출시), so the status only changes the ending:

    done         체결했다
    announced    체결한다고 밝혔다
    negotiating  체결하는 방안을 협의하고 있다
    rumored      체결한 것으로 알려졌다
    denied       체결했다는 보도를 부인했다

A deal whose roles do not make a sentence (a policy, a forecast, a launch with no
product) gets None, and the report quotes its evidence instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from stackwatch.prose import josa
from stackwatch.report.amounts import write_amount
from stackwatch.store import Deal

__all__ = ["deal_phrase", "deal_sentence"]

NameOf = Callable[[str, str], str]  # (entity id, canonical name) → the name to write

_KO_ENDINGS = {
    "done": "{}했다",
    "announced": "{}한다고 밝혔다",
    "negotiating": "{}하는 방안을 협의하고 있다",
    "rumored": "{}한 것으로 알려졌다",
    "denied": "{}했다는 보도를 부인했다",
}
_KO_METRICS = {
    "revenue": "매출",
    "net_loss": "순손실",
    "net_income": "순이익",
    "operating_income": "영업이익",
}
_EN_METRICS = {
    "revenue": "revenue",
    "net_loss": "net loss",
    "net_income": "net income",
    "operating_income": "operating income",
}


def _names(deal: Deal, role: str, name_of: NameOf) -> list[str]:
    return [name_of(a.entity_id, a.name) for a in deal.actors if a.role == role]


def _ko_list(names: Sequence[str]) -> str:
    return ", ".join(names)


def _en_list(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def deal_sentence(deal: Deal, name_of: NameOf, lang: str, *, metric: str | None = None) -> str | None:
    """The deal as one sentence ending with a full stop, or None when its record cannot make one."""
    text = _korean(deal, name_of, metric) if lang == "ko" else _english(deal, name_of, metric)
    return None if text is None else text + "."


def deal_phrase(deal: Deal, name_of: NameOf, lang: str) -> str:
    """Who took part, for a table: "오픈AI → 아마존 웹서비스" (payer → payee), or the names joined."""
    payers = [n for r in ("investor", "customer", "acquirer", "seller") for n in _names(deal, r, name_of)]
    payees = [
        n
        for r in ("investee", "provider", "target", "company", "security", "product")
        for n in _names(deal, r, name_of)
    ]
    if payers and payees:
        return f"{', '.join(payers)} → {', '.join(payees)}"
    every = [name_of(a.entity_id, a.name) for a in deal.actors]
    return " · ".join(dict.fromkeys(every))


def _korean(deal: Deal, name_of: NameOf, metric: str | None) -> str | None:
    def first(role: str) -> str | None:
        found = _names(deal, role, name_of)
        return _ko_list(found) if found else None

    amount = write_amount(deal.amount, "ko")
    ending = _KO_ENDINGS.get(deal.status, _KO_ENDINGS["done"])
    kind = deal.type
    if kind == "contract":
        customer, provider = first("customer"), first("provider")
        parties = _names(deal, "party", name_of)
        size = f"{amount} 규모의 " if amount else ""
        if customer and provider:
            head = f"{josa(customer, '은/는')} {josa(provider, '과/와')}"
        elif len(parties) >= 2:
            head = f"{josa(_ko_list(parties[:-1]), '과/와')} {josa(parties[-1], '은/는')}"
        else:
            return None
        return f"{head} {size}계약을 " + ending.format("체결")
    if kind == "investment":
        investor, investee = first("investor"), first("investee")
        if not (investor and investee):
            return None
        money = f"{josa(amount, '을/를')} " if amount else ""
        return f"{josa(investor, '은/는')} {investee}에 {money}" + ending.format("투자")
    if kind == "funding_round":
        company, investors = first("company"), _names(deal, "investor", name_of)
        if not company:
            return None
        source = f"{josa(_ko_list(investors), '으로/로')}부터 " if investors else ""
        size = f"{amount} 규모의 " if amount else ""
        return f"{josa(company, '은/는')} {source}{size}투자를 " + ending.format("유치")
    if kind == "capex":
        company = first("company")
        if not (company and amount):
            return None
        return f"{josa(company, '은/는')} 인프라에 {josa(amount, '을/를')} " + ending.format("투자")
    if kind == "acquisition":
        acquirer, target = first("acquirer"), first("target")
        if not (acquirer and target):
            return None
        price = f"{amount}에 " if amount else ""
        return f"{josa(acquirer, '은/는')} {josa(target, '을/를')} {price}" + ending.format("인수")
    if kind == "debt":
        company, lender = first("company"), first("lender")
        if not (company and amount):
            return None
        source = f"{josa(lender, '으로/로')}부터 " if lender else ""
        return f"{josa(company, '은/는')} {source}{josa(amount, '을/를')} " + ending.format("차입")
    if kind == "stock_sale":
        seller, security = first("seller"), first("security")
        if not (seller and security):
            return None
        worth = f"{amount}어치를" if amount else "을"
        return f"{josa(seller, '은/는')} 보유한 {security} 주식 {worth} " + ending.format("매각")
    if kind == "ipo":
        company = first("company")
        if not company:
            return None
        if amount:
            return f"{josa(company, '은/는')} 상장으로 {josa(amount, '을/를')} " + ending.format("조달")
        return f"{josa(company, '은/는')} " + ending.format("상장")
    if kind == "valuation":
        company = first("company")
        if not (company and amount):
            return None
        tail = {
            "rumored": "평가된 것으로 알려졌다",
            "announced": "평가될 전망이다",
            "negotiating": "평가될 전망이다",
        }
        return f"{company}의 기업가치는 {josa(amount, '으로/로')} " + tail.get(deal.status, "평가됐다")
    if kind == "financials":
        company, word = first("company"), _KO_METRICS.get(metric or "")
        if not (company and amount and word):
            return None
        return f"{company}의 {josa(word, '은/는')} {josa(amount, '으로/로')} 집계됐다"
    if kind == "product_launch":
        company, product = first("company"), first("product")
        if company and product:
            return f"{josa(company, '은/는')} {josa(product, '을/를')} " + ending.format("출시")
        if product and deal.status in ("done", "announced"):
            return f"{josa(product, '이/가')} 출시됐다"
        return None
    if kind == "talent_move":
        person, left, joined = first("person"), first("from"), first("to")
        if not person:
            return None
        if left and joined:
            return f"{josa(person, '은/는')} {josa(left, '을/를')} 떠나 {joined}에 " + ending.format("합류")
        if joined:
            return f"{josa(person, '은/는')} {joined}에 " + ending.format("합류")
        if left:
            return f"{josa(person, '은/는')} {left}에서 " + ending.format("퇴사")
        return None
    if kind == "security_incident":
        company, product = first("company"), first("product")
        where = f"{company}의 {product}" if company and product else company or product
        if not where:
            return None
        return f"{where}에서 보안 사고가 " + ending.format("발생")
    return None


def _en_verb(status: str, base: str, past: str, *, plural: bool = False) -> str:
    if status == "announced":
        return f"announced plans to {base}"
    if status == "negotiating":
        return f"{'are' if plural else 'is'} in talks to {base}"
    if status == "rumored":
        return f"reportedly {past}"
    if status == "denied":
        return f"denied reports that {'they' if plural else 'it'} would {base}"
    return past


def _english(deal: Deal, name_of: NameOf, metric: str | None) -> str | None:
    def first(role: str) -> str | None:
        found = _names(deal, role, name_of)
        return _en_list(found) if found else None

    amount = write_amount(deal.amount, "en")
    status, kind = deal.status, deal.type
    article = f"a {amount} " if amount else "a "
    if kind == "contract":
        customer, provider = first("customer"), first("provider")
        parties = _names(deal, "party", name_of)
        if customer and provider:
            return f"{customer} " + _en_verb(
                status, f"sign {article}contract with {provider}", f"signed {article}contract with {provider}"
            )
        if len(parties) >= 2:
            return f"{_en_list(parties)} " + _en_verb(
                status, f"sign {article}contract", f"signed {article}contract", plural=True
            )
        return None
    if kind == "investment":
        investor, investee = first("investor"), first("investee")
        if not (investor and investee):
            return None
        money = f"{amount} " if amount else ""
        return f"{investor} " + _en_verb(
            status, f"invest {money}in {investee}", f"invested {money}in {investee}"
        )
    if kind == "funding_round":
        company, investors = first("company"), first("investor")
        if not company:
            return None
        money = amount or "funding"
        source = f" from {investors}" if investors else ""
        return f"{company} " + _en_verb(status, f"raise {money}{source}", f"raised {money}{source}")
    if kind == "capex":
        company = first("company")
        if not (company and amount):
            return None
        return f"{company} " + _en_verb(
            status, f"invest {amount} in infrastructure", f"committed {amount} to infrastructure"
        )
    if kind == "acquisition":
        acquirer, target = first("acquirer"), first("target")
        if not (acquirer and target):
            return None
        price = f" for {amount}" if amount else ""
        return f"{acquirer} " + _en_verb(status, f"acquire {target}{price}", f"acquired {target}{price}")
    if kind == "debt":
        company, lender = first("company"), first("lender")
        if not (company and amount):
            return None
        source = f" from {lender}" if lender else ""
        return f"{company} " + _en_verb(status, f"borrow {amount}{source}", f"borrowed {amount}{source}")
    if kind == "stock_sale":
        seller, security = first("seller"), first("security")
        if not (seller and security):
            return None
        what = f"{amount} of {security} shares" if amount else f"its {security} shares"
        return f"{seller} " + _en_verb(status, f"sell {what}", f"sold {what}")
    if kind == "ipo":
        company = first("company")
        if not company:
            return None
        money = f"raise {amount} in" if amount else "hold"
        past = f"raised {amount} in" if amount else "held"
        return f"{company} " + _en_verb(
            status, f"{money} an initial public offering", f"{past} an initial public offering"
        )
    if kind == "valuation":
        company = first("company")
        if not (company and amount):
            return None
        verb = {
            "rumored": "was reportedly valued at",
            "announced": "is set to be valued at",
            "negotiating": "is set to be valued at",
        }
        return f"{company} {verb.get(status, 'was valued at')} {amount}"
    if kind == "financials":
        company, word = first("company"), _EN_METRICS.get(metric or "")
        if not (company and amount and word):
            return None
        return f"{company} reported {word} of {amount}"
    if kind == "product_launch":
        company, product = first("company"), first("product")
        if company and product:
            return f"{company} " + _en_verb(status, f"launch {product}", f"launched {product}")
        if product and status in ("done", "announced"):
            return f"{product} was launched"
        return None
    if kind == "talent_move":
        person, left, joined = first("person"), first("from"), first("to")
        if not person:
            return None
        if left and joined:
            return f"{person} " + _en_verb(status, f"leave {left} for {joined}", f"left {left} for {joined}")
        if joined:
            return f"{person} " + _en_verb(status, f"join {joined}", f"joined {joined}")
        if left:
            return f"{person} " + _en_verb(status, f"leave {left}", f"left {left}")
        return None
    if kind == "security_incident":
        company, product = first("company"), first("product")
        where = f"{company}'s {product}" if company and product else company or product
        if not where:
            return None
        return (
            "A security incident "
            + ("was reportedly found" if status == "rumored" else "was reported")
            + f" at {where}"
        )
    return None
