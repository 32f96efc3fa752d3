"""Markdown posts (`stackwatch.ingest.markdown`): YAML front matter and the body as plain lines."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from stackwatch.ingest.markdown import FrontMatter, markdown_to_lines, split_front_matter


@dataclass(frozen=True)
class Front:
    name: str
    text: str
    expected: FrontMatter
    body: str = "본문이다.\n"

    def __str__(self) -> str:
        return self.name


FRONT_MATTER_CASES = [
    # from the rules: well-formed YAML
    Front(
        "datetime-and-lists",
        '---\ntitle: "오픈AI, 새 모델 공개"\ndate: 2025-10-07 08:31:00\ntags: [AI, 모델]\n'
        "categories: [뉴스]\n---\n본문이다.\n",
        FrontMatter(title="오픈AI, 새 모델 공개", published="2025-10-07", tags=("AI", "모델", "뉴스")),
    ),
    Front(
        "date-only",
        "---\ntitle: Nvidia invests in xAI\ndate: 2025-10-08\n---\n본문이다.\n",
        FrontMatter(title="Nvidia invests in xAI", published="2025-10-08"),
    ),
    Front(
        "date-as-string",
        '---\ntitle: x-title\ndate: "October 22, 2025"\n---\n본문이다.\n',
        FrontMatter(title="x-title", published="2025-10-22"),
    ),
    Front(
        "published-key-and-dots-end",
        "---\ntitle: 제목\npublished: 2025-03-25\n...\n본문이다.\n",
        FrontMatter(title="제목", published="2025-03-25"),
    ),
    Front(
        "timezone-kept-local",
        "---\ntitle: t\ndate: 2025-10-07 08:31:00+09:00\n---\n본문이다.\n",
        FrontMatter(title="t", published="2025-10-07"),
    ),
    Front(
        "tags-and-categories-as-strings",
        "---\ntitle: t\ntags: AI, 반도체 투자\ncategories: news\n---\n본문이다.\n",
        FrontMatter(title="t", tags=("AI", "반도체", "투자", "news")),
    ),
    Front(
        "crlf",
        "---\r\ntitle: CRLF 제목\r\ndate: 2025-01-02\r\n---\r\n본문이다.\n",
        FrontMatter(title="CRLF 제목", published="2025-01-02"),
    ),
    Front(
        "unreadable-date-is-none",
        "---\ntitle: t\ndate: not a date\n---\n본문이다.\n",
        FrontMatter(title="t"),
    ),
    Front("empty-fields", "---\ntitle:\ndate:\n---\n본문이다.\n", FrontMatter()),
    Front("not-a-mapping", "---\n- just\n- a list\n---\n본문이다.\n", FrontMatter()),
    # malformed YAML still yields title and date, and its keys never reach the body
    Front(
        "malformed-colons",
        "---\ntitle: 엔비디아: 실적 발표: 매출 증가\ndate: 2025-11-20\n---\n본문이다.\n",
        FrontMatter(title="엔비디아: 실적 발표: 매출 증가", published="2025-11-20"),
    ),
    Front(
        "malformed-unclosed-quote",
        "---\ntitle: \"unclosed quote\ndate: 2025-11-20\nauthor: 'x\n---\n본문이다.\n",
        FrontMatter(title="unclosed quote", published="2025-11-20"),
    ),
    Front(
        "malformed-tab-indent",
        "---\ntitle: 탭 들여쓰기\n\tdate: 2025-11-20\ndate: 2025-11-21\n---\n본문이다.\n",
        FrontMatter(title="탭 들여쓰기", published="2025-11-21"),
    ),
    # no front matter: the text is returned whole
    Front("none", "본문이다.\n---\n", FrontMatter(), body="본문이다.\n---\n"),
    Front("not-at-start", "\n---\ntitle: t\n---\n", FrontMatter(), body="\n---\ntitle: t\n---\n"),
]


@pytest.mark.parametrize("case", FRONT_MATTER_CASES, ids=str)
def test_split_front_matter(case: Front) -> None:
    assert split_front_matter(case.text) == (case.expected, case.body)


# YAML accepts "2025-13-45" as a timestamp and PyYAML raises ValueError building the date:
# such a date is no date, while the rest of the front matter and the body are still read
# (and a whole `extract` batch goes on, see tests/unit/ingest/test_files.py).
IMPOSSIBLE_DATES = ["2025-13-01", "2025-02-30", "2025-00-10"]


@pytest.mark.parametrize("date", IMPOSSIBLE_DATES)
def test_impossible_front_matter_date_is_no_date(date: str) -> None:
    text = f"---\ntitle: 제목\ndate: {date}\n---\n본문이다.\n"
    front, body = split_front_matter(text)
    assert front.published is None
    assert (front, body) == (FrontMatter(title="제목"), "본문이다.\n")


MARKDOWN_CASES = [
    ("# 제목", ["제목"]),
    ("**굵게** 그리고 *기울임* ~~취소~~ `코드`", ["굵게 그리고 기울임 취소 코드"]),
    ("[오픈AI](https://openai.com)가 발표했다.", ["오픈AI가 발표했다."]),
    ("![차트](chart.png)그림 설명", ["그림 설명"]),
    ("- 항목 하나\n* 항목 둘\n1. 번호 하나\n2) 번호 둘", ["항목 하나", "항목 둘", "번호 하나", "번호 둘"]),
    ("> 인용문이다.", ["인용문이다."]),
    ("```python\nprint('CODE')\n```\n다음 줄", ["다음 줄"]),
    ("~~~\ncode\n~~~", []),
    ("| 회사 | 금액 |\n|---|:---:|\n| 오픈AI | 400억 달러 |", ["회사 금액", "오픈AI 400억 달러"]),
    ("<b>태그</b>는 지운다", ["태그는 지운다"]),
    ("첫 줄\n\n셋째 줄", ["첫 줄", "", "셋째 줄"]),
    ("2*3*4 = 24", ["2*3*4 = 24"]),
]


@pytest.mark.parametrize(("text", "expected"), MARKDOWN_CASES, ids=[c[0][:20] for c in MARKDOWN_CASES])
def test_markdown_to_lines(text: str, expected: list[str]) -> None:
    assert markdown_to_lines(text) == expected
