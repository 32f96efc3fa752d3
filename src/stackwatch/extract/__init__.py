"""Sentences → DocumentFacts: entities, amounts, dates, events, layers and signals."""

from stackwatch.extract.amounts import find_amounts, parse_amount
from stackwatch.extract.facts import Extractor
from stackwatch.extract.serialize import document_record

__all__ = ["Extractor", "document_record", "find_amounts", "parse_amount"]
