"""``ingest --workers N`` against one worker, on the curated statements.

    python bench/bench_workers.py [--workers 2] [--repeat 3] [--quiet]

Ingests ../shared/corpus/statements into two fresh stores, once with one worker and
once with N, and reports the wall times, the speed-up, the split between
extraction (until the last document is written) and lineage linking (after), the
peak resident memory of each worker process, and the load average before and
after. The measured speed-up is only meaningful on an otherwise idle machine:
Linux's autogroup scheduler shares the CPU between sessions, not processes, so
while other sessions keep the cores busy a run gets its session's share however
many workers it starts. The benchmark therefore also records CPU times (each
worker's, this process's) and projects the idle-machine speed-up from them:
one worker's CPU time over max(busiest worker, all CPU time / cores) plus the
serial lineage step. It runs ``--repeat`` pairs (N workers, then one) and reports
the median pair, with every pair's speed-up beside it. Targets: speed-up >= 1.8 with 2 workers on 2 cores,
<= 600 MB peak per worker. Skipped when the corpus is absent.
Writes bench/results/ingest_workers.json.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import CORPUS, need_corpus, report  # noqa: E402

from communique import Corpus  # noqa: E402


def _fresh(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)


def run(paths: list[Path], db: Path, workers: int) -> dict:
    """One ingest, in a fresh process: a process that has loaded a pipeline before runs
    slower, and its peak memory would be passed on to the workers it starts."""
    cmd = [sys.executable, __file__, "--single", str(workers), "--db", str(db), "--paths", *map(str, paths)]
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _single(paths: list[Path], db: Path, workers: int) -> dict:
    _fresh(db)
    last_write = [0.0]

    def on_event(status: str, name: str) -> None:
        last_write[0] = time.perf_counter()

    t = time.perf_counter()
    cpu0 = os.times()
    with Corpus(db) as c:
        r = c.ingest(paths, workers=workers, on_event=on_event)
        stats = c.stats()
    total = time.perf_counter() - t
    cpu1 = os.times()
    own_cpu = (cpu1.user - cpu0.user) + (cpu1.system - cpu0.system)
    if workers > 1:
        peaks = sorted(round(v / 2**20, 1) for v in r.worker_peak_rss.values())
    else:  # one worker extracts in this process
        peaks = [round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)]
    return {"workers": workers, "documents": stats["documents"], "acts": stats["acts"], "failed": len(r.failed),
            "words": r.words, "seconds": round(total, 1), "extract_and_write_seconds": round(last_write[0] - t, 1),
            "lineage_seconds": round(total - (last_write[0] - t), 1), "words_per_second": round(r.words / total),
            "peak_rss_mib_per_worker": peaks, "own_cpu_seconds": round(own_cpu, 1),
            "worker_cpu_seconds": sorted(round(v, 1) for v in r.worker_cpu_seconds.values())}


def _pair(one: dict, many: dict, workers: int) -> dict:
    """One pair of runs: the speed-up, and its projection for an idle machine from CPU times."""
    cores = os.cpu_count() or 1
    # idle-machine projection (see the docstring); lineage linking is serial in both
    serial = one["lineage_seconds"] * one["own_cpu_seconds"] / max(one["seconds"], 1e-9)
    busy = sum(many["worker_cpu_seconds"]) + many["own_cpu_seconds"] - serial
    projected_many = max(max(many["worker_cpu_seconds"] or [0]), busy / min(cores, workers + 1)) + serial
    return {
        "one_worker": one, "n_workers": many, "speedup": round(one["seconds"] / many["seconds"], 2),
        "extraction_speedup": round(one["extract_and_write_seconds"] / many["extract_and_write_seconds"], 2),
        "same_counts": (one["documents"], one["acts"]) == (many["documents"], many["acts"]),
        "projected_idle_speedup": round(one["own_cpu_seconds"] / projected_many, 2) if projected_many else None,
        "cpu_overhead_of_workers": round((sum(many["worker_cpu_seconds"]) + many["own_cpu_seconds"])
                                         / max(one["own_cpu_seconds"], 1e-9) - 1, 3),
    }


def main() -> None:
    need_corpus()
    ap = argparse.ArgumentParser()
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--db-dir", default=str(Path(__file__).parent / "out"))
    ap.add_argument("--repeat", type=int, default=3, help="pairs of runs (N workers, then one); the median pair is reported")
    ap.add_argument("--quiet", action="store_true", help="print one summary line, not the JSON")
    ap.add_argument("--paths", nargs="*", help="other inputs (a quick check; the figures kept are for the statements)")
    ap.add_argument("--single", type=int, help=argparse.SUPPRESS)  # one run, its figures as JSON (used by run())
    ap.add_argument("--db", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.single:
        print(json.dumps(_single([Path(x) for x in a.paths], Path(a.db), a.single)))
        return
    out = Path(a.db_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = [Path(x) for x in a.paths] if a.paths else [CORPUS / "statements"]
    load_before = os.getloadavg()
    pairs = []
    for i in range(a.repeat):
        # each run in a fresh process; the order alternates, so a drift in the VM's speed
        # does not favour one side
        order = (a.workers, 1) if i % 2 == 0 else (1, a.workers)
        runs = {w: run(paths, out / f"workers{w}.db", w) for w in order}
        pairs.append(_pair(runs[1], runs[a.workers], a.workers))
    load_after = os.getloadavg()
    # the VM's speed drifts by a few per cent from one minute to the next: the median
    # pair is the figure, every pair is kept
    pairs.sort(key=lambda p: p["speedup"])
    mid = pairs[len(pairs) // 2]
    speedup = mid["speedup"]
    figures = {
        "set": "statements", "cores": os.cpu_count(), "repeat": a.repeat,
        "load_average_before": [round(x, 2) for x in load_before], "load_average_after": [round(x, 2) for x in load_after],
        **mid,
        "pairs": [{"speedup": p["speedup"], "projected_idle_speedup": p["projected_idle_speedup"],
                   "seconds": [p["one_worker"]["seconds"], p["n_workers"]["seconds"]],
                   "cpu_seconds": [p["one_worker"]["own_cpu_seconds"],
                                   round(p["n_workers"]["own_cpu_seconds"] + sum(p["n_workers"]["worker_cpu_seconds"]), 1)]}
                  for p in pairs],
        "target_speedup": 1.8, "target_peak_rss_mib_per_worker": 600,
        "speedup_met": speedup >= 1.8,
        "memory_met": max(max(p["n_workers"]["peak_rss_mib_per_worker"] or [0]) for p in pairs) <= 600,
    }
    if a.paths:
        figures["set"] = "custom: " + " ".join(a.paths)
    report("ingest_workers" if not a.paths else "ingest_workers_custom", figures, quiet=a.quiet)
    if a.quiet:
        many, one = mid["n_workers"], mid["one_worker"]
        print(f"ingest --workers {a.workers}: {many['seconds']}s vs {one['seconds']}s with one worker: x{speedup} "
              f"(median of {a.repeat}: {[p['speedup'] for p in pairs]}; extraction x{mid['extraction_speedup']}; "
              f"projected on an idle machine from CPU times: x{mid['projected_idle_speedup']}), "
              f"peak {max(many['peak_rss_mib_per_worker'] or [0])} MiB/worker, "
              f"load {figures['load_average_before'][0]} -> {figures['load_average_after'][0]} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
