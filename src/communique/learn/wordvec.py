"""A sentence's meaning as one dense vector, from static word vectors (see :mod:`.distil`).

The vector of a text is the mean of its words' vectors, each weighted by how rare the
word is (smooth inverse frequency), scaled to length 1; a text with no known word gets
zeros. Reading it costs a dictionary lookup per word, so every sentence of an ingest
can afford it. The file (``wordvec.npz``: words, float16 vectors, weights) is data read
with numpy alone, like the act model.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Sequence

import numpy as np

import re

__all__ = ["WordVectors", "VECTORS_FILE", "WORD", "with_neighbours", "load_vectors"]

VECTORS_FILE = "wordvec.npz"
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")  # the words a text's vector is made of (and the distilled vocabulary's)


class WordVectors:
    """Words, their vectors and weights; :meth:`embed` gives texts' vectors."""

    def __init__(self, words: Sequence[str], vectors: np.ndarray, weights: np.ndarray, digest: str = "") -> None:
        if vectors.ndim != 2 or vectors.shape[0] != len(words) or weights.shape != (len(words),):
            raise ValueError(f"{len(words)} words, vectors of shape {vectors.shape}, weights of shape {weights.shape}")
        self.index = {w: i for i, w in enumerate(words)}
        # each word's vector already multiplied by its weight: a text's vector is then a sum
        self.weighted = (vectors.astype(np.float32) * weights.astype(np.float32)[:, None])
        self.weights = weights.astype(np.float32)
        self.digest = digest

    @property
    def dims(self) -> int:
        return int(self.weighted.shape[1])

    @classmethod
    def load(cls, path: Path) -> "WordVectors":
        import io

        raw = Path(path).read_bytes()
        with np.load(io.BytesIO(raw), allow_pickle=False) as z:
            return cls([str(w) for w in z["words"]], z["vectors"], z["weights"], hashlib.sha256(raw).hexdigest())

    def ids(self, text: str) -> list[int]:
        get = self.index.get
        return [i for i in (get(w.lower().replace("’", "'")) for w in WORD.findall(text or "")) if i is not None]

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """(texts, dims) float32: each text's weighted mean word vector, at length 1 (zeros where no word is known)."""
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        for r, text in enumerate(texts):
            ids = self.ids(text)
            if ids:
                v = self.weighted[ids].sum(axis=0)
                n = float(np.sqrt(v @ v))
                if n:
                    out[r] = v / n
        return out


def with_neighbours(v: np.ndarray) -> np.ndarray:
    """One document's sentence vectors, in order, each followed by the mean of its neighbours'
    (the sentences before and after it), at length 1: (n, 2 * dims). What a sentence is about is
    often said around it ("We will continue this work together" between two sentences on climate)."""
    near = np.zeros_like(v)
    if len(v) > 1:
        near[1:] += v[:-1]
        near[:-1] += v[1:]
    norms = np.linalg.norm(near, axis=1, keepdims=True)
    return np.hstack([v, near / np.where(norms == 0, 1.0, norms)]).astype(np.float32)


def load_vectors(path: Path, sha256: str | None = None) -> WordVectors:
    """The word vectors at ``path``; with ``sha256``, only if they are those bytes (a model
    names the vectors it was trained with). Any failure is a ``RulesError`` naming the file."""
    from ..errors import RulesError

    try:
        vectors = WordVectors.load(path)
    except (OSError, ValueError, KeyError) as e:
        raise RulesError(f"word vectors cannot be read: {e}", path=str(path)) from None
    if sha256 is not None and vectors.digest != sha256:
        raise RulesError(f"the act model was trained with other word vectors (sha256 {sha256[:12]}…, "
                         f"this file {vectors.digest[:12]}…)", path=str(path))
    return vectors
