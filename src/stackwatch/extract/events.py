"""Events: placeholder until the rule engine lands."""

from __future__ import annotations

from collections.abc import Sequence

from stackwatch.kb import KnowledgeBase
from stackwatch.records import Amount, AnalysedDocument, Entity, Event, Mention


class EventExtractor:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def extract(
        self,
        doc: AnalysedDocument,
        *,
        mentions: Sequence[Mention],
        entities: Sequence[Entity],
        amounts: Sequence[Sequence[Amount]],
    ) -> list[Event]:
        return []
