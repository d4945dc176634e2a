"""What statement B adds, drops, rewords and repeats relative to statement A."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..errors import NotFoundError
from ..storage import Store
from .lineage import compatible
from .similarity import REVERSAL, Idf, normalise, similarity, stems, word_diff

__all__ = ["diff_documents", "MATCH"]

MATCH = 0.5


def _acts(store: Store, doc_id: str) -> list[dict[str, Any]]:
    return [a.__dict__ | {"act_id": act_id} for act_id, a in store.acts_of(doc_id)]


def diff_documents(store: Store, a_ref: str, b_ref: str, *, threshold: float = MATCH) -> dict[str, Any]:
    a_row, b_row = store.document_row(a_ref), store.document_row(b_ref)
    for ref, row in ((a_ref, a_row), (b_ref, b_row)):
        if row is None:
            raise NotFoundError("no such statement in the store (give a doc id, a name, or the file)", path=ref)
    acts_a, acts_b = _acts(store, a_row["id"]), _acts(store, b_row["id"])
    idf = Idf(stems(x["evidence"]) for x in acts_a + acts_b)
    stem_a = [stems(x["evidence"]) for x in acts_a]
    pairs = []
    for j, b in enumerate(acts_b):
        sb = stems(b["evidence"])
        for i, a in enumerate(acts_a):
            if a["type"] != b["type"] or not compatible(a["modality"], b["modality"]):
                continue
            if bool(REVERSAL.search(a["evidence"])) != bool(REVERSAL.search(b["evidence"])) or a["negated"] != b["negated"]:
                continue
            sim = similarity(b["evidence"], a["evidence"], idf, sb, stem_a[i])
            if sim >= threshold:
                pairs.append((sim, i, j))
    used_a: set[int] = set()
    used_b: set[int] = set()
    matched: list[tuple[int, int, float]] = []
    for sim, i, j in sorted(pairs, reverse=True):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            matched.append((i, j, sim))
    groups: dict[str, dict[str, list]] = defaultdict(lambda: {"added": [], "dropped": [], "reworded": [], "repeated": []})

    def issue_of(act) -> str:
        return act["issues"][0] if act["issues"] else "other"

    def brief(act) -> dict[str, Any]:
        return {k: act[k] for k in ("type", "modality", "actors", "targets", "issues", "evidence", "start", "end", "sentence", "act_id")}

    for i, j, sim in matched:
        a, b = acts_a[i], acts_b[j]
        same = normalise(a["evidence"]) == normalise(b["evidence"])
        entry = {"a": brief(a), "b": brief(b), "similarity": sim}
        if not same:
            entry["changes"] = word_diff(a["evidence"], b["evidence"])
        groups[issue_of(b)]["repeated" if same else "reworded"].append(entry)
    for j, b in enumerate(acts_b):
        if j not in used_b:
            groups[issue_of(b)]["added"].append({"b": brief(b)})
    for i, a in enumerate(acts_a):
        if i not in used_a:
            groups[issue_of(a)]["dropped"].append({"a": brief(a)})
    totals = {k: sum(len(g[k]) for g in groups.values()) for k in ("added", "dropped", "reworded", "repeated")}

    def meta(row) -> dict[str, Any]:
        return {"doc": row["name"], "doc_id": row["id"], "date": row["date"], "title": row["title"]}

    return {"a": meta(a_row), "b": meta(b_row), "totals": totals,
            "issues": {k: groups[k] for k in sorted(groups, key=lambda k: (k == "other", k))}}
