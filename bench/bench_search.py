"""Search latency over a store (by default the White House store that bench_ingest.py
builds): median and 95th percentile of a fixed set of real queries.

    python bench/bench_search.py [--db bench/out/whitehouse.db]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import report  # noqa: E402

from communique import ActFilter, Corpus  # noqa: E402

QUERIES = [
    ('"status quo"', None), ("Senkaku", None), ('"Article V"', None), ("sanction*", ActFilter(type="SANCTION")),
    ("Ukraine AND humanitarian", None), ('"supply chains"', None), ("semiconductor*", None), ("Taiwan Strait", None),
    ("climate NOT coal", None), ("denuclearization", ActFilter(target="PRK")), ('"rules-based international order"', None),
    ("vaccine*", ActFilter(since="2021", until="2021")), ("Quad", ActFilter(commitments=True)), ("pandemic preparedness", None),
    ("critical minerals", ActFilter(kind="fact-sheet")), ('"extended deterrence"', None), ("Gaza OR Israel", None),
    ("artificial intelligence", ActFilter(issue="technology")), ("debt relief", None), ("cyber*", ActFilter(party="JPN")),
]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default=str(Path(__file__).parent / "out" / "whitehouse.db"))
    ap.add_argument("--rounds", type=int, default=5)
    a = ap.parse_args()
    if not Path(a.db).exists():
        print(f"benchmark skipped: {a.db} not found (run bench/bench_ingest.py whitehouse first)")
        return
    times, hits = [], {}
    with Corpus(a.db, readonly=True) as c:
        docs = c.stats()["documents"]
        for _ in range(a.rounds):
            for q, f in QUERIES:
                t = time.perf_counter()
                rows = c.search(q, f or ActFilter(limit=20))
                times.append((time.perf_counter() - t) * 1000)
                hits[q] = len(rows)
    times.sort()
    report("search", {"db": a.db, "documents": docs, "queries": len(QUERIES), "rounds": a.rounds,
                      "median_ms": round(statistics.median(times), 2), "p95_ms": round(times[int(0.95 * len(times)) - 1], 2),
                      "max_ms": round(times[-1], 2), "hits": hits})


if __name__ == "__main__":
    main()
