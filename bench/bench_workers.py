"""``ingest --workers N`` against one worker, on the curated statements.

    python bench/bench_workers.py [--workers 2] [--set statements] [--quiet]

Ingests ../shared/corpus/statements into two fresh stores, once with one worker and
once with N, and reports the wall times, the speed-up, the split between
extraction (until the last document is written) and lineage linking (after), the
peak resident memory of each worker process, and the load average before and
after (the speed-up is only meaningful on an otherwise idle machine: compare it
with the number of cores and the load). Targets: speed-up >= 1.8 with 2 workers
on 2 cores, <= 600 MB peak per worker. Skipped when the corpus is absent.
Writes bench/results/ingest_workers.json.
"""
from __future__ import annotations

import argparse
import os
import resource
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
    _fresh(db)
    last_write = [0.0]

    def on_event(status: str, name: str) -> None:
        last_write[0] = time.perf_counter()

    t = time.perf_counter()
    with Corpus(db) as c:
        r = c.ingest(paths, workers=workers, on_event=on_event)
        stats = c.stats()
    total = time.perf_counter() - t
    if workers > 1:
        peaks = sorted(round(v / 2**20, 1) for v in r.worker_peak_rss.values())
    else:  # one worker extracts in this process
        peaks = [round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)]
    return {"workers": workers, "documents": stats["documents"], "acts": stats["acts"], "failed": len(r.failed),
            "words": r.words, "seconds": round(total, 1), "extract_and_write_seconds": round(last_write[0] - t, 1),
            "lineage_seconds": round(total - (last_write[0] - t), 1), "words_per_second": round(r.words / total),
            "peak_rss_mib_per_worker": peaks}


def main() -> None:
    need_corpus()
    ap = argparse.ArgumentParser()
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--db-dir", default=str(Path(__file__).parent / "out"))
    ap.add_argument("--quiet", action="store_true", help="print one summary line, not the JSON")
    a = ap.parse_args()
    out = Path(a.db_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = [CORPUS / "statements"]
    load_before = os.getloadavg()
    # N workers first: one worker's run then ends with this process's own peak memory
    many = run(paths, out / f"workers{a.workers}.db", a.workers)
    one = run(paths, out / "workers1.db", 1)
    load_after = os.getloadavg()
    speedup = round(one["seconds"] / many["seconds"], 2)
    figures = {
        "set": "statements", "cores": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in load_before], "load_average_after": [round(x, 2) for x in load_after],
        "one_worker": one, "n_workers": many, "speedup": speedup,
        "extraction_speedup": round(one["extract_and_write_seconds"] / many["extract_and_write_seconds"], 2),
        "same_counts": (one["documents"], one["acts"]) == (many["documents"], many["acts"]),
        "target_speedup": 1.8, "target_peak_rss_mib_per_worker": 600,
        "speedup_met": speedup >= 1.8, "memory_met": max(many["peak_rss_mib_per_worker"] or [0]) <= 600,
    }
    report("ingest_workers", figures, quiet=a.quiet)
    if a.quiet:
        print(f"ingest --workers {a.workers}: {many['seconds']}s vs {one['seconds']}s with one worker: x{speedup} "
              f"(extraction x{figures['extraction_speedup']}), peak {max(many['peak_rss_mib_per_worker'] or [0])} MiB/worker, "
              f"load {figures['load_average_before'][0]} -> {figures['load_average_after'][0]} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
