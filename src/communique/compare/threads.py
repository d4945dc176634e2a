"""Lineages measured against hand-made commitment threads (``evaluate-threads``).

A threads file holds one thread a line: ``{"thread", "summary", "type", "actors",
"members": [{"doc", "evidence"}]}``, one commitment recurring across statements. Each
gold member is matched to the stored act of its document whose evidence shares most of
its words (at least half of the shorter wording); a member with no act, or whose act is
in no lineage, stands alone. Then

- B-cubed precision: for each member, the share of members in its lineage that are in
  its thread; recall: the share of its thread's members that are in its lineage;
- coverage: members matched to an act;
- links: consecutive members of a thread that share a lineage.

These are the definitions of ``shared/eval/score_threads.py``; the tests check that both
give the same figures.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterable

from ..errors import InputError
from ..storage import Store

__all__ = ["load_threads", "score_threads", "score_with_baseline", "store_predictions", "format_threads_report"]

_WORD = re.compile(r"\w+", re.UNICODE)


def _words(text: str | None) -> set[str]:
    return {w.lower() for w in _WORD.findall(text or "")}


def load_threads(path: str | Path) -> list[dict[str, Any]]:
    path = Path(path)
    if not path.is_file():
        raise InputError("no such threads file", path=str(path))
    out = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                t = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(f"not JSON: {e.msg}", path=str(path), line=n) from None
            if not isinstance(t, dict) or "thread" not in t or not isinstance(t.get("members"), list):
                raise InputError("a thread needs 'thread' and a list of 'members'", path=str(path), line=n)
            out.append(t)
    return out


def store_predictions(store: Store, docs: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Every stored act (of the named documents) as ``{doc, evidence, lineage}``."""
    wanted = set(docs) if docs is not None else None
    return [{"doc": r["doc"], "evidence": r["evidence"], "lineage": r["lineage"]} for r in store.acts()
            if wanted is None or r["doc"] in wanted]


def _match(member: dict[str, Any], acts: list[tuple[set[str], dict[str, Any]]]) -> dict[str, Any] | None:
    g = _words(member.get("evidence"))
    best, best_key = None, (0.0, 0.0)
    for p, act in acts:
        shared = len(g & p)
        if not shared or shared < 0.5 * min(len(g), len(p)):
            continue
        key = (shared / len(g), shared / len(g | p))
        if key > best_key:
            best, best_key = act, key
    return best


def score_threads(threads: list[dict[str, Any]], preds: Iterable[dict[str, Any]]) -> dict[str, Any]:
    by_doc: dict[str, list[tuple[set[str], dict[str, Any]]]] = defaultdict(list)
    for act in preds:
        by_doc[act["doc"]].append((_words(act.get("evidence")), act))
    labels: list[tuple[str, Any]] = []  # (thread, cluster) per gold member
    matched = 0
    for t in threads:
        for i, m in enumerate(t["members"]):
            act = _match(m, by_doc.get(m["doc"], []))
            matched += act is not None
            lin = act.get("lineage") if act else None
            labels.append((t["thread"], lin if lin is not None else ("alone", t["thread"], i)))
    n = len(labels)
    pair_count = Counter(labels)
    cluster_size = Counter(c for _, c in labels)
    thread_size = Counter(t for t, _ in labels)
    p = sum(pair_count[(t, c)] / cluster_size[c] for t, c in labels) / n if n else 0.0
    r = sum(pair_count[(t, c)] / thread_size[t] for t, c in labels) / n if n else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    chains: dict[str, list[Any]] = defaultdict(list)
    for t, c in labels:
        chains[t].append(c)
    pairs = sum(len(c) - 1 for c in chains.values() if c)
    linked = sum(a == b for c in chains.values() for a, b in zip(c, c[1:]))
    return {"threads": len(threads), "members": n,
            "bcubed": {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3)},
            "coverage": round(matched / n, 3) if n else 0.0,
            "links": {"recall": round(linked / pairs, 3) if pairs else 0.0, "pairs": pairs}}


def score_with_baseline(threads: list[dict[str, Any]], preds: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """:func:`score_threads`'s figures and, under ``baseline``, those of linking nothing
    (every act alone in its lineage): the floor a linker has to beat."""
    preds = list(preds)
    return score_threads(threads, preds) | {"baseline": score_threads(threads, [p | {"lineage": None} for p in preds])}


def format_threads_report(result: dict[str, Any], baseline: dict[str, Any] | None = None) -> str:
    """The figures on one line, and the baseline's (given, or ``result["baseline"]``) on another."""
    if baseline is None:
        baseline = result.get("baseline")
    b = result["bcubed"]
    line = (f"{result['threads']} threads, {result['members']} members: B-cubed P {b['p']:.3f} R {b['r']:.3f} F1 {b['f1']:.3f}; "
            f"coverage {result['coverage']:.3f}; links recall {result['links']['recall']:.3f} of {result['links']['pairs']} pairs")
    if baseline is not None:
        line += f"\nlinking nothing would score B-cubed F1 {baseline['bcubed']['f1']:.3f}"
    return line
