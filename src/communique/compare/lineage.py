"""Commitment lineages: the same commitment or position followed across statements.

Acts link when they have the same type, compatible modalities (a restatement
continues a promise or a stated position; a promise and a bare statement do not
link), overlapping actors, the same polarity
(a negated act or a reversal never continues a positive one), and close wording.
Candidates come from an inverted index of each wording's rarest stems, blocked by
type and family, so building never compares all pairs; an update links only the
acts not yet in a lineage.
"""
from __future__ import annotations

import hashlib
import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..storage import Store
from .similarity import REVERSAL, Idf, normalise, similarity, stems, word_diff

__all__ = ["update_lineages", "LineageReport", "THRESHOLD", "lineage", "find_lineages", "series_documents"]

THRESHOLD = 0.5
FAMILY = {"COMMIT": "promise", "REAFFIRM": "promise", "ASSERT": "statement"}


def compatible(a: set[str] | str, b: str) -> bool:
    """REAFFIRM goes with either; COMMIT and ASSERT do not mix."""
    mods = {a} if isinstance(a, str) else set(a)
    return not ({"COMMIT", "ASSERT"} <= mods | {b})
MAX_POSTING = 5000  # a stem in more wordings than this is too common to find candidates with
MAX_CANDIDATES = 50  # the lineages sharing most rare stems are compared in full


@dataclass
class LineageReport:
    linked: int = 0
    created: int = 0
    touched: int = 0
    seconds: float = 0.0


@dataclass
class _Lineage:
    id: str
    type: str
    family: str
    polarity: bool
    actors: set[str]
    docs: set[str]
    last_date: str
    wording: str
    stems: frozenset[str]
    new: bool = False
    members: list[tuple[int, str, str, float]] = field(default_factory=list)  # act_id, doc_id, date, sim
    modalities: set[str] = field(default_factory=set)


def _polarity(negated: int, evidence: str) -> bool:
    return not (negated or REVERSAL.search(evidence or ""))


def _lineage_id(act_id: int, doc_id: str, evidence: str) -> str:
    return "L" + hashlib.sha1(f"{doc_id}:{act_id}:{normalise(evidence)}".encode()).hexdigest()[:10]


def update_lineages(store: Store, *, rebuild: bool = False, threshold: float = THRESHOLD) -> LineageReport:
    """Link every act not yet in a lineage; with ``rebuild``, start from scratch."""
    started = time.perf_counter()
    conn = store.conn
    report = LineageReport()
    with conn:
        if rebuild:
            conn.execute("DELETE FROM lineage_members")
            conn.execute("DELETE FROM lineages")
        # lineages that lost members (their document was replaced) are recomputed or dropped
        conn.execute("DELETE FROM lineages WHERE NOT EXISTS (SELECT 1 FROM lineage_members m WHERE m.lineage_id = lineages.id)")
        stale = {r[0] for r in conn.execute(
            "SELECT l.id FROM lineages l WHERE l.size != (SELECT COUNT(*) FROM lineage_members m WHERE m.lineage_id = l.id)")}
    pending = conn.execute(
        "SELECT a.id, a.doc_id, a.type, a.modality, a.actors, a.evidence, a.negated, d.date FROM acts a"
        " JOIN documents d ON d.id = a.doc_id WHERE NOT EXISTS (SELECT 1 FROM lineage_members m WHERE m.act_id = a.id)"
        " ORDER BY d.date, d.name, a.sentence, a.start").fetchall()
    if not pending and not stale:
        report.seconds = time.perf_counter() - started
        return report
    idf = Idf(stems(r[0]) for r in conn.execute("SELECT evidence FROM acts"))
    lineages, index = _load(conn, idf)
    touched: set[str] = set(stale)
    for r in pending:
        act_id, doc_id, type_, modality, actors_json, evidence, negated, date = r
        family = FAMILY.get(modality, "statement")
        actors = set(json.loads(actors_json))
        s = stems(evidence)
        pol = _polarity(negated, evidence)
        key = type_
        best, best_sim = None, 0.0
        for cand in _candidates(index[key], s, idf, lineages):
            lin = lineages[cand]
            if lin.polarity != pol or doc_id in lin.docs or not (lin.actors & actors) or not compatible(lin.modalities, modality):
                continue
            sim = similarity(evidence, lin.wording, idf, s, lin.stems)
            if sim > best_sim:
                best, best_sim = cand, sim
        if best is not None and best_sim >= threshold:
            lin = lineages[best]
            report.linked += 1
        else:
            lid = _lineage_id(act_id, doc_id, evidence)
            lin = _Lineage(lid, type_, family, pol, set(), set(), date or "", evidence, s, new=True)
            lineages[lid] = lin
            best_sim = 1.0
            report.created += 1
        lin.members.append((act_id, doc_id, date or "", best_sim))
        lin.docs.add(doc_id)
        lin.actors |= actors
        lin.modalities.add(modality)
        if (date or "") >= lin.last_date:  # the most recent wording is the one to match
            lin.last_date, lin.wording, lin.stems = date or "", evidence, s
        for w in idf.rarest(s):
            index[key][w].add(lin.id)
        touched.add(lin.id)
    _write(conn, lineages, touched)
    report.touched = len(touched)
    report.seconds = time.perf_counter() - started
    return report


def _candidates(postings: dict[str, set[str]], s: frozenset[str], idf: Idf, lineages) -> list[str]:
    rare = [w for w in idf.rarest(s) if len(postings.get(w, ())) < MAX_POSTING]
    counts: dict[str, int] = defaultdict(int)
    for w in rare:
        for lid in postings.get(w, ()):
            counts[lid] += 1
    need = 2 if len(rare) >= 3 else 1
    ranked = sorted((c for c in counts.items() if c[1] >= need), key=lambda c: (-c[1], c[0]))  # ties by id: the same in every process
    return [lid for lid, _ in ranked[:MAX_CANDIDATES]]


def _load(conn, idf: Idf):
    lineages: dict[str, _Lineage] = {}
    index: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    rows = conn.execute(
        "SELECT l.id, l.type, l.family, l.actors, m.act_id, m.doc_id, m.date, m.similarity, a.evidence, a.negated, a.modality"
        " FROM lineages l JOIN lineage_members m ON m.lineage_id = l.id JOIN acts a ON a.id = m.act_id ORDER BY m.date")
    for lid, type_, family, actors, act_id, doc_id, date, sim, evidence, negated, modality in rows:
        lin = lineages.get(lid)
        if lin is None:
            lin = lineages[lid] = _Lineage(lid, type_, family, _polarity(negated, evidence), set(json.loads(actors)),
                                           set(), "", evidence, stems(evidence))
        lin.members.append((act_id, doc_id, date or "", sim))
        lin.docs.add(doc_id)
        lin.modalities.add(modality)
        if (date or "") >= lin.last_date:
            lin.last_date, lin.wording, lin.stems = date or "", evidence, stems(evidence)
    for lin in lineages.values():
        for w in idf.rarest(lin.stems):
            index[lin.type][w].add(lin.id)
    return lineages, index


def _write(conn, lineages: dict[str, _Lineage], touched: set[str]) -> None:
    """Store touched lineages with each member's status, in date order."""
    with conn:
        for lid in touched:
            lin = lineages.get(lid)
            if lin is None:  # a stale lineage with no member left
                continue
            members = sorted(lin.members, key=lambda m: (m[2], m[1]))
            evid = {row[0]: (row[1], json.loads(row[2])) for row in conn.execute(
                f"SELECT id, evidence, targets FROM acts WHERE id IN ({','.join('?' * len(members))})",
                [m[0] for m in members])}
            targets = sorted({t for m in members for t in evid[m[0]][1]})
            # the lineage row first (members reference it); REPLACE clears its old members
            conn.execute(
                "INSERT OR REPLACE INTO lineages (id, type, family, canonical, first, last, actors, targets, size) VALUES (?,?,?,?,?,?,?,?,?)",
                (lid, lin.type, lin.family, evid[members[-1][0]][0], members[0][2], members[-1][2],
                 json.dumps(sorted(lin.actors)), json.dumps(targets), len(members)))
            conn.execute("DELETE FROM lineage_members WHERE lineage_id = ?", (lid,))
            prev = None
            for act_id, doc_id, date, sim in members:
                text = evid[act_id][0]
                status = "new" if prev is None else ("repeated" if normalise(text) == normalise(prev) else "reworded")
                conn.execute("INSERT INTO lineage_members (lineage_id, act_id, doc_id, date, status, similarity) VALUES (?,?,?,?,?,?)",
                             (lid, act_id, doc_id, date, status, sim))
                prev = text


# ---- reading ------------------------------------------------------------------

def series_documents(store: Store, doc_id: str) -> list[dict[str, Any]]:
    """Documents of the same series: the same issuing parties and the same kind."""
    row = store.conn.execute("SELECT parties, kind FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        return []
    rows = store.conn.execute("SELECT id, name, date, title FROM documents WHERE parties = ? AND kind IS ? ORDER BY date, name",
                              (row["parties"], row["kind"])).fetchall()
    return [dict(r) for r in rows]


def lineage(store: Store, lineage_id: str) -> dict[str, Any] | None:
    """One lineage as a timeline, with the word-level changes and the statements that dropped it."""
    row = store.conn.execute("SELECT * FROM lineages WHERE id = ?", (lineage_id,)).fetchone()
    if row is None:
        return None
    members = store.conn.execute(
        "SELECT m.status, m.similarity, m.doc_id, d.name AS doc, d.date, d.title, a.id AS act_id, a.evidence, a.start, a.\"end\","
        " a.sentence, a.modality FROM lineage_members m JOIN acts a ON a.id = m.act_id JOIN documents d ON d.id = m.doc_id"
        " WHERE m.lineage_id = ? ORDER BY d.date, d.name", (lineage_id,)).fetchall()
    documents: list[dict[str, Any]] = []
    prev = None
    for m in members:
        entry = {"doc": m["doc"], "doc_id": m["doc_id"], "date": m["date"], "title": m["title"], "status": m["status"],
                 "evidence": m["evidence"], "start": m["start"], "end": m["end"], "sentence": m["sentence"],
                 "act_id": m["act_id"], "modality": m["modality"]}
        if m["status"] == "reworded" and prev is not None:
            entry["changes"] = word_diff(prev, m["evidence"])
        documents.append(entry)
        prev = m["evidence"]
    documents = _with_dropped(store, documents)
    return {"id": row["id"], "canonical": row["canonical"], "first": row["first"], "last": row["last"], "type": row["type"],
            "family": row["family"], "actors": json.loads(row["actors"]), "targets": json.loads(row["targets"]),
            "size": row["size"], "documents": documents}


def _with_dropped(store: Store, documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add a ``dropped`` entry for each later statement of the same series that lacks the lineage."""
    if not documents:
        return documents
    present = {d["doc_id"] for d in documents}
    first = documents[0]
    out = list(documents)
    for s in series_documents(store, first["doc_id"]):
        if s["id"] in present or (s["date"] or "") <= (first["date"] or ""):
            continue
        out.append({"doc": s["name"], "doc_id": s["id"], "date": s["date"], "title": s["title"], "status": "dropped",
                    "evidence": None, "start": None, "end": None, "sentence": None, "act_id": None, "modality": None})
    out.sort(key=lambda d: (d["date"] or "", d["doc"]))
    return out


def find_lineages(store: Store, query: str, *, party: str | None = None, limit: int = 5, min_size: int = 1) -> list[dict[str, Any]]:
    """Lineages whose wording matches ``query`` (words, or a lineage id), longest first."""
    q = query.strip()
    if q.startswith("L") and len(q) == 11:
        one = lineage(store, q)
        if one is not None:
            return [one]
    qs = stems(q)
    if not qs:
        return []
    terms = [w for w in normalise(q).split() if w not in STOP_TERMS and len(w) > 1]
    fts = " AND ".join(f'"{w}"' for w in terms) or '""'
    rows = _lineages_for_fts(store, fts, party)
    if not rows and len(terms) > 1:
        rows = _lineages_for_fts(store, " OR ".join(f'"{w}"' for w in terms), party)
    idf = Idf(stems(r["canonical"]) for r in rows) if rows else None
    scored = []
    for r in rows:
        sim = similarity(q, r["evidence"], idf, qs) if idf else 0.0
        scored.append((sim, r["size"], r["id"]))
    best: dict[str, tuple[float, int]] = {}
    for sim, size, lid in scored:
        if lid not in best or sim > best[lid][0]:
            best[lid] = (sim, size)

    def rank(item):  # close matches first, the longest of them first; then by closeness
        sim, size = item[1]
        good = sim >= 0.45
        return (good, size if good else 0, sim)

    ranked = sorted(best.items(), key=rank, reverse=True)
    out = []
    for lid, (sim, size) in ranked:
        if size < min_size:
            continue
        one = lineage(store, lid)
        if one is not None:
            one["match"] = round(sim, 3)
            out.append(one)
        if len(out) >= limit:
            break
    return out


STOP_TERMS = frozenset({"the", "of", "to", "and", "a", "in", "on", "for", "by", "or", "with", "that", "is", "are", "any", "we", "our"})


def _lineages_for_fts(store: Store, fts: str, party: str | None):
    sql = ("SELECT DISTINCT l.id, l.size, l.canonical, a.evidence FROM sentences_fts f JOIN sentences s ON s.id = f.rowid"
           " JOIN acts a ON a.doc_id = s.doc_id AND a.sentence = s.n JOIN lineage_members m ON m.act_id = a.id"
           " JOIN lineages l ON l.id = m.lineage_id WHERE sentences_fts MATCH ?")
    params: list[Any] = [fts]
    if party:
        sql += " AND EXISTS (SELECT 1 FROM document_parties p WHERE p.doc_id = s.doc_id AND p.code = ?)"
        params.append(party.upper())
    import sqlite3

    try:
        return store.conn.execute(sql + " LIMIT 2000", params).fetchall()
    except sqlite3.OperationalError:
        return []
