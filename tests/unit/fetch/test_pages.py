"""Fetched pages → Documents (`stackwatch.fetch.pages`): decoded as files are, header charset first."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from stackwatch.errors import InputError
from stackwatch.fetch import Fetcher, FetchOptions, Page, page_document

from .local_site import Reply, Site

FAST = FetchOptions(backoff=0.01, timeout=2.0)
TITLE = "리벨리온, 시리즈C 투자 유치"
# 똠 and 햏 exist in CP949 but not in EUC-KR: they survive only when CP949 is used.
BODY = (
    "AI 반도체 스타트업 리벨리온이 시리즈C 투자를 유치했다고 30일 밝혔다.",
    "회사는 이번 투자로 데이터센터용 추론 칩 양산을 앞당길 계획이다.",
    "똠방각하라는 별명의 투자자와 햏자 커뮤니티도 이 소식에 주목했다.",
)


def article(meta: str = "") -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in BODY)
    return (
        f"<html><head>{meta}<title>{TITLE}</title></head>"
        f"<body><article><h1>{TITLE}</h1>{paragraphs}</article></body></html>"
    )


def page(data: bytes, content_type: str | None = "text/html", charset: str | None = None) -> Page:
    url = "https://news.example.com/a/1"
    return Page(url=url, requested_url=url, status=200, content_type=content_type, charset=charset, data=data)


# --- from the rules: a fetched page becomes a Document ---


def test_fetched_page_becomes_document(site: Site) -> None:
    site.routes["/old"] = Reply(status=301, headers=(("Location", "/news/1"),))
    site.routes["/news/1"] = Reply(article().encode("utf-8"))
    with Fetcher(FAST) as fetcher:
        fetched = fetcher.get(site.url("/old"))
    assert isinstance(fetched, Page)
    document = page_document(fetched)
    url = site.url("/news/1")
    assert (document.doc, document.source, document.url) == (url, url, url)
    assert document.title == TITLE
    assert document.format == "html"
    assert document.text.splitlines() == list(BODY)


@pytest.mark.parametrize(
    ("content_type", "meta"),
    [
        ("text/html; charset=euc-kr", ""),
        ("text/html", '<meta charset="euc-kr">'),
        ("text/html; charset=ks_c_5601-1987", ""),
    ],
    ids=["header", "meta", "header-alias"],
)
def test_euc_kr_page_decodes_to_hangul(site: Site, content_type: str, meta: str) -> None:
    site.routes["/a"] = Reply(article(meta).encode("cp949"), content_type=content_type)
    with Fetcher(FAST) as fetcher:
        fetched = fetcher.get(site.url("/a"))
    assert isinstance(fetched, Page)
    document = page_document(fetched)
    assert document.title == TITLE
    assert "똠방각하" in document.text
    assert "햏자" in document.text


# --- from the rules: what the header charset changes ---


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    encoding: str
    charset: str | None

    def __str__(self) -> str:
        return self.name


CHARSET_CASES = [
    # Without the header these read as Korean or Hebrew mojibake (guessing cannot tell).
    Case("euc-jp by header", "日本の人工知能スタートアップが資金調達を発表した。", "euc-jp", "EUC-JP"),
    Case("koi8-r by header", "Российский стартап привлёк инвестиции в ИИ.", "koi8-r", "koi8-r"),
    # A wrong header loses to valid UTF-8 and to the page's own <meta>.
    Case("utf-8 despite header", "리벨리온이 투자를 유치했다.", "utf-8", "euc-kr"),
    Case("cp949 despite utf-8 header", "리벨리온이 투자를 유치했다. 똠방각하.", "cp949", "utf-8"),
]


@pytest.mark.parametrize("case", CHARSET_CASES, ids=str)
def test_header_charset_is_honoured(case: Case) -> None:
    meta = '<meta charset="euc-kr">' if case.encoding == "cp949" else ""
    markup = f"<html><head>{meta}<title>t</title></head><body><p>{case.text}</p></body></html>"
    document = page_document(page(markup.encode(case.encoding), charset=case.charset))
    assert case.text in document.text


@pytest.mark.parametrize(
    ("content_type", "fmt"),
    [("text/plain", "txt"), ("text/markdown", "md"), (None, "txt")],
)
def test_text_pages_keep_their_format(content_type: str | None, fmt: str) -> None:
    text = "\n\n".join(BODY).encode("utf-8")
    document = page_document(page(text, content_type=content_type))
    assert document.format == fmt
    assert document.text.splitlines() == list(BODY)
    assert document.doc == "https://news.example.com/a/1"


def test_binary_page_is_input_error() -> None:
    with pytest.raises(InputError) as caught:
        page_document(page(b"\x00\x01\x02PNG" * 100))
    assert caught.value.source == "https://news.example.com/a/1"
    assert "not text" in caught.value.message
