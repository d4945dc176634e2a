"""Lineage building at scale: a full rebuild over a store, then an incremental update with
nothing new; peak memory is the rebuild's own (it runs in a child process).

    python bench/bench_lineage.py --db bench/out/whitehouse.db        # a real store (bench_ingest.py whitehouse)
    python bench/bench_lineage.py --synthesise 132000 --from STORE     # a store grown from a real one
    python bench/bench_lineage.py --scaling --from STORE               # rebuild time per act at 1x, 2x, 4x, 8x

A synthetic store copies the documents of ``--from`` (e.g. the 404 curated statements,
``communique ingest ../shared/corpus/statements --db bench/out/statements.db``) until it
holds the acts asked for; each copy's evidence is perturbed (a quarter of the words
dropped, a sixth replaced by words drawn from the store's vocabulary, seeded), so copies
are near-duplicates and noise rather than exact repeats. Figures from a synthetic store
say how the rebuild scales; they are labelled ``synthetic`` and are not the White House
store's.
"""
from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import peak_rss_mib, report  # noqa: E402

from communique import Corpus  # noqa: E402
from communique.model import Extraction  # noqa: E402
from communique.storage import Store  # noqa: E402

OUT = Path(__file__).parent / "out"


def rebuild(db: str) -> dict:
    work = Path(db).with_name(Path(db).stem + "-lineage-bench.db")
    shutil.copy(db, work)
    with Corpus(work) as c:
        acts = c.stats()["acts"]
        t, cpu = time.perf_counter(), time.process_time()
        r = c.update_lineages(rebuild=True)
        full, full_cpu = time.perf_counter() - t, time.process_time() - cpu
        t = time.perf_counter()
        c.update_lineages()
        noop = time.perf_counter() - t
    with sqlite3.connect(work) as con:  # a figure of the file, not a query of the library
        multi = con.execute("SELECT COUNT(*), MAX(size) FROM lineages WHERE size > 1").fetchone()
    for suffix in ("", "-wal", "-shm"):
        Path(str(work) + suffix).unlink(missing_ok=True)
    return {"db": db, "acts": acts, "rebuild_seconds": round(full, 1), "rebuild_cpu_seconds": round(full_cpu, 1), "linked": r.linked, "lineages": r.created,
            "lineages_with_2_or_more": multi[0], "largest_lineage": multi[1], "incremental_noop_seconds": round(noop, 2),
            "peak_rss_mib": peak_rss_mib()}


def rebuild_in_child(db: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", db], capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def synthesise(source: str, acts_wanted: int, target: Path, seed: int = 11) -> Path:
    """Grow a store from ``source`` by perturbed copies of its documents (see the module doc)."""
    if target.exists():
        with Store(target, readonly=True) as s:
            if s.stats()["acts"] >= acts_wanted:
                return target
        target.unlink()
    rng = random.Random(seed)
    src = Store(source, readonly=True)
    meta = src.document_meta()
    docs = [d["id"] for d in meta]
    participants = {d["id"]: tuple(d["participants"]) for d in meta}
    extractions = []
    vocab: list[str] = []
    for doc_id in docs:
        d = src.document(doc_id)
        acts = tuple(a for _, a in src.acts_of(doc_id))
        extractions.append(Extraction(d, tuple(src.sentences(doc_id)), acts, (), participants[doc_id]))
        for a in acts:
            vocab.extend(a.evidence.split())
    src.close()
    total = 0
    with Store(target) as dst:
        k = 0
        while total < acts_wanted:
            for ex in extractions:
                d = ex.document
                year = int((d.date or "2000")[:4]) + 30 * k  # each copy a later generation of the series
                date = f"{year:04d}{(d.date or '2000-01-01')[4:]}"
                new = dataclasses.replace(d, id=hashlib.sha1(f"{d.id}:{k}".encode()).hexdigest()[:16], name=f"{d.name}~{k}",
                                          date=date, content_hash=f"{d.content_hash}:{k}", origin=f"synthetic:{k}")
                acts = []
                for a in ex.acts:
                    words = [w if rng.random() > 1 / 6 else rng.choice(vocab) for w in a.evidence.split()
                             if k == 0 or rng.random() > 0.25]
                    acts.append(dataclasses.replace(a, doc=new.name, evidence=" ".join(words) or a.evidence))
                dst.write(Extraction(new, ex.sentences, tuple(acts), (), ex.participants), "synthetic")
                total += len(acts)
                if total >= acts_wanted:
                    break
            k += 1
    return target


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", default=str(OUT / "whitehouse.db"))
    ap.add_argument("--synthesise", type=int, metavar="ACTS", help="grow a store of this many acts from --from")
    ap.add_argument("--from", dest="source", default=str(OUT / "statements.db"), help="the real store to grow from")
    ap.add_argument("--scaling", action="store_true", help="rebuild at 1x, 2x, 4x, 8x the --from store")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        print(json.dumps(rebuild(a.child)))
        return
    if a.scaling or a.synthesise:
        if not Path(a.source).exists():
            print(f"benchmark skipped: {a.source} not found (communique ingest ../shared/corpus/statements --db {a.source})")
            return
        OUT.mkdir(exist_ok=True)
        with Store(a.source, readonly=True) as s:
            base = s.stats()["acts"]
        sizes = [base * m for m in (1, 2, 4, 8)] if a.scaling else [a.synthesise]
        runs = []
        for n in sizes:
            db = a.source if n == base else str(synthesise(a.source, n, OUT / f"synthetic-{n}.db"))
            r = rebuild_in_child(db)
            r["seconds_per_1k_acts"] = round(1000 * r["rebuild_seconds"] / max(r["acts"], 1), 2)
            r["cpu_seconds_per_1k_acts"] = round(1000 * r["rebuild_cpu_seconds"] / max(r["acts"], 1), 2)
            runs.append(r)
            print(json.dumps(r))
        report("lineage_scaling" if a.scaling else "lineage_synthetic",
               {"synthetic": True, "source": a.source, "source_acts": base, "runs": runs})
        return
    if not Path(a.db).exists():
        print(f"benchmark skipped: {a.db} not found (run bench/bench_ingest.py whitehouse first, or use --synthesise)")
        return
    r = rebuild_in_child(a.db)
    report("lineage" if "whitehouse" in Path(a.db).name else f"lineage_{Path(a.db).stem}", r)


if __name__ == "__main__":
    main()
