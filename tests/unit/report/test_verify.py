"""The verifier: numbers and names of a cited line must be in its evidence."""

from __future__ import annotations

import pytest

from stackwatch.extract.amounts import Rates
from stackwatch.kb import KnowledgeBase
from stackwatch.report.verify import Vocabulary, check_claim, verify_text

EVIDENCE = [
    "오픈AI, 아마존웹서비스와 380억 달러 클라우드 계약",
    "오픈AI가 아마존웹서비스(AWS)와 380억 달러(약 51조 원) 규모의 클라우드 계약을 체결했다고 3일 밝혔다.",
    "이 소식에 아마존 주가는 4% 올랐다.",
    "네이버는 올해 인프라에 1조 원을 쓴다.",
]

CASES = [
    # (claim, passes)
    ("오픈AI는 아마존웹서비스와 380억 달러(약 51조 원) 규모의 계약을 체결했다.", True),
    ("OpenAI signed a $38 billion contract with Amazon Web Services.", True),  # other language, other names
    ("OpenAI는 AWS와 $38 billion 계약을 맺었다.", True),
    ("오픈AI는 아마존웹서비스와 약 380억 달러 규모의 계약을 체결했다.", True),
    ("아마존 주가는 4% 올랐다.", True),
    ("네이버는 인프라에 1조 원(약 7억 1000만 달러)을 투자했다.", True),  # rate-table conversion
    ("오픈AI는 아마존웹서비스와 390억 달러 규모의 계약을 체결했다.", False),  # a changed amount
    (
        "오픈AI는 아마존웹서비스와 380억 달러(약 61조 원) 규모의 계약을 체결했다.",
        False,
    ),  # a changed conversion
    ("구글은 아마존웹서비스와 380억 달러 규모의 계약을 체결했다.", False),  # a changed name
    ("오픈AI는 Microsoft와 380억 달러 규모의 계약을 체결했다.", False),
    ("아마존 주가는 14% 올랐다.", False),  # a changed plain number
    (
        "네이버는 인프라에 2조 원(약 7억 1000만 달러)을 투자했다.",
        False,
    ),  # the won figure changed, not the dollars
]


@pytest.fixture(scope="module")
def vocabulary(kb: KnowledgeBase) -> Vocabulary:
    return Vocabulary.build(kb, {"아마존웹서비스": ["AWS", "Amazon Web Services"]})


@pytest.mark.parametrize(("claim", "passes"), CASES, ids=[c[0][:24] for c in CASES])
def test_check_claim(claim: str, passes: bool, vocabulary: Vocabulary, kb: KnowledgeBase) -> None:
    problems = check_claim(claim, EVIDENCE, vocabulary, rates=Rates.from_kb(kb.rates))
    assert (not problems) == passes, problems


def test_names_with_digits_are_names_not_numbers(vocabulary: Vocabulary) -> None:
    vocab = Vocabulary.build(None, {"GPT-5.1": ["GPT 5.1"], "오픈AI": ["OpenAI"]})
    assert check_claim("오픈AI는 GPT-5.1을 출시했다.", ["OpenAI가 GPT-5.1을 공개했다."], vocab) == []
    assert check_claim("오픈AI는 GPT-5.1을 출시했다.", ["OpenAI가 새 모델을 공개했다."], vocab)


MARKDOWN = """---
title: "t"
---

## 요약

오픈AI는 아마존웹서비스와 380억 달러 규모의 계약을 체결했다. [1]
합계 약 1270억 달러다. *(집계)*
| 오픈AI → 아마존웹서비스 | 계약 | 380억 달러 | [1] |
엉뚱한 문장 [3]

## 출처

<a id="src-1"></a>**[1]** 오픈AI, 아마존웹서비스와 380억 달러 클라우드 계약 — example.com, 2025-11-04

> 오픈AI가 아마존웹서비스(AWS)와 380억 달러(약 51조 원) 규모의 클라우드 인프라 계약을 체결했다고 3일 밝혔다.

<!-- stackwatch:names {"아마존웹서비스": ["AWS"], "오픈AI": ["OpenAI"]} -->
"""


def test_verify_text_checks_cited_lines_only_and_names_unknown_sources(vocabulary: Vocabulary) -> None:
    result = verify_text(MARKDOWN, Vocabulary.build(None, {"아마존웹서비스": ["AWS"], "오픈AI": ["OpenAI"]}))
    assert result.claims == 3
    assert [(p.line, p.reason) for p in result.problems] == [(10, "cites unknown source(s) [3]")]
