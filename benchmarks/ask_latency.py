"""Latency of `search` and `ask` over a store of 10,000+ articles, on one core.

    python benchmarks/ask_latency.py [--articles 10000] [--db PATH] [--queries 200]

The store is built (or reused with --db, when it already holds enough articles) from the
bundled samples and the test fixtures' articles, recombined with a fixed seed: each source
article is extracted once, then every synthetic article takes 10-20 of the source
sentences at random, with the entities, amounts and events read from them, renumbered,
and is stored through `Store.add` (one transaction per article, as `ingest` does). This
skips Kiwi and the extractor for the copies, which would cost an hour and measure nothing
about search.

The query set mixes searches (names in either script, words with synonyms, filters) and
questions of every shape (amount, deals, total, ranking, talent, launch, passage, not
found). Each is run once to warm the caches, then timed `--repeat` times. It prints p50,
p95 and max per kind and, last, exactly `search_p95_ms=X ask_p95_ms=Y`.
Targets (issue 5): search p95 < 200 ms, ask p95 < 500 ms.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

from stackwatch.extract import Extractor
from stackwatch.kb import load_knowledge_base
from stackwatch.pipeline import Failure, run_batch
from stackwatch.records import Document, DocumentFacts, Evidence, Sentence
from stackwatch.search import ask, search
from stackwatch.store import Store

SEED = 20251204
REPO = Path(__file__).resolve().parents[1]
FIXTURE_ARTICLES = (REPO / "tests" / "fixtures" / "deals", REPO / "tests" / "fixtures" / "report")
SITES = ("테크로그뉴스", "TokenPost", "Reuters", "연합뉴스", None)

SEARCHES = [
    ("코어위브 부채", {}),
    ("CoreWeave 채무", {}),
    ("오픈AI 클라우드 계약", {}),
    ("OpenAI AWS compute", {}),
    ("엔비디아 투자", {"since": "2025-06-01"}),
    ("Anthropic investment", {}),
    ("데이터센터 전력", {"layer": "infrastructure"}),
    ("쿠팡 정보 유출", {}),
    ("GPU 공급", {"event_type": "contract"}),
    ("얀 르쿤 스타트업", {}),
    ("소프트뱅크 엔비디아 매각", {}),
    ("AI 예산", {"until": "2025-09-30"}),
]
QUESTIONS = [
    "코어위브 부채는 얼마인가?",
    "What is OpenAI's valuation?",
    "오픈AI의 연간 매출은?",
    "메타가 맺은 클라우드 계약은?",
    "Which deals did Nvidia make with OpenAI?",
    "2025년 11월 인프라 투자 총액은?",
    "가장 큰 클라우드 계약은?",
    "얀 르쿤은 어디로 갔나?",
    "When did OpenAI launch GPT-5.1?",
    "쿠팡에서 유출된 계정은 몇 개인가?",
    "테슬라의 기업가치는 얼마인가?",
    "How much did Microsoft invest in Anthropic?",
]


def pin_to_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def source_facts(extractor: Extractor) -> list[DocumentFacts]:
    with resources.as_file(resources.files("stackwatch").joinpath("samples")) as samples:
        folders = [Path(samples), *(f for f in FIXTURE_ARTICLES if f.is_dir())]
        return [f for f in run_batch(folders, extractor) if not isinstance(f, Failure)]


@dataclasses.dataclass(frozen=True)
class _Unit:
    """One source sentence with what was read from it."""

    facts: DocumentFacts
    sentence: Sentence


def _units(sources: list[DocumentFacts]) -> list[_Unit]:
    return [_Unit(f, s) for f in sources for s in f.sentences if not s.is_title and len(s.text) > 20]


def synthetic(
    number: int, units: list[_Unit], sources: list[DocumentFacts], rng: random.Random
) -> DocumentFacts:
    """Article `number`: a headline and 10-20 sentences drawn from the pool, facts renumbered."""
    picked = rng.sample(units, rng.randint(10, 20))
    title_source = rng.choice(sources)
    title = f"{title_source.document.title or 'AI 뉴스'} #{number}"
    sentences = [Sentence(index=0, text=title, is_title=True)]
    mentions, amounts, events, entities = [], [], [], {}
    for new_index, unit in enumerate(picked, start=1):
        old = unit.sentence.index
        sentences.append(Sentence(index=new_index, text=unit.sentence.text))
        for m in unit.facts.mentions:
            if m.evidence.sentence == old:
                mentions.append(dataclasses.replace(m, evidence=_moved(m.evidence, new_index)))
        for a in unit.facts.amounts:
            if a.evidence.sentence == old:
                amounts.append(dataclasses.replace(a, evidence=_moved(a.evidence, new_index)))
        for e in unit.facts.events:
            if e.sentence == old:
                events.append(dataclasses.replace(e, sentence=new_index, date=None))
        named = {m.entity for m in mentions} | {a.entity for e in events for a in e.actors}
        entities.update({x.id: x for x in unit.facts.entities if x.id in named})
    published = date(2024, 1, 1) + timedelta(days=rng.randrange(730))
    document = Document(
        doc=f"synthetic_{number:05d}.txt",
        source=f"synthetic/{number:05d}.txt",
        text="\n".join(s.text for s in sentences[1:]),
        title=title,
        published=published.isoformat(),
        site=rng.choice(SITES),
    )
    return dataclasses.replace(
        title_source,
        document=document,
        sentences=tuple(sentences),
        mentions=tuple(mentions),
        amounts=tuple(amounts),
        events=tuple(events),
        entities=tuple(entities.values()),
    )


def _moved(evidence: Evidence, sentence: int) -> Evidence:
    return dataclasses.replace(evidence, sentence=sentence)


def build(db: Path, articles: int, extractor: Extractor) -> Store:
    store = Store.open(db, korean=extractor.korean)
    have = store.counts().documents
    if have >= articles:
        print(f"reusing {db}: {have} articles", file=sys.stderr)
        return store
    sources = source_facts(extractor)
    units = _units(sources)
    rng = random.Random(SEED)
    for _ in range(have):  # a resumed build continues the same sequence
        synthetic(0, units, sources, rng)
    started = time.perf_counter()
    for number in range(have, articles):
        store.add(synthetic(number, units, sources, rng))
        if (number + 1) % 1000 == 0:
            rate = (number + 1 - have) / (time.perf_counter() - started)
            print(f"  {number + 1} articles stored ({rate:.0f}/s)", file=sys.stderr)
    print(f"built {db}: {store.counts()}", file=sys.stderr)
    return store


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--db", type=Path, default=None, help="Build here, or reuse a store built before.")
    parser.add_argument("--repeat", type=int, default=5, help="Timed runs of each query.")
    args = parser.parse_args()
    pin_to_one_core()
    kb = load_knowledge_base()
    extractor = Extractor(kb)
    folder = Path(tempfile.mkdtemp(prefix="ask-latency-"))
    db = args.db or folder / "bench.db"
    store = build(db, args.articles, extractor)
    for query, options in SEARCHES:
        search(store, query, kb=kb, **options)  # type: ignore[arg-type]
    for question in QUESTIONS:
        ask(store, question, kb=kb)
    search_ms: list[float] = []
    ask_ms: list[float] = []
    search_cpu: list[float] = []
    ask_cpu: list[float] = []
    for _ in range(args.repeat):
        for query, options in SEARCHES:
            started, cpu = time.perf_counter(), time.process_time()
            search(store, query, kb=kb, **options)  # type: ignore[arg-type]
            search_ms.append((time.perf_counter() - started) * 1000)
            search_cpu.append((time.process_time() - cpu) * 1000)
        for question in QUESTIONS:
            started, cpu = time.perf_counter(), time.process_time()
            ask(store, question, kb=kb)
            ask_ms.append((time.perf_counter() - started) * 1000)
            ask_cpu.append((time.process_time() - cpu) * 1000)
    counts = store.counts()
    print(f"store: {counts.documents} articles, {counts.sentences} sentences, {counts.events} events")
    # wall-clock is the latency a user sees; CPU time is the same work without other
    # processes' turns on the core (they differ when the machine is busy)
    for name, values, cpu_values in (("search", search_ms, search_cpu), ("ask", ask_ms, ask_cpu)):
        print(
            f"{name}: n={len(values)} wall p50={statistics.median(values):.1f} ms"
            f" p95={percentile(values, 0.95):.1f} ms max={max(values):.1f} ms;"
            f" cpu p50={statistics.median(cpu_values):.1f} ms p95={percentile(cpu_values, 0.95):.1f} ms"
        )
    store.close()
    print(f"search_p95_ms={percentile(search_ms, 0.95):.1f} ask_p95_ms={percentile(ask_ms, 0.95):.1f}")


if __name__ == "__main__":
    main()
