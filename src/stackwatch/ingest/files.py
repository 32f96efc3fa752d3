"""Files and folders → Documents: text, Markdown, HTML and JSON Lines, any Korean encoding.

Every input yields Documents or errors, never an exception that stops a batch: a bad
file (empty, binary, too large, undecodable) becomes one `InputError` naming it, and a
bad line of a JSON Lines file costs that line only.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from stackwatch.errors import InputError, StackwatchError
from stackwatch.ingest.clean import clean_page_text
from stackwatch.ingest.dateline import parse_date_value
from stackwatch.ingest.decode import MAX_INPUT_BYTES, check_size, decode_bytes
from stackwatch.ingest.html import extract_page, looks_like_html
from stackwatch.ingest.markdown import markdown_to_lines, split_front_matter
from stackwatch.records import Document

ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".jsonl")
_FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}


class JsonlArticle(BaseModel):
    """One line of a JSON Lines input: `text` or `html`, and optional metadata."""

    model_config = ConfigDict(extra="ignore")

    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _has_body(self) -> JsonlArticle:
        if not (self.text or "").strip() and not (self.html or "").strip():
            raise ValueError("needs a non-empty 'text' or 'html' field")
        return self


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | StackwatchError]:
    """Files as given, and the article files inside folders (recursively, sorted, no hidden ones)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if _is_article_name(name):
                        yield Path(root) / name
        elif path.exists():
            yield path
        else:
            yield InputError("no such file or folder", source=str(raw))


def _is_article_name(name: str) -> bool:
    """Article files inside folders: known suffixes, no hidden files, no READMEs."""
    lowered = name.lower()
    return (
        not name.startswith(".") and not lowered.startswith("readme") and lowered.endswith(ARTICLE_SUFFIXES)
    )


def read_documents(path: Path, *, max_bytes: int = MAX_INPUT_BYTES) -> Iterator[Document | StackwatchError]:
    """The documents of one file (several for JSON Lines), or the error that stops each."""
    source = str(path)
    try:
        check_size(path.stat().st_size, source=source, limit=max_bytes)
        data = path.read_bytes()
    except StackwatchError as exc:
        yield exc
        return
    except OSError as exc:
        yield InputError(f"cannot read ({exc.strerror or exc}); skipped", source=source)
        return
    fmt = _FORMATS.get(path.suffix.lower(), "txt")
    if fmt == "jsonl":
        yield from _read_jsonl(data, path)
        return
    try:
        text = decode_bytes(data, source=source).text
        yield parse_article(text, doc=path.name, source=source, fmt=fmt)
    except StackwatchError as exc:
        yield exc


def parse_article(
    text: str,
    *,
    doc: str,
    source: str,
    fmt: str = "txt",
    title: str | None = None,
    published: str | None = None,
    url: str | None = None,
    site: str | None = None,
) -> Document:
    """One article's text (plain, Markdown or HTML) → Document, boilerplate removed."""
    tags: tuple[str, ...] = ()
    if fmt == "html" or looks_like_html(text):
        page = extract_page(text, source=source, url=url)
        cleaned = clean_page_text(page.text, title=title or page.title, has_dateline=False)
        published = published or page.published or _dateline_date(page.text)
        site, fmt = site or page.site, "html"
    else:
        front, body = split_front_matter(text)
        published = published or front.published
        lines = markdown_to_lines(body)
        cleaned = clean_page_text(
            "\n".join(lines), title=title or front.title, has_dateline=published is None
        )
        published = published or cleaned.published
        fmt = "md" if fmt == "md" or front.title or front.published else fmt
        tags = front.tags
    if not cleaned.lines:
        raise InputError("no article text found; skipped", source=source)
    return Document(
        doc=doc,
        source=source,
        text="\n".join(cleaned.lines),
        title=cleaned.title,
        published=published,
        url=url,
        site=site,
        format=fmt,
        tags=tags,
    )


def _dateline_date(text: str) -> str | None:
    return clean_page_text(text, title=None, has_dateline=True).published


def _read_jsonl(data: bytes, path: Path) -> Iterator[Document | StackwatchError]:
    source = str(path)
    try:
        text = decode_bytes(data, source=source).text
    except StackwatchError as exc:
        yield exc
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            article = JsonlArticle.model_validate(json.loads(line))
        except json.JSONDecodeError as exc:
            yield InputError(f"not a JSON object ({exc.msg}); line skipped", source=where)
            continue
        except ValidationError as exc:
            yield InputError(f"{exc.errors()[0]['msg']}; line skipped", source=where)
            continue
        try:
            yield parse_article(
                article.html or article.text or "",
                doc=article.url or f"{path.name}:{number}",
                source=where,
                fmt="html" if article.html else "txt",
                title=article.title,
                published=parse_date_value(article.published) if article.published else None,
                url=article.url,
                site=article.source,
            )
        except StackwatchError as exc:
            yield exc
