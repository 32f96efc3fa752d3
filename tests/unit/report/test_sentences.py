"""Generated sentences put the right particle after every name (Hangul, Latin, digits) and say the status."""

from __future__ import annotations

import pytest

from stackwatch.report.sentences import deal_phrase, deal_sentence
from stackwatch.store import Deal, DealActor


def _deal(
    kind: str, actors: list[tuple[str, str]], *, status: str = "done", amount: dict | None = None
) -> Deal:
    return Deal(
        id=1,
        type=kind,
        actors=tuple(DealActor(role=r, entity_id=n.lower(), name=n) for r, n in actors),
        amount=amount,
        usd=float(amount["usd"]) if amount else None,
        status=status,
        first_reported="2025-11-04",
        date="2025-11-03",
        layers=(),
        signals=(),
        conflict=False,
        conflict_note=None,
    )


def _as_written(_entity_id: str, name: str) -> str:
    return name


USD_38B = {
    "text": "380억 달러",
    "value": 38_000_000_000,
    "currency": "USD",
    "usd": 38_000_000_000,
    "krw": None,
}

# (customer, provider, expected start): 은/는 after the customer, 과/와 after the provider
SUBJECT_CASES = [
    ("메타", "코어위브", "메타는 코어위브와"),  # vowel, vowel
    ("앤트로픽", "마이크로소프트", "앤트로픽은 마이크로소프트와"),  # 받침
    ("OpenAI", "AWS", "OpenAI는 AWS와"),  # spelled letters: 에이아이, 에스
    ("Meta", "Oracle", "Meta는 Oracle과"),  # Latin word: -le → ㄹ
    ("Google", "CoreWeave", "Google은 CoreWeave와"),
    ("IBM", "Samsung", "IBM은 Samsung과"),  # 엠, -ng
    ("오라클", "네이버", "오라클은 네이버와"),  # ㄹ 받침
    ("삼성전자", "SK하이닉스", "삼성전자는 SK하이닉스와"),
]


@pytest.mark.parametrize(
    ("customer", "provider", "expected"), SUBJECT_CASES, ids=[c[2] for c in SUBJECT_CASES]
)
def test_contract_sentence_particles(customer: str, provider: str, expected: str) -> None:
    deal = _deal("contract", [("customer", customer), ("provider", provider)], amount=USD_38B)
    sentence = deal_sentence(deal, _as_written, "ko")
    assert sentence == f"{expected} 380억 달러 규모의 계약을 체결했다."


# (product, expected object): 을/를 after names ending in digits and letters
OBJECT_CASES = [
    ("GPT-5", "GPT-5를"),  # 오
    ("GPT-5.1", "GPT-5.1을"),  # 점일
    ("Claude Opus 4.5", "Claude Opus 4.5를"),  # 점오
    ("제미나이 3", "제미나이 3을"),  # 삼
    ("H100", "H100을"),  # 백
    ("Llama 4", "Llama 4를"),  # 사
    ("Sora", "Sora를"),
    ("클로드", "클로드를"),
    ("블랙웰", "블랙웰을"),
]


@pytest.mark.parametrize(("product", "expected"), OBJECT_CASES, ids=[c[1] for c in OBJECT_CASES])
def test_launch_sentence_particles(product: str, expected: str) -> None:
    deal = _deal("product_launch", [("company", "구글"), ("product", product)])
    assert deal_sentence(deal, _as_written, "ko") == f"구글은 {expected} 출시했다."


STATUS_CASES = [
    ("done", "체결했다."),
    ("announced", "체결한다고 밝혔다."),
    ("negotiating", "체결하는 방안을 협의하고 있다."),
    ("rumored", "체결한 것으로 알려졌다."),
    ("denied", "체결했다는 보도를 부인했다."),
]


@pytest.mark.parametrize(("status", "ending"), STATUS_CASES, ids=[c[0] for c in STATUS_CASES])
def test_status_changes_the_ending(status: str, ending: str) -> None:
    deal = _deal("contract", [("customer", "애플"), ("provider", "구글")], status=status)
    sentence = deal_sentence(deal, _as_written, "ko")
    assert sentence is not None
    assert sentence.endswith(ending)


def test_other_types_in_korean_and_english() -> None:
    investment = _deal("investment", [("investor", "엔비디아"), ("investee", "앤트로픽")], amount=USD_38B)
    assert deal_sentence(investment, _as_written, "ko") == "엔비디아는 앤트로픽에 380억 달러를 투자했다."
    move = _deal("talent_move", [("person", "얀 르쿤"), ("from", "메타")], status="announced")
    assert deal_sentence(move, _as_written, "ko") == "얀 르쿤은 메타에서 퇴사한다고 밝혔다."
    both = _deal(
        "talent_move", [("person", "Mira Murati"), ("from", "OpenAI"), ("to", "Thinking Machines Lab")]
    )
    assert deal_sentence(both, _as_written, "en") == "Mira Murati left OpenAI for Thinking Machines Lab."
    contract = _deal(
        "contract", [("customer", "OpenAI"), ("provider", "AWS")], status="rumored", amount=USD_38B
    )
    assert (
        deal_sentence(contract, _as_written, "en")
        == "OpenAI reportedly signed a $38 billion contract with AWS."
    )
    assert deal_phrase(contract, _as_written, "en") == "OpenAI → AWS"


def test_a_record_without_the_needed_roles_makes_no_sentence() -> None:
    assert deal_sentence(_deal("policy", [("government", "정부")]), _as_written, "ko") is None
    assert deal_sentence(_deal("investment", [("investor", "엔비디아")]), _as_written, "ko") is None
