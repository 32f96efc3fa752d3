"""Load and validate the knowledge base: shipped entity files, then the user's own.

Entity files are YAML lists of mappings (see `kb/data/entities/README.md` for the
fields). Each entry is checked with pydantic; a bad entry raises `ConfigError` naming
the file and the line the entry starts on, so `--kb my-entities.yaml` fails with
`my-entities.yaml:12: entry 'acme': layers.0: 'infra' is not a layer`.
A user entry with the id of a shipped one replaces it; new ids are added.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from stackwatch.errors import ConfigError
from stackwatch.records import EntityType, Layer

_DATA = "stackwatch.kb.data"
_ID_PATTERN = r"^[a-z0-9][a-z0-9_.\-]*$"


class EntityEntry(BaseModel):
    """One entity as written in a knowledge-base file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=_ID_PATTERN)
    name: str = Field(min_length=1)
    type: EntityType
    kind: str | None = None
    aliases: tuple[str, ...] = ()
    layers: tuple[Layer, ...] = ()
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    ticker: str | None = None
    parent: str | None = None
    org: str | None = None  # a person's organisation (id)
    title: str | None = None  # a person's title there
    maker: str | None = None  # a product's maker (id)
    note: str | None = None

    @field_validator("aliases")
    @classmethod
    def _aliases_are_names(cls, aliases: tuple[str, ...]) -> tuple[str, ...]:
        for alias in aliases:
            if not alias.strip():
                raise ValueError("an alias is empty")
            if len(alias.strip()) < 2:
                raise ValueError(f"alias {alias!r} is too short to match safely (2 characters at least)")
        return aliases


@dataclass(frozen=True, slots=True)
class KnownEntity:
    """An entity of the knowledge base, with every surface form it is known by."""

    id: str
    name: str
    type: EntityType
    kind: str | None
    aliases: tuple[str, ...]  # the name first, then the other forms, no duplicates
    layers: tuple[Layer, ...]
    country: str | None
    ticker: str | None
    parent: str | None
    org: str | None
    maker: str | None


class KnowledgeBase:
    """Entities by id and by alias, plus the currency table and the lexicons."""

    def __init__(self, entities: Iterable[KnownEntity], *, rates: dict[str, Any]) -> None:
        self.entities: dict[str, KnownEntity] = {e.id: e for e in entities}
        self.rates = rates
        self.by_alias: dict[str, str] = {}
        for entity in self.entities.values():
            for alias in entity.aliases:
                self.by_alias.setdefault(alias, entity.id)

    def __len__(self) -> int:
        return len(self.entities)

    def __getitem__(self, entity_id: str) -> KnownEntity:
        return self.entities[entity_id]

    def get(self, entity_id: str) -> KnownEntity | None:
        return self.entities.get(entity_id)

    def alias_collisions(self) -> dict[str, list[str]]:
        """Aliases claimed by more than one entity (the first file wins when matching)."""
        owners: dict[str, list[str]] = {}
        for entity in self.entities.values():
            for alias in entity.aliases:
                owners.setdefault(alias, []).append(entity.id)
        return {alias: ids for alias, ids in owners.items() if len(ids) > 1}


def load_knowledge_base(extra_files: Iterable[Path] = ()) -> KnowledgeBase:
    """Read the shipped entity files and the user's, validated; raise ConfigError on a bad one."""
    entries: dict[str, EntityEntry] = {}
    for name, text in _shipped_entity_files():
        for entry in _parse_entity_file(text, source=f"stackwatch/kb/data/entities/{name}"):
            if entry.id in entries:
                raise ConfigError(f"entry id {entry.id!r} is defined twice", source=name)
            entries[entry.id] = entry
    for path in extra_files:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read knowledge-base file ({exc})", source=str(path)) from exc
        for entry in _parse_entity_file(text, source=str(path)):
            entries[entry.id] = entry
    return KnowledgeBase((_to_known(e) for e in entries.values()), rates=_load_rates())


@functools.cache
def load_lexicon(name: str) -> dict[str, Any]:
    """A lexicon shipped in `kb/data/lexicons/NAME.yaml` (trigger words, cue words, ...)."""
    text = resources.files(_DATA).joinpath("lexicons", f"{name}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ConfigError("a lexicon must be a mapping", source=f"lexicons/{name}.yaml")
    return data


def _load_rates() -> dict[str, Any]:
    text = resources.files(_DATA).joinpath("rates.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or "usd_per_unit" not in data:
        raise ConfigError("rates.yaml needs a usd_per_unit table", source="kb/data/rates.yaml")
    return data


def _shipped_entity_files() -> Iterator[tuple[str, str]]:
    folder = resources.files(_DATA).joinpath("entities")
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith((".yaml", ".yml")):
            yield item.name, item.read_text(encoding="utf-8")


def _parse_entity_file(text: str, *, source: str) -> Iterator[EntityEntry]:
    """Yield validated entries; every problem names `source:line`."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"not valid YAML: {problem}", source=f"{source}{line}") from exc
    if root is None:
        return
    if not isinstance(root, yaml.SequenceNode):
        raise ConfigError("expected a list of entities", source=f"{source}:{root.start_mark.line + 1}")
    constructor = yaml.SafeLoader("")
    for node in root.value:
        line = node.start_mark.line + 1
        raw = constructor.construct_object(node, deep=True)
        if not isinstance(raw, dict):
            raise ConfigError(
                "each entity must be a mapping with id, name and type", source=f"{source}:{line}"
            )
        label = raw.get("id") or raw.get("name") or "?"
        try:
            yield EntityEntry.model_validate(raw)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "entry"
            raise ConfigError(f"entry {label!r}: {where}: {first['msg']}", source=f"{source}:{line}") from exc


def _to_known(entry: EntityEntry) -> KnownEntity:
    forms: list[str] = []
    for raw in (entry.name, *entry.aliases):
        form = _squash_spaces(raw)
        if form not in forms:
            forms.append(form)
    return KnownEntity(
        id=entry.id,
        name=entry.name,
        type=entry.type,
        kind=entry.kind,
        aliases=tuple(forms),
        layers=entry.layers,
        country=entry.country,
        ticker=entry.ticker,
        parent=entry.parent,
        org=entry.org,
        maker=entry.maker,
    )


def _squash_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip())
