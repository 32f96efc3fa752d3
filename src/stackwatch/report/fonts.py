"""A Korean font inside the HTML report, so Hangul never shows as boxes on a machine without one.

The report may be opened where no Korean font is installed (a server, a fresh container,
a headless browser). Fetching a web font would be an external request, so the bundled
NanumGothic (from koreanize-matplotlib, as for the charts) is cut down to the characters
the report uses (typically ~100 KB) and inlined as a `data:` URL. It comes first in the
font stack: as a mere fallback behind a system font without Hangul, headless Chromium
drew some Hangul runs as boxes; first, it draws every character the report contains.
"""

from __future__ import annotations

import base64
import io
import logging

from fontTools import subset

from stackwatch.errors import ConfigError
from stackwatch.prose import korean_font_path

__all__ = ["FONT_FAMILY", "embedded_font_face"]

logger = logging.getLogger(__name__)

FONT_FAMILY = "Stackwatch Nanum Gothic"
# NanumGothic carries Visual TrueType source tables that fontTools cannot subset; they
# are only needed to edit hints, never to draw.
_DROPPED_TABLES = ["TSI0", "TSI1", "TSI2", "TSI3", "TSI5"]


def embedded_font_face(text: str) -> str:
    """An `@font-face` rule with the bundled font reduced to the characters of `text`; "" if unavailable."""
    if not any("\uac00" <= ch <= "\ud7a3" or "\u3131" <= ch <= "\u318e" for ch in text):
        return ""
    try:
        path = korean_font_path()
    except ConfigError as exc:
        logger.warning("no Korean font to embed: %s", exc)
        return ""
    options = subset.Options()
    options.hinting = False
    options.desubroutinize = True
    options.drop_tables = [*options.drop_tables, *_DROPPED_TABLES]
    font = subset.load_font(io.BytesIO(path.read_bytes()), options)  # a path would leave the file open
    try:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        buffer = io.BytesIO()
        font.save(buffer)
    finally:
        font.close()
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (
        f'@font-face {{ font-family: "{FONT_FAMILY}"; font-display: block;'
        f' src: url(data:font/ttf;base64,{data}) format("truetype"); }}'
    )
