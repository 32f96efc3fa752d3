"""Layers and signals: placeholder."""

from __future__ import annotations

from collections.abc import Sequence

from stackwatch.kb import KnowledgeBase
from stackwatch.records import AnalysedDocument, Entity, Event, LayerAssignment


def classify_event(event: Event, *, entities: Sequence[Entity], kb: KnowledgeBase) -> Event:
    return event


def classify_document(
    doc: AnalysedDocument, *, entities: Sequence[Entity], events: Sequence[Event]
) -> tuple[LayerAssignment, list[str]]:
    return LayerAssignment(primary=None), []
