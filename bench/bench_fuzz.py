"""10,000 generated hostile files mixed with 100 real statements, twice (two seeds):
crashes, hangs, good documents stored, peak RSS. Each seed runs in a fresh process,
so its peak RSS is its own; the mix holds one gzip whose single line is 1 GiB.

    python bench/bench_fuzz.py                 # seeds 1 and 2, 10,000 + 100 each
    python bench/bench_fuzz.py --n 2000        # a smaller mix
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from common import peak_rss_mib, report, run_child  # noqa: E402

HANG = 10.0  # seconds one file may hold the run up


def one(seed: int, n: int, good: int) -> dict:
    from communique import Corpus
    from communique.storage import ActFilter
    from tests.hostile import generate

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        mix = generate(Path(tmp) / "in", n, seed=seed, good=good, big_line=2**30)
        generated = time.perf_counter() - t
        gaps, last, crash = [], [time.perf_counter()], None

        def on_event(status, name):
            now = time.perf_counter()
            gaps.append(now - last[0])
            last[0] = now

        t = time.perf_counter()
        try:
            with Corpus(Path(tmp) / "fuzz.db") as c:
                r = c.ingest([mix.folder, *mix.extra_paths], on_event=on_event)
                names = {d["name"] for d in c.store.documents(ActFilter())}
        except BaseException as e:  # noqa: BLE001 - that is what is counted
            crash = f"{type(e).__name__}: {e}"
            r, names = None, set()
        seconds = time.perf_counter() - t
    swallowed = [str(f) for f in (r.failed if r else []) if "extraction failed" in f.message]
    statements = {f"good-{seed}-{k:03d}" for k in range(good)}
    return {"seed": seed, "hostile": n, "good_statements": good, "crashes": int(crash is not None) + len(swallowed),
            "crash": crash, "hangs": sum(g > HANG for g in gaps), "slowest_file_s": round(max(gaps, default=0), 2),
            "good_statements_stored": len(statements & names), "good_records_stored": len(mix.good & names),
            "good_records": len(mix.good), "failures_reported": len(r.failed) if r else None,
            "documents_stored": len(names), "seconds": round(seconds, 1), "generate_s": round(generated, 1),
            "peak_rss_mib": peak_rss_mib()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--good", type=int, default=100)
    ap.add_argument("--seeds", default="1,2")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one is not None:
        print(json.dumps(one(a.one, a.n, a.good)))
        return
    rows = []
    for seed in (int(s) for s in a.seeds.split(",")):
        row = run_child(__file__, str(seed), "--n", str(a.n), "--good", str(a.good))
        rows.append(row)
        print(f"seed {seed}: {row['hostile']} hostile + {row['good_statements']} good: {row['crashes']} crashes, "
              f"{row['hangs']} hangs (slowest file {row['slowest_file_s']} s), "
              f"{row['good_statements_stored']}/{row['good_statements']} good statements and "
              f"{row['good_records_stored']}/{row['good_records']} good records stored, "
              f"{row['failures_reported']} failures reported, peak RSS {row['peak_rss_mib']:.0f} MiB, "
              f"{row['seconds']} s ingest", flush=True)
    report("fuzz", {"runs": rows})


if __name__ == "__main__":
    main()
