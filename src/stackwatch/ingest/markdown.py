"""Markdown posts: YAML front matter (title, date, tags, categories, excerpt) and a body
turned into plain lines (markers, images and link targets removed)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from stackwatch.ingest.dateline import parse_date_value

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+•]|\d{1,2}[.)])\s+")
_QUOTE = re.compile(r"^\s*>+\s?")
_EMPHASIS = re.compile(r"(\*\*|__|~~|`)")
_SINGLE_EMPHASIS = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True, slots=True)
class FrontMatter:
    title: str | None = None
    published: str | None = None
    tags: tuple[str, ...] = ()


def split_front_matter(text: str) -> tuple[FrontMatter, str]:
    """Read the YAML front matter, if any, and return it with the rest of the text.

    Malformed front matter is not an error: its `title:` and `date:` lines are still read,
    and the block is removed so its keys never reach the body.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return FrontMatter(), text
    block, rest = match.group(1), text[match.end() :]
    try:
        data: Any = yaml.safe_load(block)
    except (yaml.YAMLError, ValueError):  # ValueError: "date: 2025-02-30" is not a date
        data = _loose_fields(block)
    if not isinstance(data, dict):
        data = _loose_fields(block)
    title = data.get("title")
    tags: list[str] = []
    for key in ("tags", "categories"):
        value = data.get(key)
        if isinstance(value, str):
            tags.extend(t.strip() for t in re.split(r"[,\s]+", value) if t.strip())
        elif isinstance(value, list):
            tags.extend(str(t).strip() for t in value if str(t).strip())
    return (
        FrontMatter(
            title=str(title).strip() if title else None,
            published=parse_date_value(data.get("date") or data.get("published")),
            tags=tuple(tags),
        ),
        rest,
    )


def _loose_fields(block: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for line in block.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().isidentifier():
            fields[key.strip()] = value.strip().strip("\"'")
    return fields


def markdown_to_lines(text: str) -> list[str]:
    """Plain lines of a Markdown body: no markers, images, code blocks or table rules."""
    lines: list[str] = []
    in_fence = False
    for raw in text.splitlines():
        if _FENCE.match(raw):
            in_fence = not in_fence
            continue
        if in_fence or _TABLE_RULE.match(raw):
            continue
        line = _IMAGE.sub("", raw)
        line = _LINK.sub(r"\1", line)
        line = _HTML_TAG.sub("", line)
        line = _HEADING.sub("", line)
        line = _QUOTE.sub("", line)
        line = _LIST_MARKER.sub("", line)
        line = _EMPHASIS.sub("", line)
        line = _SINGLE_EMPHASIS.sub(r"\1", line)
        if "|" in line and line.strip().startswith("|"):
            line = " ".join(cell.strip() for cell in line.strip().strip("|").split("|"))
        lines.append(line.strip())
    return lines
