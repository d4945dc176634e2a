"""Fitting the act model, and measuring it honestly: k-fold cross-validation
across documents, a document never in its own training fold.

Everything is seeded; the same gold and the same seed give the same model, up to the
last bits of its weights (another CPU's BLAS rounds differently). Its version is a digest
of what it was fitted from (the examples, the settings and this fitting code), so a
rebuild on any machine carries the shipped version.
"""
from __future__ import annotations

import hashlib
import json
import random
import statistics
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

import numpy as np

from ..evaluate import score
from ..model import ACT_TYPES
from .dataset import Example, GoldDocument
from .decide import MODALITIES, decide
from .features import act_features, context_bags
from .linear import FeatureSpace, Head, LinearModel
from .model import HEADS, ActModel
from .wordvec import VECTORS_FILE, WordVectors, with_neighbours

__all__ = ["TrainConfig", "fit", "cross_validate", "folds", "folds_report", "FIGURES", "TYPES", "ISSUES"]

TYPES = tuple(sorted(ACT_TYPES))  # the model's label order: alphabetical
ISSUES = ("climate", "conflict", "defense", "development", "economy", "energy", "food", "health",
          "multilateral", "nonproliferation", "people", "rights", "space", "technology", "territory")
FIGURES = ("acts.f1", "strict.f1", "commitments.f1", "issues.f1", "targets.f1", "actors.acc", "modality.acc")


@dataclass(frozen=True)
class TrainConfig:
    seed: int = 13
    min_df: int = 2
    c_types: float = 3.0
    c_modality: float = 30.0
    c_issues: float = 10.0
    c_acts: float = 3.0
    sentence_threshold: float = 0.4
    extra_threshold: float = 0.7
    issue_threshold: float = 0.4
    class_weight: str | None = "balanced"
    # the heads that also read the sentence's vector (.wordvec; the act head: its evidence's), scaled by
    # vector_scale against the unit-length TF-IDF row
    vector_heads: str = "issues"
    vector_scale: float = 0.5


# lbfgs stops at this gradient tolerance: tight enough that the softmax heads reach the
# optimum itself, not a point on the way that another machine's BLAS would leave elsewhere
TOL = 1e-8


def _binary_head(name: str, labels: Sequence[str], x, y: np.ndarray, c: float, seed: int,
                 threshold: float, balanced: str | None = None) -> Head:
    from sklearn.linear_model import LogisticRegression

    w = np.zeros((len(labels), x.shape[1]), dtype=np.float32)
    b = np.full(len(labels), -20.0, dtype=np.float32)  # a label never seen is never predicted
    for j in range(len(labels)):
        col = y[:, j]
        if col.sum() < 2 or col.sum() == len(col):
            continue
        clf = LogisticRegression(C=c, solver="liblinear", random_state=seed, max_iter=2000,
                                 class_weight=balanced)
        clf.fit(x, col)
        w[j] = clf.coef_[0]
        b[j] = clf.intercept_[0]
    return Head(name, tuple(labels), "sigmoid", w, b, {label: threshold for label in labels})


def _softmax_head(name: str, labels: Sequence[str], x, y: list[str], c: float, seed: int,
                  class_weight: str | None = None) -> Head:
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, max_iter=3000, tol=TOL, random_state=seed, class_weight=class_weight)
    clf.fit(x, y)
    order = [list(clf.classes_).index(lb) if lb in clf.classes_ else None for lb in labels]
    w = np.zeros((len(labels), x.shape[1]), dtype=np.float32)
    b = np.full(len(labels), -20.0, dtype=np.float32)
    for j, k in enumerate(order):
        if k is not None:
            w[j], b[j] = clf.coef_[k], clf.intercept_[k]
    return Head(name, tuple(labels), "softmax", w, b)


def _sentence_modality(acts: Sequence[dict]) -> str:
    return Counter(a["modality"] for a in acts).most_common(1)[0][0]


def _with_vectors(x, vectors: np.ndarray | None, scale: float):
    """``x`` with the dense columns appended, scaled as a head will scale them (Head.dense_scale)."""
    from scipy import sparse

    if vectors is None:
        return x
    return sparse.hstack([x, sparse.csr_matrix(vectors * scale)], format="csr")


def _reads_vectors(head: Head, vectors: WordVectors | None, config: TrainConfig, width: int = 1) -> Head:
    if vectors is None:
        return head
    return replace(head, dense=width * vectors.dims, dense_scale=config.vector_scale)


def fit(examples: Sequence[Example], config: TrainConfig = TrainConfig(), meta: dict | None = None,
        vectors: WordVectors | None = None) -> ActModel:
    """Fit the four heads on ``examples``; with ``vectors``, the heads named in
    ``config.vector_heads`` also read each sentence's vector."""
    examples = list(examples)
    reads = set(filter(None, config.vector_heads.split(","))) if vectors is not None and config.vector_scale else set()
    unknown = reads - set(HEADS)
    if unknown:
        raise ValueError(f"vector_heads names no head: {sorted(unknown)}")
    wv = {h: (vectors if h in reads else None) for h in HEADS}
    sv = vectors.embed([e.text for e in examples]) if reads & {"types", "modality", "issues"} else None
    bags = [e.features for e in examples]
    act_bags = [act_features(a, e.features, syn) for e in examples
                for a, syn in zip(e.acts, e.act_syntax or ((),) * len(e.acts))]
    act_labels = [lb for e in examples for lb in e.act_labels]
    space = FeatureSpace.fit(bags + act_bags, min_df=config.min_df)
    x = space.transform(bags)
    av = vectors.embed([a.evidence for e in examples for a in e.acts]) if wv["acts"] else None
    acts = _softmax_head("acts", TYPES + ("NONE",), _with_vectors(space.transform(act_bags), av, config.vector_scale),
                         act_labels, config.c_acts, config.seed, config.class_weight)
    acts = _reads_vectors(acts, wv["acts"], config)
    y_types = np.array([[int(any(a["type"] == t for a in e.gold)) for t in TYPES] for e in examples])
    types = _binary_head("types", TYPES, _with_vectors(x, sv if wv["types"] else None, config.vector_scale), y_types,
                         config.c_types, config.seed, 0.5, config.class_weight)
    types = replace(_reads_vectors(types, wv["types"], config),
                    thresholds={"_sentence": config.sentence_threshold, "_extra": config.extra_threshold})
    with_acts = [i for i, e in enumerate(examples) if e.gold]
    xm = _with_vectors(x[with_acts], sv[with_acts] if wv["modality"] else None, config.vector_scale)
    modality = _softmax_head("modality", MODALITIES, xm, [_sentence_modality(examples[i].gold) for i in with_acts],
                             config.c_modality, config.seed)
    modality = _reads_vectors(modality, wv["modality"], config)
    y_issues = np.array([[int(any(t in a.get("issues", []) for a in examples[i].gold)) for t in ISSUES]
                         for i in with_acts])
    # the issues head reads each sentence with its neighbours (features.context_bags), in a space
    # of its own so that the other heads' inputs stay as they were
    context = _context_bags(examples)
    context_space = FeatureSpace.fit(context, min_df=config.min_df)
    # with vectors, its neighbours' vector beside its own (wordvec.with_neighbours)
    near = _by_document(examples, sv, with_neighbours) if wv["issues"] else None
    xi = _with_vectors(context_space.transform([context[i] for i in with_acts]),
                       near[with_acts] if near is not None else None, config.vector_scale)
    issues = _binary_head("issues", ISSUES, xi, y_issues, config.c_issues, config.seed, config.issue_threshold,
                          config.class_weight)
    issues = replace(_reads_vectors(issues, wv["issues"], config, 2), space="context")
    meta = dict(meta or {})
    meta.setdefault("config", dict(config.__dict__))
    meta.setdefault("examples", len(examples))
    used = vectors if reads else None
    if used is not None:
        meta.setdefault("vectors", {"file": VECTORS_FILE, "sha256": used.digest})
    texts = [e.text for e in examples] if used is not None else []
    meta.setdefault("version", _version(config, bags, act_bags, act_labels, y_types, [examples[i].gold for i in with_acts],
                                        used.digest if used is not None else "", texts))
    return ActModel(LinearModel(space, {"types": types, "modality": modality, "issues": issues, "acts": acts}, meta,
                                {"context": context_space}), used)


def _documents(examples: Sequence[Example]):
    """The slice of each document's examples, in order (a sentence's neighbours are those of its own document)."""
    start = 0
    for i in range(1, len(examples) + 1):
        if i == len(examples) or examples[i].doc != examples[start].doc:
            yield slice(start, i)
            start = i


def _by_document(examples: Sequence[Example], rows: np.ndarray, f) -> np.ndarray:
    """``f`` applied to the rows of each document's examples in turn."""
    parts = [f(rows[d]) for d in _documents(examples)]
    return np.vstack(parts) if parts else rows


def _context_bags(examples: Sequence[Example]) -> list[list[str]]:
    """:func:`~.features.context_bags` document by document, in the examples' order."""
    return [bag for d in _documents(examples) for bag in context_bags([e.features for e in examples[d]])]


def _version(config: TrainConfig, *inputs) -> str:
    """A digest of what a model is fitted from: settings, examples and labels, and the code
    that fits it (this module, .linear and .features). Not of the weights, whose last bits vary by CPU."""
    from . import features, linear, wordvec

    digest = hashlib.sha1()
    digest.update(repr(sorted(config.__dict__.items())).encode())
    for module in (__file__, linear.__file__, features.__file__, wordvec.__file__):
        digest.update(Path(module).read_bytes())
    for part in inputs:
        digest.update(json.dumps(part.tolist() if isinstance(part, np.ndarray) else part, sort_keys=True,
                                 default=str).encode())
    return digest.hexdigest()[:10]


def folds(names: Sequence[str], k: int, seed: int) -> list[list[str]]:
    """Documents dealt into ``k`` folds in a seeded order."""
    order = sorted(names)
    random.Random(seed).shuffle(order)
    return [order[i::k] for i in range(k)]


def _confusion(gold_rows: list[dict], preds: list[dict], confusion: Counter) -> None:
    """Per gold sentence: same types paired first, then the rest in order; unpaired ones against NONE."""
    from ..evaluate import _align

    placed, _ = _align(preds, gold_rows)
    for i, row in enumerate(gold_rows):
        g = Counter(a["type"] for a in row.get("acts", []))
        p = Counter(a["type"] for a in placed.get(i, []))
        both = g & p
        for t, n in both.items():
            confusion[(t, t)] += n
        g_rest = list((g - both).elements())
        p_rest = list((p - both).elements())
        for a, b in zip(g_rest, p_rest):
            confusion[(a, b)] += 1
        for a in g_rest[len(p_rest):]:
            confusion[(a, "NONE")] += 1
        for b in p_rest[len(g_rest):]:
            confusion[("NONE", b)] += 1


def _figure(result: dict, key: str) -> float | None:
    a, b = key.split(".")
    return result[a][b]


def cross_validate(docs: list[GoldDocument], coder, k: int = 5, config: TrainConfig = TrainConfig(),
                   vectors: WordVectors | None = None) -> dict:
    """Fit on k-1 folds of documents, decide the held-out fold, score it; mean and spread."""
    by_name = {d.name: d for d in docs}
    per_fold, all_preds, confusion = [], [], Counter()
    for held in folds(list(by_name), k, config.seed):
        train = [e for n in by_name if n not in held for e in by_name[n].examples]
        model = fit(train, config, vectors=vectors)
        preds = []
        for n in held:
            ex = decide(by_name[n].view, model, coder)
            preds += [a.prediction() for a in ex.acts]
        gold = {n: by_name[n].gold for n in held}
        per_fold.append(score(gold, preds))
        all_preds += preds
        for n in held:
            _confusion(by_name[n].gold, [p for p in preds if p["doc"] == n], confusion)
    pooled = score({n: d.gold for n, d in by_name.items()}, all_preds)
    summary = {}
    for key in FIGURES:
        vals = [v for v in (_figure(r, key) for r in per_fold) if v is not None]
        summary[key] = {"mean": round(statistics.fmean(vals), 4), "sd": round(statistics.pstdev(vals), 4),
                        "min": round(min(vals), 4), "max": round(max(vals), 4), "pooled": _figure(pooled, key)}
    per_type = {t: f for t, f in pooled["per_type"].items() if t is not None}
    labels = sorted({a for a, _ in confusion} | {b for _, b in confusion}, key=lambda t: (t == "NONE", t))
    matrix = {g: {p: confusion.get((g, p), 0) for p in labels} for g in labels}
    return {"k": k, "seed": config.seed, "documents": len(docs), "summary": summary, "per_type": per_type,
            "confusion": matrix, "folds": [{key: _figure(r, key) for key in FIGURES} for r in per_fold]}


def folds_report(cv: dict) -> str:
    lines = [f"{cv['k']}-fold cross-validation over {cv['documents']} documents (seed {cv['seed']}); "
             "each document scored by a model that never saw it", "",
             f"{'figure':<16}{'mean':>7}{'sd':>7}{'min':>7}{'max':>7}{'pooled':>8}"]
    for key, s in cv["summary"].items():
        lines.append(f"{key:<16}{s['mean']:>7.3f}{s['sd']:>7.3f}{s['min']:>7.3f}{s['max']:>7.3f}{s['pooled']:>8.3f}")
    lines += ["", "per type (pooled):"]
    for t, f in cv["per_type"].items():
        if f["f1"] is not None:
            lines.append(f"  {t:<10} P {f['p']:.3f}  R {f['r']:.3f}  F1 {f['f1']:.3f}  (tp {f['tp']}, fp {f['fp']}, fn {f['fn']})")
    labels = list(cv["confusion"])
    lines += ["", "type confusion (rows gold, columns predicted; NONE = no act):",
              " " * 10 + "".join(f"{lb[:6]:>7}" for lb in labels)]
    for g in labels:
        lines.append(f"{g[:9]:<10}" + "".join(f"{cv['confusion'][g][p]:>7}" for p in labels))
    return "\n".join(lines)
