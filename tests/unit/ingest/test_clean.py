"""Boilerplate removal (`stackwatch.ingest.clean`): keep every sentence, drop the page furniture.

Each page below is a synthetic scrape written for these tests. For each one we list the
headline, the date, every body line that must be kept (in order) and the furniture that
must not appear anywhere in the cleaned text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from stackwatch.ingest.clean import (
    clean_page_text,
    is_furniture,
    is_sentence_like,
    is_trailer_start,
    normalise_line,
    strip_site_suffix,
)


def _page(*lines: str) -> str:
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Page:
    name: str
    text: str
    title: str | None
    published: str | None
    kept: list[str]
    gone: list[str] = field(default_factory=list)
    title_xfail: str | None = None  # reason, when the headline is a known miss

    def __str__(self) -> str:
        return self.name


KO_NEWS = Page(
    "ko-news-site",
    _page(
        "본문 바로가기",
        "전체메뉴",
        "로그인 | 회원가입 | 구독신청",
        "홈 > 산업 > IT·과학",
        "뉴스 | 경제 | 산업 | 국제 | 오피니언",
        "리벨리온, 사우디 아람코와 AI 반도체 공급 계약",
        "입력 2025.07.28 17:42 | 수정 2025.07.28 18:05",
        "공유하기",
        "글자 크기",
        "김민준 기자 mj.kim@example.kr",
        "AI 반도체 스타트업 리벨리온이 사우디아라비아 국영 석유회사 아람코와 "
        "신경망처리장치(NPU) 공급 계약을 체결했다고 28일 밝혔다.",
        "계약 규모는 약 1,500억 원으로, 리벨리온이 해외에서 따낸 단일 계약 가운데 가장 크다.",
        "[광고] 지금 가입하면 첫 달 무료",
        "▲ 박성현 리벨리온 대표가 28일 서울 본사에서 열린 기자간담회에서 발언하고 있다. ⓒ연합뉴스",
        "리벨리온은 내년 상반기부터 아람코 데이터센터에 NPU 서버를 순차적으로 공급할 예정이다.",
        "업계에서는 이번 계약이 국산 AI 반도체의 중동 진출을 앞당길 것으로 보고 있다.",
        "<저작권자 ⓒ 테크데일리, 무단전재 및 재배포 금지>",
        "많이 본 뉴스",
        "1 삼성전자, HBM4 양산 돌입",
        "2 네이버, 하이퍼클로바X 새 모델 공개",
        "댓글 0",
        "댓글을 입력해 주세요",
    ),
    title="리벨리온, 사우디 아람코와 AI 반도체 공급 계약",
    published="2025-07-28",
    kept=[
        "AI 반도체 스타트업 리벨리온이 사우디아라비아 국영 석유회사 아람코와 신경망처리장치(NPU) 공급 계약을 "
        "체결했다고 28일 밝혔다.",
        "계약 규모는 약 1,500억 원으로, 리벨리온이 해외에서 따낸 단일 계약 가운데 가장 크다.",
        "▲ 박성현 리벨리온 대표가 28일 서울 본사에서 열린 기자간담회에서 발언하고 있다.",
        "리벨리온은 내년 상반기부터 아람코 데이터센터에 NPU 서버를 순차적으로 공급할 예정이다.",
        "업계에서는 이번 계약이 국산 AI 반도체의 중동 진출을 앞당길 것으로 보고 있다.",
    ],
    gone=[
        "본문 바로가기",
        "전체메뉴",
        "로그인",
        "회원가입",
        "IT·과학",
        "오피니언",
        "입력 2025.07.28",
        "공유하기",
        "글자 크기",
        "김민준 기자",
        "mj.kim@example.kr",
        "[광고]",
        "첫 달 무료",
        "ⓒ연합뉴스",
        "저작권자",
        "무단전재",
        "많이 본 뉴스",
        "HBM4 양산 돌입",
        "하이퍼클로바X 새 모델",
        "댓글",
    ],
)

EN_NEWS = Page(
    "en-news-site",
    _page(
        "Skip to main content",
        "Menu",
        "Search",
        "Sign in",
        "World | Business | Markets | Technology | Opinion",
        "Technology",
        "CoreWeave signs $14 billion cloud deal with Meta",
        "October 22, 2025 6:40 AM",
        "Share",
        "Copy link",
        "By Jane Doe, San Francisco",
        "CoreWeave said on Wednesday it had signed a six-year contract worth $14.2 billion to "
        "supply Meta with cloud computing capacity.",
        "The deal is one of the largest GPU rental agreements disclosed so far, the company said "
        "in a statement.",
        "Advertisement",
        "Scroll to continue",
        "Shares of CoreWeave rose 12% in premarket trading after the announcement.",
        "Reporting by Jane Doe; Editing by John Smith",
        "Our Standards: The Thomson Reuters Trust Principles.",
        "Most read",
        "OpenAI valuation hits $500 billion",
        "Nvidia earnings beat estimates",
        "Comments (12)",
        "Sign in to comment",
        "Privacy Policy",
        "© 2025 Example News. All rights reserved.",
    ),
    title="CoreWeave signs $14 billion cloud deal with Meta",
    published="2025-10-22",
    kept=[
        "CoreWeave said on Wednesday it had signed a six-year contract worth $14.2 billion to supply Meta "
        "with cloud computing capacity.",
        "The deal is one of the largest GPU rental agreements disclosed so far, "
        "the company said in a statement.",
        "Shares of CoreWeave rose 12% in premarket trading after the announcement.",
    ],
    gone=[
        "Skip to main content",
        "Sign in",
        "Markets",
        "October 22, 2025",
        "Copy link",
        "By Jane Doe",
        "Advertisement",
        "Scroll to continue",
        "Reporting by",
        "Editing by",
        "Our Standards",
        "Most read",
        "OpenAI valuation hits",
        "Nvidia earnings beat",
        "Comments",
        "Privacy",
        "All rights reserved",
    ],
)

KO_SUBHEADS = Page(
    "ko-subheadings-and-related",
    _page(
        "AI타임스",
        "뉴스레터 구독하기",
        "산업 · 정책 · 기술 · 스타트업 · 인터뷰",
        "네이버클라우드, 엔비디아 GPU 6만장 도입…국가 AI 인프라 확충",
        "2025년 3월 25일 06:00",
        "이지은 기자",
        "네이버클라우드가 엔비디아의 최신 GPU 6만장을 도입해 국내 최대 규모의 AI 데이터센터를 구축한다.",
        "회사는 25일 경기 세종 데이터센터에 1조 원을 투자해 연내 가동을 시작하겠다고 발표했다.",
        "■ 공공·금융 고객 확보에 속도",
        "네이버클라우드는 확보한 연산 자원을 공공기관과 금융권 고객에게 우선 제공할 계획이다.",
        "△ 네이버클라우드 각 세종 데이터센터 전경 /사진=네이버클라우드",
        '업계 관계자는 "국내 기업이 자체 GPU 클러스터를 갖추는 것은 의미가 크다"고 말했다.',
        "이지은 기자 jieun.lee@aitimes.example",
        "관련기사",
        "네이버, 하이퍼클로바X 씽크 공개",
        "카카오, 오픈AI와 협력 확대",
        "<저작권자 © AI타임스 무단전재 및 재배포 금지>",
    ),
    title="네이버클라우드, 엔비디아 GPU 6만장 도입…국가 AI 인프라 확충",
    published="2025-03-25",
    kept=[
        "네이버클라우드가 엔비디아의 최신 GPU 6만장을 도입해 국내 최대 규모의 AI 데이터센터를 구축한다.",
        "회사는 25일 경기 세종 데이터센터에 1조 원을 투자해 연내 가동을 시작하겠다고 발표했다.",
        "■ 공공·금융 고객 확보에 속도",
        "네이버클라우드는 확보한 연산 자원을 공공기관과 금융권 고객에게 우선 제공할 계획이다.",
        "△ 네이버클라우드 각 세종 데이터센터 전경",
        '업계 관계자는 "국내 기업이 자체 GPU 클러스터를 갖추는 것은 의미가 크다"고 말했다.',
    ],
    gone=[
        "AI타임스",
        "뉴스레터",
        "스타트업 · 인터뷰",
        "2025년 3월 25일",
        "이지은 기자",
        "jieun.lee@",
        "사진=",
        "관련기사",
        "씽크 공개",
        "협력 확대",
        "저작권자",
    ],
)

EN_WIRE = Page(
    "en-wire-dateline",
    _page(
        "Home / Business / Tech",
        "Listen to this article",
        "Samsung wins HBM4 order from Nvidia",
        "Oct. 4, 2025",
        "Email",
        "Print",
        "SEOUL, Oct 4, 2025 (Reuters) - Samsung Electronics has won an order to supply its "
        "sixth-generation HBM4 memory chips to Nvidia, two people familiar with the matter said on "
        "Saturday.",
        "The order, worth about $3 billion, would make Samsung the second supplier of the chips "
        "after SK Hynix.",
        "Photo: A Samsung Electronics logo is seen at its office in Seoul.",
        "Samsung declined to comment on the report, while Nvidia did not respond to a request for comment.",
        "ADVERTISEMENT",
        "Analysts at J.P. Morgan said the deal could lift Samsung's memory profit by 10% next year.",
        "Related coverage",
        "SK Hynix posts record profit",
        "Leave a comment",
        "Comments",
        "Terms of Use",
    ),
    title="Samsung wins HBM4 order from Nvidia",
    published="2025-10-04",
    kept=[
        "SEOUL, Oct 4, 2025 (Reuters) - Samsung Electronics has won an order to supply its sixth-generation "
        "HBM4 memory chips to Nvidia, two people familiar with the matter said on Saturday.",
        "The order, worth about $3 billion, would make Samsung the second supplier "
        "of the chips after SK Hynix.",
        "Photo: A Samsung Electronics logo is seen at its office in Seoul.",
        "Samsung declined to comment on the report, while Nvidia did not respond to a request for comment.",
        "Analysts at J.P. Morgan said the deal could lift Samsung's memory profit by 10% next year.",
    ],
    gone=[
        "Home /",
        "Listen to this article",
        "Email",
        "Print",
        "ADVERTISEMENT",
        "Related coverage",
        "SK Hynix posts record profit",
        "Leave a comment",
        "Comments",
        "Terms of Use",
    ],
)

PAGES = [KO_NEWS, EN_NEWS, KO_SUBHEADS, EN_WIRE]


def _title_param(page: Page) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=page.title_xfail)] if page.title_xfail else []
    return pytest.param(page, marks=marks, id=page.name)


@pytest.mark.parametrize("page", [_title_param(p) for p in PAGES])
def test_headline_is_found(page: Page) -> None:
    assert clean_page_text(page.text).title == page.title


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_date_is_found(page: Page) -> None:
    assert clean_page_text(page.text).published == page.published


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_every_body_line_is_kept_in_order(page: Page) -> None:
    lines = list(clean_page_text(page.text).lines)
    for line in page.kept:
        assert line in lines, f"body line lost: {line!r}"
    assert [line for line in lines if line in page.kept] == page.kept


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_nothing_but_the_body_is_left(page: Page) -> None:
    assert list(clean_page_text(page.text).lines) == page.kept


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_furniture_is_gone(page: Page) -> None:
    cleaned = "\n".join(clean_page_text(page.text).lines)
    for fragment in page.gone:
        assert fragment not in cleaned, f"furniture left: {fragment!r}"


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_headline_is_not_repeated_in_the_body(page: Page) -> None:
    assert page.title not in clean_page_text(page.text).lines


def test_known_title_and_no_dateline() -> None:
    text = (
        "OpenAI has signed a contract to buy $300 billion of computing power from Oracle, the companies said."
    )
    cleaned = clean_page_text(text, title="OpenAI signs deal with Oracle", has_dateline=False)
    assert cleaned == type(cleaned)(title="OpenAI signs deal with Oracle", published=None, lines=(text,))


def test_wire_dateline_gives_the_date_when_no_date_line() -> None:
    text = (
        "AMD to buy ZT Systems\n"
        "SANTA CLARA, California, Aug 18, 2025 (Reuters) - AMD said on Monday it would acquire "
        "server maker ZT Systems for $4.9 billion in cash and stock."
    )
    cleaned = clean_page_text(text)
    assert (cleaned.title, cleaned.published) == ("AMD to buy ZT Systems", "2025-08-18")


CAPTION_CASES = [
    # from the rules: a photo caption is article text, its credit is not
    ("▲ 박성현 대표가 발언하고 있다. ⓒ연합뉴스", "▲ 박성현 대표가 발언하고 있다."),
    ("▲ 박성현 대표가 발언하고 있다. 사진제공=리벨리온", "▲ 박성현 대표가 발언하고 있다."),
    ("[사진] 엔비디아 GB300 서버 랙", "[사진] 엔비디아 GB300 서버 랙"),
    ("△ 세종 데이터센터 전경 /사진=네이버클라우드", "△ 세종 데이터센터 전경"),
    pytest.param(
        "△ 세종 데이터센터 전경 (사진=네이버클라우드)", "△ 세종 데이터센터 전경", id="credit-in-parentheses"
    ),
]


@pytest.mark.parametrize(("caption", "expected"), CAPTION_CASES)
def test_caption_kept_without_its_credit(caption: str, expected: str) -> None:
    text = "\n".join(
        [
            "엔비디아, 한국에 GPU 26만장 공급",
            "입력 2025.10.31 17:00",
            "엔비디아가 한국 정부와 기업에 최신 GPU 26만장을 공급하기로 했다고 31일 밝혔다.",
            caption,
            "업계는 이번 공급으로 국내 AI 인프라 확충에 속도가 붙을 것으로 보고 있다.",
        ]
    )
    assert clean_page_text(text).lines[1] == expected


# a Korean headline that lists names with middle dots is a headline, not a menu, though every
# "·"-separated part is short.
def test_headline_with_middle_dots() -> None:
    text = "\n".join(
        [
            "엔비디아·AMD·인텔 주가 일제히 하락",
            "입력 2025.10.07 08:31",
            "미국 반도체 기업들의 주가가 6일(현지시간) 일제히 하락했다고 외신들이 7일 보도했다.",
            "AI 투자 과열 우려가 커지면서 매도세가 이어졌다는 분석이 나온다.",
        ]
    )
    assert clean_page_text(text).title == "엔비디아·AMD·인텔 주가 일제히 하락"


# known misses: a body sentence that mentions copyright holders (저작권자) is taken for the
# copyright notice: the body ends there and the rest of the article is lost.
@pytest.mark.xfail(strict=True, reason="a sentence mentioning 저작권자 ends the article body")
def test_sentence_about_copyright_is_kept() -> None:
    body = [
        "국내 언론사들이 오픈AI를 상대로 저작권 침해 소송을 제기했다고 7일 밝혔다.",
        "저작권자인 언론사들은 오픈AI가 기사를 허락 없이 AI 학습에 활용했다고 주장했다.",
        "소송 결과는 내년 상반기에 나올 전망이다.",
    ]
    text = "\n".join(
        [
            "오픈AI, 언론사 저작권 소송 휘말려",
            "입력 2025.10.07 08:31",
            *body,
            "<저작권자 ⓒ 테크데일리, 무단전재 및 재배포 금지>",
        ]
    )
    assert list(clean_page_text(text).lines) == body


FURNITURE_LINES = [
    "공유하기",
    "기사 공유",
    "링크 복사",
    "글자 크기",
    "[광고] 지금 가입하면 첫 달 무료",
    "광고",
    "김민준 기자",
    "김민준 기자 mj.kim@example.kr",
    "<저작권자 ⓒ 테크데일리, 무단전재 및 재배포 금지>",
    "ⓒ 테크데일리",
    "사진=연합뉴스",
    "댓글 0",
    "댓글을 입력해 주세요",
    "로그인",
    "홈 > 산업 > IT·과학",
    "뉴스 | 경제 | 산업 | 국제 | 오피니언",
    "Share",
    "Share this article",
    "Copy link",
    "Advertisement",
    "Scroll to continue with content",
    "By Jane Doe",
    "By Jane Doe, San Francisco",
    "Reporting by Jane Doe; Editing by John Smith",
    "© 2025 Example News. All rights reserved.",
    "Sign in to comment",
    "Privacy Policy",
    "Home / Business / Tech",
]

ARTICLE_LINES = [
    "리벨리온은 내년 상반기부터 아람코 데이터센터에 NPU 서버를 순차적으로 공급할 예정이다.",
    "■ 공공·금융 고객 확보에 속도",
    "▲ 박성현 리벨리온 대표가 발언하고 있다.",
    "홈플러스는 매장에 AI 계산대를 도입한다고 밝혔다.",
    "CoreWeave said on Wednesday it had signed a six-year contract worth $14.2 billion.",
    "Shares of CoreWeave rose 12% in premarket trading after the announcement.",
    "Share prices rose across Asia after the deal was announced on Monday.",
    "Advertisement revenue at Meta rose 26% in the third quarter, the company said.",
]


@pytest.mark.parametrize("line", FURNITURE_LINES)
def test_is_furniture(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize("line", ARTICLE_LINES)
def test_article_lines_are_not_furniture(line: str) -> None:
    assert not is_furniture(line)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("많이 본 뉴스", True),
        ("가장 많이 본 기사", True),
        ("관련기사", True),
        ("관련 뉴스", True),
        ("댓글 (3)", True),
        ("Most read", True),
        ("Related coverage", True),
        ("More from Reuters", True),
        ("You may also like", True),
        ("관련 업계는 이번 발표에 주목하고 있다.", False),
        ("Most read stories this week were about OpenAI.", False),
    ],
)
def test_is_trailer_start(line: str, expected: bool) -> None:
    assert is_trailer_start(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("리벨리온은 내년 상반기부터 아람코 데이터센터에 NPU 서버를 공급할 예정이다.", True),
        ('업계 관계자는 "의미가 크다"고 말했다.', False),  # under 25 characters
        ("네이버클라우드, 엔비디아 GPU 6만장 도입…국가 AI 인프라 확충", False),
        ("Shares of CoreWeave rose 12% in premarket trading.", True),
        ("CoreWeave signs $14 billion cloud deal with Meta", False),
        ("Rose 12%.", False),
    ],
)
def test_is_sentence_like(line: str, expected: bool) -> None:
    assert is_sentence_like(line) is expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  오픈AI\u00a0\u00a0발표  ", "오픈AI 발표"),
        ("Open\u200bAI\ufeff", "OpenAI"),
        ("\u1112\u1161\u11ab", "한"),  # decomposed jamo → NFC
        ("a\tb\u3000c", "a b c"),
    ],
)
def test_normalise_line(raw: str, expected: str) -> None:
    assert normalise_line(raw) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("리벨리온, 투자 유치 - 디지털타임스", "리벨리온, 투자 유치"),
        ("Title of the story / TokenPost.ai", "Title of the story"),
        ("CoreWeave signs deal | Example News", "CoreWeave signs deal"),
        ("GPT-5 - the next model", "GPT-5 - the next model"),
        ("오픈AI, 새 모델 공개", "오픈AI, 새 모델 공개"),
    ],
)
def test_strip_site_suffix(title: str, expected: str) -> None:
    assert strip_site_suffix(title) == expected
