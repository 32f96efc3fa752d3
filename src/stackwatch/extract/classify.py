"""Layers of the AI industry and watchlist signals, for each event and each document.

An event's layer comes from the actor it is about (the investee of an investment, the
provider of a contract, the company of a result); capex is infrastructure. Its signals
come from its type (a valuation is a bubble signal, a hire a talent signal) and from the
words of its sentence (GPU → chips, 전력 → power). A document's layers weigh its events,
the layers of the entities it names and its own words; its signals are those of its
events plus those its text keeps returning to.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from stackwatch.kb import KnowledgeBase, load_lexicon
from stackwatch.records import LAYERS, SIGNALS, AnalysedDocument, Entity, Event, Layer, LayerAssignment

EVENT_WEIGHT = 3.0  # an event says more about a document than a passing mention
MONEY_WEIGHT_FLOOR = 1e8
NEWS_WEIGHT = 0.5
CAPITAL_FLOWS = frozenset(
    {"investment", "funding_round", "contract", "capex", "acquisition", "debt", "stock_sale", "ipo"}
)
MENTION_WEIGHT = 0.25
MENTION_CAP = 3  # a company named ten times is still one company: what the text reports weighs more
WORD_WEIGHT = 0.5
SECONDARY_LAYER_SHARE = 0.3  # a layer is listed when it has this share of the top layer's score
SIGNAL_MIN_SENTENCES = 2  # a signal no event raises needs this many sentences of its words
_ORG_LAYER_ORDER: dict[str, int] = {layer: index for index, layer in enumerate(LAYERS)}


@dataclass(frozen=True, slots=True)
class _Lexicon:
    layers: dict[Layer, re.Pattern[str]]
    signals: dict[str, re.Pattern[str]]
    event_signals: dict[str, tuple[str, ...]]
    layer_from: dict[str, tuple[str, ...]]


@cache
def _lexicon() -> _Lexicon:
    lex = load_lexicon("classify")

    def compile_words(words: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{w})" for w in words), re.IGNORECASE)

    return _Lexicon(
        layers={layer: compile_words(lex["layers"][layer]) for layer in LAYERS},
        signals={signal: compile_words(lex["signals"][signal]) for signal in SIGNALS},
        event_signals={k: tuple(v) for k, v in lex["event_signals"].items()},
        layer_from={k: tuple(v) for k, v in lex["event_layer_from"].items()},
    )


def classify_event(event: Event, *, entities: Sequence[Entity], kb: KnowledgeBase) -> Event:
    """Add the event's layers and signals."""
    by_id = {e.id: e for e in entities}
    layers = _event_layers(event, by_id)
    signals = list(_lexicon().event_signals.get(event.type, ()))
    for signal, pattern in _lexicon().signals.items():
        if signal not in signals and pattern.search(event.evidence):
            signals.append(signal)
    if (
        event.type in ("investment", "funding_round")
        and event.amount
        and (event.amount.usd or 0) >= 1_000_000_000
    ):
        signals.append("bubble")
    ordered = [s for s in SIGNALS if s in signals]
    return replace(event, layers=tuple(layers), signals=tuple(ordered))


def _event_layers(event: Event, by_id: dict[str, Entity]) -> list[Layer]:
    if event.type == "capex":
        return ["infrastructure"]
    for role in _lexicon().layer_from.get(event.type, ()):
        for actor in event.actors:
            entity = by_id.get(actor.entity)
            if actor.role == role and entity is not None and entity.layers:
                return [entity.layers[0]]
    for actor in event.actors:
        entity = by_id.get(actor.entity)
        if entity is not None and entity.layers:
            return [entity.layers[0]]
    return []


def classify_document(
    doc: AnalysedDocument, *, entities: Sequence[Entity], events: Sequence[Event]
) -> tuple[LayerAssignment, list[str]]:
    """The document's primary and other layers, and its signals."""
    scores: dict[str, float] = dict.fromkeys(LAYERS, 0.0)
    for event in events:
        for layer in event.layers[:1]:
            scores[layer] += EVENT_WEIGHT * _money_weight(event)
    for entity in entities:
        if entity.type in ("company", "investor", "product"):
            for rank, layer in enumerate(entity.layers[:2]):
                scores[layer] += MENTION_WEIGHT * min(entity.mentions, MENTION_CAP) / (rank + 1)
    text = "\n".join(s.text for s in doc.sentences)
    for layer, pattern in _lexicon().layers.items():
        scores[layer] += WORD_WEIGHT * min(len(pattern.findall(text)), 10)
    if not scores or max(scores.values()) <= 0:
        return LayerAssignment(primary=None), []
    top = max(scores.values())
    ranked = sorted(scores, key=lambda layer: (-scores[layer], _ORG_LAYER_ORDER[layer]))
    all_layers = tuple(layer for layer in ranked if scores[layer] >= SECONDARY_LAYER_SHARE * top)
    return LayerAssignment(primary=ranked[0], all=all_layers), _document_signals(doc, events)  # type: ignore[arg-type]


def _money_weight(event: Event) -> float:
    """Bigger money says more about what an article is about: ×1 up to $100M, ×2 at $10B."""
    if event.type not in CAPITAL_FLOWS:
        return NEWS_WEIGHT  # a launch or a hire is news; where the money goes is the industry's shape
    if event.amount is None or event.amount.usd is None:
        return 1.0
    usd = float(event.amount.usd)
    return 1.0 + 0.5 * math.log10(usd / MONEY_WEIGHT_FLOOR) if usd > MONEY_WEIGHT_FLOOR else 1.0


def _document_signals(doc: AnalysedDocument, events: Sequence[Event]) -> list[str]:
    found = {s for e in events for s in e.signals}
    for signal, pattern in _lexicon().signals.items():
        hits = sum(1 for s in doc.sentences if pattern.search(s.text))
        if hits >= SIGNAL_MIN_SENTENCES:
            found.add(signal)
    return [s for s in SIGNALS if s in found]
