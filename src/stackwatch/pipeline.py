"""The stages composed, one document at a time, with per-document isolation:

    1 read      paths → bytes → text (ingest.files, ingest.decode)
    2 clean     text → Document: headline, date, body without furniture (ingest.clean)
    3 analyse   Document → AnalysedDocument: language, sentences (nlp)
    4 extract   AnalysedDocument → DocumentFacts (extract)
    5 store     (a later stage; `extract --jsonl` prints the facts instead)

A failing document costs that document only: its error is yielded in its place and the
batch goes on. Memory stays flat: documents stream through, nothing is collected.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from stackwatch.errors import InputError, StackwatchError
from stackwatch.extract import Extractor
from stackwatch.ingest import expand_paths, read_documents
from stackwatch.ingest.decode import MAX_INPUT_BYTES
from stackwatch.nlp import analyse
from stackwatch.records import Document, DocumentFacts

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Failure:
    """A document (or input) that could not be processed, and why."""

    source: str
    message: str
    internal: bool = False  # a bug of ours rather than bad input

    def line(self) -> str:
        if self.internal:
            return f"internal error in {self.source}: {self.message} (rerun with --debug for the traceback)"
        return f"error: {self.source}: {self.message}"


Outcome = DocumentFacts | Failure
ProgressCallback = Callable[[str], None]


def extract_document(document: Document, extractor: Extractor) -> DocumentFacts:
    """Stages 3 and 4 for one document."""
    return extractor.extract(analyse(document))  # 3 analyse, 4 extract


def run_batch(
    paths: Iterable[str | Path],
    extractor: Extractor,
    *,
    max_bytes: int = MAX_INPUT_BYTES,
    on_progress: ProgressCallback | None = None,
) -> Iterator[Outcome]:
    """Facts for every document under `paths`, in input order, or a Failure in its place."""
    for item in expand_paths(paths):  # 1 read
        if isinstance(item, StackwatchError):
            yield Failure(item.source, item.message)
            continue
        for document in read_documents(item, max_bytes=max_bytes):  # 1 read, 2 clean
            if isinstance(document, StackwatchError):
                yield Failure(document.source, document.message)
            else:
                yield _extract_isolated(document, extractor)
        if on_progress is not None:
            on_progress(str(item))


def _extract_isolated(document: Document, extractor: Extractor) -> Outcome:
    try:
        return extract_document(document, extractor)
    except InputError as exc:
        return Failure(exc.source, exc.message)
    except RecursionError:
        return Failure(document.source, "text too deeply nested to analyse; skipped")
    except Exception as exc:  # a bug costs one document, not the batch
        logger.debug("extraction failed for %s", document.source, exc_info=True)
        return Failure(document.source, f"{type(exc).__name__} {exc}", internal=True)
