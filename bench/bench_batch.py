"""Batch scaling on a decade of UN General Debate speeches, and memory per worker.

    python bench/bench_batch.py [--docs N]

Runs ``communique batch`` on the first N speeches of 2014-2023 with 1 worker, then
with 2 workers (the same parts), and reports the speed-up; then runs 2 workers on
growing slices (N/4, N/2, N) and reports each worker's peak RSS, which must stay
flat as the corpus grows. The if __name__ guard is required by LocalCluster.
"""
from __future__ import annotations

import argparse
import gzip
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import CORPUS, need_corpus, report  # noqa: E402

from communique.batch import run_batch  # noqa: E402


def decade(n: int, folder: Path) -> Path:
    out = folder / f"ungd_2014-2023_{n}.jsonl"
    kept = 0
    with gzip.open(CORPUS / "ungd" / "ungd_2013-2024.jsonl.gz", "rt", encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for line in src:
            if 2014 <= json.loads(line)["year"] <= 2023:
                dst.write(line)
                kept += 1
                if kept >= n:
                    break
    return out


def main() -> None:
    need_corpus()
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=160)
    ap.add_argument("--chunk-size", type=int, default=10)
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="communique-bench-"))
    try:
        src = decade(a.docs, tmp)
        runs = {}
        for workers in (1, 2):
            out = tmp / f"out-{workers}"
            t = time.perf_counter()
            r = run_batch([src], out, workers=workers, chunk_size=a.chunk_size)
            runs[workers] = {"seconds": round(time.perf_counter() - t, 1), "documents": r.documents, "words": r.words,
                             "words_per_second": round(r.words / (time.perf_counter() - t)),
                             "peak_rss_mib_per_worker": sorted(round(v / 2**20) for v in r.peak_rss.values())}
        memory = {}
        for frac in (4, 2, 1):
            n = max(a.chunk_size, a.docs // frac)
            part = decade(n, tmp)
            r = run_batch([part], tmp / f"mem-{n}", workers=2, chunk_size=a.chunk_size)
            memory[n] = sorted(round(v / 2**20) for v in r.peak_rss.values())
        report("batch_scaling", {
            "corpus": "UN General Debate 2014-2023 (first speeches in file order)", "docs": a.docs, "chunk_size": a.chunk_size,
            "one_worker": runs[1], "two_workers": runs[2], "speedup": round(runs[1]["seconds"] / runs[2]["seconds"], 2),
            "peak_rss_mib_per_worker_by_corpus_size": memory,
        })
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
