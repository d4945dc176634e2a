"""Ingest at archive scale: the curated statements and the White House bulk set.

    python bench/bench_ingest.py [statements|whitehouse|all] [--db-dir DIR] [--workers N]

Figures: wall time, words per second, peak RSS, database size, and the time of a
second, unchanged ingest (which must cost little more than reading).
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import CORPUS, need_corpus, peak_rss_mib, report  # noqa: E402

from communique import Corpus  # noqa: E402


def run(name: str, paths: list[Path], db: Path, workers: int = 1) -> dict:
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    t = time.perf_counter()
    with Corpus(db) as c:
        r = c.ingest(paths, workers=workers) if workers > 1 else c.ingest(paths)
        stats = c.stats()
    first = time.perf_counter() - t
    t = time.perf_counter()
    with Corpus(db) as c:
        again = c.ingest(paths)
    second = time.perf_counter() - t
    return {
        "set": name, "documents": stats["documents"], "failed": len(r.failed), "words": r.words,
        "acts": stats["acts"], "seconds": round(first, 1), "words_per_second": round(r.words / first),
        "lineage_seconds_included": True, "workers": workers, "peak_rss_mib": peak_rss_mib(),
        "peak_rss_worker_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        "db_mib": round(sum(os.path.getsize(str(db) + s) for s in ("", "-wal") if os.path.exists(str(db) + s)) / 2**20, 1),
        "reingest_unchanged_seconds": round(second, 1), "reingest_unchanged": again.unchanged,
    }


def main() -> None:
    need_corpus()
    ap = argparse.ArgumentParser()
    ap.add_argument("which", nargs="?", default="statements", choices=("statements", "whitehouse", "all"))
    ap.add_argument("--db-dir", default=str(Path(__file__).parent / "out"))
    ap.add_argument("--workers", type=int, default=1, help="extraction processes (ingest --workers)")
    a = ap.parse_args()
    out = Path(a.db_dir)
    out.mkdir(parents=True, exist_ok=True)
    if a.which in ("statements", "all"):
        report("ingest_statements", run("statements", [CORPUS / "statements"], out / "statements.db", a.workers))
    if a.which in ("whitehouse", "all"):
        report("ingest_whitehouse", run("whitehouse", sorted((CORPUS / "whitehouse").glob("*.jsonl.gz")), out / "whitehouse.db",
                                        a.workers))


if __name__ == "__main__":
    main()
