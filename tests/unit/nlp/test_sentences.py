"""Lines → sentences and language (`stackwatch.nlp.sentences`), Korean and English news."""

from __future__ import annotations

import pytest

from stackwatch.nlp import analyse
from stackwatch.nlp.sentences import detect_language, split_line, split_sentences
from stackwatch.records import Document, Sentence

SPLIT_CASES = [
    # from the rules: Korean sentences end in 다. / 요. and similar, then a space
    ("오픈AI는 새 모델을 공개했다. 가격은 그대로다.", ["오픈AI는 새 모델을 공개했다.", "가격은 그대로다."]),
    (
        "엔비디아는 1일(현지시간) 실적을 발표했다. 매출은 570억 달러였다.",
        ["엔비디아는 1일(현지시간) 실적을 발표했다.", "매출은 570억 달러였다."],
    ),
    (
        "오픈AI가 40억 달러를 조달했다! 소프트뱅크가 주도했다. 거품일까? 아무도 모른다.",
        ["오픈AI가 40억 달러를 조달했다!", "소프트뱅크가 주도했다.", "거품일까?", "아무도 모른다."],
    ),
    ("삼성전자가 HBM4를 공급한다… 업계는 주목했다.", ["삼성전자가 HBM4를 공급한다…", "업계는 주목했다."]),
    # decimals and thousands separators are not boundaries
    ("오픈AI는 GPT-5.1을 공개했다. 가격은 그대로다.", ["오픈AI는 GPT-5.1을 공개했다.", "가격은 그대로다."]),
    (
        "회사는 9억 8,500만 달러를 조달했다. 투자자는 세쿼이아다.",
        ["회사는 9억 8,500만 달러를 조달했다.", "투자자는 세쿼이아다."],
    ),
    (
        "매출은 57.0억 달러로 집계됐다. 영업이익은 21.3% 늘었다.",
        ["매출은 57.0억 달러로 집계됐다.", "영업이익은 21.3% 늘었다."],
    ),
    ("약 1.5조 원. 역대 최대다.", ["약 1.5조 원.", "역대 최대다."]),
    ("Sales rose 4.5% to $1.2 billion. Margins fell.", ["Sales rose 4.5% to $1.2 billion.", "Margins fell."]),
    ("GPT-4.5 and o3-mini shipped. Both are faster.", ["GPT-4.5 and o3-mini shipped.", "Both are faster."]),
    # English abbreviations, initials and dates
    (
        "The U.S. Commerce Department said on Oct. 21 that it would tighten rules. "
        "Nvidia Inc. declined to comment.",
        [
            "The U.S. Commerce Department said on Oct. 21 that it would tighten rules.",
            "Nvidia Inc. declined to comment.",
        ],
    ),
    (
        "Analysts at J.P. Morgan raised their target. Shares rose 3%.",
        ["Analysts at J.P. Morgan raised their target.", "Shares rose 3%."],
    ),
    (
        "It was founded by C.C. Wei and others. The firm grew.",
        ["It was founded by C.C. Wei and others.", "The firm grew."],
    ),
    (
        "Mr. Altman met Dr. Lisa Su in St. Louis. They talked.",
        ["Mr. Altman met Dr. Lisa Su in St. Louis.", "They talked."],
    ),
    ("The vote is set for Jan. 5. Lawmakers agree.", ["The vote is set for Jan. 5.", "Lawmakers agree."]),
    ("It will open at 9 a.m. Tuesday. Staff agree.", ["It will open at 9 a.m. Tuesday.", "Staff agree."]),
    ("It costs approx. $5 million. Buyers agreed.", ["It costs approx. $5 million.", "Buyers agreed."]),
    # "U.S." ends a sentence when a sentence-opening word follows
    (
        "The deal closed in the U.S. The company said so.",
        ["The deal closed in the U.S.", "The company said so."],
    ),
    (
        "He moved to the U.S. in 2019. He then joined OpenAI.",
        ["He moved to the U.S. in 2019.", "He then joined OpenAI."],
    ),
    # quotes stay with their sentence
    ('He said, "We are done." Then he left.', ['He said, "We are done."', "Then he left."]),
    (
        "Sam Altman, OpenAI’s CEO, said: “We are ready.” He smiled.",
        ["Sam Altman, OpenAI’s CEO, said: “We are ready.”", "He smiled."],
    ),
    (
        '그는 "계약을 마쳤다."라고 말했다. 이어 기자회견을 열었다.',
        ['그는 "계약을 마쳤다."라고 말했다.', "이어 기자회견을 열었다."],
    ),
    ("“AI는 거품인가?” 그는 물었다.", ["“AI는 거품인가?”", "그는 물었다."]),
    # ellipsis followed by lower case continues the sentence
    ("Wait... what happened? Nobody knows!", ["Wait... what happened?", "Nobody knows!"]),
    # no boundary at all
    ("오픈AI, 새 모델 공개", ["오픈AI, 새 모델 공개"]),
    ("", []),
    ("   ", []),
    # a company suffix (Corp., Inc.) ends a sentence when a new sentence follows
    pytest.param(
        "The chips were sold to Nvidia Corp. The shares rose 3%.",
        ["The chips were sold to Nvidia Corp.", "The shares rose 3%."],
        id="corp-ends-sentence",
    ),
]


def _id(case: object) -> str | None:
    if isinstance(case, tuple):
        return str(case[0])[:40] or "empty"
    return None  # a pytest.param carries its own id


@pytest.mark.parametrize(("line", "expected"), SPLIT_CASES, ids=[_id(c) for c in SPLIT_CASES])
def test_split_line(line: str, expected: list[str]) -> None:
    assert split_line(line) == expected


def test_split_sentences_headline_is_sentence_zero() -> None:
    text = "첫 문장이다. 둘째 문장이다.\n\n  셋째 줄이다.  \nThe U.S. agreed. It signed."
    assert split_sentences(text, title="  리벨리온, 투자 유치  ") == (
        Sentence(index=0, text="리벨리온, 투자 유치", is_title=True),
        Sentence(index=1, text="첫 문장이다."),
        Sentence(index=2, text="둘째 문장이다."),
        Sentence(index=3, text="셋째 줄이다."),
        Sentence(index=4, text="The U.S. agreed."),
        Sentence(index=5, text="It signed."),
    )


@pytest.mark.parametrize("title", [None, ""])
def test_split_sentences_without_headline_starts_with_the_body(title: str | None) -> None:
    sentences = split_sentences("첫 문장이다. 둘째 문장이다.", title=title)
    assert [(s.index, s.text, s.is_title) for s in sentences] == [
        (0, "첫 문장이다.", False),
        (1, "둘째 문장이다.", False),
    ]


def test_a_line_never_joins_the_next() -> None:
    sentences = split_sentences("첫 줄은 마침표가 없다\n둘째 줄이다.")
    assert [s.text for s in sentences] == ["첫 줄은 마침표가 없다", "둘째 줄이다."]


LANGUAGE_CASES = [
    ("오픈AI는 GPT-5를 공개했다", "ko"),
    ("삼성전자가 엔비디아에 HBM4를 공급하는 계약을 맺었다.", "ko"),
    ("AI GPU HBM NPU 엔비디아", "ko"),  # loanword-heavy Korean stays Korean
    ("엔비디아(Nvidia)와 AMD, 인텔(Intel)이 모두 GPU 가격을 올렸다.", "ko"),
    ("OpenAI released GPT-5 today", "en"),
    ("CoreWeave said on Wednesday it had signed a contract with Meta.", "en"),
    ("Samsung Electronics (삼성전자) won an order to supply HBM4 memory chips to Nvidia.", "en"),
    ("", "ko"),
    ("12345 67.8%", "ko"),
]


@pytest.mark.parametrize(
    ("text", "expected"), LANGUAGE_CASES, ids=[c[0][:30] or "empty" for c in LANGUAGE_CASES]
)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_analyse_reads_language_from_title_and_body() -> None:
    doc = Document(
        doc="a.txt",
        source="a.txt",
        title="Nvidia invests in xAI",
        text="Nvidia said on Tuesday it would invest $2 billion in xAI. The round is larger.",
    )
    analysed = analyse(doc)
    assert analysed.language == "en"
    assert [s.text for s in analysed.sentences] == [
        "Nvidia invests in xAI",
        "Nvidia said on Tuesday it would invest $2 billion in xAI.",
        "The round is larger.",
    ]
    assert analysed.sentences[0].is_title
