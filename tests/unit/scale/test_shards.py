"""The output folder (`stackwatch.scale.shards`): whole shards, named by their documents."""

from __future__ import annotations

from pathlib import Path

from stackwatch.pipeline import Failure
from stackwatch.records import Document, DocumentFacts
from stackwatch.scale.inputs import InputItem
from stackwatch.scale.rows import TABLES, TableRows
from stackwatch.scale.shards import NotYetDone, batch_name, done_keys, prepare_out_dir, write_batch


def facts(doc: str) -> DocumentFacts:
    return DocumentFacts(document=Document(doc=doc, source=doc, text="..."), language="en", sentences=())


def test_a_batch_name_is_fixed_by_its_documents_and_their_order() -> None:
    keys = [("a.txt", "h1"), ("b.txt", "h2")]
    assert batch_name(keys) == batch_name(list(keys))
    assert batch_name(keys) != batch_name(keys[::-1])
    assert batch_name(keys) != batch_name([("a.txt", "h1"), ("b.txt", "h3")])


def test_writing_a_batch_again_replaces_its_shards(tmp_path: Path) -> None:
    rows = TableRows()
    rows.add(facts("a.txt"), doc="a.txt", content_hash="h1")
    write_batch(rows, tmp_path, "part-x")
    write_batch(rows, tmp_path, "part-x")
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "documents",
        "documents/part-x.parquet",
    ]


def test_prepare_makes_every_table_folder_and_drops_half_written_shards(tmp_path: Path) -> None:
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / ".part-x.123.tmp").write_bytes(b"half")
    prepare_out_dir(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(TABLES)
    assert list((tmp_path / "events").iterdir()) == []


def test_done_keys_are_documents_and_bad_inputs_not_internal_errors(tmp_path: Path) -> None:
    rows = TableRows()
    rows.add(facts("a.txt"), doc="a.txt", content_hash="h1")
    rows.add(Failure("b.txt", "empty file; skipped"), doc="b.txt", content_hash="h2")
    rows.add(Failure("c.txt", "KeyError 'x'", internal=True), doc="c.txt", content_hash="h3")
    rows.add(Failure("d.txt", "no such file or folder"), doc="d.txt", content_hash="")
    write_batch(rows, tmp_path, "part-1")
    assert done_keys(tmp_path) == {("a.txt", "h1"), ("b.txt", "h2")}
    assert done_keys(tmp_path / "nothing-here") == set()


def test_not_yet_done_skips_done_keys_and_repeats_within_a_run() -> None:
    items = [
        InputItem("x/a.txt", "a.txt", "h1"),
        InputItem("y/a.txt", "a.txt", "h1"),
        InputItem("b", "b", "h2"),
    ]
    items += [InputItem("gone", "gone", "", error="no such file or folder")] * 2
    todo = NotYetDone(items, {("b", "h2")})
    assert [i.source for i in todo] == ["x/a.txt", "gone", "gone"]
    assert todo.skipped == 2
