"""Paths → InputItems: one unit of work per article, keyed before it is extracted.

A scaled run hands articles, not files, to its workers: a JSON Lines shard becomes one
item per line, so one big shard spreads over every worker. Each item carries its bytes
(workers need no access to the input files), the `doc` its record will have and the
sha1 of those bytes: `(doc, content_hash)` is the key a resumed run skips by.

Reading here is stage 1 of the pipeline for many documents at once; `extract_item` does
stages 2–4 for one, with the same per-document isolation and the same records and
failure messages as `pipeline.run_batch` (the scale tests compare the two).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from stackwatch.errors import InputError, StackwatchError
from stackwatch.extract import Extractor
from stackwatch.ingest import expand_paths, parse_article
from stackwatch.ingest.dateline import parse_date_value
from stackwatch.ingest.decode import MAX_INPUT_BYTES, check_size, decode_bytes
from stackwatch.ingest.files import JsonlArticle
from stackwatch.pipeline import Failure, Outcome, extract_document
from stackwatch.records import Document

logger = logging.getLogger(__name__)

# The same suffix → format table as `ingest.files` (kept in step by the scale tests, which
# compare records with `run_batch` on .txt, .md, .html and .jsonl inputs).
_FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}


@dataclass(frozen=True, slots=True)
class InputItem:
    """One article to extract, or an input that already failed to be read (`error` set).

    `source` names the input in error lines: the path, or `path:N` for line N of a JSON
    Lines shard. `content_hash` is empty when nothing could be read (a missing file).
    """

    source: str
    doc: str
    content_hash: str
    data: bytes = b""
    fmt: str = "txt"  # txt | md | html for a whole file; jsonl for one line of a shard
    error: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.doc, self.content_hash)


def content_hash(data: bytes) -> str:
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


def list_inputs(paths: Iterable[str | Path], *, max_bytes: int = MAX_INPUT_BYTES) -> Iterator[InputItem]:
    """Stage 1 for many files: every article under `paths`, in `run_batch`'s order."""
    for item in expand_paths(paths):
        if isinstance(item, StackwatchError):
            yield InputItem(item.source, Path(item.source).name, "", error=item.message)
        else:
            yield from _read_file(item, max_bytes=max_bytes)


def _read_file(path: Path, *, max_bytes: int) -> Iterator[InputItem]:
    source = str(path)
    size = -1
    try:
        size = path.stat().st_size
        check_size(size, source=source, limit=max_bytes)
        data = path.read_bytes()
    except StackwatchError as exc:  # an empty file has a content to key by; one too large is not read
        yield InputItem(source, path.name, content_hash(b"") if size == 0 else "", error=exc.message)
        return
    except OSError as exc:
        yield InputItem(source, path.name, "", error=f"cannot read ({exc.strerror or exc}); skipped")
        return
    fmt = _FORMATS.get(path.suffix.lower(), "txt")
    if fmt != "jsonl":
        yield InputItem(source, path.name, content_hash(data), data, fmt)
        return
    try:
        text = decode_bytes(data, source=source).text
    except StackwatchError as exc:
        yield InputItem(source, path.name, content_hash(data), error=exc.message)
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            raw = line.encode("utf-8", "surrogatepass")
            yield InputItem(
                f"{source}:{number}", _jsonl_doc(line, path.name, number), content_hash(raw), raw, fmt
            )


def _jsonl_doc(line: str, name: str, number: int) -> str:
    """The doc `ingest.files` gives a JSON Lines article: its URL, else `shard.jsonl:N`."""
    try:
        url = json.loads(line).get("url")
    except (json.JSONDecodeError, AttributeError):
        url = None
    return url if isinstance(url, str) and url else f"{name}:{number}"


def extract_item(item: InputItem, extractor: Extractor) -> Outcome:
    """Stages 2–4 for one item: its facts, or the Failure that stopped it (never raises)."""
    if item.error is not None:
        return Failure(item.source, item.error)
    try:
        return extract_document(_parse_item(item), extractor)
    except StackwatchError as exc:
        return Failure(exc.source, exc.message)
    except RecursionError:
        return Failure(item.source, "text too deeply nested to analyse; skipped")
    except Exception as exc:  # a bug costs one document, not the batch
        logger.debug("extraction failed for %s", item.source, exc_info=True)
        return Failure(item.source, f"{type(exc).__name__} {exc}", internal=True)


def _parse_item(item: InputItem) -> Document:
    """Stage 2: the item's bytes → Document, as `ingest.files.read_documents` does it."""
    if item.fmt != "jsonl":
        text = decode_bytes(item.data, source=item.source).text
        return parse_article(text, doc=item.doc, source=item.source, fmt=item.fmt)
    try:
        article = JsonlArticle.model_validate(json.loads(item.data.decode("utf-8", "surrogatepass")))
    except json.JSONDecodeError as exc:
        raise InputError(f"not a JSON object ({exc.msg}); line skipped", source=item.source) from exc
    except ValidationError as exc:
        raise InputError(f"{exc.errors()[0]['msg']}; line skipped", source=item.source) from exc
    return parse_article(
        article.html or article.text or "",
        doc=item.doc,
        source=item.source,
        fmt="html" if article.html else "txt",
        title=article.title,
        published=parse_date_value(article.published) if article.published else None,
        url=article.url,
        site=article.source,
    )
