"""Word meaning learned from the statements themselves: PPMI word vectors, offline.

Where two wordings of one commitment share few words ("bolster our own national defense
capabilities" / "fundamentally reinforce Japan's defense capabilities"), their words
still keep the same company across the corpus. :func:`fit` counts which content stems
(the same stems, with synonyms folded, that lineages match on) occur in the same
sentence, weighs the counts by positive pointwise mutual information and reduces them
to ``DIMS`` dimensions (randomised SVD, numpy only). A wording's vector is the IDF-
weighted mean of its stems' vectors.

The packaged vectors (``data/embedding.npz``) were fitted by::

    python -m communique.compare.semantic STORE.db src/communique/compare/data/embedding.npz

over the sentences of the 404 curated statements (``shared/corpus/statements``). No
gold annotation and no downloaded weights are involved; refitting is deterministic.
"""
from __future__ import annotations

import math
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import numpy as np

__all__ = ["Embedding", "fit", "embedding", "DIMS"]

DIMS = 100
VOCAB = 6000
PATH = Path(__file__).with_name("data") / "embedding.npz"


class Embedding:
    def __init__(self, words: list[str], vectors: np.ndarray) -> None:
        self.index = {w: i for i, w in enumerate(words)}
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        self.vectors = (vectors / np.where(norms == 0, 1, norms)).astype(np.float32)

    def vector(self, stems: Iterable[str], idf=None) -> np.ndarray | None:
        rows, weights = [], []
        for s in stems:
            i = self.index.get(s)
            if i is not None:
                rows.append(i)
                weights.append(idf(s) if idf else 1.0)
        if not rows:
            return None
        # np.average and np.linalg.norm's own steps, without their checks (a call per act)
        wgt = np.array(weights).reshape(-1, 1)
        v = np.multiply(self.vectors[rows], wgt, dtype=np.float64).sum(axis=0) / wgt.sum(axis=0, dtype=np.float64)
        n = math.sqrt(v.dot(v))
        return v / n if n else None

    def save(self, path: Path) -> None:
        words = sorted(self.index, key=self.index.get)
        np.savez_compressed(path, words=np.array(words), vectors=self.vectors.astype(np.float16))

    @classmethod
    def load(cls, path: Path = PATH) -> "Embedding":
        with np.load(path) as z:
            return cls([str(w) for w in z["words"]], z["vectors"].astype(np.float32))


@lru_cache(maxsize=1)
def embedding() -> Embedding | None:
    """The packaged vectors, or None where the file is absent."""
    return Embedding.load() if PATH.exists() else None


def fit(sentences: Iterable[frozenset[str]], dims: int = DIMS, vocab: int = VOCAB, seed: int = 7) -> Embedding:
    bags = [s for s in sentences if len(s) > 1]
    freq = Counter(w for s in bags for w in s)
    words = [w for w, n in freq.most_common(vocab) if n >= 3]
    index = {w: i for i, w in enumerate(words)}
    v = len(words)
    co = np.zeros((v, v), dtype=np.float32)
    for s in bags:
        ids = np.array(sorted(index[w] for w in s if w in index), dtype=np.int64)
        if len(ids) > 1:
            co[np.ix_(ids, ids)] += 1.0
    np.fill_diagonal(co, 0.0)
    total = co.sum()
    row = co.sum(axis=1)
    ctx = row ** 0.75
    ctx_p = ctx / ctx.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log((co / total) / (np.outer(row / total, ctx_p)))
    ppmi = np.nan_to_num(np.maximum(pmi, 0.0), nan=0.0, posinf=0.0, neginf=0.0).astype(np.float32)
    rng = np.random.default_rng(seed)
    q = ppmi @ rng.standard_normal((v, dims + 10)).astype(np.float32)
    for _ in range(3):  # power iterations
        q, _ = np.linalg.qr(ppmi @ (ppmi.T @ q))
    q, _ = np.linalg.qr(q)
    u_small, sv, _ = np.linalg.svd(q.T @ ppmi, full_matrices=False)
    u = (q @ u_small)[:, :dims]
    vectors = u * np.sqrt(sv[:dims])
    return Embedding(words, vectors)


def main(argv: list[str] | None = None) -> int:
    from ..storage import Store
    from .similarity import content_stems

    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        print("usage: python -m communique.compare.semantic STORE.db OUT.npz", file=sys.stderr)
        return 2
    with Store(argv[0], readonly=True) as store:
        sentences = [content_stems(t) for t in store.sentence_texts()]
    emb = fit(sentences)
    emb.save(Path(argv[1]))
    print(f"{len(emb.index)} words x {emb.vectors.shape[1]} dimensions from {len(sentences)} sentences -> {argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
