"""Entities rising or falling in attention: stories naming them in a period vs the period before.

A story is a group of near-duplicate documents (`documents.story_id`), so an announcement
copied by ten outlets counts once. Entities named in fewer than `min_count` stories in
both periods are left out: one mention more or less is noise.
"""

from __future__ import annotations

from collections import defaultdict

from stackwatch.analyze.dating import documents_in_period
from stackwatch.analyze.period import Period
from stackwatch.analyze.records import Attention, AttentionChange
from stackwatch.store import Store, analytics

__all__ = ["MIN_STORIES", "attention"]

MIN_STORIES = 2
TOP = 10


def _story_counts(store: Store, period: Period) -> tuple[dict[str, set[int]], dict[str, tuple[str, str]]]:
    documents = {d.id: d for d in documents_in_period(store, period)}
    stories: dict[str, set[int]] = defaultdict(set)
    names: dict[str, tuple[str, str]] = {}
    for mention in analytics.mentions_in_documents(store, documents):
        stories[mention.entity_id].add(documents[mention.document_id].story_id)
        names[mention.entity_id] = (mention.name, mention.type)
    return stories, names


def attention(store: Store, period: Period, *, min_count: int = MIN_STORIES, limit: int = TOP) -> Attention:
    """Who gained and who lost stories, largest change first."""
    before = period.previous()
    now, names = _story_counts(store, period)
    then, old_names = _story_counts(store, before)
    changes = []
    for entity_id in set(now) | set(then):
        name, kind = names.get(entity_id) or old_names[entity_id]
        changes.append(
            AttentionChange(
                entity_id=entity_id,
                name=name,
                type=kind,
                current=len(now.get(entity_id, ())),
                previous=len(then.get(entity_id, ())),
            )
        )
    rising = [c for c in changes if c.current >= min_count and c.current > c.previous]
    falling = [c for c in changes if c.previous >= min_count and c.current < c.previous]
    rising.sort(key=lambda c: (-c.change, -c.current, c.name))
    falling.sort(key=lambda c: (c.change, -c.previous, c.name))
    return Attention(
        period=period, previous=before, rising=tuple(rising[:limit]), falling=tuple(falling[:limit])
    )
