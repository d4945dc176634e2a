"""What statement B adds, drops, rewords and repeats relative to statement A."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..errors import NotFoundError
from ..storage import Store
from .lineage import THRESHOLD, TYPE_HINT, _changes
from .similarity import REVERSAL, Idf, content_stems, normalise, same_commitment, word_diff, wording_key

__all__ = ["diff_documents", "MATCH"]

MATCH = THRESHOLD  # as lineages link


def _acts(store: Store, doc_id: str) -> list[dict[str, Any]]:
    lineages = store.lineages_in(doc_id)
    return [a.__dict__ | {"act_id": act_id, "lineage": lineages.get(act_id, (None,))[0]} for act_id, a in store.acts_of(doc_id)]


def diff_documents(store: Store, a_ref: str | None, b_ref: str, *, threshold: float = MATCH,
                   series: str | None = None) -> dict[str, Any]:
    """What statement B adds, drops, rewords and repeats relative to A; without A, relative to
    the previous statement of B's series (``series`` defines one, see :mod:`.series`).

    Acts pair as lineages link: the same lineage first, then by actors and the commitment's
    own words (types do not have to agree). A pair whose commitment words are unchanged is
    ``repeated`` even when its attribution changed (shown in ``attribution_changes``)."""
    if a_ref is not None and store.document_row(a_ref) is None:  # the earlier one named first is reported first
        raise NotFoundError("no such statement in the store (give a doc id, a name, or the file)", path=a_ref)
    b_row = store.document_row(b_ref)
    if b_row is None:
        raise NotFoundError("no such statement in the store (give a doc id, a name, or the file)", path=b_ref)
    if a_ref is None:
        from .series import previous_statement

        prev = previous_statement(store, b_row["id"], series)
        if prev is None:
            raise NotFoundError("no earlier statement in this statement's series; name one to compare with", path=b_ref)
        a_ref = prev["id"]
    a_row = store.document_row(a_ref)
    if a_row is None:
        raise NotFoundError("no such statement in the store (give a doc id, a name, or the file)", path=a_ref)
    acts_a, acts_b = _acts(store, a_row["id"]), _acts(store, b_row["id"])
    stem_a = [content_stems(x["evidence"]) for x in acts_a]
    stem_b = [content_stems(x["evidence"]) for x in acts_b]
    idf = Idf(stem_a + stem_b)
    pairs = []
    for j, b in enumerate(acts_b):
        for i, a in enumerate(acts_a):
            if bool(REVERSAL.search(a["evidence"])) != bool(REVERSAL.search(b["evidence"])) or a["negated"] != b["negated"]:
                continue
            if a["lineage"] and a["lineage"] == b["lineage"]:
                pairs.append((2.0, i, j))
                continue
            if not set(a["actors"]) & set(b["actors"]):
                continue
            sim = same_commitment(stem_b[j], stem_a[i], idf) + (TYPE_HINT if a["type"] == b["type"] else 0.0)
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
        return {k: act[k] for k in ("type", "modality", "actors", "targets", "issues", "evidence", "start", "end", "sentence", "act_id",
                                    "commitment", "lineage")}

    for i, j, sim in matched:
        a, b = acts_a[i], acts_b[j]
        same = wording_key(a["evidence"]) == wording_key(b["evidence"])
        entry = {"a": brief(a), "b": brief(b), "similarity": round(min(sim, 1.0), 4)}
        if normalise(a["evidence"]) != normalise(b["evidence"]):
            entry.update(_changes(a["evidence"], b["evidence"]))
            if not same and "changes" not in entry:
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
