"""Watchlist signals of a period, each with the sentences that raised it.

Events carry signals (a hire is a talent signal, a sentence about GPUs a chips signal)
and so do documents (their events' signals plus those their text keeps returning to,
see `extract.classify`). The evidence of a signal is first the sentences of the period's
deals that raised it, largest amounts first, then sentences of the period's documents
that carry the signal and contain one of its words (one per document, in date order).
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

from stackwatch.analyze.dating import deal_dates, documents_in_period
from stackwatch.analyze.period import Period
from stackwatch.analyze.records import SignalDigest, SignalEvidence
from stackwatch.kb import load_lexicon
from stackwatch.records import SIGNALS
from stackwatch.store import Store, analytics

__all__ = ["watchlist"]

EVIDENCE_PER_SIGNAL = 4
SENTENCES_PER_DOCUMENT = 1  # so one long article cannot fill a signal on its own


@cache
def _signal_words() -> dict[str, re.Pattern[str]]:
    words = load_lexicon("classify")["signals"]
    return {
        signal: re.compile("|".join(f"(?:{w})" for w in words[signal]), re.IGNORECASE) for signal in SIGNALS
    }


def watchlist(store: Store, period: Period, *, limit: int = EVIDENCE_PER_SIGNAL) -> tuple[SignalDigest, ...]:
    """One digest per watchlist signal, in SCHEMA.md order; a signal nobody raised has no evidence."""
    deal_ids = list(deal_dates(store, period))
    events = analytics.signal_events(store, deal_ids)
    documents = documents_in_period(store, period)
    from_events: dict[str, list[SignalEvidence]] = defaultdict(list)
    deals_by_signal: dict[str, set[int]] = defaultdict(set)
    for row in sorted(events, key=lambda r: (-(r.usd or 0.0), r.event_id)):
        for signal in row.signals:
            deals_by_signal[signal].add(row.deal_id)
            from_events[signal].append(
                SignalEvidence(
                    signal=signal,
                    document_id=row.document_id,
                    sentence=row.evidence,
                    deal_id=row.deal_id,
                    event_type=row.type,
                    usd=row.usd,
                )
            )
    docs_by_signal: dict[str, list[int]] = defaultdict(list)
    for doc in documents:
        for signal in doc.signals:
            docs_by_signal[signal].append(doc.id)
    sentences = analytics.sentences_of(store, {d for ids in docs_by_signal.values() for d in ids})
    by_document: dict[int, list[analytics.SentenceRow]] = defaultdict(list)
    for sentence in sentences:
        if not sentence.is_title:
            by_document[sentence.document_id].append(sentence)
    digests = []
    for signal in SIGNALS:
        chosen = _dedupe(from_events[signal])
        pattern = _signal_words()[signal]
        for doc_id in docs_by_signal[signal]:
            picked = [s for s in by_document[doc_id] if pattern.search(s.text)][:SENTENCES_PER_DOCUMENT]
            chosen.extend(SignalEvidence(signal=signal, document_id=doc_id, sentence=s.text) for s in picked)
        digests.append(
            SignalDigest(
                signal=signal,
                deals=len(deals_by_signal[signal]),
                documents=len(docs_by_signal[signal]),
                evidence=tuple(_dedupe(chosen)[:limit]),
            )
        )
    return tuple(digests)


def _dedupe(items: list[SignalEvidence]) -> list[SignalEvidence]:
    seen: set[str] = set()
    kept = []
    for item in items:
        key = " ".join(item.sentence.split())
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept
