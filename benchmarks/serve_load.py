"""A bounded load on `stackwatch serve` over loopback: requests/s and p50/p99 per route.

    python benchmarks/serve_load.py                      # 10,000 articles, 30 s, 16 clients
    python benchmarks/serve_load.py --seconds 10 --db my.db

Without --db it builds (once, cached in /tmp) a store of --articles synthetic articles:
the bundled samples extracted once, then recombined deterministically — each copy gets
its own title, a date spread over a year, its amounts scaled (so deals neither all merge
nor all stay apart) and a filler paragraph (so copies are not near-duplicates). Rows go
in through `Store.add`, the same path ingest takes.
The server runs in a subprocess (`python -m stackwatch serve`); clients are httpx async.
The last line is machine-readable: `deals_p99_ms=X rps=Y`. Target: p99 < 300 ms on /deals.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from importlib import resources
from pathlib import Path

import httpx

SEED = 20251101
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
AMOUNT_FACTORS = (1.0, 1.7, 2.9, 4.9, 8.3, 14.1, 24.0)  # each >1.5x the last: a different deal


def build_store(path: Path, articles: int) -> None:
    from stackwatch.extract import Extractor
    from stackwatch.pipeline import Failure, run_batch
    from stackwatch.records import DocumentFacts
    from stackwatch.store import Store

    extractor = Extractor.load(())
    with resources.as_file(resources.files("stackwatch").joinpath("samples")) as folder:
        bases = [f for f in run_batch([Path(folder)], extractor) if not isinstance(f, Failure)]
    print(f"building {articles:,} articles from {len(bases)} samples into {path}", file=sys.stderr)
    tmp = path.with_suffix(".building")
    for stale in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        stale.unlink(missing_ok=True)
    started = time.perf_counter()
    with Store.open(tmp, korean=extractor.korean) as store:
        for i in range(articles):
            base: DocumentFacts = bases[i % len(bases)]
            store.add(_variant(base, i))
            if i and i % 1000 == 0:
                rate = i / (time.perf_counter() - started)
                print(f"  {i:,} stored ({rate:.0f}/s)", file=sys.stderr)
    tmp.rename(path)


def _variant(base: object, i: int) -> object:
    from stackwatch.records import DocumentFacts

    assert isinstance(base, DocumentFacts)
    day = date(2025, 1, 1) + timedelta(days=(i * 37) % 365)
    factor = Decimal(str(AMOUNT_FACTORS[(i // 16) % len(AMOUNT_FACTORS)]))
    doc = base.document
    # Copies of one article are near-duplicates, and the store compares a new article with
    # every near-copy it already holds: a filler paragraph of random words (in the text, not
    # in the sentences, so no fact changes) keeps each copy its own story.
    rng = random.Random(SEED + i)
    filler = " ".join(
        "".join(rng.choices(_LETTERS, k=rng.randint(3, 9))) for _ in range(3 * len(doc.text) // 6)
    )
    document = dataclasses.replace(
        doc,
        text=f"{doc.text}\n{filler}",
        doc=f"bench-{i:05d}-{doc.doc.rsplit('/', 1)[-1]}",
        source=f"bench-{i:05d}",
        title=f"{doc.title or ''} ({i})",
        url=f"https://bench.example/{i}" if doc.url else None,
        published=day.isoformat(),
    )
    events = tuple(
        dataclasses.replace(e, date=day.isoformat(), amount=_scaled(e.amount, factor)) for e in base.events
    )
    return dataclasses.replace(base, document=document, events=events)


def _scaled(amount: object, factor: Decimal) -> object:
    if amount is None:
        return None
    usd = getattr(amount, "usd", None)
    value = getattr(amount, "value", None)
    return dataclasses.replace(
        amount,  # type: ignore[type-var]
        usd=None if usd is None else usd * factor,
        value=None if value is None else value * factor,
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _requests(
    rng: random.Random, deal_ids: list[int], doc_ids: list[int], entities: list[str], *, with_search: bool
) -> tuple[str, str]:
    """One request of the mix: (route label, path)."""
    roll = rng.random()
    if roll < 0.30:
        choice = rng.choice(
            [
                "/deals",
                "/deals?sort=date",
                "/deals?type=contract",
                "/deals?layer=infrastructure&min_usd=1000000000",
                f"/deals?entity={rng.choice(entities)}",
                "/deals?signal=chips&sort=sources",
                f"/deals?page={rng.randint(1, 20)}",
                "/deals?since=2025-06-01&until=2025-08-31&status=done",
            ]
        )
        return "/deals", choice
    if roll < 0.40:
        return "/api/deals", rng.choice(
            ["/api/deals", "/api/deals?type=investment&limit=100", "/api/deals?sort=date"]
        )
    if roll < 0.50:
        return "/deals/{id}", f"/deals/{rng.choice(deal_ids)}"
    if roll < 0.60:
        return "/documents/{id}", f"/documents/{rng.choice(doc_ids)}"
    if roll < 0.67:
        return "/api/documents/{id}", f"/api/documents/{rng.choice(doc_ids)}"
    if roll < 0.77:
        return "/entities/{id}", f"/entities/{rng.choice(entities)}"
    if roll < 0.85:
        return "/", "/"
    if roll < 0.93 and with_search:
        return "/search", "/search?q=" + rng.choice(
            ["코어위브 부채", "엔비디아 GPU", "OpenAI contract", "데이터센터 전력"]
        )
    return "/api/events", "/api/events?limit=50"


async def _load(
    base: str, seconds: float, clients: int, *, with_search: bool
) -> tuple[dict[str, list[float]], float]:
    """Timings per route, and the seconds the load ran (after the warm-up)."""
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        deals = (await client.get("/api/deals", params={"limit": 500})).json()["items"]
        docs = (await client.get("/api/documents", params={"limit": 500})).json()["items"]
        ents = (await client.get("/api/entities", params={"limit": 40})).json()["items"]
        deal_ids = [d["id"] for d in deals]
        doc_ids = [d["id"] for d in docs]
        entities = [e["id"] for e in ents if "/" not in e["id"] and " " not in e["id"]] or ["openai"]
        for path in (
            "/",
            "/search?q=코어위브 부채",
        ):  # first render; the search engine loads on first use (~8 s)
            await client.get(path)
        timings: dict[str, list[float]] = defaultdict(list)
        errors: dict[str, int] = defaultdict(int)
        began = time.perf_counter()
        stop = began + seconds

        async def worker(number: int) -> None:
            rng = random.Random(SEED + number)
            while time.perf_counter() < stop:
                label, path = _requests(rng, deal_ids, doc_ids, entities, with_search=with_search)
                began = time.perf_counter()
                response = await client.get(path)
                timings[label].append((time.perf_counter() - began) * 1000)
                if response.status_code >= 400:
                    errors[f"{label} {response.status_code}"] += 1

        await asyncio.gather(*(worker(n) for n in range(clients)))
        elapsed = time.perf_counter() - began
    for key, count in sorted(errors.items()):
        print(f"errors: {key}: {count}", file=sys.stderr)
    return timings, elapsed


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--db", type=Path, help="An existing store (default: a synthetic one, cached in /tmp)."
    )
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument(
        "--without-search", action="store_true", help="Leave search (8%% of the mix, the costliest) out."
    )
    args = parser.parse_args()
    db = args.db or Path(f"/tmp/stackwatch-bench-{args.articles}.db")
    if not db.exists():
        if args.db:
            parser.error(f"{db}: no such store")
        build_store(db, args.articles)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "STACKWATCH_TOKEN"}
    server = subprocess.Popen(
        [sys.executable, "-m", "stackwatch", "serve", "--db", str(db), "--port", str(port)], env=env
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/status", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the server did not start")
            time.sleep(0.2)
        counts = httpx.get(base + "/api/status").json()["counts"]
        documents, deals, events = counts["documents"], counts["deals"], counts["events"]
        print(f"store: {documents:,} documents, {deals:,} deals, {events:,} events")
        timings, elapsed = asyncio.run(
            _load(base, args.seconds, args.clients, with_search=not args.without_search)
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
    total = sum(len(v) for v in timings.values())
    print(f"{args.clients} clients, {elapsed:.1f} s, {total:,} requests, {total / elapsed:.1f} requests/s")
    print(f"{'route':<22}{'n':>7}{'rps':>8}{'p50 ms':>9}{'p99 ms':>9}")
    for label in sorted(timings):
        values = timings[label]
        print(
            f"{label:<22}{len(values):>7}{len(values) / elapsed:>8.1f}"
            f"{statistics.median(values):>9.1f}{_percentile(values, 0.99):>9.1f}"
        )
    deals = timings.get("/deals") or [float("nan")]
    print(f"deals_p99_ms={_percentile(deals, 0.99):.1f} rps={total / elapsed:.1f}")


if __name__ == "__main__":
    main()
