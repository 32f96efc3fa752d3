"""The shipped knowledge base and users' own entity files."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import get_args

import pytest

from stackwatch.errors import ConfigError
from stackwatch.kb import KnowledgeBase, load_knowledge_base
from stackwatch.kb import loader as kb_loader
from stackwatch.records import LAYERS, EntityType

# --- the shipped knowledge base ----------------------------------------------------------


def test_knowledge_base_is_large_enough(kb: KnowledgeBase) -> None:
    assert len(kb) >= 400


def test_every_entity_type_is_used(kb: KnowledgeBase) -> None:
    assert {e.type for e in kb.entities.values()} == set(get_args(EntityType))


def test_no_alias_is_claimed_twice(kb: KnowledgeBase) -> None:
    assert kb.alias_collisions() == {}


@pytest.mark.parametrize("field", ["parent", "org", "maker"])
def test_references_resolve(kb: KnowledgeBase, field: str) -> None:
    dangling = {
        e.id: getattr(e, field)
        for e in kb.entities.values()
        if getattr(e, field) is not None and getattr(e, field) not in kb.entities
    }
    assert dangling == {}


def test_references_point_at_the_right_kinds(kb: KnowledgeBase) -> None:
    not_an_org = ("person", "product")
    entities = kb.entities.values()
    assert {e.id for e in entities if e.org is not None and e.type != "person"} == set()
    assert {e.id for e in entities if e.maker is not None and e.type != "product"} == set()
    assert {e.id for e in entities if e.org is not None and kb[e.org].type in not_an_org} == set()
    assert {e.id for e in entities if e.maker is not None and kb[e.maker].type in not_an_org} == set()


def test_parent_chains_end(kb: KnowledgeBase) -> None:
    for entity in kb.entities.values():
        seen = {entity.id}
        parent = entity.parent
        while parent is not None:
            assert parent not in seen, f"parent cycle through {entity.id}"
            seen.add(parent)
            parent = kb[parent].parent


def test_layers_are_valid(kb: KnowledgeBase) -> None:
    used = {layer for e in kb.entities.values() for layer in e.layers}
    assert used <= set(LAYERS)
    assert used == set(LAYERS)


def test_aliases_are_long_enough_and_trimmed(kb: KnowledgeBase) -> None:
    assert [(e.id, a) for e in kb.entities.values() for a in e.aliases if len(a) < 2] == []
    assert [(e.id, a) for e in kb.entities.values() for a in e.aliases if a != a.strip() or "  " in a] == []


def test_name_is_the_first_alias(kb: KnowledgeBase) -> None:
    assert [e.id for e in kb.entities.values() if e.aliases[:1] != (e.name,)] == []


@pytest.mark.parametrize(
    ("alias", "expected_type"),
    [
        ("삼성전자", "company"),
        ("SK하이닉스", "company"),
        ("네이버", "company"),
        ("카카오", "company"),
        ("LG", "company"),
        ("KT", "company"),
        ("SK텔레콤", "company"),
        ("리벨리온", "company"),
        ("퓨리오사AI", "company"),
        ("업스테이지", "company"),
        ("쿠팡", "company"),
    ],
)
def test_korean_players_are_present(kb: KnowledgeBase, alias: str, expected_type: str) -> None:
    assert alias in kb.by_alias
    entity = kb[kb.by_alias[alias]]
    assert entity.type == expected_type
    assert entity.country == "KR"


def test_rates_table_is_dated(kb: KnowledgeBase) -> None:
    assert str(kb.rates["as_of"])[:4].isdigit()
    assert {"USD", "KRW", "EUR", "JPY", "CNY", "GBP"} <= set(kb.rates["usd_per_unit"])
    assert kb.rates["usd_per_unit"]["USD"] == 1


# --- users' own files --------------------------------------------------------------------


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


@pytest.fixture
def only_user_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Skip the shipped files (1-2 s to parse each time): the errors below come from the user's file."""
    monkeypatch.setattr(kb_loader, "_shipped_entity_files", lambda: iter(()))


def test_user_file_adds_and_replaces(tmp_path: Path, kb: KnowledgeBase) -> None:
    assert "quorvane-labs" not in kb.entities
    assert "openai" in kb.entities
    path = _write(
        tmp_path,
        "mine.yaml",
        """
        # my own entities
        - id: quorvane-labs
          name: Quorvane Labs
          type: company
          aliases: [쿼베인랩스]
          layers: [model]
          country: US
        - id: openai
          name: OpenAI Test Double
          type: company
          aliases: [오픈AI]
          layers: [model]
        """,
    )
    empty = _write(tmp_path, "empty.yaml", "# nothing yet\n")
    mine = load_knowledge_base([empty, path])
    assert len(mine) == len(kb) + 1
    added = mine["quorvane-labs"]
    assert (added.name, added.type, added.aliases, added.layers) == (
        "Quorvane Labs",
        "company",
        ("Quorvane Labs", "쿼베인랩스"),
        ("model",),
    )
    assert mine.by_alias["쿼베인랩스"] == "quorvane-labs"
    assert mine["openai"].name == "OpenAI Test Double"
    assert mine.by_alias["오픈AI"] == "openai"
    assert mine.by_alias.get("OpenAI") != "openai"  # the replaced entry's other names are gone
    assert kb["openai"].name == "OpenAI"  # the shared knowledge base is untouched


def test_unreadable_user_file_names_the_file(tmp_path: Path, only_user_files: None) -> None:
    missing = tmp_path / "missing.yaml"
    with pytest.raises(ConfigError) as caught:
        load_knowledge_base([missing])
    assert caught.value.source == str(missing)


def test_bad_entry_names_file_and_line_through_the_public_loader(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "bad.yaml",
        """
        - id: fine-one
          name: Fine
          type: company

        - id: acme
          name: Acme
          type: company
          layers: [infra]
        """,
    )
    with pytest.raises(ConfigError) as caught:
        load_knowledge_base([path])
    assert caught.value.source == f"{path}:5"
    assert "acme" in caught.value.message
    assert "layers" in caught.value.message
    assert str(caught.value).startswith(f"{path}:5: ")


BAD_FILES = [
    # (what is wrong, file text, line the entry starts on, words the message must contain)
    (
        "invalid layer",
        """
        - id: fine-one
          name: Fine
          type: company
        - id: bad-layer
          name: Bad
          type: company
          layers: [infra]
        """,
        4,
        ["bad-layer", "layers"],
    ),
    (
        "unknown type",
        """
        - id: fine-one
          name: Fine
          type: company
        # a comment between entries

        - id: bad-type
          name: Bad
          type: startup
        """,
        6,
        ["bad-type", "type"],
    ),
    (
        "missing name",
        """
        - id: fine-one
          name: Fine
          type: company
        - id: no-name
          type: company
        """,
        4,
        ["no-name", "name"],
    ),
    (
        "bad id",
        """
        - id: Bad_ID!
          name: Bad
          type: company
        """,
        1,
        ["Bad_ID!", "id"],
    ),
    (
        "alias of one character",
        """
        - id: fine-one
          name: Fine
          type: company
        - id: short-alias
          name: Short
          type: company
          aliases: [Quorvane, X]
        """,
        4,
        ["short-alias", "aliases", "'X'"],
    ),
    (
        "unknown field",
        """
        - id: fine-one
          name: Fine
          type: company
          wibble: 1
        """,
        1,
        ["fine-one", "wibble"],
    ),
    (
        "not a list",
        """
        id: lonely
        name: Lonely
        type: company
        """,
        1,
        ["list"],
    ),
    (
        "an entry that is not a mapping",
        """
        - id: fine-one
          name: Fine
          type: company
        - just a string
        """,
        4,
        ["mapping"],
    ),
    (
        "invalid YAML syntax",
        """
        - id: fine-one
          name: Fine
          type: company
        - id: broken
          name: Broken: here
          type: company
        """,
        5,
        ["YAML"],
    ),
    (
        "a tab in the indentation",
        """
        - id: fine-one
          name: Fine
          type: company
        - id: tabbed
        \tname: Tabbed
        """,
        5,
        ["YAML"],
    ),
]


@pytest.mark.parametrize("bad", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_entry_names_file_and_line(
    tmp_path: Path, only_user_files: None, bad: tuple[str, str, int, list[str]]
) -> None:
    problem, text, line, words = bad
    path = _write(tmp_path, "mine.yaml", text)
    with pytest.raises(ConfigError) as caught:
        load_knowledge_base([path])
    assert caught.value.source == f"{path}:{line}", problem
    for word in words:
        assert word in caught.value.message, problem
