"""How well stackwatch finds people and organisations no dictionary lists: KLUE-NER news sentences.

    python benchmarks/klue_ner.py [--shared ../shared] [--examples 15] [--examples-mode open]

Reads `data/klue-ner/klue-ner-v1.1_dev.tsv` under the shared folder (character-level BIO
tags; see its README) and keeps the news sentences (ids ending in `-wikitree`). Gold
entities are the PS (person) and OG (organisation) spans. Each sentence goes through the
engine's name finding in two modes:

- open: `find_mentions` with the whole knowledge base, as `extract` runs it; a mention of
  a person is PS, of a company, investor, organisation or government OG (products are not
  scored);
- unknown-only: the `NameFinder` candidates alone (`known=[]`): person → PS, others → OG.

Scores are entity-level precision, recall and F1, exact character-span match (the type
must match too), for PS, OG and both; a lenient score counts a prediction that overlaps
a gold span of its type. It then sorts the misses and false positives into kinds and prints
examples. Nothing is trained or tuned on KLUE here: it only measures.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from stackwatch.extract import Extractor
from stackwatch.extract.entities import is_particle_tail
from stackwatch.extract.mentions import find_mentions
from stackwatch.records import EntityType, Sentence

REPO = Path(__file__).resolve().parents[1]
KLUE_FILE = Path("data/klue-ner/klue-ner-v1.1_dev.tsv")
SCORED = ("PS", "OG")
TYPE_TAG: dict[EntityType, str | None] = {
    "person": "PS",
    "company": "OG",
    "investor": "OG",
    "organization": "OG",
    "government": "OG",
    "product": None,
}
_ID_LINE = re.compile(r"^## (klue-ner-\S+)\t")
_HANGUL = re.compile(r"[가-힣]")
_LATIN = re.compile(r"[A-Za-z]")
EXAMPLE_SEED = 7
CONTEXT_CHARS = 18
MISS_CONTEXTS = 12  # how many of the most frequent missed names and following words to list


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    tag: str
    source: str = ""  # for predictions: "kb" or "new"

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class KlueSentence:
    id: str
    text: str
    gold: tuple[Span, ...]  # every tagged span, all six KLUE tags


# Reading KLUE ----------------------------------------------------------------------------


def read_klue(path: Path) -> Iterator[KlueSentence]:
    """Sentences in file order, the text rebuilt from the character lines, spans from BIO tags."""
    sentence_id: str | None = None
    chars: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as lines:
        for raw in lines:
            line = raw.rstrip("\n")
            match = _ID_LINE.match(line)
            if match:
                if sentence_id is not None:
                    yield _sentence(sentence_id, chars, tags)
                sentence_id, chars, tags = match.group(1), [], []
            elif line.startswith("##") or not line:
                continue
            elif sentence_id is not None:
                char, _, tag = line.rpartition("\t")
                chars.append(char)
                tags.append(tag)
    if sentence_id is not None:
        yield _sentence(sentence_id, chars, tags)


def _sentence(sentence_id: str, chars: list[str], tags: list[str]) -> KlueSentence:
    spans: list[Span] = []
    start: int | None = None
    kind = ""
    for index, tag in enumerate([*tags, "O"]):
        inside = tag.startswith("I-") and start is not None and tag[2:] == kind
        if inside:
            continue
        if start is not None:
            spans.append(Span(start, index, kind))
            start = None
        if tag.startswith(("B-", "I-")):  # an I- without its B- opens a span as well
            start, kind = index, tag[2:]
    return KlueSentence(sentence_id, "".join(chars), tuple(spans))


# Predictions -----------------------------------------------------------------------------


def predict_open(text: str, extractor: Extractor) -> set[Span]:
    """The engine's mentions with the full knowledge base, typed PS / OG."""
    mentions, entities = find_mentions(
        [Sentence(index=0, text=text)],
        language="ko",
        kb=extractor.kb,
        matcher=extractor.matcher,
        names=extractor.names,
    )
    types = {e.id: e.type for e in entities}
    spans: set[Span] = set()
    for mention in mentions:
        tag = TYPE_TAG[types[mention.entity]]
        if tag is not None:
            source = "new" if mention.entity.startswith("new:") else "kb"
            spans.add(Span(mention.evidence.start, mention.evidence.end, tag, source))
    return spans


def predict_unknown(text: str, extractor: Extractor) -> set[Span]:
    """`NameFinder` candidates alone: person → PS, any other type → OG."""
    return {
        Span(c.start, c.end, "PS" if c.type == "person" else "OG", "new")
        for c in extractor.names.find(text, language="ko", known=[])
    }


# Scoring ---------------------------------------------------------------------------------


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    exact: int = 0
    lenient_predicted: int = 0  # predictions overlapping a gold span of their type
    lenient_gold: int = 0  # gold spans overlapped by a prediction of their type

    def add(self, gold: list[Span], predicted: list[Span]) -> None:
        self.gold += len(gold)
        self.predicted += len(predicted)
        gold_keys = {(g.start, g.end, g.tag) for g in gold}
        self.exact += sum((p.start, p.end, p.tag) in gold_keys for p in predicted)
        self.lenient_predicted += sum(any(p.overlaps(g) and p.tag == g.tag for g in gold) for p in predicted)
        self.lenient_gold += sum(any(p.overlaps(g) and p.tag == g.tag for p in predicted) for g in gold)

    def exact_prf(self) -> tuple[float, float, float]:
        return _prf(self.exact, self.predicted, self.exact, self.gold)

    def lenient_prf(self) -> tuple[float, float, float]:
        return _prf(self.lenient_predicted, self.predicted, self.lenient_gold, self.gold)


def _prf(right_predicted: int, predicted: int, found_gold: int, gold: int) -> tuple[float, float, float]:
    precision = right_predicted / predicted if predicted else 0.0
    recall = found_gold / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@dataclass
class Example:
    sentence: KlueSentence
    span: Span
    kind: str


@dataclass
class ModeResult:
    name: str
    tallies: dict[str, Tally] = field(default_factory=lambda: {t: Tally() for t in (*SCORED, "both")})
    untyped: Tally = field(default_factory=Tally)
    misses: dict[str, list[Example]] = field(default_factory=lambda: {t: [] for t in SCORED})
    false_positives: dict[str, list[Example]] = field(default_factory=lambda: {t: [] for t in SCORED})
    particle_attached: int = 0  # predictions = a gold span + a particle tail
    by_source: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0


def score(
    result: ModeResult, sentence: KlueSentence, predicted: set[Span], classify_name: ClassifyName
) -> None:
    gold = [g for g in sentence.gold if g.tag in SCORED]
    preds = sorted(predicted, key=lambda p: (p.start, p.end))
    for tag in SCORED:
        result.tallies[tag].add([g for g in gold if g.tag == tag], [p for p in preds if p.tag == tag])
    result.tallies["both"].add(gold, preds)
    result.untyped.add([Span(g.start, g.end, "*") for g in gold], [Span(p.start, p.end, "*") for p in preds])
    exact = {(p.start, p.end, p.tag) for p in preds}
    gold_keys = {(g.start, g.end, g.tag) for g in gold}
    for p in preds:
        result.by_source[
            f"{p.tag} {p.source} {'right' if (p.start, p.end, p.tag) in gold_keys else 'wrong'}"
        ] += 1
    for g in gold:
        if (g.start, g.end, g.tag) not in exact:
            result.misses[g.tag].append(Example(sentence, g, _miss_kind(sentence, g, preds, classify_name)))
    for p in preds:
        if (p.start, p.end, p.tag) in gold_keys:
            continue
        kind = _false_positive_kind(sentence, p)
        result.particle_attached += kind == "span includes a particle"
        result.false_positives[p.tag].append(Example(sentence, p, kind))


class ClassifyName:
    """Why a gold name may be hard: Kiwi's reading of it (cached), its script, its length."""

    def __init__(self, extractor: Extractor) -> None:
        self._extractor = extractor
        self._cache: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        if name not in self._cache:
            self._cache[name] = self._classify(name)
        return self._cache[name]

    def _classify(self, name: str) -> str:
        if name in self._extractor.kb.by_alias:
            return "listed in the KB"
        if not _HANGUL.search(name):
            return "Latin/other script" if _LATIN.search(name) else "digits/symbols"
        if len(name) == 1:
            return "one syllable (a surname; 남, 북, 한 for OG)"
        tokens = self._extractor.korean.kiwi.tokenize(name)
        if len(tokens) == 1 and tokens[0].tag == "NNP":
            return "Kiwi: one NNP"
        if all(t.tag in {"NNP", "SL", "SN", "SH"} for t in tokens):
            return "Kiwi: NNP compound"
        if any(t.tag == "NNP" for t in tokens):
            return "Kiwi: NNP + common parts"
        return "Kiwi: common noun(s)"


def _miss_kind(sentence: KlueSentence, gold: Span, preds: list[Span], classify_name: ClassifyName) -> str:
    overlapping = [p for p in preds if p.overlaps(gold)]
    if any(p.tag == gold.tag for p in overlapping):
        return "boundary differs"
    if any(p.start == gold.start and p.end == gold.end for p in overlapping):
        return "found, wrong type"
    if overlapping:
        return "overlapped by a wrong-type span"
    return "not found: " + classify_name(sentence.text[gold.start : gold.end])


def _false_positive_kind(sentence: KlueSentence, pred: Span) -> str:
    overlapping = [g for g in sentence.gold if g.overlaps(pred)]
    same = [g for g in overlapping if g.tag == pred.tag]
    for g in same:
        if g.start == pred.start and pred.end > g.end:
            tail = sentence.text[g.end : pred.end]
            if _HANGUL.fullmatch(tail[:1]) and is_particle_tail(tail):
                return "span includes a particle"
    if same:
        return "boundary differs"
    exact_other = [g for g in overlapping if g.start == pred.start and g.end == pred.end]
    if exact_other:
        return f"right span, gold is {exact_other[0].tag}"
    if overlapping:
        return "overlaps gold " + "/".join(sorted({g.tag for g in overlapping}))
    return "no gold entity there"


# Report ----------------------------------------------------------------------------------


def print_scores(result: ModeResult) -> None:
    print(f"\n== {result.name} ({result.seconds:.1f} s)")
    print(
        f"{'type':<6}{'gold':>6}{'pred':>6}{'exact':>7}   {'P':>5} {'R':>5} {'F1':>5}"
        f"   lenient {'P':>5} {'R':>5} {'F1':>5}"
    )
    rows = [*result.tallies.items(), ("any", result.untyped)]
    for tag, t in rows:
        p, r, f = t.exact_prf()
        lp, lr, lf = t.lenient_prf()
        print(
            f"{tag:<6}{t.gold:>6}{t.predicted:>6}{t.exact:>7}   {p:5.3f} {r:5.3f} {f:5.3f}"
            f"           {lp:5.3f} {lr:5.3f} {lf:5.3f}"
        )
    print("  ('any' ignores the type: PS and OG spans pooled, a span counts whatever type it was given)")
    print("  predictions by type, origin, exact-correct:", dict(sorted(result.by_source.items())))
    print(f"  false positives that are a gold span plus a particle: {result.particle_attached}")
    for tag in SCORED:
        misses = Counter(e.kind for e in result.misses[tag])
        fps = Counter(e.kind for e in result.false_positives[tag])
        print(f"  {tag} misses ({len(result.misses[tag])}): " + _counts(misses))
        print(f"  {tag} false positives ({len(result.false_positives[tag])}): " + _counts(fps))
    print_miss_contexts(result, MISS_CONTEXTS)


def print_miss_contexts(result: ModeResult, top: int) -> None:
    """The names missed most often, and what follows a missed name (a cue we could learn to read)."""
    for tag in SCORED:
        unfound = [e for e in result.misses[tag] if e.kind.startswith("not found")]
        names = Counter(e.sentence.text[e.span.start : e.span.end] for e in unfound)
        after = Counter(_word_after(e.sentence.text, e.span.end) for e in unfound)
        print(f"  {tag} names most often not found: " + _counts(Counter(dict(names.most_common(top)))))
        print(
            f"  {tag} what follows a name not found (+ glued, ␣ next word): "
            + _counts(Counter(dict(after.most_common(top))))
        )


def _word_after(text: str, end: int) -> str:
    rest = text[end:]
    if _HANGUL.match(rest[:1]):
        return "+" + rest[0]  # glued: a particle, or a suffix such as 씨
    match = re.match(r"\s+([^\s,.'\"()·]+)", rest)
    if match is None:
        return rest[:1] or "(end)"
    word = match.group(1)
    if len(word) > 1 and word[-1] in "은는이가을를의와과도에":
        word = word[:-1]
    return "␣" + word


def _counts(counter: Counter[str]) -> str:
    return "; ".join(f"{kind} {n}" for kind, n in counter.most_common())


def print_examples(result: ModeResult, count: int) -> None:
    rng = random.Random(EXAMPLE_SEED)
    for tag in SCORED:
        for label, examples in (
            ("misses", result.misses[tag]),
            ("false positives", result.false_positives[tag]),
        ):
            chosen = sorted(rng.sample(range(len(examples)), min(count, len(examples))))
            print(f"\n-- {result.name}: {count} {tag} {label} (of {len(examples)}, a fixed random sample)")
            for index in chosen:
                print("  " + _example_line(examples[index]))


def _example_line(example: Example) -> str:
    text, span = example.sentence.text, example.span
    left = text[max(0, span.start - CONTEXT_CHARS) : span.start]
    right = text[span.end : span.end + CONTEXT_CHARS]
    gold = " ".join(
        f"<{text[g.start : g.end]}:{g.tag}>" for g in example.sentence.gold if g.overlaps(span) and g != span
    )
    name = text[span.start : span.end]
    origin = f" ({span.source})" if span.source else ""
    line = f"{name!r:<16} [{example.kind}{origin}]  …{left}⟦{name}⟧{right}…"
    return line + (f"  gold: {gold}" if gold else "")


def check_spans_exclude_particles(sentences: Iterable[KlueSentence]) -> str:
    """How often a KLUE PS/OG span is followed directly by Hangul (a particle left outside it)."""
    total = followed = 0
    for sentence in sentences:
        for g in sentence.gold:
            if g.tag in SCORED:
                total += 1
                followed += bool(_HANGUL.fullmatch(sentence.text[g.end : g.end + 1]))
    return (
        f"{followed} of {total} gold PS/OG spans are followed directly by Hangul "
        "(particles stay outside KLUE spans)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--shared", type=Path, default=REPO.parent / "shared", help="the shared folder (default ../shared)"
    )
    parser.add_argument(
        "--examples", type=int, default=15, help="examples of each kind to print (default 15)"
    )
    parser.add_argument(
        "--examples-mode",
        choices=("open", "unknown-only", "both"),
        default="open",
        help="whose examples to print",
    )
    args = parser.parse_args()
    path = args.shared / KLUE_FILE
    if not path.is_file():
        sys.exit(
            f"error: {path}: not found. This benchmark needs the shared folder with KLUE-NER "
            f"({KLUE_FILE}); pass it with --shared PATH."
        )

    sentences = [s for s in read_klue(path) if s.id.endswith("-wikitree")]
    print(f"KLUE-NER dev, news sentences (-wikitree): {len(sentences)} from {path}")
    gold_counts = Counter(g.tag for s in sentences for g in s.gold)
    print("gold spans by tag: " + ", ".join(f"{t} {n}" for t, n in gold_counts.most_common()))
    print(check_spans_exclude_particles(sentences))

    started = time.perf_counter()
    extractor = Extractor.load()
    extractor.korean.kiwi.tokenize("준비")  # load Kiwi before timing the modes
    print(f"extractor and Kiwi loaded in {time.perf_counter() - started:.1f} s")
    classify_name = ClassifyName(extractor)

    results = []
    for name, predict in (("open", predict_open), ("unknown-only", predict_unknown)):
        result = ModeResult(name)
        started = time.perf_counter()
        predictions = [predict(s.text, extractor) for s in sentences]
        result.seconds = time.perf_counter() - started
        for sentence, predicted in zip(sentences, predictions, strict=True):
            score(result, sentence, predicted, classify_name)
        results.append(result)
        print_scores(result)

    for result in results:
        if args.examples_mode in (result.name, "both"):
            print_examples(result, args.examples)


if __name__ == "__main__":
    main()
