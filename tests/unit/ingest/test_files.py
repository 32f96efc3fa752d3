"""Files and folders → Documents (`stackwatch.ingest.files`): every format, every failure named."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from stackwatch.errors import InputError, StackwatchError
from stackwatch.ingest import expand_paths, parse_article, read_documents
from stackwatch.records import Document

EN_BODY = (
    "CoreWeave said on Wednesday it had signed a six-year contract worth $14.2 billion "
    "to supply Meta with cloud computing capacity."
)
KO_BODY_1 = (
    "AI 반도체 스타트업 퓨리오사AI가 LG AI연구원에 2세대 신경망처리장치를 탑재한 "
    "서버를 공급한다고 22일 밝혔다."
)
KO_BODY_2 = "LG AI연구원은 이 서버로 초거대 AI 모델 엑사원의 추론 서비스를 운영할 계획이다."
KO_BODY_3 = "퓨리오사AI는 이번 공급을 계기로 국내외 데이터센터 고객을 늘려갈 방침이다."

HOSTILE_MARKERS = ("alert", "SCRIPT_MARKER", "STYLE_MARKER", "onerror", "onload", "javascript:", "<script")

HTML_PAGE = f"""<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<title>퓨리오사AI, LG AI연구원에 서버 공급 - 테크데일리</title>
<meta property="og:title" content="퓨리오사AI, LG AI연구원에 NPU 서버 공급">
<meta property="og:site_name" content="테크데일리">
<meta property="article:published_time" content="2025-07-22T09:00:00+09:00">
<style>.STYLE_MARKER {{ color: red; }} body {{ font-family: sans-serif; }}</style>
<script>var tracking = "SCRIPT_MARKER"; alert(1);</script>
</head>
<body onload="alert('onload')">
<nav><a href="/">홈</a> | <a href="/it">IT</a> | <a href="/biz">경제</a></nav>
<article>
<h1>퓨리오사AI, LG AI연구원에 NPU 서버 공급</h1>
<p>{KO_BODY_1}</p>
<p>{KO_BODY_2}</p>
<script>alert(1)</script>
<script>document.write("SCRIPT_MARKER")</script>
<img src="x.png" onerror="alert('onerror')">
<a href="javascript:alert(2)"><img src="y.png"></a>
<p>{KO_BODY_3}</p>
</article>
<footer>ⓒ 2025 테크데일리. All rights reserved.</footer>
</body>
</html>
"""

MD_POST = f"""---
title: "엔비디아, 엑스AI에 20억 달러 투자"
date: 2025-10-08
tags: [AI, 투자]
categories: news
---
# 엔비디아, 엑스AI에 20억 달러 투자

엔비디아가 일론 머스크의 **엑스AI**에 20억 달러를 [투자](https://example.com/x)한다고 8일 밝혔다.

![차트](chart.png)

- 이번 투자는 200억 달러 규모 자금 조달의 일부다.

```python
print("CODE_MARKER")
```
{KO_BODY_2}
"""

TXT_ARTICLE = f"""리벨리온, 사우디 아람코와 AI 반도체 공급 계약
입력 2025.07.28 17:42 | 수정 2025.07.28 18:05
공유하기
{KO_BODY_1}
{KO_BODY_2}
<저작권자 ⓒ 테크데일리, 무단전재 및 재배포 금지>
"""


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _one_document(path: Path) -> Document:
    [item] = list(read_documents(path))
    assert isinstance(item, Document), item
    return item


def _one_error(path: Path) -> StackwatchError:
    [item] = list(read_documents(path))
    assert isinstance(item, StackwatchError), item
    return item


# ---------------------------------------------------------------- .txt


def test_txt_article(tmp_path: Path) -> None:
    doc = _one_document(_write(tmp_path / "news" / "0728.txt", TXT_ARTICLE))
    assert doc == Document(
        doc="0728.txt",
        source=str(tmp_path / "news" / "0728.txt"),
        text=f"{KO_BODY_1}\n{KO_BODY_2}",
        title="리벨리온, 사우디 아람코와 AI 반도체 공급 계약",
        published="2025-07-28",
        format="txt",
    )


def test_txt_in_cp949_without_declaration(tmp_path: Path) -> None:
    text = TXT_ARTICLE.replace("리벨리온,", "똠방각하 햏자, 리벨리온,")
    doc = _one_document(_write(tmp_path / "legacy.txt", text.encode("cp949")))
    assert doc.title == "똠방각하 햏자, 리벨리온, 사우디 아람코와 AI 반도체 공급 계약"
    assert doc.text == f"{KO_BODY_1}\n{KO_BODY_2}"


def test_txt_truncated_mid_character_is_read(tmp_path: Path) -> None:
    data = TXT_ARTICLE.encode("utf-8").rstrip() + "다".encode()[:2]
    doc = _one_document(_write(tmp_path / "cut.txt", data))
    assert doc.text == f"{KO_BODY_1}\n{KO_BODY_2}"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        pytest.param(b"", "empty file", id="empty"),
        pytest.param(b"  \n\n\t ", "empty file", id="whitespace"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "not text (binary", id="png"),
        pytest.param("메뉴\n로그인\n검색\n".encode(), "no article text found", id="furniture-only"),
    ],
)
def test_bad_file_gives_one_error_naming_it(tmp_path: Path, content: bytes, reason: str) -> None:
    path = _write(tmp_path / "bad.txt", content)
    error = _one_error(path)
    assert isinstance(error, InputError)
    assert error.source == str(path)
    assert reason in error.message


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: the size is what matters
    error = _one_error(path)
    assert "too large (50.0 MB, limit 20.0 MB)" in error.message
    small = _write(tmp_path / "small.txt", TXT_ARTICLE)
    assert "too large" in _one_error_with_limit(small, 100).message


def _one_error_with_limit(path: Path, limit: int) -> StackwatchError:
    [item] = list(read_documents(path, max_bytes=limit))
    assert isinstance(item, StackwatchError)
    return item


def test_unreadable_path_is_an_error(tmp_path: Path) -> None:
    error = _one_error(tmp_path / "missing.txt")
    assert error.source == str(tmp_path / "missing.txt")
    assert "cannot read" in error.message


# ---------------------------------------------------------------- .md


def test_markdown_with_front_matter(tmp_path: Path) -> None:
    doc = _one_document(_write(tmp_path / "post.md", MD_POST))
    assert doc.title == "엔비디아, 엑스AI에 20억 달러 투자"
    assert doc.published == "2025-10-08"
    assert doc.tags == ("AI", "투자", "news")
    assert doc.format == "md"
    assert doc.text.splitlines() == [
        "엔비디아가 일론 머스크의 엑스AI에 20억 달러를 투자한다고 8일 밝혔다.",
        "이번 투자는 200억 달러 규모 자금 조달의 일부다.",
        KO_BODY_2,
    ]
    for leftover in ("---", "title:", "tags:", "CODE_MARKER", "chart.png", "https://", "**", "#"):
        assert leftover not in doc.text


def test_front_matter_in_a_txt_file_is_read_as_markdown(tmp_path: Path) -> None:
    doc = _one_document(_write(tmp_path / "post.txt", MD_POST))
    assert (doc.format, doc.title, doc.published) == ("md", "엔비디아, 엑스AI에 20억 달러 투자", "2025-10-08")


# an impossible front-matter date (PyYAML raises ValueError for it) is no date: the post is
# still read, with its title and body, and nothing escapes the iterator.
def test_impossible_front_matter_date_costs_nothing(tmp_path: Path) -> None:
    post = MD_POST.replace("date: 2025-10-08", "date: 2025-02-30")
    doc = _one_document(_write(tmp_path / "post.md", post))
    assert (doc.title, doc.published) == ("엔비디아, 엑스AI에 20억 달러 투자", None)
    assert doc.text.splitlines() == [
        "엔비디아가 일론 머스크의 엑스AI에 20억 달러를 투자한다고 8일 밝혔다.",
        "이번 투자는 200억 달러 규모 자금 조달의 일부다.",
        KO_BODY_2,
    ]


# ---------------------------------------------------------------- .html


def test_html_title_date_and_site_from_metadata(tmp_path: Path) -> None:
    doc = _one_document(_write(tmp_path / "page.html", HTML_PAGE))
    assert doc.title == "퓨리오사AI, LG AI연구원에 NPU 서버 공급"
    assert doc.published == "2025-07-22"
    assert doc.site == "테크데일리"
    assert doc.format == "html"
    assert doc.text.splitlines() == [KO_BODY_1, KO_BODY_2, KO_BODY_3]


def test_html_scripts_styles_and_handlers_never_reach_the_text(tmp_path: Path) -> None:
    doc = _one_document(_write(tmp_path / "page.html", HTML_PAGE))
    for marker in HOSTILE_MARKERS:
        assert marker not in doc.text
        assert marker not in (doc.title or "")


def test_html_in_cp949_with_declared_euc_kr(tmp_path: Path) -> None:
    page = HTML_PAGE.replace('<meta charset="utf-8">', '<meta charset="euc-kr">').replace(
        KO_BODY_3, "똠방각하와 햏자도 퓨리오사AI의 이번 공급 소식에 놀랐다고 관계자들이 전했다."
    )
    doc = _one_document(_write(tmp_path / "page.htm", page.encode("cp949")))
    assert (
        doc.text.splitlines()[-1]
        == "똠방각하와 햏자도 퓨리오사AI의 이번 공급 소식에 놀랐다고 관계자들이 전했다."
    )


def test_html_title_tag_without_metadata_loses_the_site_name() -> None:
    page = (
        "<html><head><title>퓨리오사AI, LG AI연구원에 서버 공급 - 테크데일리</title></head>"
        f"<body><article><p>{KO_BODY_1}</p><p>{KO_BODY_2}</p></article></body></html>"
    )
    doc = parse_article(page, doc="p.html", source="p.html", fmt="html")
    assert (doc.title, doc.published, doc.site) == ("퓨리오사AI, LG AI연구원에 서버 공급", None, None)


def test_html_dateline_in_the_body_gives_the_date() -> None:
    page = (
        "<html><head><title>퓨리오사AI, LG AI연구원에 서버 공급</title></head><body><article>"
        f"<p>입력 2025.07.22 09:00</p><p>{KO_BODY_1}</p><p>{KO_BODY_2}</p></article></body></html>"
    )
    doc = parse_article(page, doc="p.html", source="p.html", fmt="html")
    assert doc.published == "2025-07-22"
    assert doc.text.splitlines() == [KO_BODY_1, KO_BODY_2]


def test_html_detected_in_a_txt_file(tmp_path: Path) -> None:
    doc = _one_document(_write(tmp_path / "saved.txt", HTML_PAGE))
    assert doc.format == "html"
    assert doc.title == "퓨리오사AI, LG AI연구원에 NPU 서버 공급"


def test_html_without_any_text_is_an_error(tmp_path: Path) -> None:
    page = "<html><head><script>alert(1)</script><style>p { color: red; }</style></head><body></body></html>"
    error = _one_error(_write(tmp_path / "empty.html", page))
    assert "no article text found" in error.message


# when everything trafilatura finds is furniture, the HTML branch of parse_article refuses
# the page as the text branch does, rather than giving a Document with empty text.
def test_html_with_furniture_only_is_an_error(tmp_path: Path) -> None:
    page = (
        "<html><head><title>A page title here</title></head><body><article>"
        "<p>입력 2025.07.22 09:00</p><p>로그인</p><p>공유하기</p><p>[광고] 지금 가입하면 첫 달 무료</p>"
        "</article></body></html>"
    )
    error = _one_error(_write(tmp_path / "furniture.html", page))
    assert "no article text found" in error.message


# ---------------------------------------------------------------- .jsonl

JSONL_LINES = [
    '{"text": "' + EN_BODY + '", "title": "CoreWeave signs Meta deal", "published": "2025-10-22", '
    '"url": "https://example.com/a", "source": "Example Wire"}',
    '{"text": "broken json line',
    '{"html": "<html><head><title>Page title</title></head><body><article><p>Samsung Electronics has won '
    "an order to supply its HBM4 memory chips to Nvidia, two people familiar with the matter said.</p>"
    '<script>alert(1)</script></article></body></html>"}',
    "",
    '{"title": "no body at all", "published": "2025-10-22"}',
    '{"text": "   ", "html": ""}',
    "[1, 2]",
    '{"text": "Nvidia said on Thursday that it would invest up to $100 billion in OpenAI over the next '
    'several years.", "published": "October 23, 2025", "extra": "ignored"}',
]


def _jsonl_items(tmp_path: Path) -> list[Document | StackwatchError]:
    return list(read_documents(_write(tmp_path / "batch.jsonl", "\n".join(JSONL_LINES) + "\n")))


def test_jsonl_good_lines_yield_documents_in_order(tmp_path: Path) -> None:
    docs = [item for item in _jsonl_items(tmp_path) if isinstance(item, Document)]
    assert [d.doc for d in docs] == ["https://example.com/a", "batch.jsonl:3", "batch.jsonl:8"]
    first, second, third = docs
    assert (first.title, first.published, first.url, first.site, first.text) == (
        "CoreWeave signs Meta deal",
        "2025-10-22",
        "https://example.com/a",
        "Example Wire",
        EN_BODY,
    )
    assert (second.format, second.title) == ("html", "Page title")
    assert second.text.startswith("Samsung Electronics has won an order")
    assert "alert" not in second.text
    assert third.published == "2025-10-23"


def test_jsonl_each_bad_line_is_one_error_naming_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    errors = [item for item in _jsonl_items(tmp_path) if isinstance(item, StackwatchError)]
    assert [e.source for e in errors] == [f"{path}:2", f"{path}:5", f"{path}:6", f"{path}:7"]
    assert all(isinstance(e, InputError) for e in errors)
    assert "not a JSON object" in errors[0].message
    assert "'text' or 'html'" in errors[1].message
    assert "'text' or 'html'" in errors[2].message
    assert all(str(e).startswith(f"{e.source}: ") for e in errors)


def test_jsonl_outcomes_keep_line_order(tmp_path: Path) -> None:
    items = _jsonl_items(tmp_path)
    kinds = ["doc" if isinstance(item, Document) else "error" for item in items]
    assert kinds == ["doc", "error", "doc", "error", "error", "error", "doc"]


def test_jsonl_that_is_binary_is_one_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "b.jsonl", b"\x00\x01\x02" * 100)
    error = _one_error(path)
    assert (error.source, "not text" in error.message) == (str(path), True)


def test_jsonl_with_bom_and_crlf(tmp_path: Path) -> None:
    data = codecs.BOM_UTF8 + (JSONL_LINES[0] + "\r\n" + JSONL_LINES[7] + "\r\n").encode()
    items = list(read_documents(_write(tmp_path / "crlf.jsonl", data)))
    assert [type(i) for i in items] == [Document, Document]


# ---------------------------------------------------------------- folders


def _tree(root: Path) -> None:
    # written in reverse order so the file system's own order cannot pass for sorting
    for name in ["z.txt", "sub/b.md", "sub/a.html", "a.txt", "M.TXT", "sub/deeper/c.jsonl"]:
        _write(root / name, TXT_ARTICLE)
    for skipped in [
        "README.md",
        "readme.txt",
        ".hidden.txt",
        ".git/x.txt",
        "sub/.cache/y.txt",
        "notes.json",
        "image.png",
        "script.py",
    ]:
        _write(root / skipped, TXT_ARTICLE)


def test_folders_are_recursed_in_sorted_order_skipping_readme_and_hidden(tmp_path: Path) -> None:
    _tree(tmp_path)
    found = [p.relative_to(tmp_path).as_posix() for p in expand_paths([tmp_path]) if isinstance(p, Path)]
    # a folder's files (sorted), then its subfolders (sorted), recursively
    assert found == ["M.TXT", "a.txt", "z.txt", "sub/a.html", "sub/b.md", "sub/deeper/c.jsonl"]


def test_files_given_by_name_are_kept_as_given(tmp_path: Path) -> None:
    _tree(tmp_path)
    given = [tmp_path / "z.txt", tmp_path / "README.md", tmp_path / ".hidden.txt", tmp_path / "a.txt"]
    assert list(expand_paths(given)) == given


def test_missing_path_is_one_error_in_its_place(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", TXT_ARTICLE)
    items = list(expand_paths([tmp_path / "a.txt", tmp_path / "nope", str(tmp_path / "also-missing.md")]))
    assert items[0] == tmp_path / "a.txt"
    assert [(type(i), i.source, i.message) for i in items[1:] if isinstance(i, StackwatchError)] == [
        (InputError, str(tmp_path / "nope"), "no such file or folder"),
        (InputError, str(tmp_path / "also-missing.md"), "no such file or folder"),
    ]
    assert len(items) == 3


def test_empty_folder_yields_nothing(tmp_path: Path) -> None:
    assert list(expand_paths([tmp_path])) == []


# ---------------------------------------------------------------- smoke


def test_smoke_dev_texts_read_without_exceptions(shared_dir: Path) -> None:
    """Every dev-set text reads as a Document or a named error; nothing raises."""
    files = sorted((shared_dir / "data" / "dev").glob("*.txt"))
    if not files:
        pytest.skip("no dev texts")
    for path in files:
        for item in read_documents(path):
            assert isinstance(item, Document | StackwatchError)
            if isinstance(item, Document):
                assert item.doc == path.name
                assert item.text.strip()
