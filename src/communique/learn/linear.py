"""Linear models stored as data: a vocabulary, IDF weights and weight matrices.

Nothing is pickled. A model is a JSON file (vocabulary, labels, thresholds,
provenance) and an ``.npz`` file of float32 weights, read with numpy alone, so a
model file can be inspected, diffed by version and loaded from an untrusted
rules folder without running code.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import numpy as np
from scipy import sparse

__all__ = ["FeatureSpace", "Head", "LinearModel"]


def _write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """An ``.npz`` that ``np.load`` reads, byte-identical for identical arrays (numpy's own
    writer stamps the time into the zip, so the same training would give a new file)."""
    import io
    import zipfile

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(arrays):
            buf = io.BytesIO()
            np.save(buf, arrays[name], allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, buf.getvalue())


@dataclass(frozen=True)
class FeatureSpace:
    """Bags of string features to L2-normalised, sublinear TF-IDF rows."""

    vocab: dict[str, int]
    idf: np.ndarray

    @classmethod
    def fit(cls, bags: Sequence[Sequence[str]], min_df: int = 2) -> "FeatureSpace":
        df: dict[str, int] = {}
        for bag in bags:
            for f in set(bag):
                df[f] = df.get(f, 0) + 1
        kept = sorted(f for f, c in df.items() if c >= min_df)
        n = len(bags)
        idf = np.array([math.log((1 + n) / (1 + df[f])) + 1.0 for f in kept], dtype=np.float32)
        return cls({f: i for i, f in enumerate(kept)}, idf)

    def transform(self, bags: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        rows, cols, vals = [], [], []
        for r, bag in enumerate(bags):
            counts: dict[int, int] = {}
            for f in bag:
                j = self.vocab.get(f)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            if not counts:
                continue
            js = np.fromiter(counts, dtype=np.int64, count=len(counts))
            tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float32, count=len(counts)))
            w = tf * self.idf[js]
            w /= float(np.linalg.norm(w)) or 1.0
            rows.extend([r] * len(js))
            cols.extend(js.tolist())
            vals.extend(w.tolist())
        return sparse.csr_matrix((np.asarray(vals, dtype=np.float32), (rows, cols)),
                                 shape=(len(bags), len(self.vocab)), dtype=np.float32)


@dataclass(frozen=True)
class Head:
    """One decision over the feature space: independent labels (``sigmoid``) or
    one label of several (``softmax``)."""

    name: str
    labels: tuple[str, ...]
    kind: str  # sigmoid | softmax
    weights: np.ndarray  # (labels, features)
    bias: np.ndarray  # (labels,)
    thresholds: dict[str, float] = field(default_factory=dict)
    space: str | None = None  # the named feature space it reads (LinearModel.spaces); None: the model's own
    dense: int = 0  # dense columns it reads after the sparse ones (a sentence vector, see .wordvec) ...
    dense_scale: float = 1.0  # ... multiplied by this, as they were in training

    def __post_init__(self) -> None:
        # the weights transposed, C-contiguous, split into the sparse and the dense columns: a sparse
        # matrix times a strided view would copy the whole view on every call
        n = self.weights.shape[1] - self.dense
        object.__setattr__(self, "_sparse_t", np.ascontiguousarray(self.weights[:, :n].T))
        object.__setattr__(self, "_dense_t", np.ascontiguousarray(self.weights[:, n:].T) * np.float32(self.dense_scale))

    def proba(self, x: sparse.csr_matrix, dense: np.ndarray | None = None) -> np.ndarray:
        """Each row's probabilities; ``dense``: the rows' dense columns, for a head that reads them."""
        z = np.asarray(x @ self._sparse_t) + self.bias
        if self.dense:
            if dense is None or dense.shape != (x.shape[0], self.dense):
                got = "none" if dense is None else f"shape {dense.shape}"
                raise ValueError(f"head {self.name} reads {self.dense} dense columns per row, got {got}")
            z = z + dense @ self._dense_t
        if self.kind == "softmax":
            z = z - z.max(axis=1, keepdims=True)
            e = np.exp(z)
            return e / e.sum(axis=1, keepdims=True)
        return 1.0 / (1.0 + np.exp(-z))

    def threshold(self, label: str, default: float = 0.5) -> float:
        return self.thresholds.get(label, default)


@dataclass(frozen=True)
class LinearModel:
    """A feature space and the heads that read it, with the model's provenance. A head
    may read another, named space instead (``spaces``): features that only it sees get
    their own vocabulary and IDF, so they leave the other heads' inputs as they were."""

    space: FeatureSpace
    heads: dict[str, Head]
    meta: dict[str, Any]
    spaces: dict[str, FeatureSpace] = field(default_factory=dict)

    def space_of(self, head: str) -> FeatureSpace:
        """The feature space that head ``head`` reads."""
        name = self.heads[head].space
        return self.space if name is None else self.spaces[name]

    @property
    def version(self) -> str:
        return str(self.meta.get("version", "?"))

    def save(self, json_path: Path, npz_path: Path) -> None:
        arrays: dict[str, np.ndarray] = {"idf": self.space.idf.astype(np.float32)}
        heads = {}
        for name, h in self.heads.items():
            arrays[f"{name}.w"] = h.weights.astype(np.float16)
            arrays[f"{name}.b"] = h.bias.astype(np.float32)
            heads[name] = {"labels": list(h.labels), "kind": h.kind, "thresholds": h.thresholds}
            if h.space is not None:
                heads[name]["space"] = h.space
            if h.dense:
                heads[name]["dense"], heads[name]["dense_scale"] = h.dense, h.dense_scale
        doc = {"meta": self.meta, "heads": heads, "vocab": _vocab_list(self.space)}
        if self.spaces:
            doc["spaces"] = {name: _vocab_list(sp) for name, sp in sorted(self.spaces.items())}
            for name, sp in self.spaces.items():
                arrays[f"space.{name}.idf"] = sp.idf.astype(np.float32)
        json_path.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        _write_npz(npz_path, arrays)

    @classmethod
    def load(cls, json_path: Path, npz_path: Path) -> "LinearModel":
        doc = json.loads(json_path.read_text(encoding="utf-8"))
        with np.load(npz_path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        space = FeatureSpace({f: i for i, f in enumerate(doc["vocab"])}, arrays["idf"].astype(np.float32))
        spaces = {}
        for name, words in doc.get("spaces", {}).items():
            idf = arrays[f"space.{name}.idf"].astype(np.float32)
            if idf.shape != (len(words),):
                raise ValueError(f"space {name}: {idf.shape[0]} IDF weights for {len(words)} features")
            spaces[name] = FeatureSpace({f: i for i, f in enumerate(words)}, idf)
        heads = {}
        for name, h in doc["heads"].items():
            reads = h.get("space")
            if reads is not None and reads not in spaces:
                raise ValueError(f"head {name} reads space {reads!r}, which the model lacks")
            w = arrays[f"{name}.w"].astype(np.float32)
            dense = int(h.get("dense", 0))
            width = len((space if reads is None else spaces[reads]).vocab) + dense
            if w.shape != (len(h["labels"]), width):
                raise ValueError(f"head {name}: weights of shape {w.shape} for {len(h['labels'])} labels "
                                 f"and {width} features")
            heads[name] = Head(name, tuple(h["labels"]), h["kind"], w, arrays[f"{name}.b"].astype(np.float32),
                               {k: float(v) for k, v in h.get("thresholds", {}).items()}, reads, dense,
                               float(h.get("dense_scale", 1.0)))
        return cls(space, heads, doc["meta"], spaces)


def _vocab_list(space: FeatureSpace) -> list[str]:
    return sorted(space.vocab, key=space.vocab.__getitem__)
