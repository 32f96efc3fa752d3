"""One builder per event type: which names fill which role, which amount is the event's.

Builders run in `BUILD_ORDER` for each clause; a builder returns no event when a role it
needs is missing (an investment without an investee is not an investment). An amount
taken by one event is not offered to the next.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from stackwatch.extract.clauses import Arg
from stackwatch.extract.event_context import (
    ClauseView,
    DocState,
    ids,
    is_deal_sized,
    is_embedded,
    make_event,
    pick_amount,
    subject_ids,
    take_amount,
)
from stackwatch.extract.triggers import Trigger, contract_side, metric_after, metric_before
from stackwatch.records import Actor, Amount, Event

Builder = Callable[[DocState, ClauseView, Trigger], list[Event]]

_FORECAST = re.compile(
    r"컨센서스|전망치|예상치|추정치|내다봤|내다보|전망했|예상했|예측했|목표주가|추정했|"
    r"\bexpects?\b|\bforecast|\bestimates?\b|\bguidance\b|\boutlook\b|\bconsensus\b|\bprojected\b"
)
_BUILD_WORDS = re.compile(
    r"짓|지을|지어|지었|건설|구축|착공|세우|세운|증설|확충|투자|투입|쏟아부|쏟아붓|쓰겠|쓸|쓴다|썼|쓰기로|지출|조성|첫\s?삽|가동|"
    r"\bbuild|\bconstruct|\binvest|\bspend|\bdevelop|\bexpand|\bform(?:s|ed)?\b"
)
_CUSTOMER_LIST = re.compile(
    r"고객(?:사)?(?:로|으로는|에는|사로는)|\bcustomers? (?:include|includes|including)\b"
)
_PARTICIPATION = re.compile(r"참여|참가|주도|led by|participat|joined|took part|co-led")
_PASSIVE = re.compile(r"\b(?:is|are|was|were|been|be)\s+(?:\w+ly\s+)?$")
_QUOTED = re.compile(r"['‘\"“](?P<name>[^'’\"”]{2,30})['’\"”]")
_STAKE = re.compile(r"^\s*(?:의\s*)?(?:주식|지분|보유\s*주식|주|shares|stake)")
_FOUNDING = re.compile(r"창업|세운|세웠|설립|found")
_HIRING = re.compile(r"영입|데려|스카우트|스카웃|\bhire|\bhiring|\bpoach|\bappoint|\bnamed\b")
_LEAVING = re.compile(r"떠나|떠났|떠난|퇴사|사임|사퇴|\bleft\b|\bleav|\bdepart|\bresign|\bstep")
_ORIGIN = re.compile(r"^\s*(?:\([^)]{1,20}\))?\s*(?:의\s*)?(?:[A-Z]{2,4}\s*)?(?:에서|출신)")
_RECEIVED = re.compile(r"받")
_FINANCIERS = frozenset({"bank", "asset_manager", "pe"})  # they finance builds; they do not build
_BUYING_DEBT = re.compile(r"\b(?:bought|buys|took|takes|purchased|acquired|anchored)\b|매입|사들|인수했|떠안")
_ANALYST = re.compile(r"\banalysts?\b|\bestimates?\b|\bforecasts?\b|애널리스트|추정|전망치|예상치|컨센서스")
_DEBT_MONEY = re.compile(r"\b(?:debt|bonds?|notes|loans?|credit)\b|채권|회사채|대출|차입")
_STRONG_BUILD = re.compile(
    r"짓|지을|지어|지었|건설|착공|세우|세운|증설|첫\s?삽|구축(?:하기로|한다|할\s*계획)"
    r"|\bbuild|\bconstruct|\bbreak(?:s|ing)? ground"
)
_SERVICE_AFTER = re.compile(
    r"^\s*(?:의\s*)?(?:[A-Za-z가-힣]+\s)?(?:클라우드|칩|GPU|TPU|서버|모델|플랫폼|서비스|용량|인프라|데이터\s?센터|애저|Azure|cloud|chips?|GPUs?|servers?|models?|capacity)"
)
_EN_BUILDER = re.compile(
    r"(?P<name_end>)\s+(?:is|are|will be|has been)\s+(?:building|constructing|developing)\b"
)
_STAKE_OR_NOW = re.compile(r"^\s*(?:의\s*)?(?:지분|주식|경영권|사업부|인수|합병|를|을)")
_THING_TARGET = re.compile(r"[가-힣A-Za-z]+(?:에|에만|에도|에는)\s")  # "AI에 쏟아부었다": spending on a thing
_CAPEX_CONTEXT = re.compile(
    r"데이터\s?센터|인프라|설비|공장|팹|캠퍼스|GPU|클러스터|data cent|infrastructure|facilit|campus"
)
_SECURITY_WORDS = re.compile(r"해킹|해커|유출|침해|사이버\s?공격|악용|\bhack|\bbreach|\bleak")
_NOT_PRODUCT = re.compile(
    r"(?:협정|계획|전략|법|정책|프로젝트|사업|보고서|협약|선언|대회|위원회|Act|Deal|Plan|Initiative|Strategy)\)?$"
)
_SUPPLY_WORDS = re.compile(r"공급|supply|supplies|capacity|cloud|클라우드|컴퓨팅|GPU|칩")
_METRIC_AFTER = re.compile(
    r"\s?(?:의|에)?\s?(?:매출(?:액)?|영업\s?이익|순\s?이익|순\s?손실|영업\s?손실"
    r"|revenue|sales|net (?:income|loss))"
)
_MOVE_VERB = re.compile(
    r"합류|영입|이직|옮기|옮겼|옮긴|옮겨|떠나|떠났|떠난|퇴사|사임|사퇴|선임|임명|창업|세운|세웠|설립|데려|스카우트|스카웃"
    r"|\bjoin|\bhire|\bpoach|\bleft\b|\bleav|\bdepart|\bresign|\bappoint|\bnamed\b|\bfound"
)
_HOLDS_TITLE = re.compile(
    r"^(?:의)?\s*(?:[가-힣]+\s)?(?:창업자|공동창업자|최고경영자|CEO|대표|CTO|CFO|연구원|부사장|사장)(?:\([A-Z]{2,4}\))?\s+[가-힣A-Z]"
)
_MARKET = re.compile(
    r"(?P<market>(?:[가-힣A-Za-z]+\s){0,3}[가-힣A-Za-z]*(?:시장|지출|수요))(?:\s?규모)?(?:은|는|이|가)\s"
    r"|(?P<market_en>(?:the\s)?[\w\s-]{0,40}?\bmarket)\s(?:is|was|will)"
)
_LEADING = re.compile(r"이끈|주도")
_LED = re.compile(r"^(?:를|을)?\s*(?:이끈|주도한|주도하는|이끄는)")
_STAKE_VALUE = re.compile(r"지분의?\s*$|주식의?\s*$|stake\s*$")
_VALUE_LOST = re.compile(r"증발|사라|날아|줄어|쪼그라|급감|wiped|erased|lost")
_PARTNERSHIP = re.compile(
    r"파트너십|협력|제휴|동맹|양해각서|MOU|손잡|손을\s*잡|\bpartnership|\balliance|\bcollaborat"
)
_OFFER = re.compile(r"제시|제안|인수가|offer|bid")
_PAST_REFERENCE = re.compile(r"이후|이래|직전|직후|\bsince\b|\bafter its\b")
_OVERSIGHT = re.compile(r"조사|점검|제재|과징금|과태료|부과|investigat|probe|fine")
_PROVIDER_RANK = {
    "gpu_cloud": 6, "datacenter": 6, "memory": 5, "foundry": 5, "chip_designer": 5, "ai_chip_startup": 5,
    "semi_equipment": 5, "networking": 5, "optics": 5, "server_hardware": 5, "power": 5, "energy": 4,
    "cloud": 4, "data_platform": 3, "telecom": 3, "enterprise_software": 2, "model_lab": 2, "big_tech": 2,
}  # fmt: skip
MAX_PARTIES = 8


def _before(args: list[Arg], position: int) -> list[Arg]:
    return [a for a in args if a.end <= position]


def _after(args: list[Arg], position: int) -> list[Arg]:
    return [a for a in args if a.start >= position]


def _by_type(state: DocState, args: list[Arg], entity_type: str) -> list[str]:
    found: list[str] = []
    for arg in args:
        if state.type_of(arg.mention.entity) == entity_type and arg.mention.entity not in found:
            found.append(arg.mention.entity)
    return found


def _rank(state: DocState, entity_id: str) -> int:
    return _PROVIDER_RANK.get(state.kind_of(entity_id) or "", 1)


def _near_before(state: DocState, clause: ClauseView, position: int, *roles: str) -> list[str]:
    """Organisations with one of `roles` just before `position` (the nearest first)."""
    candidates = [a for a in _before(clause.args, position + 1) if a.role in roles]
    return ids(list(reversed(candidates)), *roles, state=state)


def _objects(state: DocState, clause: ClauseView, trigger: Trigger, *roles: str) -> list[str]:
    """Korean: names with `roles` anywhere in the clause; English: the names after the trigger."""
    if state.language == "en":
        return ids(_after(clause.args, trigger.end), *roles, "none", "list", "object", state=state)
    return ids(clause.args, *roles, state=state)


# investment ----------------------------------------------------------------------------


def build_investment(state: DocState, clause: ClauseView, trigger: Trigger) -> list[Event]:
    if _RECEIVED.search(trigger.word):  # "산업은행으로부터 투자를 받았다": the subject is the investee
        investees = subject_ids(state, clause, position=trigger.start)[:1]
        investors = [i for i in ids(clause.args, "source", state=state) if i not in investees]
        if not investees or not investors:
            return []
        amount = pick_amount(clause, trigger)
        return [
            make_event(
                "investment",
                [state.actor("investor", i), state.actor("investee", investees[0])],
                clause,
                amount,
            )
            for i in investors
        ]
    if state.language == "en":
        english = _english_investment(state, clause, trigger)
        if english is not None:
            return english
    investors = subject_ids(state, clause, position=trigger.start)
    together = "함께" in clause.words or "together" in clause.words
    partners = ids(clause.args, "partner", state=state)
    if together:  # "오라클, 소프트뱅크와 함께 ... 투자": co-investors, not investees
        investors += [p for p in partners if p not in investors]
    investees = [i for i in _objects(state, clause, trigger, "target") if i not in investors]
    if not investees and re.search(r"(?:한|할|하는)$", trigger.word):  # "메타가 143억 달러를 투자한 스케일AI"
        following = [
            a for a in clause.args if 0 <= a.start - trigger.end <= 2 and state.is_org(a.mention.entity)
        ]
        investees = [a.mention.entity for a in following if a.mention.entity not in investors][:1]
    if not investees and re.match(r"투자(?:에|로)", trigger.word):  # "오픈AI 투자에 활용했다"
        investees = [i for i in _near_before(state, clause, trigger.start, "modifier") if i not in investors][
            :1
        ]
    if not investees and "투자자" in trigger.word:
        later = [a for a in clause.sentence_args if a.start > trigger.end and a.role == "subject"]
        investees = [i for i in ids(later, "subject", state=state) if i not in investors]
    if not investees and not together:
        investees = [i for i in partners if i not in investors][:1]
    if (
        investors
        and not investees
        and (
            together
            or _CAPEX_CONTEXT.search(clause.words)
            or _THING_TARGET.search(clause.before(trigger.start))
        )
    ):
        return build_capex(state, clause, trigger)  # money into data centres or "AI에", not into a company
    paired = _interleaved_subjects(state, clause, trigger)
    note = None
    recent_round = state.sentence - state.last_round_sentence <= 2
    if not investees and state.last_round and state.last_round not in investors and recent_round:
        investees = [
            state.last_round
        ]  # "MS, 코튜 등이 100억 달러를 함께 넣는다": into the round just reported
    elif not investees and state.topic and state.topic not in investors and state.recent(state.topic):
        investees, note = [state.topic], "topic"  # kept only if the article is about the topic's raise
    if not investors or not investees:
        return []
    if len(paired) >= 2:
        return _paired_investments(state, clause, paired, investees[0])
    amount = pick_amount(clause, trigger)
    if note and amount is None:
        return []
    return [
        replace(
            make_event(
                "investment",
                [state.actor("investor", i), state.actor("investee", investees[0])],
                clause,
                amount,
            ),
            note=note,
        )
        for i in investors
    ]


def _english_investment(state: DocState, clause: ClauseView, trigger: Trigger) -> list[Event] | None:
    """ "a $335 million investment from G42", "is backed by investors including Nvidia"."""
    after = _after(clause.args, trigger.end)
    backers = ids(after, "source", "agent", "listed", state=state)
    if not backers:
        return None
    passive = bool(_PASSIVE.search(clause.before(trigger.start)[-20:]))
    investees = ids(after, "target", state=state) or [
        s for s in subject_ids(state, clause, position=trigger.start) if s not in backers
    ]
    if not investees and not passive and state.topic not in backers and state.topic:
        investees = [state.topic]
    if not investees:
        return []
    amount = pick_amount(clause, trigger, prefer_after=False)
    return [
        make_event(
            "investment", [state.actor("investor", b), state.actor("investee", investees[0])], clause, amount
        )
        for b in backers[:MAX_PARTIES]
    ]


def _interleaved_subjects(state: DocState, clause: ClauseView, trigger: Trigger) -> list[Arg]:
    """Subjects each followed by their own amount: "MS는 50억 달러를, 엔비디아는 100억 달러를 투자"."""
    subjects = [
        a
        for a in clause.args
        if a.role == "subject" and a.start < trigger.start and state.is_org(a.mention.entity)
    ]
    if len(subjects) < 2:
        return []
    for index, arg in enumerate(subjects):
        limit = subjects[index + 1].start if index + 1 < len(subjects) else trigger.start
        if not any(arg.end <= a.evidence.start < limit for a in clause.amounts):
            return []
    return subjects


def _paired_investments(
    state: DocState, clause: ClauseView, investors: list[Arg], investee: str
) -> list[Event]:
    """ "MS는 최대 50억 달러, 엔비디아는 최대 100억 달러를 투자": each investor with the amount after it."""
    events: list[Event] = []
    for index, arg in enumerate(investors):
        limit = investors[index + 1].start if index + 1 < len(investors) else clause.span[1]
        amount = next(
            (
                a
                for i, a in enumerate(clause.amounts)
                if i not in clause.used and arg.end <= a.evidence.start < limit
            ),
            None,
        )
        if amount is not None:
            take_amount(clause, amount)
        actors = [state.actor("investor", arg.mention.entity), state.actor("investee", investee)]
        events.append(make_event("investment", actors, clause, amount))
    return events


# funding rounds and valuations ---------------------------------------------------------


def build_funding_round(state: DocState, clause: ClauseView, trigger: Trigger) -> list[Event]:
    if _DEBT_MONEY.search(clause.words):
        return build_debt(state, clause, trigger)  # "raised $80 billion from debt investors": borrowing
    participation = bool(_PARTICIPATION.search(trigger.word)) and not re.search(
        r"유치|조달|raise", trigger.word
    )
    if trigger.word.startswith("라운드") and (
        _LED.search(clause.after(trigger.end)[:8]) or _LEADING.search(trigger.word)
    ):
        participation = True  # "라운드를 이끈 ASML은": an investor, not a company raising money
    if participation:  # "MUFG, 코슬라 벤처스 ... 등이 참여했다": every listed name before the verb
        investors = ids(
            _before(clause.args, trigger.start), "subject", "list", "listed", "none", "agent", state=state
        )
        if state.language == "en":
            investors += ids(_after(clause.args, trigger.end), "agent", "listed", state=state)
        companies = _near_before(state, clause, trigger.start, "target", "genitive") or (
            [state.last_round] if state.last_round else [state.topic] if state.topic else []
        )
    else:
        companies = (
            subject_ids(state, clause, position=trigger.start)[:1]
            or _near_before(state, clause, trigger.start, "genitive", "modifier")[:1]
        )
        precise = pick_amount(clause, trigger, take=False)
        if not companies and state.topic and precise is not None and "vague" not in precise.flags:
            companies = [state.topic]
        investors = _objects(state, clause, trigger, "source", "agent", "listed")
        if state.language == "ko":
            investors = ids(clause.args, "source", state=state)
    companies = [c for c in companies if c not in investors][:1]
    if not companies:
        return []
    if participation and not investors:
        return []
    amount = None if participation else pick_amount(clause, trigger)
    actors = [state.actor("company", companies[0])] + [
        state.actor("investor", i) for i in investors[:MAX_PARTIES]
    ]
    event = make_event("funding_round", actors, clause, amount)
    return [replace(event, note="participation") if participation else event]


def build_valuation(state: DocState, clause: ClauseView, trigger: Trigger) -> list[Event]:
    if _VALUE_LOST.search(clause.words) or _STAKE_VALUE.search(clause.before(trigger.start)[-8:]):
        return []  # "시총 5,890억 달러 증발", "이 지분의 가치는": not a company's valuation
    amount = pick_amount(clause, trigger, prefer_after=True, take=False)
    if amount is None:
        return []
    in_sentence = [
        a.mention.entity
        for a in reversed(clause.sentence_args)
        if a.start < trigger.start
        and a.role in ("genitive", "modifier", "subject")
        and state.is_org(a.mention.entity)
    ]
    companies = (
        in_sentence[:1]
        or subject_ids(state, clause, position=trigger.start, implicit=True)[:1]
        or ([state.topic] if state.topic else [])
    )
    if not companies:
        return []
    take_amount(clause, amount)
    return [make_event("valuation", [state.actor("company", companies[0])], clause, amount)]


# contracts -----------------------------------------------------------------------------


def build_contract(state: DocState, clause: ClauseView, trigger: Trigger) -> list[Event]:
    if _DEBT_MONEY.search(clause.words) and not _SUPPLY_WORDS.search(clause.words):
        return []  # bonds sold to investors: the debt builder reads it
    if trigger.word == "컨소시엄":
        return _consortia(state, clause)
    subjects = subject_ids(state, clause, position=trigger.start)
    if _CUSTOMER_LIST.search(trigger.word):
        customers = ids(
            _after(clause.args, trigger.end), "listed", "list", "none", "subject", "partner", state=state
        )
        provider = subjects[:1] or ([state.last_subject] if state.last_subject else [])
        return [
            make_event("contract", [state.actor("customer", c), state.actor("provider", provider[0])], clause)
            for c in customers
            if provider and c != provider[0]
        ]
    roles = ("partner", "target", "source", "object") + (("genitive",) if state.language == "en" else ())
    others = [o for o in _objects(state, clause, trigger, *roles) if o not in subjects]
    if not others:  # "오픈AI가 추진하는 '스타게이트'에 공급": the project's owner
        others = [
            a.mention.entity
            for a in clause.args
            if a.role == "subject"
            and is_embedded(clause.text, a)
            and a.mention.entity not in subjects
            and state.is_org(a.mention.entity)
        ][:1]
    if not others:  # "MS 애저의 용량을 구매": the company before its product or service
        others = [
            a.mention.entity
            for a in clause.args
            if a.role in ("modifier", "genitive")
            and state.is_org(a.mention.entity)
            and a.mention.entity not in subjects
            and (_SERVICE_AFTER.match(clause.text[a.end : a.end + 20]) or _is_product_next(state, clause, a))
        ][:2]
    if (
        not others and state.language == "ko"
    ):  # "...구글의 모델을 탑재하기로 하고, 그 대가로 ... 계약": the partner is one clause back
        earlier = [a for a in clause.sentence_args if a.start < clause.span[0]]
        others = [
            o
            for o in ids(earlier, "partner", "target", "source", "genitive", state=state)
            if o not in subjects
        ][:2]
    side = contract_side(clause.words)
    if not others and len(subjects) >= 2 and side is None:
        subjects, others = subjects[:1], subjects[1:]  # "A와 B가 계약을 맺었다"
    if not subjects or not others:
        return []
    if side is None and _PARTNERSHIP.search(clause.words):
        side = "party"  # a partnership is symmetric unless a verb says who supplies whom
    amount = pick_amount(clause, trigger)
    events: list[Event] = []
    for subject in subjects[:MAX_PARTIES]:
        counterparties = [o for o in others if o != subject][:MAX_PARTIES]
        if not counterparties:
            continue
        if amount is None and side != "party" and len(counterparties) > 1:
            groups = [[c] for c in counterparties]  # "오픈AI, 구글, MS 등에 공급": one relationship each
        else:
            groups = [counterparties]  # one deal with several parties
        for group in groups:
            events.append(
                make_event("contract", _contract_actors(state, subject, group, side), clause, amount)
            )
        amount = None if len(subjects) > 1 else amount
    return events


def _consortia(state: DocState, clause: ClauseView) -> list[Event]:
    """ "업스테이지 컨소시엄에는 노타, 래블업 등이 합류했다": the lead and each member are partners."""
    events: list[Event] = []
    starts = [clause.span[0] + m.start() for m in re.finditer("컨소시엄", clause.words)]
    for index, position in enumerate(starts):
        leads = [
            a
            for a in clause.args
            if a.end <= position and position - a.end <= 2 and state.is_org(a.mention.entity)
        ]
        if not leads:
            continue
        lead = leads[-1].mention.entity
        limit = starts[index + 1] - 15 if index + 1 < len(starts) else clause.span[1]
        members = [
            a.mention.entity
            for a in clause.args
            if position < a.start < limit and state.is_org(a.mention.entity) and a.mention.entity != lead
        ]
        for member in dict.fromkeys(members):
            events.append(
                make_event("contract", [state.actor("party", lead), state.actor("party", member)], clause)
            )
    return events


def _contract_actors(state: DocState, subject: str, others: list[str], side: str | None) -> list[Actor]:
    if side == "party":
        return [state.actor("party", e) for e in (subject, *others)]
    if side == "provider":
        return [state.actor("provider", subject)] + [state.actor("customer", o) for o in others]
    if side == "customer":
        return [state.actor("customer", subject)] + [state.actor("provider", o) for o in others]
    ranks = {e: _rank(state, e) for e in (subject, *others)}
    top = max(ranks.values())
    providers = [e for e, r in ranks.items() if r == top]
    if len(providers) == len(ranks) or (top <= 2 and len(providers) > 1):
        return [state.actor("party", e) for e in ranks]
    return [state.actor("provider" if e in providers else "customer", e) for e in ranks]


# spending, deals of ownership, listings --------------------------------------------------


def build_capex(state: DocState, clause: ClauseView, trigger: Trigger) -> list[Event]:
    if not _BUILD_WORDS.search(clause.words):
        return []
    if pick_amount(clause, trigger, take=False) is None and not _CAPEX_CONTEXT.search(clause.words):
        return []  # "중추 그룹을 구축한다" builds a team, not infrastructure
    explicit = subject_ids(state, clause, position=trigger.start, dropped=False)
    dropped = subject_ids(state, clause, position=trigger.start) if not explicit else []
    if state.language == "en":
        builder = _EN_BUILDER.search(clause.words)
        named = [
            a.mention.entity
            for a in clause.args
            if builder and a.end == clause.span[0] + builder.start("name_end")
        ]
        explicit = named or explicit
    companies = explicit or dropped
    partners = [
        p for p in ids(clause.args, "partner", state=state) if p not in companies and "함께" in clause.words
    ]
    companies = [
        c
        for c in companies + partners
        if state.type_of(c) in ("company", "investor") and state.kind_of(c) not in _FINANCIERS
    ]
    if not companies or _ANALYST.search(clause.words):
        return []  # an analyst's estimate of what others will spend is not anyone's capex
    amount = pick_amount(clause, trigger)
    if amount is None and not explicit:
        return []  # a data centre mentioned again, without a builder or a sum
    if amount is None and not _STRONG_BUILD.search(clause.words):
        return []  # "데이터센터에 투입해 온": infrastructure in passing, not a build
    if amount is None and any(e.sentence == clause.sentence.index for e in state.events[-3:]):
        return []  # the clause's money went to another event: the data centre is its context
    return [make_event("capex", [state.actor("company", c) for c in companies[:MAX_PARTIES]], clause, amount)]


def build_acquisition(state: DocState, clause: ClauseView, trigger: Trigger) -> list[Event]:
    acquirers = subject_ids(state, clause, position=trigger.start)
    targets: list[str] = []
    partners = [p for p in ids(clause.args, "partner", state=state) if p not in acquirers]
    if partners and re.search(r"인수|합병", trigger.word):
        if "인수" in trigger.word and (not acquirers or acquirers[0] == state.topic):
            # "메타와의 인수 협상": the partner buys the company the article is about
            acquirers, targets = partners[:1], (acquirers[:1] or ([state.topic] if state.topic else []))
        else:
            targets = partners[:1]  # "사피온과 합병": the subject takes the partner in
    offerer = _near_before(state, clause, trigger.start, "genitive")
    if offerer and acquirers and offerer[0] not in acquirers and re.search(r"인수", trigger.word):
        acquirers, targets = offerer[:1], acquirers[:1]  # "메타의 인수 제안을 퓨리오사AI가 거절"
    if not targets:
        candidates = [
            a.mention.entity
            for a in reversed(_before(clause.args, trigger.start + 1))
            if (state.is_org(a.mention.entity) or state.type_of(a.mention.entity) == "product")
            and (
                a.role == "object"
                or (
                    a.role in ("genitive", "modifier")
                    and _STAKE_OR_NOW.match(clause.text[a.end : a.end + 12])
                )
            )
        ]
        if state.language == "en":
            candidates = _objects(state, clause, trigger, "genitive", "object")
        targets = [t for t in candidates if t not in acquirers][:1]
    if (
        acquirers
        and not targets
        and state.topic
        and state.topic not in acquirers
        and _OFFER.search(clause.words)
    ):
        targets = [state.topic]  # "메타가 제시한 인수가는 8억 달러": the offer is for the topic
    if not acquirers or not targets:
        return []
    amount = pick_amount(clause, trigger)
    actors = [state.actor("acquirer", acquirers[0]), state.actor("target", targets[0])]
    return [make_event("acquisition", actors, clause, amount)]


def build_ipo(state: DocState, clause: ClauseView, trigger: Trigger) -> list[Event]:
    candidates = subject_ids(state, clause, position=trigger.start) + _near_before(
        state, clause, trigger.start, "genitive", "modifier"
    )
    companies = [c for c in candidates if state.type_of(c) == "company"][:1] or (
        [state.topic] if state.topic and state.type_of(state.topic) == "company" else []
    )
    if _PAST_REFERENCE.search(clause.after(trigger.end)[:12]):
        return []  # "상장 직전", "IPO 이후": a time reference, not the listing itself
    if not companies:
        return []
    amount = pick_amount(clause, trigger) if re.search(r"공모|offering|raise", clause.words) else None
    return [make_event("ipo", [state.actor("company", companies[0])], clause, amount)]


def build_stock_sale(state: DocState, clause: ClauseView, trigger: Trigger) -> list[Event]:
    sellers = subject_ids(state, clause, position=trigger.start)[:1]
    securities = [
        a.mention.entity
        for a in clause.args
        if _STAKE.match(clause.text[a.end : a.end + 12])
        and a.mention.entity not in sellers
        and state.is_org(a.mention.entity)
    ]
    if not securities and state.topic and state.topic not in sellers:
        securities = [state.topic]
    if not sellers or not securities:
        return []
    amount = pick_amount(clause, trigger)
    return [
        make_event(
            "stock_sale",
            [state.actor("seller", sellers[0]), state.actor("security", securities[0])],
            clause,
            amount,
        )
    ]


def build_debt(state: DocState, clause: ClauseView, trigger: Trigger) -> list[Event]:
    candidates = _near_before(state, clause, trigger.start, "genitive", "modifier") + subject_ids(
        state, clause, position=trigger.start, implicit=True
    )
    buying = bool(_BUYING_DEBT.search(clause.words))  # "Pimco took $18 billion of the paper": a lender
    borrowers = [c for c in candidates if not (buying and state.type_of(c) == "investor")]
    lenders = [c for c in candidates if buying and state.type_of(c) == "investor"]
    companies = borrowers[:1] or (
        [state.topic] if lenders and state.topic and state.topic not in lenders else []
    )
    if not companies:
        return []
    lenders += [lender for lender in _objects(state, clause, trigger, "source") if lender not in companies]
    if state.language == "en":  # "bonds sold in a private offering to Pimco"
        lenders += [
            i
            for i in ids(_after(clause.args, trigger.end), "target", "agent", "listed", state=state)
            if state.type_of(i) == "investor" and i not in companies
        ]
    lenders = list(dict.fromkeys(lenders))
    amount = pick_amount(clause, trigger)
    if amount is None and not lenders:
        return []  # "부채 리스크" is a worry, not a borrowing
    actors = [state.actor("company", companies[0])] + [
        state.actor("lender", lender) for lender in lenders[:MAX_PARTIES]
    ]
    return [make_event("debt", actors, clause, amount)]


# results -------------------------------------------------------------------------------


def build_financials(state: DocState, clause: ClauseView, trigger: Trigger) -> list[Event]:
    if _FORECAST.search(clause.text):
        return []  # consensus and forecasts are not reported results
    companies = (
        subject_ids(state, clause, position=trigger.start, implicit=True)[:1]
        or _near_before(state, clause, trigger.start, "genitive", "modifier")[:1]
        or ([state.topic] if state.topic else [])
    )
    if not companies:
        return []
    events: list[Event] = []
    previous_end = clause.span[0]
    for index, amount in enumerate(clause.amounts):
        start = amount.evidence.start
        if not (clause.span[0] <= start < clause.span[1]):
            continue
        window_start = max(previous_end, start - (30 if state.language == "ko" else 70))
        named_after = _METRIC_AFTER.match(clause.text, amount.evidence.end)
        previous_end = (
            named_after.end() if named_after else amount.evidence.end
        )  # "27조 원의 매출을 올려, 약 24조 원을"
        if index in clause.used or not is_deal_sized(amount) or _is_threshold(amount):
            continue
        window = clause.text[window_start:start]
        cut = max(window.rfind(", and"), window.rfind(" that "), window.rfind("; "))
        window = window[cut + 1 :] if cut >= 0 else window  # a metric of another clause is not this figure's
        metric = metric_before(window)
        if metric is None:  # "3억 1,500만 달러의 순손실", "$4 billion in revenue"
            metric = metric_after(clause.text[amount.evidence.end : amount.evidence.end + 15])
        if metric is None:
            continue
        clause.used.add(index)
        events.append(
            make_event("financials", [state.actor("company", companies[0])], clause, amount, metric=metric)
        )
    return events


def _is_product_next(state: DocState, clause: ClauseView, arg: Arg) -> bool:
    return any(
        other.start >= arg.end
        and other.start - arg.end <= 2
        and state.type_of(other.mention.entity) == "product"
        for other in clause.args
    )


def _known_org(state: DocState, person: str) -> str | None:
    known = state.kb.get(person)
    return known.org if known is not None and known.org and known.org in state.entities else None


def _product_name(quoted: str) -> str:
    """ "파워 리텐션(Power Retention)" → "Power Retention": the Latin spelling is the name."""
    pair = re.fullmatch(r"\s*[^()]+\(([A-Za-z][^()]{1,40})\)\s*", quoted)
    return pair.group(1).strip() if pair else quoted.strip()


def _looks_like_product(name: str) -> bool:
    """A quoted name of a few words that is not a plan, a law or a report."""
    return len(name.split()) <= 3 and not _NOT_PRODUCT.search(name)


def _maker(state: DocState, product: str) -> str | None:
    known = state.kb.get(product)
    maker = known.maker if known is not None else None
    return maker if maker and maker in state.entities else None


def _is_threshold(amount: Amount) -> bool:
    """ "10조 원을 넘은", "80조 원 시대": a round figure passed, not a reported result."""
    if amount.qualifier != "min" or amount.value is None:
        return False
    digits = format(amount.value, "f").replace(".", "").rstrip("0").lstrip("0")
    return len(digits) <= 2


def build_product_launch(state: DocState, clause: ClauseView, trigger: Trigger) -> list[Event]:
    companies = (
        subject_ids(state, clause, position=trigger.start)[:1]
        or _near_before(state, clause, trigger.start, "genitive")[:1]
        or ([state.topic] if state.topic else [])
    )
    if _PAST_REFERENCE.search(clause.after(trigger.end)[:12]) or _SECURITY_WORDS.search(clause.words):
        return []  # "ChatGPT 출시 이후"; "해킹 조직이 ... 공개했다" discloses an attack, launches nothing
    products = _by_type(state, clause.args, "product")
    if (
        not products
    ):  # a name found from context right after the maker: "월드랩스는 ... 마블(Marble)을 선보이며"
        products = [
            a.mention.entity
            for a in clause.args
            if a.mention.entity.startswith("new:")
            and a.mention.entity not in companies
            and a.start < trigger.start
            and a.role in ("object", "modifier", "none")
            and _looks_like_product(state.name_of(a.mention.entity))
        ][:1]
    companies = [c for c in companies if state.type_of(c) == "company"]
    if not products:
        quoted = _QUOTED.search(clause.words)
        if quoted and _looks_like_product(quoted.group("name")):
            products = [f"new:{_product_name(quoted.group('name'))}"]
    makers = [m for p in products if (m := _maker(state, p))]
    if makers:
        companies = makers[:1]
    if not companies or not products:
        return []
    actors = [state.actor("company", companies[0])] + [state.actor("product", p) for p in products[:3]]
    return [make_event("product_launch", actors, clause)]


def build_talent_move(state: DocState, clause: ClauseView, trigger: Trigger) -> list[Event]:
    people = _moving_people(state, clause, trigger)
    if not people:
        return []
    person = people[0]
    orgs = [a for a in clause.args if state.is_org(a.mention.entity)]
    origin = [
        a.mention.entity for a in orgs if _ORIGIN.match(clause.text[a.end : a.end + 14]) or a.role == "source"
    ]
    titled = [a.mention.entity for a in orgs if _HOLDS_TITLE.match(clause.text[a.end : a.end + 24])]
    for index in range(len(orgs) - 2, -1, -1):  # "삼성전자와 AMD 출신": both are origins
        joined = clause.text[orgs[index].mention.evidence.end : orgs[index + 1].start]
        if orgs[index + 1].mention.entity in origin and re.fullmatch(r"\s*(?:[,·]|와|과)\s*", joined):
            origin.insert(0, orgs[index].mention.entity)
    to: list[str] = []
    words = clause.words
    if not _FOUNDING.search(words):
        origin += titled  # "스케일AI의 창업자 알렉산더 왕 ... 영입": he comes from Scale AI
    from_: list[str] = list(dict.fromkeys(origin))
    if _HIRING.search(
        words
    ):  # "구글은 ... 인력을 구글 딥마인드로 영입했다": to the unit named, else the hirer
        units = [a.mention.entity for a in orgs if a.role == "instrument" and a.mention.entity not in from_]
        to = (
            units[:1] or [o for o in subject_ids(state, clause, position=trigger.start) if o not in from_][:1]
        )
    elif _FOUNDING.search(words):  # a founder's title names the company founded, not where they came from
        founded = _FOUNDING.search(words)
        start = clause.span[0] + founded.end() if founded else trigger.end
        to = [a.mention.entity for a in _after(orgs, start) if a.mention.entity not in from_][:1] or titled[
            :1
        ]
    elif _LEAVING.search(words):
        from_ = from_ or [a.mention.entity for a in orgs if a.role in ("object", "genitive")][:1]
    else:
        to = [
            a.mention.entity
            for a in orgs
            if a.role in ("target", "genitive", "instrument") and a.mention.entity not in from_
        ][:1]
        if not to:  # "왕 CEO는 메타가 꾸리는 조직에 합류한다"
            to = [a.mention.entity for a in orgs if a.role == "subject" and a.mention.entity not in from_][:1]
    known_org = _known_org(state, person)
    if to and not from_ and known_org and known_org not in to:
        from_ = [known_org]  # someone known to lead Scale AI who joins Meta comes from Scale AI
    if not to and not from_:
        return []
    events = []
    for person in people:
        actors = [state.actor("person", person)]
        actors += [state.actor("from", f) for f in from_[:2]] + [state.actor("to", t) for t in to]
        events.append(make_event("talent_move", actors, clause))
    return events


def _moving_people(state: DocState, clause: ClauseView, trigger: Trigger) -> list[str]:
    """The person nearest before the move verb and those listed with them ("A CEO와 B 공동창업자").
    The verb, not a word like 출신, anchors: "X 출신 미라 무라티가 설립한" is about 무라티."""
    verbs = list(_MOVE_VERB.finditer(clause.words))
    anchor = clause.span[0] + verbs[-1].start() if verbs else trigger.start
    persons = [a for a in clause.args if state.type_of(a.mention.entity) == "person"]
    before = [a for a in persons if a.start < anchor] or persons
    if not before:
        return []
    group = [before[-1]]
    for arg in reversed(before[:-1]):
        gap = clause.text[arg.end : group[0].start]
        if not re.fullmatch(r"\s*(?:[가-힣A-Za-z]{1,8}\s?)?(?:[,·]|와|과|and)?\s*", gap):
            break
        group.insert(0, arg)
    return list(dict.fromkeys(a.mention.entity for a in group))


def build_security_incident(state: DocState, clause: ClauseView, trigger: Trigger) -> list[Event]:
    candidates = subject_ids(state, clause, position=trigger.start) + _near_before(
        state, clause, trigger.start, "genitive", "modifier", "source", "target"
    )
    companies = [c for c in candidates if state.type_of(c) == "company"][:1]
    products = _by_type(state, clause.args, "product")[:1]
    if not companies and not products:
        return []
    actors = [state.actor("company", c) for c in companies] + [state.actor("product", p) for p in products]
    return [make_event("security_incident", actors, clause)]


def build_policy(state: DocState, clause: ClauseView, trigger: Trigger) -> list[Event]:
    governments = _by_type(state, clause.args, "government")
    if not governments and state.last_subject and state.type_of(state.last_subject) == "government":
        governments = subject_ids(state, clause, position=trigger.start, orgs_only=False)[:1]
        governments = [g for g in governments if state.type_of(g) == "government"]
    if not governments:
        return []
    companies = [
        a.mention.entity
        for a in clause.args
        if state.type_of(a.mention.entity) in ("company", "organization") and state.is_org(a.mention.entity)
    ]
    companies += [
        c for c in clause.inherited_subjects if c not in companies and state.type_of(c) == "company"
    ]
    if (
        not companies
        and _OVERSIGHT.search(clause.words)
        and state.topic
        and state.type_of(state.topic) == "company"
    ):
        companies = [state.topic]  # "조사에 착수했다": the company the article is about
    amount = pick_amount(clause, trigger)
    if not companies and amount is None and len(governments) < 2:
        return []  # a government acting on no one, with no money; two governments agreeing is policy
    actors = [state.actor("government", g) for g in governments[:3]]
    actors += [state.actor("company", c) for c in dict.fromkeys(companies) if c not in governments][
        :MAX_PARTIES
    ]
    return [make_event("policy", actors, clause, amount)]


def build_market_forecast(state: DocState, clause: ClauseView, trigger: Trigger) -> list[Event]:
    """ "전 세계 AI 지출이 올해 1조 4,786억 달러로 ... 2026년에는 2조 달러를 넘어설 것": each
    forecast figure of the market named as the subject; "육박" (nearly) figures are comparisons."""
    market = _MARKET.search(clause.words)
    name = (market.group("market") or market.group("market_en") or "").strip() if market else ""
    start = clause.span[0] + (market.end() if market else 0)
    label = name or "market"
    events: list[Event] = []
    for index, amount in enumerate(clause.amounts):
        if index in clause.used or not (start <= amount.evidence.start < clause.span[1]) or amount.approx:
            continue
        if not is_deal_sized(amount):
            continue
        clause.used.add(index)
        actor = Actor(role="market", entity=f"market:{label}", name=label)
        events.append(make_event("market_forecast", [actor], clause, amount))
    return events


BUILD_ORDER: tuple[str, ...] = (
    "financials",
    "valuation",
    "funding_round",
    "acquisition",
    "ipo",
    "stock_sale",
    "investment",
    "contract",
    "debt",
    "capex",
    "policy",
    "product_launch",
    "talent_move",
    "security_incident",
    "market_forecast",
)

BUILDERS: dict[str, Builder] = {
    "investment": build_investment,
    "funding_round": build_funding_round,
    "valuation": build_valuation,
    "contract": build_contract,
    "capex": build_capex,
    "acquisition": build_acquisition,
    "ipo": build_ipo,
    "stock_sale": build_stock_sale,
    "debt": build_debt,
    "financials": build_financials,
    "product_launch": build_product_launch,
    "talent_move": build_talent_move,
    "security_incident": build_security_incident,
    "policy": build_policy,
    "market_forecast": build_market_forecast,
}
