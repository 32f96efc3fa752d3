"""The SCHEMA.md record's keys, shared by the tests that check extract's output shape."""

RECORD_KEYS = {"doc", "title", "published", "language", "entities", "amounts", "events", "layers", "signals"}
ENTITY_KEYS = {"name", "type", "aliases", "layers", "country", "mentions"}
AMOUNT_KEYS = {"text", "value", "currency", "usd", "krw", "approx", "qualifier"}
EVENT_KEYS = {
    "type",
    "actors",
    "amount",
    "date",
    "period",
    "status",
    "layers",
    "signals",
    "evidence",
    "confidence",
}
