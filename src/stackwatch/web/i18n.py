"""The dashboard's two languages: Korean by default, English on request.

The words live in `messages.yaml`; a page picks its language from `?lang=`, then the
`lang` cookie, then Korean.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from typing import Any

import yaml
from fastapi import Request

from stackwatch.prose import english_amount, english_date, korean_amount, korean_date

LANGUAGES = ("ko", "en")
DEFAULT_LANGUAGE = "ko"
COOKIE = "lang"


@functools.cache
def _messages() -> dict[str, dict[str, dict[str, str]]]:
    text = resources.files("stackwatch.web").joinpath("messages.yaml").read_text(encoding="utf-8")
    loaded: dict[str, dict[str, dict[str, str]]] = yaml.safe_load(text)
    return loaded


def request_language(request: Request) -> str:
    """`?lang=` when it names a language we have, else the cookie, else Korean."""
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return str(asked)
    kept = request.cookies.get(COOKIE)
    return kept if kept in LANGUAGES else DEFAULT_LANGUAGE


@dataclass(frozen=True, slots=True)
class Words:
    """The words of one language, for templates: `t("deals")`, `label("layer", "model")`."""

    lang: str

    def t(self, key: str, **values: Any) -> str:
        text = self._lookup("ui", key)
        return text.format(**values) if values else text

    def label(self, group: str, key: str | None) -> str:
        if not key:
            return ""
        return self._lookup(group, key)

    def _lookup(self, group: str, key: str) -> str:
        entry = _messages().get(group, {}).get(key)
        if not entry:
            return key.replace("_", " ")
        return entry.get(self.lang) or entry.get("en") or key

    def usd(self, usd: float | None) -> str:
        """A dollar figure the reader's way: 380억 달러 / $38 billion."""
        if usd is None:
            return ""
        value = Decimal(round(usd))
        return korean_amount(value, "USD") if self.lang == "ko" else english_amount(value, "USD")

    def date(self, value: str | None) -> str:
        if not value:
            return ""
        try:
            return korean_date(value) if self.lang == "ko" else english_date(value)
        except ValueError:
            return value

    def month(self, value: str) -> str:
        return self.date(value[:7])
