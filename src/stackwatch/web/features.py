"""The parts of the dashboard other packages provide: search and ask (`stackwatch.search`)
and report writing (`stackwatch.report`). Each is imported on first use; when a package
is not installed in this build, the page and the API say so (503 `unavailable`) instead
of failing at start-up."""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from pathlib import Path
from types import ModuleType
from typing import Any, cast

from stackwatch.kb import KnowledgeBase
from stackwatch.store import Store, web_sql
from stackwatch.web.errors import ApiError


class FeatureMissingError(ApiError):
    def __init__(self, feature: str, module: str) -> None:
        super().__init__(
            503, f"{feature} is not available: {module} is not installed in this build", code="unavailable"
        )


def _module(name: str, feature: str) -> ModuleType:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name and name.startswith(exc.name):
            raise FeatureMissingError(feature, name) from exc
        raise


def jsonable(value: Any) -> Any:
    """Records of other packages as JSON values: dataclasses become objects, Decimals strings."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return jsonable(value.value)
    if isinstance(value, Path):
        return str(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


@dataclass(frozen=True, slots=True, kw_only=True)
class Hit:
    """A search result or a citation, as the pages show it."""

    document_id: int | None
    title: str
    published: str | None
    text: str
    sentence: int | None


def _callable(module: str, name: str, feature: str) -> Callable[..., Any]:
    found = getattr(_module(module, feature), name, None)
    if not callable(found):
        raise FeatureMissingError(feature, f"{module}.{name}")
    return cast(Callable[..., Any], found)


def search_function() -> Callable[..., Any]:
    """`stackwatch.search.search`, or FeatureMissingError; call before opening the store."""
    return _callable("stackwatch.search", "search", "search")


def ask_function() -> Callable[..., Any]:
    return _callable("stackwatch.search", "ask", "questions")


def run_search(
    function: Callable[..., Any], store: Store, query: str, *, limit: int, kb: KnowledgeBase
) -> list[dict[str, Any]]:
    """Search hits as JSON objects (a `SearchHit` each)."""
    found = jsonable(function(store, query, limit=limit, kb=kb))
    return [item for item in found if isinstance(item, dict)][:limit]


def hit_view(hit: dict[str, Any]) -> Hit:
    return _hit(hit, text_key="sentence", sentence_key="sentence_index")


def _hit(record: dict[str, Any], *, text_key: str, sentence_key: str) -> Hit:
    document = record.get("document_id")
    sentence = record.get(sentence_key)
    return Hit(
        document_id=document if isinstance(document, int) else None,
        title=str(record.get("title") or record.get("doc") or ""),
        published=record.get("published"),
        text=str(record.get(text_key) or ""),
        sentence=sentence if isinstance(sentence, int) else None,
    )


def run_ask(function: Callable[..., Any], store: Store) -> Callable[[str], dict[str, Any]]:
    """An asker bound to `store`: question → the `Answer` as JSON, each citation with the
    id of its document (citations name documents by `doc`)."""

    def answer(question: str) -> dict[str, Any]:
        record = jsonable(function(store, question))
        if not isinstance(record, dict):
            record = {"text": str(record), "citations": []}
        cited = [c for c in record.get("citations") or [] if isinstance(c, dict)]
        ids = web_sql.document_ids_by_doc(store, [str(c.get("doc")) for c in cited])
        for citation in cited:
            citation["document_id"] = ids.get(str(citation.get("doc")))
        record["citations"] = cited
        return record

    return answer


def citation_view(citation: dict[str, Any]) -> Hit:
    return _hit(citation, text_key="evidence", sentence_key="sentence")


def build_report(store: Store, period: str, out_dir: Path, *, lang: str, kb: KnowledgeBase) -> str:
    """Write the report for `period` (a month, quarter, half or year) into its own folder
    under `out_dir`, named `<period>-<lang>`; that name."""
    report = _module("stackwatch.report", "report writing")
    analyze = _module("stackwatch.analyze", "report writing")
    try:
        parsed = analyze.Period.parse(period)
    except ValueError as exc:
        raise ApiError(422, str(exc), code="invalid") from exc
    name = f"{period.strip()}-{lang}"
    report.write_report(report.build_report(store, parsed, lang=lang, kb=kb), out_dir / name)
    return name
