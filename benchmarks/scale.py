"""Scale-out of extraction: articles/s and memory for 1 worker, 2 workers and Ray on 2 CPUs.

    python benchmarks/scale.py [--sizes 2000,20000,100000] [--engines local1,local2,ray2] [--keep]

For each size it builds a corpus by recombining the sentences of the bundled samples
with a fixed seed (the generator of `extract_throughput.py`: same seed, same articles),
written as JSON Lines shards of 1,000 articles into a temporary folder. Then each engine
extracts the whole corpus into Parquet (`--out`), in a fresh Python process of its own:

- local1: `stackwatch.scale.write_parallel(workers=1)`, everything in one process;
- local2: `write_parallel(workers=2)`, a pool of 2 processes with an Extractor each;
- ray2:   `extract_with_ray(num_cpus=2)`, a local Ray with 2 actors.

Times are end to end, as a user sees them: process start, Extractor and Kiwi loading in
every worker (a fixed few seconds), reading, extraction and Parquet writing. Peak memory
is the largest sum, over the engine's process and all its descendants (pool workers, Ray's
raylet, GCS and actors), of their PSS (proportional set size: shared pages such as Ray's
object store are counted once), sampled every 0.5 s from /proc. Per-article cost is
given two ways: core-ms (wall time per article times the CPUs the engine holds) and cpu-ms
(user + system CPU time of the whole process tree per article, from /proc: what the work
costs whatever else runs on the machine); "cpu busy" is the share of its CPUs it got.

The last line is exactly `speedup_2=S flat=F`: S = local2's articles/s over local1's at the
largest size; F = local2's cpu-ms per article at the largest size over that at the smallest
(1.0 = flat; the fixed start-up cost is spread thinner as the size grows, so F < 1 is
expected). Nothing here asserts a timing. Run it on a quiet machine: other work on the cores
shows up in the wall times (the load average before and after each run is printed).
The 100k corpus takes an hour or more per engine on 2 cores: `--sizes 2000,20000` skips it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling benchmark's corpus generator
from extract_throughput import SEED, generate_articles, load_pools

SHARD_ARTICLES = 1000
SAMPLE_SECONDS = 0.5
ENGINES = {"local1": 1, "local2": 2, "ray2": 2}  # engine → CPUs it uses
MB = 1024 * 1024


@dataclass
class Result:
    engine: str
    articles: int
    seconds: float
    written: int
    failed: int
    peak_mb: float
    cpu_seconds: float  # user + system, the engine's process and its descendants

    @property
    def rate(self) -> float:
        return self.articles / self.seconds

    @property
    def core_ms(self) -> float:
        """Wall time per article times the CPUs the engine holds."""
        return 1000 * self.seconds * ENGINES[self.engine] / self.articles

    @property
    def cpu_ms(self) -> float:
        """CPU time per article: what the work costs, whatever else ran on the machine."""
        return 1000 * self.cpu_seconds / self.articles

    @property
    def busy(self) -> float:
        """Share of the engine's CPUs it actually got; well below 1 on a busy machine."""
        return self.cpu_seconds / (self.seconds * ENGINES[self.engine])


# Corpus --------------------------------------------------------------------------------


def write_corpus(folder: Path, count: int, seed: int) -> int:
    """`count` articles as JSON Lines shards of SHARD_ARTICLES; returns the bytes written."""
    pools = load_pools()
    size = 0
    shard = None
    for number, (_language, text) in enumerate(generate_articles(pools, count, seed)):
        if number % SHARD_ARTICLES == 0:
            if shard is not None:
                shard.close()
            shard = (folder / f"shard-{number // SHARD_ARTICLES:04d}.jsonl").open("w", encoding="utf-8")
        title, body = text.split("\n", 1)
        line = json.dumps({"title": title, "text": body}, ensure_ascii=False) + "\n"
        shard.write(line)
        size += len(line.encode("utf-8"))
    if shard is not None:
        shard.close()
    return size


# One engine, in its own process ----------------------------------------------------------


def run_engine(engine: str, corpus: Path, out: Path) -> None:
    """The child's side: extract the corpus, print one JSON line with the figures."""
    from stackwatch.scale import extract_with_ray, write_parallel

    started = time.perf_counter()
    if engine == "ray2":
        summary = extract_with_ray([corpus], out, num_cpus=2)
    else:
        summary = write_parallel([corpus], out, workers=ENGINES[engine])
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "written": summary.written, "failed": summary.failed}))


class TreeSampler:
    """Peak summed PSS of a process and its descendants, and the CPU time they used, sampled
    from /proc in a thread (a process's last half second before it exits is missed)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_kb = 0
        self.cpu_ticks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def cpu_seconds(self) -> float:
        return sum(self.cpu_ticks.values()) / os.sysconf("SC_CLK_TCK")

    def _sample(self) -> None:
        while not self._stop.is_set():
            tree = descendants(self.pid)
            self.peak_kb = max(self.peak_kb, sum(pss_kb(pid) for pid in tree))
            for pid in tree:
                self.cpu_ticks[pid] = max(self.cpu_ticks.get(pid, 0), cpu_ticks(pid))
            self._stop.wait(SAMPLE_SECONDS)


def descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def cpu_ticks(pid: int) -> int:
    """utime + stime of one process, in clock ticks."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


def pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(engine: str, corpus: Path, articles: int, scratch: Path) -> Result:
    out = scratch / f"out-{engine}"
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, __file__, "--run", engine, "--corpus", str(corpus), "--out", str(out)]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    with TreeSampler(child.pid) as tree:
        stdout, _ = child.communicate()
    if child.returncode != 0:
        raise SystemExit(f"{engine} failed with exit status {child.returncode}")
    figures = json.loads(stdout.strip().splitlines()[-1])
    shutil.rmtree(out, ignore_errors=True)
    return Result(
        engine,
        articles,
        figures["seconds"],
        figures["written"],
        figures["failed"],
        tree.peak_kb / 1024,
        tree.cpu_seconds,
    )


# Report --------------------------------------------------------------------------------


def load_average() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="2000,20000,100000", help="corpus sizes, comma-separated")
    parser.add_argument("--engines", default=",".join(ENGINES), help=f"any of {', '.join(ENGINES)}")
    parser.add_argument("--seed", type=int, default=SEED, help=f"corpus seed (default {SEED})")
    parser.add_argument("--keep", action="store_true", help="keep the corpora and print where they are")
    parser.add_argument("--run", choices=sorted(ENGINES), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        run_engine(args.run, args.corpus, args.out)
        return
    sizes = sorted(int(s) for s in args.sizes.split(","))
    engines = [e for e in args.engines.split(",") if e]
    if unknown := set(engines) - set(ENGINES):
        parser.error(f"unknown engines: {', '.join(sorted(unknown))}")

    print(f"cpus: {os.cpu_count()}; Python {sys.version.split()[0]}; sizes {sizes}; engines {engines}")
    scratch = Path(tempfile.mkdtemp(prefix="stackwatch-scale-"))
    results: dict[tuple[str, int], Result] = {}
    try:
        for size in sizes:
            corpus = scratch / f"corpus-{size}"
            corpus.mkdir()
            started = time.perf_counter()
            size_bytes = write_corpus(corpus, size, args.seed)
            print(
                f"\ncorpus {size}: {size_bytes / 1e6:.1f} MB in {len(list(corpus.iterdir()))} JSONL shards, "
                f"built in {time.perf_counter() - started:.1f} s"
            )
            for engine in engines:
                before = load_average()
                result = measure(engine, corpus, size, scratch)
                results[(engine, size)] = result
                print(
                    f"  {engine:<7} {result.seconds:8.1f} s  {result.rate:7.1f} articles/s  "
                    f"{result.core_ms:6.1f} core-ms/article  {result.cpu_ms:6.1f} cpu-ms/article  "
                    f"cpu busy {result.busy:4.0%}  peak {result.peak_mb:6.0f} MB  "
                    f"written {result.written}, failed {result.failed}  (load {before} → {load_average()})"
                )
            if not args.keep:
                shutil.rmtree(corpus, ignore_errors=True)
    finally:
        if args.keep:
            print(f"corpora kept in {scratch}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)

    largest, smallest = sizes[-1], sizes[0]
    speedup = flat = float("nan")
    if ("local1", largest) in results and ("local2", largest) in results:
        speedup = results[("local2", largest)].rate / results[("local1", largest)].rate
    if ("local2", largest) in results:
        flat = results[("local2", largest)].cpu_ms / results[("local2", smallest)].cpu_ms
    if ("ray2", largest) in results and ("local2", largest) in results:
        ray_vs_local = results[("ray2", largest)].rate / results[("local2", largest)].rate
        print(f"\nray2 / local2 articles/s at {largest}: {ray_vs_local:.2f}")
    print(f"speedup_2={speedup:.2f} flat={flat:.2f}")


if __name__ == "__main__":
    main()
