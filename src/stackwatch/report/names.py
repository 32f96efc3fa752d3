"""How a report writes an entity's name, and the record of every name it wrote.

English reports write the canonical name (OpenAI, Anthropic, Yann LeCun). Korean reports
write the first Hangul name the knowledge base lists for companies, people and
institutions (오픈AI, 앤트로픽, 얀 르쿤), as Korean newspapers do, and the canonical name
for products (GPT-5.1, Claude Opus 4.5) and for entities the knowledge base lacks. Every
name written is recorded with the entity's other names, so the verifier knows it.
"""

from __future__ import annotations

import re

from stackwatch.kb import KnowledgeBase
from stackwatch.store import Store, analytics

__all__ = ["Names"]

_HANGUL = re.compile(r"[가-힣]")
_TRANSLATED_TYPES = frozenset({"company", "investor", "person", "government", "organization"})
MIN_NAME = 2


class Names:
    """Display names for one report (one language), remembering what it wrote."""

    def __init__(self, store: Store, kb: KnowledgeBase | None, lang: str) -> None:
        self._store = store
        self._kb = kb
        self._lang = lang
        self._used: dict[str, set[str]] = {}

    def of(self, entity_id: str, canonical: str) -> str:
        """The name to write for an entity; recorded for the report's names list."""
        shown = self._display(entity_id, canonical)
        if shown not in self._used:
            aliases = {canonical}
            known = self._kb.get(entity_id) if self._kb is not None else None
            if known is not None:
                aliases.update(known.aliases)
            aliases.update(analytics.entity_aliases(self._store, [entity_id]).get(entity_id, ()))
            self._used[shown] = {a for a in aliases if len(a) >= MIN_NAME}
        return shown

    def _display(self, entity_id: str, canonical: str) -> str:
        if self._lang != "ko" or self._kb is None:
            return canonical
        known = self._kb.get(entity_id)
        if known is None or known.type not in _TRANSLATED_TYPES or _HANGUL.search(canonical):
            return canonical
        for alias in known.aliases:
            if _HANGUL.search(alias) and len(alias) >= MIN_NAME and "(" not in alias:
                return alias
        return canonical

    def used(self) -> dict[str, list[str]]:
        """Every name written → the entity's other names, for the `stackwatch:names` comment."""
        return {name: sorted(aliases - {name}) for name, aliases in sorted(self._used.items())}
