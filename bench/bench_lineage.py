"""Lineage building at scale: a full rebuild over a store (by default the White House
store from bench_ingest.py), then an incremental update with nothing new.

    python bench/bench_lineage.py [--db bench/out/whitehouse.db]
"""
from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import peak_rss_mib, report  # noqa: E402

from communique import Corpus  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default=str(Path(__file__).parent / "out" / "whitehouse.db"))
    a = ap.parse_args()
    if not Path(a.db).exists():
        print(f"benchmark skipped: {a.db} not found (run bench/bench_ingest.py whitehouse first)")
        return
    work = Path(a.db).with_name("lineage-bench.db")
    shutil.copy(a.db, work)
    with Corpus(work) as c:
        acts = c.stats()["acts"]
        t = time.perf_counter()
        r = c.update_lineages(rebuild=True)
        full = time.perf_counter() - t
        t = time.perf_counter()
        c.update_lineages()
        noop = time.perf_counter() - t
        multi = c.store.conn.execute("SELECT COUNT(*), MAX(size) FROM lineages WHERE size > 1").fetchone()
    work.unlink()
    report("lineage", {"db": a.db, "acts": acts, "rebuild_seconds": round(full, 1), "linked": r.linked, "lineages": r.created,
                       "lineages_with_2_or_more": multi[0], "largest_lineage": multi[1],
                       "incremental_noop_seconds": round(noop, 2), "peak_rss_mib": peak_rss_mib()})


if __name__ == "__main__":
    main()
