"""Cost is linear in the input: seconds per 1,000 words and peak memory for one
document of 1k, 10k and 100k words, in three shapes: real prose (the bundled
statements, repeated), text with no sentence end at all, and a Markdown table.
Each size runs in a fresh process, so its peak RSS is its own.

    python bench/bench_linear.py            # all shapes, 1k / 10k / 100k words
    python bench/bench_linear.py --one prose 10000   (one run: used internally)
"""
from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, peak_rss_mib, report, run_child  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
SHAPES = ("prose", "no-sentence-end", "table")


def make(shape: str, words: int) -> str:
    rng = random.Random(words)
    if shape == "prose":
        pool = []
        for p in sorted((ROOT / "samples").glob("*.md")):
            body = p.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
            pool.extend(b for b in body.split("\n\n") if b.strip())
        out, n = [], 0
        while n < words:
            para = rng.choice(pool)
            out.append(para)
            n += len(para.split())
        return "\n\n".join(out) + "\n"
    vocab = "we will cooperate with Japan on security and the economy including supply chains and climate".split()
    if shape == "no-sentence-end":
        return " ".join(rng.choice(vocab) for _ in range(words)) + "\n"
    rows = ["| country | commitment | amount |", "| --- | --- | --- |"]
    n = 0
    while n < words:
        row = f"| {rng.choice(['Japan', 'India', 'Australia'])} | {' '.join(rng.choice(vocab) for _ in range(6))} | {rng.randint(1, 999)} |"
        rows.append(row)
        n += len(row.split()) - 4
    return "\n".join(rows) + "\n"


def one(shape: str, words: int) -> dict:
    from communique import Corpus
    from communique.nlp.extractor import Extractor

    ex = Extractor()
    ex.nlp  # load the model before timing
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / f"{shape}-{words}.md"
        p.write_text(f"---\ntitle: {shape} {words}\ndate: 2024-01-01\n---\n" + make(shape, words), encoding="utf-8")
        with Corpus(Path(tmp) / "b.db", extractor=ex) as c:
            t = time.perf_counter()
            r = c.ingest([p])
            seconds = time.perf_counter() - t
    assert r.ok and r.added == 1, r.as_dict()
    return {"shape": shape, "words": r.words, "seconds": round(seconds, 2),
            "ms_per_1k_words": round(1000 * seconds / max(r.words, 1) * 1000, 1), "peak_rss_mib": peak_rss_mib()}


def main() -> None:
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(one(sys.argv[2], int(sys.argv[3]))))
        return
    rows = []
    for shape in SHAPES:
        for words in SIZES:
            row = run_child(__file__, shape, str(words))
            rows.append(row)
            print(f"{shape:16} {row['words']:>7} words  {row['seconds']:>7.2f} s  {row['ms_per_1k_words']:>7.1f} ms/1k words  "
                  f"peak {row['peak_rss_mib']:.0f} MiB", flush=True)
    flat = {}
    for shape in SHAPES:
        per = [r["ms_per_1k_words"] for r in rows if r["shape"] == shape]
        flat[shape] = round(max(per) / min(per), 2)
    print("largest / smallest time per word, by shape:", flat)
    report("linear", {"rows": rows, "ratio_max_min_per_word": flat, "peak_rss_mib_max": max(r["peak_rss_mib"] for r in rows)})


if __name__ == "__main__":
    main()
