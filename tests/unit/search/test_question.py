"""Reading questions: shape, kind, entities, period and flags, by general rules."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from stackwatch.extract import Extractor
from stackwatch.search import parse_question
from stackwatch.search.question import Period, parse_period
from stackwatch.store import Store


@dataclass(frozen=True)
class Case:
    text: str
    shape: str
    kind: str | None = None
    entities: tuple[str, ...] = ()
    language: str = "ko"

    def __str__(self) -> str:
        return self.text


QUESTION_CASES = [
    # from the rules: one per shape, both languages
    Case("코어위브 부채는 얼마인가?", "amount", "debt", ("coreweave",)),
    Case("What is OpenAI's valuation?", "amount", "valuation", ("openai",), "en"),
    Case("How much did Cerebras raise in its Series G round?", "amount", "funding", ("cerebras",), "en"),
    Case("SK hynix Q3 operating profit?", "amount", "operating_income", ("sk-hynix",), "en"),
    Case("메타가 맺은 클라우드 계약은?", "deals", "contract", ("meta",)),
    Case("Which deals did Nvidia make with OpenAI?", "deals", "deal", ("nvidia", "openai"), "en"),
    Case("11월 인프라 투자 총액은?", "total", "investment"),
    Case("2025년 11월 가장 큰 클라우드 계약은?", "ranking", "contract"),
    Case("얀 르쿤은 어디로 갔나?", "talent", None, ("yann-lecun",)),
    Case("Who founded Sakana AI?", "talent", None, ("sakana-ai",), "en"),
    Case("When did DeepSeek release R1?", "launch", None, ("deepseek",), "en"),
    Case("퓨리오사AI가 메타의 인수 제안을 거절한 이유는?", "passage", "acquisition", ("furiosaai", "meta")),
    # bugs caught while building (issue 5)
    Case("비상장 기업 단일 투자 라운드로 사상 최대는?", "ranking", "funding"),  # 비상장 is not a listing
    Case("When does SK hynix start shipping HBM4?", "launch", None, ("sk-hynix",), "en"),  # not "partnership"
]


@pytest.mark.parametrize("case", QUESTION_CASES, ids=str)
def test_parse_question(case: Case, empty_store: Store, extractor: Extractor) -> None:
    question = parse_question(empty_store, case.text, kb=extractor.kb)
    assert question.shape == case.shape
    assert (question.kind.name if question.kind else None) == case.kind
    ids = tuple(a.entity_id for a in question.entities)
    assert ids[: len(case.entities)] == case.entities
    assert question.language == case.language


PERIOD_CASES = [
    ("2025년 11월", Period(years=(2025, 2025), month=11)),
    ("Q3 2025", Period(years=(2025, 2025), quarters=(3, 3))),
    ("SK하이닉스의 1~3분기 누적 매출", Period(quarters=(1, 3))),
    ("over 2025-2028", Period(years=(2025, 2028))),
    ("in September 2025", Period(years=(2025, 2025), month=9)),
    ("오픈AI의 상반기 순손실", Period(half=1)),
    ("third quarter revenue", Period(quarters=(3, 3))),
    ("코어위브 부채", None),
]


@pytest.mark.parametrize(("text", "expected"), PERIOD_CASES, ids=[c[0] for c in PERIOD_CASES])
def test_parse_period(text: str, expected: Period | None) -> None:
    assert parse_period(text) == expected


def test_flags(empty_store: Store, extractor: Extractor) -> None:
    cumulative = parse_question(empty_store, "SK하이닉스의 1~3분기 누적 매출은?", kb=extractor.kb)
    assert "cumulative" in cumulative.flags
    annual = parse_question(empty_store, "What is OpenAI's annual revenue?", kb=extractor.kb)
    assert "annual" in annual.flags
    founding = parse_question(empty_store, "미라 무라티가 세운 회사는?", kb=extractor.kb)
    assert "founding" in founding.flags


def test_layer_and_country(empty_store: Store, extractor: Extractor) -> None:
    question = parse_question(empty_store, "한국 인프라 투자 총액은?", kb=extractor.kb)
    assert question.layer == "infrastructure"
    assert question.country == "KR"


def test_odd_input_does_not_raise(empty_store: Store, extractor: Extractor) -> None:
    for text in ("", "?", "얼마", "12345", "((("):
        parse_question(empty_store, text, kb=extractor.kb)
