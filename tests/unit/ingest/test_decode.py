"""Bytes → text (`stackwatch.ingest.decode`): every encoding Korean sites use, bad input refused."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import pytest

from stackwatch.errors import InputError
from stackwatch.ingest.decode import MAX_INPUT_BYTES, check_size, decode_bytes

# 똠 and 햏 exist in CP949 but not in EUC-KR: they survive only when CP949 is used.
KOREAN = "AI 반도체 스타트업 리벨리온이 시리즈C 투자를 유치했다고 30일 밝혔다. 똠방각하와 햏자도 놀랐다."
ENGLISH = "CoreWeave signed a six-year contract worth $14.2 billion with Meta, the company said."
ARTICLE_KO = "\n".join(
    [
        "네이버, 두나무와 합병 발표",
        "네이버는 두나무와 포괄적 주식 교환 방식으로 합병한다고 26일 발표했다.",
        "두 회사는 합병 뒤 인공지능과 블록체인 사업을 함께 키우기로 했다.",
        "똠방각하라는 별명의 투자자와 햏자 커뮤니티도 이 소식에 주목했다.",
    ]
)


@dataclass(frozen=True)
class Decoded:
    """Bytes that must decode to `text` with `encoding`."""

    name: str
    data: bytes
    text: str
    encoding: str
    repaired: bool = False

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Refused:
    """Bytes that must be refused with an InputError whose message contains `reason`."""

    name: str
    data: bytes
    reason: str

    def __str__(self) -> str:
        return self.name


def _html(charset_meta: str, body: str) -> bytes:
    page = f"<html><head>{charset_meta}<title>리벨리온</title></head><body><p>{body}</p></body></html>"
    return page.encode("cp949")


def _page_text(charset_meta: str, body: str) -> str:
    return f"<html><head>{charset_meta}<title>리벨리온</title></head><body><p>{body}</p></body></html>"


EUC_KR_META = '<meta charset="euc-kr">'
KSC_META = '<meta http-equiv="Content-Type" content="text/html; charset=ks_c_5601-1987">'

DECODED_CASES = [
    # from the rules: byte-order marks first, then strict UTF-8
    Decoded("utf-8", KOREAN.encode("utf-8"), KOREAN, "utf-8"),
    Decoded("utf-8-english", ENGLISH.encode("utf-8"), ENGLISH, "utf-8"),
    Decoded("utf-8-bom", codecs.BOM_UTF8 + KOREAN.encode("utf-8"), KOREAN, "utf-8-sig"),
    Decoded("utf-16-le-bom", codecs.BOM_UTF16_LE + KOREAN.encode("utf-16-le"), KOREAN, "utf-16"),
    Decoded("utf-16-be-bom", codecs.BOM_UTF16_BE + KOREAN.encode("utf-16-be"), KOREAN, "utf-16"),
    # a UTF-16 file cut in the middle of a code unit loses only that half unit
    Decoded(
        "utf-16-le-odd-length",
        codecs.BOM_UTF16_LE + KOREAN.encode("utf-16-le") + b"\x00",
        KOREAN,
        "utf-16",
    ),
    # legacy Korean: a declared EUC-KR page is read as CP949, its superset
    Decoded(
        "cp949-declared-euc-kr",
        _html(EUC_KR_META, KOREAN),
        _page_text(EUC_KR_META, KOREAN),
        "cp949",
    ),
    Decoded(
        "cp949-declared-ks_c_5601",
        _html(KSC_META, KOREAN),
        _page_text(KSC_META, KOREAN),
        "cp949",
    ),
    Decoded("cp949-undeclared-article", ARTICLE_KO.encode("cp949"), ARTICLE_KO, "cp949"),
    # truncated UTF-8: the cut character is dropped, the rest kept, and that is said
    Decoded("utf-8-cut-after-1-of-3-bytes", KOREAN.encode() + "가".encode()[:1], KOREAN, "utf-8", True),
    Decoded("utf-8-cut-after-2-of-3-bytes", KOREAN.encode() + "가".encode()[:2], KOREAN, "utf-8", True),
    Decoded("utf-8-cut-after-3-of-4-bytes", ENGLISH.encode() + "😀".encode()[:3], ENGLISH, "utf-8", True),
    Decoded("utf-8-cut-between-characters", KOREAN.encode()[:-1], KOREAN[:-1], "utf-8", False),
]


@pytest.mark.parametrize("case", DECODED_CASES, ids=str)
def test_decode_bytes(case: Decoded) -> None:
    decoded = decode_bytes(case.data, source=f"news/{case.name}.txt")
    assert decoded.text == case.text
    assert decoded.encoding == case.encoding
    assert decoded.repaired is case.repaired


@pytest.mark.parametrize("case", [c for c in DECODED_CASES if c.encoding == "cp949"], ids=str)
def test_cp949_only_syllables_survive(case: Decoded) -> None:
    text = decode_bytes(case.data, source="x").text
    assert "똠방각하" in text
    assert "햏자" in text


SHORT_CP949 = [
    # a short undeclared CP949 text is read as CP949, not as the Big5 or UTF-16 mojibake that
    # charset-normalizer's guess gives for it (the ids name the wrong guess for each text).
    pytest.param("오픈AI 계약", id="cp949-short-big5-guess"),
    pytest.param("리벨리온 투자 유치", id="cp949-short-utf16le-guess"),
    pytest.param("SK하이닉스 실적 발표", id="cp949-short-utf16be-guess"),
    pytest.param("똠 햏", id="cp949-short-only-cp949-syllables"),
    pytest.param("네이버, 두나무와 합병 발표", id="cp949-short-headline"),
]


@pytest.mark.parametrize("text", SHORT_CP949)
def test_short_undeclared_cp949(text: str) -> None:
    decoded = decode_bytes(text.encode("cp949"), source="short.txt")
    assert (decoded.text, decoded.encoding) == (text, "cp949")


def test_truncated_cp949_is_repaired() -> None:
    """A CP949 file cut in the middle of a character is repaired, as UTF-8 is, not refused."""
    data = ARTICLE_KO.encode("cp949") + "가".encode("cp949")[:1]
    decoded = decode_bytes(data, source="cut.txt")
    assert (decoded.text, decoded.encoding, decoded.repaired) == (ARTICLE_KO, "cp949", True)


PNG_HEAD = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"

REFUSED_CASES = [
    # from the rules: nothing to read
    Refused("empty", b"", "empty file"),
    Refused("whitespace-only", b" \n\t\r\n  \n", "empty file"),
    # binary: NUL bytes or many control characters in the first bytes
    Refused("png", PNG_HEAD + bytes(range(256)) * 4, "not text (binary"),
    Refused("nul-bytes-in-text", b"OpenAI signed a deal\x00 with Oracle\x00" * 20, "not text"),
    Refused("control-characters", bytes(range(1, 9)) * 50, "not text"),
    Refused("pdf-like", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00<<>>\x00stream\x00" * 10, "not text"),
    Refused("utf-16-lone-surrogate", codecs.BOM_UTF16_LE + b"A\x00\x00\xd8B\x00", "not valid UTF-16"),
]


@pytest.mark.parametrize("case", REFUSED_CASES, ids=str)
def test_decode_bytes_refuses(case: Refused) -> None:
    source = f"news/{case.name}.bin"
    with pytest.raises(InputError) as caught:
        decode_bytes(case.data, source=source)
    assert case.reason in caught.value.message
    assert caught.value.source == source
    assert str(caught.value).startswith(f"{source}: ")


def test_binary_message_gives_the_size() -> None:
    with pytest.raises(InputError, match=r"not text \(binary, 1\.0 KB\); skipped"):
        decode_bytes(PNG_HEAD[:24] + bytes(1000), source="image.png")


# a byte-order mark followed by nothing (or only whitespace) is an empty file, refused as such.
EMPTY_AFTER_BOM = [
    pytest.param(codecs.BOM_UTF8, id="utf-8-bom-only"),
    pytest.param(codecs.BOM_UTF8 + b"  \n\t\n", id="utf-8-bom-whitespace"),
    pytest.param(codecs.BOM_UTF16_LE, id="utf-16-le-bom-only"),
    pytest.param(codecs.BOM_UTF16_BE + " \n".encode("utf-16-be"), id="utf-16-be-bom-whitespace"),
]


@pytest.mark.parametrize("data", EMPTY_AFTER_BOM)
def test_bom_then_nothing_is_empty(data: bytes) -> None:
    with pytest.raises(InputError, match="empty file"):
        decode_bytes(data, source="bom.txt")


@dataclass(frozen=True)
class Size:
    name: str
    size: int
    limit: int
    reason: str | None  # None: accepted

    def __str__(self) -> str:
        return self.name


MB = 1024 * 1024
SIZE_CASES = [
    Size("zero-bytes", 0, MAX_INPUT_BYTES, "empty file; skipped"),
    Size("one-byte", 1, MAX_INPUT_BYTES, None),
    Size("a-news-page", 2 * MB, MAX_INPUT_BYTES, None),
    Size("exactly-the-limit", MAX_INPUT_BYTES, MAX_INPUT_BYTES, None),
    Size("one-byte-over", MAX_INPUT_BYTES + 1, MAX_INPUT_BYTES, "too large ("),
    Size("fifty-mb", 50 * MB, MAX_INPUT_BYTES, "too large (50.0 MB, limit 20.0 MB); skipped"),
    Size("custom-limit-kb", 3 * 1024, 2 * 1024, "too large (3.0 KB, limit 2.0 KB); skipped"),
    Size("custom-limit-bytes", 101, 100, "too large (101 bytes, limit 100 bytes); skipped"),
    Size("custom-limit-ok", 100, 100, None),
]


@pytest.mark.parametrize("case", SIZE_CASES, ids=str)
def test_check_size(case: Size) -> None:
    if case.reason is None:
        check_size(case.size, source="a.txt", limit=case.limit)
        return
    with pytest.raises(InputError) as caught:
        check_size(case.size, source="a.txt", limit=case.limit)
    assert case.reason in caught.value.message
    assert caught.value.source == "a.txt"


def test_default_limit_is_twenty_megabytes() -> None:
    assert MAX_INPUT_BYTES == 20 * MB
    with pytest.raises(InputError, match="too large"):
        check_size(MAX_INPUT_BYTES + 1, source="big.html")
