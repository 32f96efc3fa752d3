"""stackwatch: a structured, cited record of the AI industry from Korean and English news.

The library API (anything else may change):

    from stackwatch import Extractor, run_batch, document_record
    extractor = Extractor.load()
    for outcome in run_batch(["news/"], extractor):
        ...  # DocumentFacts, or a Failure naming the input and the reason

    from stackwatch import Store, ask, search
    with Store.open("stackwatch.db", readonly=True) as store:
        answer = ask(store, "코어위브 부채는 얼마인가?")   # Answer: text, found, citations
        hits = search(store, "CoreWeave 채무")             # SearchHit: sentence, doc, score, ...
"""

import logging

from stackwatch.errors import ConfigError, InputError, StackwatchError
from stackwatch.extract import Extractor, document_record, find_amounts, parse_amount
from stackwatch.ingest import parse_article, read_documents
from stackwatch.kb import KnowledgeBase, load_knowledge_base
from stackwatch.nlp import analyse
from stackwatch.pipeline import Failure, extract_document, run_batch
from stackwatch.records import Amount, Document, DocumentFacts, Entity, Event
from stackwatch.search import Answer, Citation, SearchHit, ask, search
from stackwatch.store import Deal, DealFilter, Store

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "Amount",
    "Answer",
    "Citation",
    "ConfigError",
    "Deal",
    "DealFilter",
    "Document",
    "DocumentFacts",
    "Entity",
    "Event",
    "Extractor",
    "Failure",
    "InputError",
    "KnowledgeBase",
    "SearchHit",
    "StackwatchError",
    "Store",
    "analyse",
    "ask",
    "document_record",
    "extract_document",
    "find_amounts",
    "load_knowledge_base",
    "parse_amount",
    "parse_article",
    "read_documents",
    "run_batch",
    "search",
]
