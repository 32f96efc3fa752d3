"""Korean morphemes with kiwipiepy, loaded once per process with the knowledge base's names.

Kiwi costs about 3 s and 500 MB to load and 10–20 ms per thousand characters to run
(notes §1), so the extractor calls it only where it pays: to tell whether a word found
next to a cue ("미국 스타트업 ___") is a proper noun. `morphemes()` gives the full analysis
for the search index and other callers that need every token.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

logger = logging.getLogger(__name__)

_PROPER_TAGS = frozenset({"NNP", "SL", "SH", "SN"})
_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class Morpheme:
    form: str
    tag: str
    start: int
    length: int


class KoreanAnalyzer:
    """A lazily built Kiwi with the knowledge base's Korean names as proper nouns.

    Building is deferred to the first call, so commands that never meet Korean text never
    pay for the model.
    """

    def __init__(self, user_words: Iterable[str] = ()) -> None:
        self._user_words = tuple(sorted({w for w in user_words if _has_hangul(w) and " " not in w}))
        self._kiwi: Any = None
        self.is_proper_noun = lru_cache(maxsize=65536)(self._is_proper_noun)

    @property
    def kiwi(self) -> Any:
        if self._kiwi is None:
            with _LOCK:
                if self._kiwi is None:
                    from kiwipiepy import Kiwi  # noqa: PLC0415 - 3 s import, only when Korean is met

                    kiwi = Kiwi()
                    for word in self._user_words:
                        kiwi.add_user_word(word, "NNP", 0.0)
                    self._kiwi = kiwi
                    logger.debug("kiwi loaded with %d user words", len(self._user_words))
        return self._kiwi

    def morphemes(self, text: str) -> list[Morpheme]:
        """The morphological analysis of `text` (one call of Kiwi's tokenizer)."""
        return [Morpheme(t.form, t.tag, t.start, t.len) for t in self.kiwi.tokenize(text)]

    def _is_proper_noun(self, word: str) -> bool:
        """True when Kiwi reads `word` as a name: a proper noun, a foreign word or an unknown one."""
        tokens = self.kiwi.tokenize(word)
        if not tokens:
            return False
        first = tokens[0]
        if first.tag in _PROPER_TAGS or getattr(first, "oov", False):
            return True
        # A compound of several unknown parts ("매니페스트AI") reads as NNP + SL.
        return first.tag == "NNP" or (len(tokens) > 1 and all(t.tag in _PROPER_TAGS for t in tokens))


def _has_hangul(text: str) -> bool:
    return any("가" <= ch <= "힣" for ch in text)
