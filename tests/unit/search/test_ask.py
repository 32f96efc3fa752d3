"""`ask` over articles written for these tests: each shape, Korean particles, and "not found"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from stackwatch.collect import ingest_files
from stackwatch.extract import Extractor
from stackwatch.search import ask
from stackwatch.store import Store

ARTICLES = {
    "a.txt": """---
title: 코어위브, 부채 부담 커져
date: 2025-06-27
---
코어위브(CoreWeave)는 엔비디아 GPU를 담보로 대규모 차입을 하고 있다.
그 결과 2025년 3월 기준 88억 달러가 넘는 채무가 남아 있다.
메타(Meta)는 코어위브와 6년간 142억 달러 규모의 클라우드 인프라 계약을 체결했다.
""",
    "b.txt": """---
title: 얀 르쿤, 메타 떠난다
date: 2025-11-12
---
메타에서 AI 연구를 이끌어온 얀 르쿤(Yann LeCun)이 회사를 떠나 AI 스타트업을 설립할 계획을 발표했다.
앤트로픽은 코딩 특화 AI 모델 '클로드 오퍼스 4.5'를 공개했다.
""",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    opened = Store.open(Path(folder) / "ask.db", korean=extractor.korean)
    list(ingest_files(opened, [folder / n for n in ARTICLES], extractor))
    yield opened
    opened.close()


def test_amount_with_its_sentence(store: Store, extractor: Extractor) -> None:
    answer = ask(store, "코어위브 부채는 얼마인가?", kb=extractor.kb)
    assert answer.found
    assert answer.shape == "amount"
    assert "88억 달러" in answer.text
    assert any("88억 달러가 넘는 채무" in c.evidence for c in answer.citations)
    assert answer.values
    assert answer.values[0]["currency"] == "USD"


def test_deals_of_an_entity(store: Store, extractor: Extractor) -> None:
    answer = ask(store, "What contracts did Meta sign?", kb=extractor.kb)
    assert answer.found
    assert "CoreWeave" in answer.text
    assert answer.language == "en"


def test_talent_move_uses_korean_particles(store: Store, extractor: Extractor) -> None:
    answer = ask(store, "얀 르쿤은 어디로 갔나?", kb=extractor.kb)
    assert answer.found
    assert "르쿤은 메타를 떠났습니다" in answer.text  # 은 after ㄴ, 를 after a vowel


def test_launch(store: Store, extractor: Extractor) -> None:
    answer = ask(store, "앤트로픽이 공개한 코딩 특화 모델은?", kb=extractor.kb)
    assert answer.found
    assert "클로드 오퍼스 4.5" in answer.text or "Claude Opus 4.5" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "오픈AI의 부채는 얼마인가?",  # an entity the record never names
        "코어위브의 3분기 매출은 얼마인가?",  # the kind is not in the record
        "마크 저커버그는 어디로 옮겼나?",  # a move the record does not hold
        "What deal did Apple sign with OpenAI?",
    ],
)
def test_not_found_never_guesses(store: Store, extractor: Extractor, question: str) -> None:
    answer = ask(store, question, kb=extractor.kb)
    assert not answer.found
    assert answer.citations == ()
    assert answer.text in {"기록에서 찾지 못했습니다.", "Not found in the record."}


def test_answers_pickle_and_are_frozen(store: Store, extractor: Extractor) -> None:
    import dataclasses
    import pickle

    answer = ask(store, "코어위브 부채는 얼마인가?", kb=extractor.kb)
    assert pickle.loads(pickle.dumps(answer)) == answer
    with pytest.raises(dataclasses.FrozenInstanceError):
        answer.text = "x"  # type: ignore[misc]
