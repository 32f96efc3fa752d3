"""Korean particles after any name: 메타는, 앤트로픽은, 오픈AI가, OpenAI가, GPT-5는, H100은.

A particle's form depends on the sound a reader says last: 은/이/을/과/으로 after a final
consonant (받침), 는/가/를/와/로 after a vowel, and 로 also after ㄹ. Names in our reports
mix Hangul, Latin letters and digits, so the last sound is found by reading the end of
the name the way a Korean reader would:

1. What is read last. Trailing quotes and punctuation are skipped, and so is a trailing
   parenthetical, which glosses the name rather than being read: 메타(Meta)는.
2. Hangul: the 받침 of the last syllable.
3. Digits: the Korean reading of the number. 5 오 → 는, 1 일 → 은 (and 로), 10 십,
   100 백, 1000 천, 20000 이만 → 은; after a decimal point digits are read one by one
   (4.1 사점일 → 은).
4. Latin letters: the last word of a camel-cased name (OpenAI → AI, CoreWeave → Weave).
   - A single letter, a word without vowels, or a short capitalised acronym is read
     letter by letter, and only 엘 (L), 엠 (M), 엔 (N) and 알 (R) end in a 받침:
     AMD는, IBM은, xAI가, GPT-4o는.
   - A capitalised word that can be pronounced is read as a word (NVIDIA, KAIST, NASA,
     APEC): four letters alternating consonant and vowel, or five or more letters
     without three consonants in a row.
   - Words follow the spelling-to-sound rules of Korean loanword transcription
     (외래어 표기법), see `_english_word_final`: Google은, Microsoft는, Groq은.
5. Anything else (Chinese characters, emoji, an empty string) gets the neutral written
   form that suits either sound: 은(는), 이(가), (으)로.
"""

from __future__ import annotations

import enum
import re
import unicodedata

__all__ = ["PARTICLE_PAIRS", "josa", "particle"]


class _Final(enum.Enum):
    """The last sound of a word, as far as particles care."""

    VOWEL = "vowel"  # 는, 가, 를, 와, 로
    RIEUL = "rieul"  # 은, 이, 을, 과, but 로 (the ㄹ 받침)
    CONSONANT = "consonant"  # 은, 이, 을, 과, 으로
    UNKNOWN = "unknown"  # 은(는), 이(가), (으)로


# Each pair as (after a consonant, after a vowel). The pairs whose first form starts with
# 으 (으로, 으로서, 으로써) take the vowel form after ㄹ as well.
_PAIR_FORMS: tuple[tuple[str, str], ...] = (
    ("은", "는"),
    ("이", "가"),
    ("을", "를"),
    ("과", "와"),
    ("으로", "로"),
    ("으로서", "로서"),
    ("으로써", "로써"),
    ("이라", "라"),
    ("이다", "다"),
    ("이나", "나"),
    ("이며", "며"),
    ("이랑", "랑"),
    ("아", "야"),
)
PARTICLE_PAIRS: tuple[str, ...] = tuple(f"{c}/{v}" for c, v in _PAIR_FORMS)
"""The pairs `particle` accepts, written consonant form first ("은/는"); the reverse order works too."""

_FORMS_BY_PAIR: dict[str, tuple[str, str]] = {
    **{f"{c}/{v}": (c, v) for c, v in _PAIR_FORMS},
    **{f"{v}/{c}": (c, v) for c, v in _PAIR_FORMS},
}


def particle(word: str, pair: str) -> str:
    """Return the form of `pair` ("은/는", "이/가", ...) that follows `word` when read aloud.

    `particle("Google", "은/는") == "은"`; an unreadable ending gets the neutral written
    form ("은(는)", "(으)로"). Raises ValueError for a pair not in `PARTICLE_PAIRS`.
    """
    try:
        after_consonant, after_vowel = _FORMS_BY_PAIR[pair.replace(" ", "")]
    except KeyError:
        raise ValueError(f"unknown particle pair {pair!r}; use one of {', '.join(PARTICLE_PAIRS)}") from None
    final = _final_sound(word)
    if final is _Final.VOWEL:
        return after_vowel
    if final is _Final.RIEUL:
        return after_vowel if after_consonant.startswith("으") else after_consonant
    if final is _Final.CONSONANT:
        return after_consonant
    if after_consonant.endswith(after_vowel):  # 으로/로 → (으)로, 이라/라 → (이)라
        return f"({after_consonant.removesuffix(after_vowel)}){after_vowel}"
    return f"{after_consonant}({after_vowel})"  # 은(는), 이(가)


def josa(word: str, pair: str) -> str:
    """Return `word` followed by the right form of `pair`: `josa("메타(Meta)", "은/는") == "메타(Meta)는"`."""
    return word + particle(word, pair)


# --- 1. What is read last ------------------------------------------------------------------

# Skipped at the end of a word: spaces, sentence punctuation and quotes of every script.
_SKIPPED = " \t\n.,!?;:…·~'\"`’‘”“」「』『》《〉〈»«›‹"
_OPENING_BRACKET = {")": "(", "]": "[", "}": "{", "）": "（", "］": "［"}


def _spoken_tail(word: str) -> str:
    """Cut `word` after the last thing a reader says: no trailing quotes, punctuation or glosses."""
    text = unicodedata.normalize("NFKC", word)  # full-width letters, decomposed Hangul
    while True:
        text = text.rstrip(_SKIPPED)
        if not text or text[-1] not in _OPENING_BRACKET:
            return text
        start = _matching_bracket(text)
        if start is None:  # a stray closing bracket
            text = text[:-1]
            continue
        head = text[:start].rstrip(_SKIPPED)
        # "메타(Meta)" is read "메타"; a word that is all parenthesis, "(주)", is read inside.
        text = head or text[start + 1 : -1]


def _matching_bracket(text: str) -> int | None:
    """Index of the bracket that opens the one closing `text`, or None."""
    closing = text[-1]
    opening = _OPENING_BRACKET[closing]
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        if text[index] == closing:
            depth += 1
        elif text[index] == opening:
            depth -= 1
            if depth == 0:
                return index
    return None


def _final_sound(word: str) -> _Final:
    text = _spoken_tail(word)
    if not text:
        return _Final.UNKNOWN
    last = text[-1]
    if "가" <= last <= "힣":
        return _hangul_final(last)
    if last.isascii() and last.isdigit():
        return _number_final(text)
    if last.isascii() and last.isalpha():
        return _latin_final(text)
    return _SYMBOL_FINALS.get(last, _Final.UNKNOWN)


# --- 2. Hangul -----------------------------------------------------------------------------

_RIEUL_INDEX = 8  # ㄹ among the 28 final-consonant slots of a precomposed syllable (0 = none)


def _hangul_final(syllable: str) -> _Final:
    index = (ord(syllable) - ord("가")) % 28
    if index == 0:
        return _Final.VOWEL
    return _Final.RIEUL if index == _RIEUL_INDEX else _Final.CONSONANT


# --- 3. Digits -----------------------------------------------------------------------------

# 영 일 이 삼 사 오 육 칠 팔 구
_DIGIT_FINALS = (
    _Final.CONSONANT,
    _Final.RIEUL,
    _Final.VOWEL,
    _Final.CONSONANT,
    _Final.VOWEL,
    _Final.VOWEL,
    _Final.CONSONANT,
    _Final.RIEUL,
    _Final.RIEUL,
    _Final.VOWEL,
)
# The myriad units a round number ends on: (none), 만, 억, 조, 경.
_MYRIAD_FINALS = (_Final.UNKNOWN, _Final.CONSONANT, _Final.CONSONANT, _Final.VOWEL, _Final.CONSONANT)
_NUMBER_TAIL = re.compile(r"[0-9][0-9.,]*$")
_SYMBOL_FINALS = {"%": _Final.VOWEL, "+": _Final.VOWEL}  # 퍼센트, 플러스


def _number_final(text: str) -> _Final:
    match = _NUMBER_TAIL.search(text)
    digits = match.group().rstrip(".,") if match else ""
    if not digits:
        return _Final.UNKNOWN
    if "." in digits:  # 4.1 사점일, 3.10 삼점일영: decimals are read digit by digit
        return _DIGIT_FINALS[int(digits[-1])]
    return _integer_final(int(digits.replace(",", "")))


def _integer_final(number: int) -> _Final:
    """The last sound of `number` read in Korean: 2025 이천이십오, 20000 이만, 1500 천오백."""
    if number == 0:
        return _Final.CONSONANT  # 영
    myriads = 0
    while number % 10_000 == 0:
        number //= 10_000
        myriads += 1
    if myriads:  # 2만, 380억, 51조: the unit is said last
        return _MYRIAD_FINALS[myriads] if myriads < len(_MYRIAD_FINALS) else _Final.UNKNOWN
    if number % 10:
        return _DIGIT_FINALS[number % 10]
    return _Final.CONSONANT  # 십, 백, 천 all end in a 받침


# --- 4. Latin letters ----------------------------------------------------------------------

# Korean names of the letters; only 엘, 엠, 엔 and 알 end in a 받침.
_LETTER_FINALS = {"L": _Final.RIEUL, "M": _Final.CONSONANT, "N": _Final.CONSONANT, "R": _Final.RIEUL}
_VOWELS = frozenset("aeiou")
_LATIN_TAIL = re.compile(r"[A-Za-z]+$")
# The last part of a camel-cased name: OpenAI → AI, CoreWeave → Weave, LLaMA → MA, iPhone → Phone.
_CAMEL_PART = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+")


def _latin_final(text: str) -> _Final:
    match = _LATIN_TAIL.search(text)
    if match is None:
        return _Final.UNKNOWN
    part = _CAMEL_PART.findall(match.group())[-1]
    lower = part.lower()
    is_spelled = (
        len(part) == 1
        or not any(letter in _VOWELS or letter == "y" for letter in lower)
        or (part.isupper() and not _is_pronounceable_acronym(lower))
    )
    if is_spelled:
        return _LETTER_FINALS.get(part[-1].upper(), _Final.VOWEL)
    return _english_word_final(lower)


def _is_pronounceable_acronym(letters: str) -> bool:
    """Whether a capitalised word is read as a word (NASA, APEC, NVIDIA, KAIST), not spelled (TSMC, ASML).

    Three letters are always spelled (AMD, IBM, SEC). Four are read as a word only when
    consonants and vowels alternate (NASA, APEC, CUDA; not SMIC, ASML, DRAM); five or more
    when no three consonants stand together (NVIDIA, KAIST, NAVER; not LPDDR).
    """
    pattern = "".join("v" if letter in _VOWELS or letter == "y" else "c" for letter in letters)
    if len(letters) < 4:
        return False
    if len(letters) == 4:
        return pattern in ("cvcv", "vcvc")
    return "v" in pattern and "ccc" not in pattern


def _english_word_final(word: str) -> _Final:
    """The last sound of an English word as Korean writes it (외래어 표기법), from its spelling.

    - A final vowel letter, y or w is a vowel: Meta, Nvidia, Perplexity, Huawei, Snow.
    - A final r after a vowel is not pronounced: Naver, Palantir, Uber → 는.
    - m, n, ng give a 받침 (Broadcom, Amazon, Samsung), l gives ㄹ (Intel, Mistral).
    - Silent e: the consonant before it decides. -le → ㄹ (Google, Apple, Oracle),
      -me/-ne → 받침 (Chrome, Line); others become a syllable with ㅡ or ㅣ: -ce/-se 스,
      -de 드, -ke 크, -ge 지, -ve 브, -te 트 (Claude, Snowflake, CoreWeave) → 는.
    - p, t, k (also c, ck, q) after a single short vowel become a 받침: Groq 그록,
      Anthropic 앤트로픽, Chat 챗, Snap 스냅, and -ook (Facebook 페이스북). After a
      consonant or a long vowel they get ㅡ: Microsoft 마이크로소프트, DeepSeek 딥시크.
    - Every other final consonant gets ㅡ or ㅣ (b 브, d 드, f 프, s 스, x 스, sh 시,
      ch 치, th 스, g 그): Databricks, iPad, Netflix → 는.
    """
    last = word[-1]
    if last == "e":  # ee, ie, oe, ue, ye are vowels; after a consonant the e is silent
        before = word[-2]
        if before == "l":
            return _Final.RIEUL
        return _Final.CONSONANT if before in "mn" else _Final.VOWEL
    if last in _VOWELS or last in "yw":
        return _Final.VOWEL
    if last == "l":
        return _Final.RIEUL
    if last in "mn" or word.endswith("ng"):
        return _Final.CONSONANT
    if last in "ptkcq":
        return _Final.CONSONANT if _has_short_vowel_before_stop(word) else _Final.VOWEL
    return _Final.VOWEL


def _has_short_vowel_before_stop(word: str) -> bool:
    if word.endswith("ook"):  # book 북, look 룩: oo is short before k
        return True
    stem = word[:-2] if word.endswith("ck") else word[:-1]
    if not stem or stem[-1] not in _VOWELS:
        return False  # a consonant cluster: -ft, -st, -nk, -rk, -pt
    return len(stem) < 2 or stem[-2] not in _VOWELS  # ee, ea, oa, ai: a long vowel
