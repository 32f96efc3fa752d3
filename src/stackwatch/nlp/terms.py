"""Search terms for a sentence or a query: Kiwi morphemes, not raw strings.

"코어위브의 부채는" and "코어위브 부채" must meet on the same terms (코어위브, 부채), so
index and query both go through `TermIndexer.terms`. Korean words are cut into their
content morphemes (nouns, roots, foreign words and numbers);
Latin words are lower-cased and left to the FTS tokenizer.

Kiwi costs about 0.1 ms per word when called word by word, and news repeats its words,
so each word's analysis is cached, and the words not yet seen in a batch of texts are
analysed in one Kiwi call (one word per line) instead of one call each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import chain

from stackwatch.nlp.korean import KoreanAnalyzer

_CONTENT_TAGS = frozenset({"NNG", "NNP", "NR", "SL", "SH", "SN", "XR", "W_HASHTAG"})
_WORD = re.compile(r"[0-9A-Za-z가-힣\u3131-\u318e][0-9A-Za-z가-힣\u3131-\u318e.&+'-]*")
_HANGUL = re.compile(r"[가-힣]")
_CACHE_LIMIT = 500_000


class TermIndexer:
    """Text → search terms, with a per-word cache shared by every call."""

    def __init__(self, korean: KoreanAnalyzer) -> None:
        self._korean = korean
        self._cache: dict[str, tuple[str, ...]] = {}

    def terms(self, text: str) -> list[str]:
        return self.terms_many([text])[0]

    def terms_many(self, texts: Sequence[str]) -> list[list[str]]:
        """The terms of each text, with one Kiwi call for all the words not seen before."""
        words_per_text = [_WORD.findall(text) for text in texts]
        cache = self._cache
        try:  # most texts hold no word not seen before
            return [list(chain.from_iterable(map(cache.__getitem__, words))) for words in words_per_text]
        except KeyError:
            pass
        unseen = sorted({w for words in words_per_text for w in words if w not in self._cache})
        # read from a copy of what was learnt: another thread may clear the cache meanwhile
        known = self._learn(unseen) if unseen else {}
        return [[t for w in words for t in known.get(w) or cache.get(w, ())] for words in words_per_text]

    def _learn(self, words: list[str]) -> dict[str, tuple[str, ...]]:
        if len(self._cache) + len(words) > _CACHE_LIMIT:
            self._cache.clear()
        learnt: dict[str, tuple[str, ...]] = {
            w: (w.lower().strip(".'-"),) for w in words if not _HANGUL.search(w)
        }
        korean = [w for w in words if _HANGUL.search(w)]
        if korean:
            joined = "\n".join(korean)
            starts = _line_starts(korean)
            found: dict[int, list[str]] = {i: [] for i in range(len(korean))}
            line = 0
            for token in self._korean.kiwi.tokenize(joined):
                while line + 1 < len(starts) and token.start >= starts[line + 1]:
                    line += 1
                if token.tag in _CONTENT_TAGS:
                    found[line].append(token.form.lower())
            learnt.update((word, tuple(found[i])) for i, word in enumerate(korean))
        self._cache.update(learnt)
        return learnt


def _line_starts(lines: Iterable[str]) -> list[int]:
    starts, at = [], 0
    for line in lines:
        starts.append(at)
        at += len(line) + 1
    return starts


def fts_query(terms: Iterable[str], *, any_term: bool = True) -> str:
    """An FTS5 MATCH expression for `terms`, each quoted (no operator injection)."""
    quoted = sorted({'"' + t.replace('"', '""') + '"' for t in terms if t})
    return (" OR " if any_term else " AND ").join(quoted)
