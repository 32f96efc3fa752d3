"""Per-entity timelines: every deal an entity took part in, in date order, optionally within a period."""

from __future__ import annotations

from stackwatch.analyze.dating import deal_dates
from stackwatch.analyze.period import Period
from stackwatch.analyze.records import TimelineEntry
from stackwatch.store import Store, queries

__all__ = ["entity_timeline"]


def entity_timeline(store: Store, name: str, period: Period | None = None) -> tuple[TimelineEntry, ...]:
    """The deals of the entity called `name` (a name, alias or id), oldest first; empty when unknown."""
    profile = queries.entity_profile(store, name)
    if profile is None:
        return ()
    dates = deal_dates(store, period) if period is not None else None
    entries = []
    for item in profile.timeline:
        if dates is not None:
            if item.id not in dates:
                continue
            when = dates[item.id]
        else:
            when = item.date or item.first_reported
        entries.append(TimelineEntry(date=when, deal=item))
    entries.sort(key=lambda e: (e.date is None, e.date or "", e.deal.id))
    return tuple(entries)
