"""Knowledge-base names in text (`EntityMatcher`, `is_particle_tail`) and names found from
context (`NameFinder` with Kiwi's judgement).

Tests of unknown names use invented names (루미나리움, Quorvane, 홍서진 ...) and first check
the knowledge base does not know them, so a growing knowledge base cannot pass them by luck.
"""

from __future__ import annotations

import pytest

from stackwatch.extract import Extractor
from stackwatch.extract.entities import EntityMatcher, is_particle_tail
from stackwatch.extract.names import NameCandidate
from stackwatch.kb import KnowledgeBase
from stackwatch.records import Mention


@pytest.fixture(scope="module")
def matcher(kb: KnowledgeBase) -> EntityMatcher:
    return EntityMatcher(kb)


def _found(matcher: EntityMatcher, kb: KnowledgeBase, text: str) -> list[tuple[str, str, str]]:
    """(surface, canonical name, particle) of every mention."""
    return [(m.surface, kb[m.entity].name, m.particle) for m in matcher.find(text)]


# --- EntityMatcher: particles ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("메타는 투자를 늘렸다", ("메타", "Meta", "는")),
        ("오픈AI의 새 모델", ("오픈AI", "OpenAI", "의")),
        ("앤트로픽과 계약했다", ("앤트로픽", "Anthropic", "과")),
        ("엔비디아로부터 칩을 샀다", ("엔비디아", "Nvidia", "로부터")),
        ("삼성전자와의 협력", ("삼성전자", "Samsung Electronics", "와의")),
        ("공급사는 오라클이었다", ("오라클", "Oracle", "이었다")),
        ("메타 주가가 올랐다", ("메타", "Meta", "")),
        ("(메타)", ("메타", "Meta", "")),
    ],
)
def test_name_with_particle(
    text: str, expected: tuple[str, str, str], matcher: EntityMatcher, kb: KnowledgeBase
) -> None:
    assert _found(matcher, kb, text) == [expected]


def test_mention_evidence_spans(matcher: EntityMatcher, kb: KnowledgeBase) -> None:
    text = "네이버와 카카오가 손잡았다"
    mentions = matcher.find(text, sentence=4)
    assert [(m.surface, m.particle) for m in mentions] == [("네이버", "와"), ("카카오", "가")]
    for mention in mentions:
        assert mention.evidence.sentence == 4
        assert text[mention.evidence.start : mention.evidence.end] == mention.surface


@pytest.mark.parametrize(
    "tail", ["", "는", "의", "과", "로부터", "와의", "이었다", "에서는", "이라는", "으로부터"]
)
def test_particle_tails(tail: str) -> None:
    assert is_particle_tail(tail)


@pytest.mark.parametrize("tail", ["버스", "링", "리케이션", "스토어", "플랫폼", "는는는는"])
def test_not_particle_tails(tail: str) -> None:
    assert not is_particle_tail(tail)


# --- EntityMatcher: no hits inside longer words ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "메타버스 플랫폼이 커졌다",
        "구글링으로 찾았다",
        "애플리케이션 시장",
        "the metadata file",
        "Metaverse hype is over",
        "meta tags in HTML",
        "a Googler said",
    ],
)
def test_no_hit_inside_a_longer_word(text: str, matcher: EntityMatcher) -> None:
    assert matcher.find(text) == []


# --- EntityMatcher: the longest name wins, without overlaps ------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        ("삼성전자가 발표했다", "삼성전자", "Samsung Electronics"),
        ("삼성은 발표했다", "삼성", "Samsung Group"),
        ("SK하이닉스는 HBM을 공급한다", "SK하이닉스", "SK hynix"),
        ("SK텔레콤과 손잡았다", "SK텔레콤", "SK Telecom"),
    ],
)
def test_longest_match_wins(
    text: str, surface: str, name: str, matcher: EntityMatcher, kb: KnowledgeBase
) -> None:
    [mention] = matcher.find(text)
    assert (mention.surface, kb[mention.entity].name) == (surface, name)


def test_mentions_do_not_overlap(matcher: EntityMatcher) -> None:
    mentions = matcher.find("SK하이닉스와 삼성전자, SK텔레콤, LG전자가 참여했다")
    assert [m.surface for m in mentions] == ["SK하이닉스", "삼성전자", "SK텔레콤", "LG전자"]
    ends = [m.evidence.end for m in mentions]
    starts = [m.evidence.start for m in mentions]
    assert all(end <= start for end, start in zip(ends, starts[1:], strict=False))


# --- EntityMatcher: Latin names are case-sensitive whole words ---------------------------


def test_latin_names_are_case_sensitive(matcher: EntityMatcher, kb: KnowledgeBase) -> None:
    assert _found(matcher, kb, "Meta said it would spend more") == [("Meta", "Meta", "")]
    assert matcher.find("the meta analysis said") == []
    # headlines in capitals: a name of four letters or more is matched in capitals too
    assert [kb[m.entity].name for m in matcher.find("NVIDIA SHARES JUMP")] == ["Nvidia"]


def test_version_is_not_cut(matcher: EntityMatcher, kb: KnowledgeBase) -> None:
    assert [m.surface for m in matcher.find("GPT-5는 공개됐다")] == ["GPT-5"]
    assert [m.surface for m in matcher.find("GPT-5.1 출시")] == ["GPT-5.1"]
    # a version the knowledge base does not know is still not GPT-5
    assert "GPT-5.9" not in kb.by_alias
    assert matcher.find("GPT-5.9 출시") == []


# --- EntityMatcher: 한화 meaning "in won" ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "8억 달러(한화 약 1조 2천억 원)",
        "한화 약 1조 원 규모",
        "한화 1조 원",
        "한화로 약 1조 원",
        "한화 기준 1조 원",
    ],
)
def test_hanhwa_before_a_won_amount_is_not_hanwha(
    text: str, matcher: EntityMatcher, kb: KnowledgeBase
) -> None:
    assert [kb[m.entity].name for m in matcher.find(text)] == []


@pytest.mark.parametrize("text", ["한화는 투자를 늘렸다", "한화그룹은 발표했다"])
def test_hanwha_group_is_still_found(text: str, matcher: EntityMatcher, kb: KnowledgeBase) -> None:
    [mention] = matcher.find(text)
    assert kb[mention.entity].name.startswith("Hanwha")


# --- NameFinder: names the knowledge base does not know ----------------------------------


def _new_names(extractor: Extractor, text: str, language: str = "ko") -> list[tuple[str, str]]:
    known = extractor.matcher.find(text)
    return [(c.name, c.type) for c in extractor.names.find(text, language=language, known=known)]


def _candidates(extractor: Extractor, text: str, language: str) -> list[NameCandidate]:
    return extractor.names.find(text, language=language, known=extractor.matcher.find(text))


def _assume_unknown(kb: KnowledgeBase, *names: str) -> None:
    for name in names:
        assert name not in kb.by_alias, f"{name} is in the knowledge base; pick another invented name"


@pytest.mark.parametrize(
    ("text", "unknown", "expected"),
    [
        ("미국 스타트업 매니페스트AI는 투자를 유치했다.", ["매니페스트AI"], [("매니페스트AI", "company")]),
        ("국내 스타트업 루미나리움은 투자를 유치했다.", ["루미나리움"], [("루미나리움", "company")]),
        ("홍서진 퓨리오사AI 대표는 말했다.", ["홍서진"], [("홍서진", "person")]),
        (
            "김도윤 루미나리움 대표는 말했다.",
            ["김도윤", "루미나리움"],
            [("김도윤", "person"), ("루미나리움", "company")],
        ),
        ("바룬 모한 CEO는 말했다.", ["바룬 모한", "바룬", "모한"], [("바룬 모한", "person")]),
        (
            "Henrik Werdelin이 창업한 Audos는 투자를 받았다.",
            ["Henrik Werdelin", "Audos"],
            [("Henrik Werdelin", "person"), ("Audos", "company")],
        ),
        (
            "Marta Quillon이 창업한 Zephyrine는 투자를 받았다.",
            ["Marta Quillon", "Zephyrine"],
            [("Marta Quillon", "person"), ("Zephyrine", "company")],
        ),
        (
            "미국 스타트업 퀼스택은 바룬 모한 CEO가 이끈다.",
            ["퀼스택"],
            [("퀼스택", "company"), ("바룬 모한", "person")],
        ),
        # not names: a common word after a cue
        ("미국 스타트업 대부분은 적자다.", [], []),
    ],
)
def test_korean_names_from_context(
    text: str, unknown: list[str], expected: list[tuple[str, str]], extractor: Extractor, kb: KnowledgeBase
) -> None:
    _assume_unknown(kb, *unknown)
    assert _new_names(extractor, text) == expected


def test_known_person_and_company_are_not_new(extractor: Extractor, kb: KnowledgeBase) -> None:
    text = "백준호 퓨리오사AI 대표는 말했다."
    assert [kb[m.entity].type for m in extractor.matcher.find(text)] == ["person", "company"]
    assert _new_names(extractor, text) == []


def test_foreign_name_then_unknown_company_then_title(extractor: Extractor, kb: KnowledgeBase) -> None:
    _assume_unknown(kb, "퀼스택", "바룬 모한")
    assert _new_names(extractor, "바룬 모한 퀼스택 CEO는 말했다.") == [
        ("바룬 모한", "person"),
        ("퀼스택", "company"),
    ]


def test_paren_pair_gives_a_name_and_its_korean_spelling(extractor: Extractor, kb: KnowledgeBase) -> None:
    _assume_unknown(kb, "쿼베인랩스", "Quorvane Labs")
    [candidate] = _candidates(extractor, "쿼베인랩스(Quorvane Labs)는 투자를 유치했다.", "ko")
    assert (candidate.name, candidate.type, candidate.alias) == ("Quorvane Labs", "company", "쿼베인랩스")


def test_known_paren_pair_is_matched_not_discovered(extractor: Extractor, kb: KnowledgeBase) -> None:
    text = "월드랩스(World Labs)는 투자를 유치했다."
    assert {kb[m.entity].name for m in extractor.matcher.find(text)} == {"World Labs"}
    assert _new_names(extractor, text) == []


def test_paren_pair_of_a_person(extractor: Extractor, kb: KnowledgeBase) -> None:
    _assume_unknown(kb, "Rania Feld", "라니아 펠트")
    [candidate] = _candidates(extractor, "라니아 펠트(Rania Feld) CEO는 말했다.", "ko")
    assert (candidate.name, candidate.type, candidate.alias) == ("Rania Feld", "person", "라니아 펠트")


@pytest.mark.parametrize(
    ("text", "unknown", "expected"),
    [
        (
            "Harbor Finch Capital led the round.",
            ["Harbor Finch Capital"],
            [("Harbor Finch Capital", "investor")],
        ),
        (
            "Tessaline Robotics raised $20 million.",
            ["Tessaline Robotics"],
            [("Tessaline Robotics", "company")],
        ),
        # a sentence-initial "The" is not part of a name, and alone is no name
        ("The Quorvane Group said it would invest.", ["Quorvane Group"], [("Quorvane Group", "company")]),
        ("The deal closed on Monday.", [], []),
        ("The startup raised money, the company said.", [], []),
        # a capitalised word with no cue at the start of an English sentence is not taken
        ("Tessaline said it raised money.", ["Tessaline"], []),
    ],
)
def test_english_names_need_a_cue(
    text: str, unknown: list[str], expected: list[tuple[str, str]], extractor: Extractor, kb: KnowledgeBase
) -> None:
    _assume_unknown(kb, *unknown)
    assert _new_names(extractor, text, language="en") == expected


def test_known_investor_with_suffix(extractor: Extractor, kb: KnowledgeBase) -> None:
    text = "Blue Owl Capital agreed to finance the project."
    mentions: list[Mention] = extractor.matcher.find(text)
    assert [(m.surface, kb[m.entity].type) for m in mentions] == [("Blue Owl Capital", "investor")]
    assert _new_names(extractor, text, language="en") == []
