"""Throughput of `ingest` into a fresh store against `extract` alone, on the same corpus.

    python benchmarks/ingest_throughput.py [--articles 2000] [--repeat 1]

The corpus is the one `extract_throughput.py` builds (sentences of the bundled samples,
recombined with a fixed seed, about 2,000 characters an article). On one core, with the
extractor and Kiwi loaded and warmed beforehand, it times:

- extract: `pipeline.run_batch` over the folder (read → decode → clean → analyse → extract);
- ingest: the same, and every document stored in a fresh SQLite store (one transaction per
  document: sentences with their Kiwi search terms, entities, mentions, amounts, events,
  MinHash story bands, deal merging).

Extract and ingest alternate `--repeat` times (default 3); each pass prints its ratio
R = ingest time / extract time, and the median pass is reported (target ≤ 1.3), with
the store's size per 1,000 articles, and last, exactly `ratio=R articles_per_s=A store_mb_per_1000=S`.
The corpus repeats its sentences, so the search-term cache hits more often than on real news;
`--cold-terms` clears it after every article to bound the cost from above.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract_throughput import pin_to_one_core, warm, write_corpus
from stackwatch.collect import store_outcomes
from stackwatch.extract import Extractor
from stackwatch.pipeline import Failure, run_batch
from stackwatch.store import Store

SEED = 20251203


def time_extract(folder: Path, extractor: Extractor) -> tuple[float, int]:
    started = time.perf_counter()
    done = sum(1 for o in run_batch([folder], extractor) if not isinstance(o, Failure))
    return time.perf_counter() - started, done


def time_ingest(
    folder: Path, extractor: Extractor, db: Path, *, cold_terms: bool
) -> tuple[float, int, Store]:
    store = Store.open(db, korean=extractor.korean)
    started = time.perf_counter()
    stored = 0
    for outcome in store_outcomes(store, run_batch([folder], extractor)):
        if not isinstance(outcome, Failure) and outcome.status == "new":
            stored += 1
        if cold_terms:
            store.indexer._cache.clear()
    return time.perf_counter() - started, stored, store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument(
        "--repeat", type=int, default=3, help="passes of extract then ingest; the median ratio"
    )
    parser.add_argument("--cold-terms", action="store_true", help="clear the search-term cache per article")
    args = parser.parse_args()
    print(f"cpu: {pin_to_one_core()}")
    extractor = Extractor.load()
    with tempfile.TemporaryDirectory(prefix="sw-ingest-") as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        corpus = write_corpus(folder, args.articles, SEED)
        print(f"corpus: {corpus.articles} articles, {corpus.chars / corpus.articles:,.0f} chars each")
        warm(extractor, folder)
        # extract and ingest alternate, and each pair gives a ratio: the machine's speed
        # drifts between runs (extract alone varied 37-57 articles/s), a pair shares it
        pairs = []
        for attempt in range(args.repeat):
            extract_s = time_extract(folder, extractor)[0]
            db = Path(tmp) / f"store{attempt}.db"
            seconds, stored, store = time_ingest(folder, extractor, db, cold_terms=args.cold_terms)
            counts = store.counts()
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            store.close()
            pairs.append((seconds / extract_s, extract_s, seconds, stored, counts, db.stat().st_size))
            ratio = seconds / extract_s
            print(f"pass {attempt + 1}: extract {extract_s:.1f} s, ingest {seconds:.1f} s, ratio {ratio:.2f}")
    pairs.sort(key=lambda p: p[0])
    ratio, extract_s, ingest_s, stored, counts, size = pairs[len(pairs) // 2]  # the median pass
    n = corpus.articles
    print(f"extract: {n / extract_s:7.1f} articles/s ({extract_s:.1f} s)")
    print(f"ingest:  {n / ingest_s:7.1f} articles/s ({ingest_s:.1f} s), {stored} stored")
    print(
        f"store: {counts.documents} documents, {counts.stories} stories, {counts.deals} deals, "
        f"{size / 1e6:.1f} MB ({size / 1e6 / max(1, counts.documents) * 1000:.1f} MB per 1,000 articles)"
    )
    print(
        f"ratio={ratio:.2f} articles_per_s={n / ingest_s:.1f} "
        f"store_mb_per_1000={size / 1e6 / max(1, counts.documents) * 1000:.1f}"
    )


if __name__ == "__main__":
    main()
