"""The durable record: SQLite with WAL, migrations, full-text search, stories and deals."""

from stackwatch.store.db import default_path
from stackwatch.store.records import (
    Added,
    Counterparty,
    Deal,
    DealActor,
    DealFilter,
    EntityProfile,
    EntityRow,
    ReportedValue,
    Source,
    StoreCounts,
)
from stackwatch.store.store import Store, content_hash, entity_term

__all__ = [
    "Added",
    "Counterparty",
    "Deal",
    "DealActor",
    "DealFilter",
    "EntityProfile",
    "EntityRow",
    "ReportedValue",
    "Source",
    "Store",
    "StoreCounts",
    "content_hash",
    "default_path",
    "entity_term",
]
