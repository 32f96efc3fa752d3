"""Bytes → text in any encoding Korean sites use, with bad input refused early.

Order of trust: a byte-order mark (UTF-8, UTF-16), then strict UTF-8, then a declared
charset (an HTTP header's, then the page's <meta>; EUC-KR is read as CP949, its superset),
then charset-normalizer's guess.
Naive `decode("euc-kr")` loses the CP949-only syllables (똠, 햏) — see
notes/stack-measured.md §2.4 — so EUC-KR is never used as such.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from stackwatch.errors import InputError

MAX_INPUT_BYTES = 20 * 1024 * 1024  # a news page is < 2 MB; anything 10x that is not an article
_SNIFF_BYTES = 8192
# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")
_DECLARED = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
# Charset names that mean "Korean, legacy": all read as CP949, which is a superset.
_KOREAN_LEGACY = {
    "euc-kr",
    "euc_kr",
    "euckr",
    "ks_c_5601-1987",
    "ksc5601",
    "korean",
    "cp949",
    "uhc",
    "x-windows-949",
}
KOREAN_SHARE_OF_NON_ASCII = 0.5  # CP949 that does not read as mostly Hangul was another encoding
_REPLACEMENT_SHARE_LIMIT = 0.01  # more than 1% U+FFFD after decoding means we guessed wrong


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str
    repaired: bool = False  # True when a truncated tail (a cut multi-byte character) was dropped


def describe_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size} bytes"


def check_size(size: int, *, source: str, limit: int = MAX_INPUT_BYTES) -> None:
    """Refuse empty and oversized inputs before reading them."""
    if size == 0:
        raise InputError("empty file; skipped", source=source)
    if size > limit:
        raise InputError(
            f"too large ({describe_size(size)}, limit {describe_size(limit)}); skipped",
            source=source,
        )


def decode_bytes(data: bytes, *, source: str, declared: str | None = None) -> DecodedText:
    """Decode an article's bytes or raise InputError saying why it is not text.

    `declared` is a charset stated outside the bytes (an HTTP Content-Type header); as in
    browsers it outranks the page's own <meta>, but not a BOM or valid UTF-8.
    """
    if not data.strip():
        raise InputError("empty file; skipped", source=source)
    bom = _decode_with_bom(data, source=source)
    if bom is not None:
        return bom
    if _looks_binary(data[:_SNIFF_BYTES]):
        raise InputError(f"not text (binary, {describe_size(len(data))}); skipped", source=source)
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and _is_cut_utf8(data[exc.start :]):
            return DecodedText(data[: exc.start].decode("utf-8"), "utf-8", repaired=True)
    for charset in filter(None, (_known_charset(declared), _declared_charset(data))):
        decoded = _try_decode(data, charset)
        if decoded is not None:
            return DecodedText(decoded, charset)
    # Undeclared legacy text here is nearly always Korean: CP949 first, when it reads as Hangul
    # (charset-normalizer mistakes short Korean for UTF-16 or Big5).
    korean = _try_cp949(data)
    if korean is not None:
        return korean
    guess = _guess_charset(data)
    if guess and not (guess.startswith("utf_16") or guess.startswith("utf-16")):
        decoded = _try_decode(data, guess)
        if decoded is not None:
            return DecodedText(decoded, guess)
    raise InputError("cannot decode as UTF-8, CP949 or UTF-16; skipped", source=source)


def _try_cp949(data: bytes) -> DecodedText | None:
    """CP949 text, repaired when the file was cut inside a two-byte character."""
    repaired = False
    decoded = _try_decode(data, "cp949")
    if decoded is None and len(data) > 1 and 0x81 <= data[-1] <= 0xFE:
        decoded, repaired = _try_decode(data[:-1], "cp949"), True
    if decoded is None:
        return None
    wide = [ch for ch in decoded if ord(ch) > 0x7F]
    hangul = sum(1 for ch in wide if "가" <= ch <= "힣")
    if wide and hangul < KOREAN_SHARE_OF_NON_ASCII * len(wide):
        return None
    return DecodedText(decoded, "cp949", repaired=repaired)


def _decode_with_bom(data: bytes, *, source: str) -> DecodedText | None:
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
        if not text.strip():
            raise InputError("empty file; skipped", source=source)
        return DecodedText(text, "utf-8-sig")
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            body = data[len(bom) :]
            if len(body) % 2:
                body = body[:-1]  # a file cut in the middle of a code unit
            try:
                text = body.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"not valid UTF-16 ({exc.reason}); skipped", source=source) from exc
            if not text.strip():
                raise InputError("empty file; skipped", source=source)
            return DecodedText(text, "utf-16")
    return None


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    return len(_CONTROL.findall(head)) > max(8, len(head) // 100)


def _is_cut_utf8(tail: bytes) -> bool:
    """True when `tail` is the start of a multi-byte UTF-8 character and nothing more."""
    lead = tail[0]
    expected = 2 if lead >> 5 == 0b110 else 3 if lead >> 4 == 0b1110 else 4 if lead >> 3 == 0b11110 else 0
    return 0 < len(tail) < expected and all(b >> 6 == 0b10 for b in tail[1:])


def _declared_charset(data: bytes) -> str | None:
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    return _known_charset(match.group(1).decode("ascii", errors="ignore"))


def _known_charset(name: str | None) -> str | None:
    """A declared charset's codec name; None when unknown, or UTF-16/32 without a BOM
    (such bytes would have no NULs, so the declaration is wrong)."""
    name = (name or "").strip().strip("\"'").lower()
    if name in _KOREAN_LEGACY:
        return "cp949"
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return None if codec.startswith(("utf-16", "utf-32")) else codec


def _guess_charset(data: bytes) -> str | None:
    best = from_bytes(data[:65536]).best()
    if best is None:
        return None
    name = str(best.encoding).lower()
    return "cp949" if name in _KOREAN_LEGACY else name


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    if text.count("\ufffd") > _REPLACEMENT_SHARE_LIMIT * max(len(text), 1):
        return None
    return text
