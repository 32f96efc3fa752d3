"""Paths → InputItems → outcomes (`stackwatch.scale.inputs`): the same as `run_batch`, keyed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from scale_helpers import texts

from stackwatch.extract import Extractor
from stackwatch.pipeline import Failure, Outcome
from stackwatch.scale.inputs import content_hash, extract_item, list_inputs


def test_items_give_run_batchs_outcomes_in_its_order(
    inputs_dir: Path, extractor: Extractor, reference: list[Outcome]
) -> None:
    outcomes = [extract_item(item, extractor) for item in list_inputs([inputs_dir])]
    assert texts(outcomes) == texts(reference)


def test_a_jsonl_shard_is_one_item_per_line_keyed_by_url_or_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"url": "https://example.com/a", "text": "A"}),
        "",
        json.dumps({"text": "B"}),
        "{broken",
    ]
    (tmp_path / "shard.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(list_inputs([tmp_path]))
    assert [(i.source.rsplit("/", 1)[1], i.doc, i.fmt) for i in items] == [
        ("shard.jsonl:1", "https://example.com/a", "jsonl"),
        ("shard.jsonl:3", "shard.jsonl:3", "jsonl"),
        ("shard.jsonl:4", "shard.jsonl:4", "jsonl"),
    ]
    assert items[0].content_hash == hashlib.sha1(lines[0].encode()).hexdigest()


def test_a_file_is_keyed_by_its_name_and_the_sha1_of_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("오픈AI가 오라클과 계약했다.".encode())
    (item,) = list_inputs([path])
    assert item.key == ("a.txt", content_hash(path.read_bytes()))
    assert (item.data, item.fmt, item.error) == (path.read_bytes(), "txt", None)


def test_inputs_that_cannot_be_read_are_items_with_their_error(tmp_path: Path, extractor: Extractor) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    missing = tmp_path / "missing.txt"
    items = list(list_inputs([tmp_path / "empty.txt", missing]))
    assert [(i.doc, i.content_hash, i.error) for i in items] == [
        ("empty.txt", content_hash(b""), "empty file; skipped"),
        ("missing.txt", "", "no such file or folder"),
    ]
    assert [extract_item(i, extractor) for i in items] == [
        Failure(str(tmp_path / "empty.txt"), "empty file; skipped"),
        Failure(str(missing), "no such file or folder"),
    ]
