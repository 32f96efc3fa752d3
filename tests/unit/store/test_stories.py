"""Story signatures: their estimate of Jaccard similarity holds on edited copies, short
texts are signed whole, and a store signed the old way is signed again when migrated."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path
from typing import Any

import numpy as np

from stackwatch.extract import Extractor
from stackwatch.store import Store, schema, stories

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "report").glob("*.txt"))]


def shingles(text: str) -> set[str]:
    flat = stories.flatten(text)
    return {flat[i : i + stories.SHINGLE] for i in range(len(flat) - stories.SHINGLE + 1)}


def edited(text: str, rng: random.Random, share: float) -> str:
    """`text` with about `share` of its lines replaced by new ones."""
    lines = text.splitlines()
    return "\n".join(
        f"새로 쓴 문장 {rng.random():.6f}입니다." if rng.random() < share else line for line in lines
    )


def test_the_estimate_follows_exact_jaccard_on_edited_copies() -> None:
    rng = random.Random(3)
    errors = []
    for text in TEXTS:
        for share in (0.0, 0.1, 0.3, 0.6):
            copy = edited(text, rng, share)
            a, b = shingles(text), shingles(copy)
            exact = len(a & b) / len(a | b)
            errors.append(stories.similarity(stories.signature(text), stories.signature(copy)) - exact)
    assert max(abs(e) for e in errors) < 0.2
    assert float(np.mean(np.abs(errors))) < 0.06


def test_a_text_is_most_like_itself_and_unlike_another() -> None:
    first, second = TEXTS[0], TEXTS[1]
    assert stories.similarity(stories.signature(first), stories.signature(first.upper())) == 1.0
    assert stories.similarity(stories.signature(first), stories.signature(second)) < 0.2


def test_a_short_text_fills_every_slot() -> None:
    title = "오픈AI, 400억 달러 조달"
    sig = stories.signature(title)
    assert len(sig) == stories.PERMUTATIONS
    assert len(set(sig.tolist())) > len(shingles(title))  # the empty slots borrowed, marked
    assert stories.similarity(sig, stories.signature(title + " ")) == 1.0
    assert stories.similarity(sig, stories.signature("엔비디아, 새 GPU 공개")) < 0.3


# what a store of schema 2 held: signatures made another way (here, none) and their bands
SIGNED_THE_OLD_WAY = """
    DELETE FROM story_bands;
    UPDATE minhashes SET signature = zeroblob(1024);
    PRAGMA user_version = 2;
"""


def test_a_store_signed_before_migration_3_is_signed_again(
    extractor: Extractor, facts_of: Any, rewound_store: Any
) -> None:
    facts = facts_of(sorted((FIXTURES / "deals").iterdir()))
    path = rewound_store(
        facts,
        "DELETE FROM story_bands; UPDATE minhashes SET signature = zeroblob(1024); PRAGMA user_version = 2;",
    )
    original = facts[0]
    copy = dataclasses.replace(
        original, document=dataclasses.replace(original.document, text=original.document.text + "\n(끝)")
    )
    with Store.open(path, korean=extractor.korean) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone() == (schema.SCHEMA_VERSION,)
        assert store.conn.execute("SELECT count(DISTINCT document_id) FROM story_bands").fetchone() == (4,)
        added = store.add(copy)
    assert added.near_duplicate
    assert added.story_id == 1


def test_a_store_banded_before_migration_4_is_banded_again(
    extractor: Extractor, facts_of: Any, rewound_store: Any
) -> None:
    facts = facts_of(sorted((FIXTURES / "deals").iterdir()))
    # schema 3 cut 32 bands; here, bands that match nothing, and twice as many
    path = rewound_store(
        facts,
        "UPDATE story_bands SET key = key + 1; INSERT INTO story_bands SELECT band + 16, key, document_id"
        " FROM story_bands; PRAGMA user_version = 3;",
    )
    original = facts[1]
    copy = dataclasses.replace(
        original, document=dataclasses.replace(original.document, text=original.document.text + "\n(끝)")
    )
    with Store.open(path, korean=extractor.korean) as store:
        rows = store.conn.execute("SELECT document_id, count(*) FROM story_bands GROUP BY 1").fetchall()
        assert rows == [(doc, stories.BANDS) for doc in (1, 2, 3, 4)]
        added = store.add(copy)
    assert added.near_duplicate
    assert added.story_id == 2
