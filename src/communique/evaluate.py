"""Scoring predicted acts against gold acts, by the rules of the annotation guidelines.

This reimplements the project's reference scorer (``shared/eval/score.py``) so the
repository stands alone; a test checks that both give the same figures.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from .errors import ConfigError, InputError

__all__ = ["load_gold", "score", "check_bounds", "format_report", "CONTAINMENT", "statement_files", "evaluate_extractor",
           "cv_means", "cv_statements", "GOLD_DIR", "STATEMENTS_DIR"]

_WORD = re.compile(r"[0-9A-Za-z]+")
CONTAINMENT = 0.6


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text or "")]


def read_jsonl(path: Path) -> list[dict]:
    rows = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise InputError(f"not JSON: {e.msg}", path=str(path), line=i) from None
    return rows


def load_gold(paths: Iterable[str | Path]) -> dict[str, list[dict]]:
    files: list[Path] = []
    for p in map(Path, paths):
        if not p.exists():
            raise InputError("no such gold file or folder", path=str(p))
        files += sorted(p.glob("*.jsonl")) if p.is_dir() else [p]
    gold: dict[str, list[dict]] = defaultdict(list)
    for f in files:
        for row in read_jsonl(f):
            gold[row["doc"]].append(row)
    for rows in gold.values():
        rows.sort(key=lambda r: r["n"])
    return dict(gold)


def _align(pred: list[dict], sentences: list[dict]) -> tuple[dict[int, list[dict]], int]:
    """Place each prediction in the gold sentence that holds most of its evidence words."""
    bags = [Counter(_words(s["sentence"])) for s in sentences]
    sizes = [sum(b.values()) for b in bags]
    placed: dict[int, list[dict]] = defaultdict(list)
    stray = 0
    for act in pred:
        ev = Counter(_words(act.get("evidence", "")))
        total = sum(ev.values())
        best, best_key = None, (0.0, 0.0)
        for i, bag in enumerate(bags):
            shared = sum((ev & bag).values())
            if not total or not shared:
                continue
            key = (shared / total, shared / (total + sizes[i] - shared))
            if key > best_key:
                best, best_key = i, key
        if best is None or best_key[0] < CONTAINMENT:
            stray += 1
        else:
            placed[best].append(act)
    return placed, stray


def _codes(codes) -> frozenset:
    return frozenset(str(c).upper() for c in (codes or []))


def _agreement(g: dict, p: dict) -> int:
    return ((_codes(g.get("actors")) == _codes(p.get("actors"))) + (_codes(g.get("targets")) == _codes(p.get("targets")))
            + (g.get("modality") == p.get("modality")))


def _pairs(gold: list[dict], pred: list[dict]) -> list[tuple[dict, dict]]:
    """Pair acts of the same type, best-agreeing first (ties as the reference scorer breaks them)."""
    cands = sorted(((_agreement(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)
                    if g.get("type") == p.get("type")), reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gold[gi], pred[pi]))
    return out


@dataclass
class _Count:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def figures(self) -> dict[str, Any]:
        if not (self.tp or self.fp or self.fn):
            return {"p": None, "r": None, "f1": None, "tp": 0, "fp": 0, "fn": 0}
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


def score(gold: dict[str, list[dict]], preds: list[dict]) -> dict[str, Any]:
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for act in preds:
        by_doc[act.get("doc", "")].append(act)
    acts, strict, commits, issues, targets = _Count(), _Count(), _Count(), _Count(), _Count()
    per_type: dict[str, _Count] = defaultdict(_Count)
    matched = actors_ok = modality_ok = 0
    for doc, sentences in gold.items():
        placed, stray = _align(by_doc.get(doc, []), sentences)
        acts.add(0, stray, 0)
        strict.add(0, stray, 0)
        for i, sent in enumerate(sentences):
            g_acts, p_acts = sent.get("acts", []), placed.get(i, [])
            pairs = _pairs(g_acts, p_acts)
            acts.add(len(pairs), len(p_acts) - len(pairs), len(g_acts) - len(pairs))
            for t in {a.get("type") for a in g_acts + p_acts}:
                gt = sum(a.get("type") == t for a in g_acts)
                pt = sum(a.get("type") == t for a in p_acts)
                tp = sum(g.get("type") == t for g, _ in pairs)
                per_type[t].add(tp, pt - tp, gt - tp)
            exact = sum(_agreement(g, p) == 3 for g, p in pairs)
            strict.add(exact, len(p_acts) - exact, len(g_acts) - exact)
            for g, p in pairs:
                matched += 1
                actors_ok += _codes(g.get("actors")) == _codes(p.get("actors"))
                modality_ok += g.get("modality") == p.get("modality")
                gt_, pt_ = _codes(g.get("targets")), _codes(p.get("targets"))
                targets.add(len(gt_ & pt_), len(pt_ - gt_), len(gt_ - pt_))
            gc = any(a.get("commitment") for a in g_acts)
            pc = any(a.get("commitment") for a in p_acts)
            commits.add(int(gc and pc), int(pc and not gc), int(gc and not pc))
            gi = {x for a in g_acts for x in a.get("issues", [])}
            pi = {x for a in p_acts for x in a.get("issues", [])}
            issues.add(len(gi & pi), len(pi - gi), len(gi - pi))
    return {
        "documents": len(gold),
        "sentences": sum(len(s) for s in gold.values()),
        "gold_acts": acts.tp + acts.fn,
        "acts": acts.figures(),
        "strict": strict.figures(),
        "commitments": commits.figures(),
        "issues": issues.figures(),
        "actors": {"acc": round(actors_ok / matched, 4) if matched else 0.0, "n": matched},
        "targets": targets.figures(),
        "modality": {"acc": round(modality_ok / matched, 4) if matched else 0.0, "n": matched},
        "per_type": {t: c.figures() for t, c in sorted(per_type.items(), key=lambda kv: str(kv[0]))},
    }


def lookup(result: dict, key: str) -> float | None:
    node: Any = result
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            raise ConfigError(f"unknown figure {key!r} (e.g. acts.f1, actors.acc)")
        node = node[part]
    return None if node is None else float(node)


def check_bounds(result: dict, bounds: Iterable[str]) -> list[str]:
    """Bounds like ``acts.f1=0.8``; the ones the result falls below."""
    failed = []
    for bound in bounds:
        key, sep, value = bound.partition("=")
        if not sep:
            raise ConfigError(f"bound {bound!r} is not KEY=VALUE")
        got = lookup(result, key)
        if got is not None and got < float(value):
            failed.append(f"{key} {got:.3f} < {float(value):.3f}")
    return failed


def format_report(result: dict) -> str:
    lines = [f"{result['documents']} documents, {result['sentences']} sentences, {result['gold_acts']} gold acts"]

    def line(name: str, f: dict) -> str:
        if f["f1"] is None:
            return f"{name:<12} n/a (nothing to count)"
        return f"{name:<12} P {f['p']:.3f}  R {f['r']:.3f}  F1 {f['f1']:.3f}   (tp {f['tp']}, fp {f['fp']}, fn {f['fn']})"

    for name in ("acts", "strict", "commitments", "issues", "targets"):
        lines.append(line(name, result[name]))
    for name in ("actors", "modality"):
        lines.append(f"{name:<12} accuracy {result[name]['acc']:.3f} over {result[name]['n']} matched acts")
    lines.append("per type:")
    for t, f in result["per_type"].items():
        lines.append("  " + line(str(t), f))
    return "\n".join(lines)


def statement_files(gold: dict, paths: Iterable[str | Path] = (), statements_dir: str | Path | None = None,
                    gold_path: str | Path | None = None) -> dict[str, Path]:
    """Each gold document's statement file (by name): among ``paths`` and ``statements_dir``;
    with neither, beside the gold (``../../corpus/statements``, ``./statements``), then ``samples/``."""
    from .ingest import expand_paths
    from .ingest.sources import STATEMENT_SUFFIXES
    from .model import ReadFailure

    candidates: list = list(paths or [])
    if statements_dir:
        candidates.append(statements_dir)
    if not candidates and gold_path is not None:
        gp = Path(gold_path)
        base = gp if gp.is_dir() else gp.parent
        candidates = [p for p in (base.parent.parent / "corpus" / "statements", base / "statements", Path("samples"))
                      if p.exists()]
    found: dict[str, Path] = {}
    for p in expand_paths(candidates):
        if isinstance(p, ReadFailure):
            continue
        if p.stem in gold and p.suffix.lower() in STATEMENT_SUFFIXES:
            found.setdefault(p.stem, p)
    return found


GOLD_DIR = "data/gold"
"""The repository's copy of the gold (``make train``, ``make cv``)."""
STATEMENTS_DIR = "data/statements"
"""The repository's copy of the gold's statement texts."""


def cv_statements(paths: Iterable[str | Path] = (), statements_dir: str | Path | None = None) -> str | Path:
    """The folder of statements a cross-validation reads the gold's documents from:
    ``statements_dir``, else the first of ``paths``, else :data:`STATEMENTS_DIR`."""
    return statements_dir or next(iter(paths or ()), None) or STATEMENTS_DIR


def evaluate_extractor(make_extractor, gold_path: str | Path, paths: Iterable[str | Path] = (),
                       statements_dir: str | Path | None = None) -> tuple[dict[str, Any], set[str]]:
    """Score the extractor that ``make_extractor()`` returns (called once the gold and its
    statements are found) against the gold at ``gold_path`` (statements found by
    :func:`statement_files`): the figures, and the gold documents that were in the act
    model's training data (their figures say nothing of unseen text)."""
    from .ingest import read_document

    gold = load_gold([gold_path])
    if not gold:
        raise InputError("no gold sentences found", path=str(gold_path))
    found = statement_files(gold, paths, statements_dir, gold_path)
    missing = sorted(set(gold) - set(found))
    if missing:
        raise InputError(f"no statement file for gold document(s): {', '.join(missing)}; "
                         "give their paths or the folder holding them")
    extractor = make_extractor()
    preds = [act.prediction() for ex in extractor.extract_many(read_document(found[n]) for n in sorted(gold))
             for act in ex.acts]
    model = extractor.act_model
    seen = set(gold) & set(model.meta.get("documents", ())) if model else set()
    return score(gold, preds), seen


def cv_means(cv: dict) -> dict[str, dict[str, float]]:
    """A cross-validation's mean figures in the shape :func:`check_bounds` reads: ``{"acts": {"f1": mean}}``."""
    means: dict[str, dict[str, float]] = {}
    for key, s in cv["summary"].items():
        record, figure = key.split(".")
        means.setdefault(record, {})[figure] = s["mean"]
    return means
