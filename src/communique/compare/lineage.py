"""Commitment lineages: the same commitment or position followed across statements.

Two acts state the same commitment when their actors overlap, their polarity agrees
(a negated act or a reversal never continues a positive one) and the commitment's own
words match: the evidence less its attribution ("President Biden also reaffirmed
that"), stemmed, with synonyms folded (``data/synonyms.txt``), weighted by rarity
(:func:`~.similarity.same_commitment`). Act type is only a hint: a type disagreement
between two near-identical wordings is an extraction error to tolerate, so types never
block a link.

Statements are taken in date order. For each statement, candidates come from an
inverted index of the rarest content stems of every lineage's first and latest
wordings (so the cost grows with the corpus, not its square); each act is compared with each candidate's
first and latest wordings, and acts and lineages are then paired greedily, best pair
first, at most one act of a statement per lineage. An update links only the acts not
yet in a lineage. The candidate pairs of a statement are first bounded all at once
(:mod:`.linkbound`, NumPy) and only those whose bound reaches the threshold are scored
exactly, one in six or so: the lineages are those of scoring every pair.
"""
from __future__ import annotations

import hashlib
import heapq
import json
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any, Mapping

import numpy as np

from ..storage import Store
from .linkbound import Bounds
from .similarity import (REVERSAL, Idf, content_stems, core, normalise, same_commitment, similarity, stems, word_diff,
                         wording_key)

__all__ = ["update_lineages", "LineageReport", "THRESHOLD", "lineage", "lineage_record", "find_lineages",
           "series_documents", "member_status"]

THRESHOLD = 0.35
RESCUE_MEANING = 0.85  # wording vectors this close (cosine; unrelated wordings ~0.4, gold pairs' median 0.82) ...
RESCUE_WORDS = 0.25  # ... link wordings whose words alone score at least this
THRESHOLD_RESCUED = 0.35
TYPE_HINT = 0.0  # the same type adds a little confidence; a different one takes nothing away
# among a statement's acts that could continue one lineage, one of a type the lineage holds goes first: the
# REQUEST "urged North Korea to abide by its obligations" must not take the denuclearization PURSUE's lineage
# from the PURSUE of the same sentence (ranking only: no pair links that did not before). Chosen on US-Japan
# (0.05 / 0.1 / 0.2: F1 0.685 / 0.696 / 0.696); the Quad check is the same at each
SAME_TYPE_FIRST = 0.1
SAME_SERIES = 0.1  # among linking pairs, a lineage already in the act's series (same issuers, same track) goes first
SHORT, SHORT_PENALTY = 3, 0.1  # wordings of fewer content words than SHORT need this much more
STRANGERS = 0.12  # acts whose actors share no code need this much more
# An act continues a lineage only if its words also keep to the lineage's first wording: matching
# the latest alone let a lineage drift, one near wording at a time, from "deepen cooperation in
# other domains" to "the commitment of the United States to Israel's security" (44 members over the
# 415 statements). Measured on the two series with threads (US-Japan, the hand-read Quad check),
# samples / 415 statements: B-cubed F1 0.692 / 0.634 and 0.885 / 0.855 without the anchor; with it at
# 0.2: 0.695 / 0.661 and 0.885 / 0.824; at 0.3: 0.691 / 0.681 and 0.894 / 0.849; at 0.35:
# 0.681 / 0.682 and 0.871 / 0.810. Chosen on both series, so the series no one here has seen is the test.
ANCHOR = 0.3
FAMILY = {"COMMIT": "promise", "REAFFIRM": "promise", "ASSERT": "statement"}


def compatible(a: set[str] | str, b: str) -> bool:
    """REAFFIRM goes with either; COMMIT and ASSERT do not mix (used by the statement diff)."""
    mods = {a} if isinstance(a, str) else set(a)
    return not ({"COMMIT", "ASSERT"} <= mods | {b})


MAX_POSTING = 1000  # a stem in more lineages than this is too common to find candidates with
MAX_CANDIDATES = 40  # the lineages sharing most rare stems are compared in full
# Rarest stems of a wording that go into the index, and of an act that look up candidates. With 6
# of each, two wordings of one commitment that each hold several words of their own ("... anywhere
# in the world" / "... including destabilizing actions in the South China Sea, such as ...") shared
# none of their six rarest, and the pair was never scored: 62 of the 95 consecutive US-Japan thread
# members left unlinked were never candidates (samples store). With 12 (measured: 6, 8, 10, 12, 15,
# 25, 40; scores differ within a member or two from 10 up), US-Japan / Quad check, samples: B-cubed F1
# 0.691 -> 0.699 / 0.894 -> 0.903; over the 415 statements 0.673 -> 0.690 / 0.849 -> 0.862.
RARE = 12
QUERY = 12


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
    types: set[str] = field(default_factory=set)
    first: frozenset[str] = frozenset()
    latest: frozenset[str] = frozenset()
    vfirst: Any = None
    vlatest: Any = None
    last_date: str = ""
    members: list[tuple[int, str, str, float]] = field(default_factory=list)  # act_id, doc_id, date, sim
    modalities: set[str] = field(default_factory=set)
    by_series: dict = field(default_factory=dict)  # series key -> (stems, vector, date) of its latest wording there
    wlatest: int = -1  # numbers of the latest and first wordings (see .linkbound)
    wfirst: int = -1
    series_wids: dict = field(default_factory=dict)  # series key -> number of by_series' wording
    index_keys: set = field(default_factory=set)  # its keys in the candidates' index (see _keys)


def _polarity(negated: int, evidence: str) -> bool:
    return not (negated or REVERSAL.search(evidence or ""))


def _lineage_id(act_id: int, doc_id: str, evidence: str) -> str:
    return "L" + hashlib.sha1(f"{doc_id}:{act_id}:{normalise(evidence)}".encode()).hexdigest()[:10]


def member_status(previous: str | None, evidence: str) -> str:
    """``new`` for a lineage's first member; ``repeated`` when the commitment's own words are
    unchanged (the attribution may differ); ``reworded`` otherwise."""
    if previous is None:
        return "new"
    return "repeated" if wording_key(previous) == wording_key(evidence) else "reworded"


def _wordings(lin: _Lineage, key=None) -> list[tuple[frozenset[str], Any]]:
    """The wordings an act is compared with: the lineage's latest, its first, its latest in the act's series."""
    own = lin.by_series.get(key) if key is not None else None
    wordings = [(lin.latest, lin.vlatest)]
    if lin.first is not lin.latest:
        wordings.append((lin.first, lin.vfirst))
    if own is not None and own[0] is not lin.latest and own[0] is not lin.first:
        wordings.append((own[0], own[1]))
    return wordings


def link_score(s: frozenset[str], v, actors: set[str], type_: str, lin: _Lineage, idf: Idf, key=None,
               threshold: float = THRESHOLD) -> float:
    """How well an act continues a lineage: its words against the lineage's first and latest
    wordings and its latest in the act's own series."""
    wordings = _wordings(lin, key)
    short = len(s) < SHORT or len(lin.latest) < SHORT  # "we continue to support": too few words to say which commitment
    same_type = type_ in lin.types
    strangers = not (lin.actors & actors)
    adjust = (TYPE_HINT if same_type else 0.0) - (SHORT_PENALTY if short else 0.0) - (STRANGERS if strangers else 0.0)
    # The callers act only on scores at or above ``threshold``, and the rescue below only on
    # word scores at or above RESCUE_WORDS: word scores under the lower of the two that can
    # matter need not be exact (see same_commitment's floor).
    rescuable = v is not None and THRESHOLD_RESCUED + adjust >= threshold - 1e-9
    floor = min(threshold - adjust, RESCUE_WORDS) if rescuable else threshold - adjust
    sim = max(same_commitment(s, w, idf, floor) for w, _ in wordings)
    if v is not None and sim >= RESCUE_WORDS:
        # where the words fail, the meaning may hold: a close enough wording vector
        # (see .semantic) lifts a pair to the threshold, below any pair the words link
        cos = max((float(v @ u) for _, u in wordings if u is not None), default=0.0)
        if cos >= RESCUE_MEANING:
            sim = max(sim, THRESHOLD_RESCUED)
    # the same steps in the same order as ever, so the floats compare as before
    if short:
        sim -= SHORT_PENALTY
    if same_type:
        sim += TYPE_HINT
    if strangers:
        sim -= STRANGERS
    if sim >= threshold and lin.first is not lin.latest and same_commitment(s, lin.first, idf, ANCHOR) < ANCHOR:
        return sim - 1.0  # it has drifted from the commitment the lineage began with (see ANCHOR)
    return sim


def _vector(s: frozenset[str], idf: Idf):
    from .semantic import embedding

    emb = embedding()
    return emb.vector(s, idf) if emb is not None else None


def update_lineages(store: Store, *, rebuild: bool = False, threshold: float = THRESHOLD,
                    stems: Mapping[str, frozenset[str]] | None = None) -> LineageReport:
    """Link every act not yet in a lineage; with ``rebuild``, start from scratch.

    ``stems`` maps evidence texts to their :func:`~.similarity.content_stems` where a
    caller has them already (an ingest stems each act as it writes it, while worker
    processes keep the other cores busy, instead of here, on one core)."""
    started = time.perf_counter()
    report = LineageReport()
    if rebuild:
        store.clear_lineages()
    stale = store.prune_lineages()
    pending = store.unlinked_acts()
    if not pending and not stale:
        report.seconds = time.perf_counter() - started
        return report
    # each evidence stemmed once: for the frequencies, and for the acts to link
    wanted: dict[str, frozenset[str] | None] = dict.fromkeys(r[5] for r in pending)
    idf = Idf(_stemmed(e, wanted, stems or {}) for e in store.evidence_texts())
    keys = _series_keys(store)
    lineages, index = _load(store, idf, keys)
    bounds = Bounds(idf)
    for lin in lineages.values():
        _number(lin, bounds)
    touched: set[str] = set(stale)
    for doc_id, group in groupby(pending, key=lambda r: r[1]):
        key = keys.get(doc_id)
        acts = []
        for act_id, _, type_, modality, actors_json, evidence, negated, date in group:
            cs = wanted.get(evidence) or content_stems(evidence)
            acts.append((act_id, type_, modality, set(json.loads(actors_json)), evidence, cs,
                         _polarity(negated, evidence), date or "", _vector(cs, idf)))
        # every candidate pair of the statement, bounded at once; only those that can link are scored
        pair_act, pair_lins, strangers = [], [], []
        for i, (act_id, type_, modality, actors, evidence, s, pol, date, v) in enumerate(acts):
            ok = [lin for lin in map(lineages.__getitem__, _candidates(index, s, idf))
                  if lin.polarity == pol and doc_id not in lin.docs]
            pair_lins += ok
            pair_act += [i] * len(ok)
            strangers += [lin.actors.isdisjoint(actors) for lin in ok]
        keep = _may_link(bounds, [(a[5], a[8]) for a in acts], pair_act, pair_lins, strangers, key, threshold)
        pairs = []
        for k in np.flatnonzero(keep).tolist():
            i, lin = pair_act[k], pair_lins[k]
            act_id, type_, modality, actors, evidence, s, pol, date, v = acts[i]
            sim = link_score(s, v, actors, type_, lin, idf, key, threshold)
            if sim >= threshold:  # among the pairs that link, those within the series come first
                rank = sim + (SAME_SERIES if key in lin.by_series else 0.0) + (SAME_TYPE_FIRST if type_ in lin.types else 0.0)
                pairs.append((rank, i, lin.id, sim))
        chosen: dict[int, tuple[str, float]] = {}
        taken: set[str] = set()
        for _, i, cand, sim in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
            if i not in chosen and cand not in taken:
                chosen[i] = (cand, sim)
                taken.add(cand)
        for i, (act_id, type_, modality, actors, evidence, s, pol, date, v) in enumerate(acts):
            before: set[str] = set()
            if i in chosen:
                lin = lineages[chosen[i][0]]
                sim = chosen[i][1]
                before = lin.index_keys
                report.linked += 1
            else:
                lid = _lineage_id(act_id, doc_id, evidence)
                lin = lineages[lid] = _Lineage(lid, type_, FAMILY.get(modality, "statement"), pol, set(), set(),
                                               first=s, latest=s, vfirst=v, vlatest=v, last_date=date)
                sim = 1.0
                report.created += 1
            _add(lin, act_id, doc_id, date, sim, actors, type_, modality, s, v, key)
            _number(lin, bounds, key)
            after = lin.index_keys = _keys(lin, idf)
            for w in before - after:
                index[w].discard(lin.id)
            for w in after - before:
                index[w].add(lin.id)
            touched.add(lin.id)
    _write(store, lineages, touched)
    report.touched = len(touched)
    report.seconds = time.perf_counter() - started
    return report


def _stemmed(evidence: str, wanted: dict[str, frozenset[str] | None], known: Mapping[str, frozenset[str]]) -> frozenset[str]:
    s = known.get(evidence)
    if s is None:
        s = content_stems(evidence)
    if evidence in wanted:
        wanted[evidence] = s
    return s


def _add(lin: _Lineage, act_id, doc_id, date, sim, actors, type_, modality, s, v=None, key=None) -> None:
    if key is not None and date >= lin.by_series.get(key, (None, None, ""))[2]:
        lin.by_series[key] = (s, v, date)
    lin.members.append((act_id, doc_id, date, sim))
    lin.docs.add(doc_id)
    lin.actors |= actors
    lin.types.add(type_)
    lin.modalities.add(modality)
    if date >= lin.last_date:  # the most recent wording is the one to match
        lin.last_date, lin.latest, lin.vlatest = date, s, v


def _may_link(bounds: Bounds, acts: list[tuple[frozenset[str], Any]], pair_act: list[int], pair_lins: list[_Lineage],
              strangers: list[bool], key, threshold: float) -> np.ndarray:
    """For each pair (``acts[pair_act[k]]``: stems and vector; ``pair_lins[k]``, whose actors and the
    act's share no code where ``strangers[k]``), whether its :func:`link_score` can reach
    ``threshold`` (see .linkbound); ``pair_act`` in act order."""
    act_wids = [bounds.wid(s, v) for s, v in acts]
    wordings = np.array([[lin.wlatest for lin in pair_lins], [lin.wfirst for lin in pair_lins],
                         [lin.series_wids.get(key, -1) for lin in pair_lins]], dtype=np.int64).T
    return bounds.may_link(act_wids, [v is not None for _, v in acts], pair_act, wordings, strangers,
                           threshold=threshold, short=SHORT, short_penalty=SHORT_PENALTY, stranger_penalty=STRANGERS,
                           type_hint=TYPE_HINT, rescue_meaning=RESCUE_MEANING, rescue_words=RESCUE_WORDS,
                           rescued=THRESHOLD_RESCUED)


def _number(lin: _Lineage, bounds: Bounds, key=None) -> None:
    """Keep the numbers (see .linkbound) of the lineage's wordings: its latest and first, and
    its latest in series ``key`` (in every series when ``key`` is None)."""
    lin.wlatest, lin.wfirst = bounds.wid(lin.latest, lin.vlatest), bounds.wid(lin.first, lin.vfirst)
    for k, (w, v, _) in lin.by_series.items():
        if key is None or k == key:
            lin.series_wids[k] = bounds.wid(w, v)


def _candidates(postings: dict[str, set[str]], s: frozenset[str], idf: Idf) -> list[str]:
    """The lineages sharing the most of ``s``'s rarest stems (then the rarest), in no particular
    order. Postings of common stems are left out, so a lookup costs no more as the store grows."""
    rare = [w for w in idf.rarest(s, QUERY) if len(postings.get(w, ())) < MAX_POSTING]
    counts: Counter[str] = Counter()
    for w in rare:
        counts.update(postings.get(w, ()))
    if len(counts) <= MAX_CANDIDATES:
        return list(counts)
    # the first MAX_CANDIDATES by (-count, -summed weight, id): all those above the last one's
    # count, and of those at it, the heaviest; weights summed in the same order as ever
    cut = sorted(counts.values(), reverse=True)[MAX_CANDIDATES - 1]
    out = [lid for lid, n in counts.items() if n > cut]
    tie = [lid for lid, n in counts.items() if n == cut]
    need = MAX_CANDIDATES - len(out)
    if need < len(tie) and cut == 1:
        # (the usual case) each of them shares one stem, whose weight is theirs: take them by
        # stem weight, the first ids among those of the last weight taken
        alone, picked = set(tie), []
        for weight in sorted({idf(w) for w in rare}, reverse=True):
            group: set[str] = set()
            for w in rare:
                if idf(w) == weight:
                    group |= alone.intersection(postings.get(w, ()))
            picked += sorted(group)[:need - len(picked)]
            if len(picked) == need:
                break
        return out + picked
    if need < len(tie):
        weights = dict.fromkeys(tie, 0.0)
        for w in rare:
            weight = idf(w)
            for lid in weights.keys() & postings.get(w, ()):
                weights[lid] += weight
        # the heaviest ``need`` of them, the first ids among those of the last one's weight
        last = sorted(weights.values(), reverse=True)[need - 1]
        heavier = [lid for lid, w in weights.items() if w > last]
        tie = heavier + sorted(lid for lid, w in weights.items() if w == last)[:need - len(heavier)]
    return out + tie


def _series_keys(store: Store) -> dict[str, tuple]:
    """Each document's series key: its issuers and track (see .series)."""
    from .series import issuers, track

    return {d["id"]: (issuers(d), track(d)) for d in store.document_meta()}


def _load(store: Store, idf: Idf, keys: dict[str, tuple] | None = None):
    lineages: dict[str, _Lineage] = {}
    index: dict[str, set[str]] = defaultdict(set)
    for lid, type_, family, actors, act_id, doc_id, date, sim, evidence, negated, modality, act_type in store.lineage_member_rows():
        s = content_stems(evidence)
        lin = lineages.get(lid)
        if lin is None:
            lin = lineages[lid] = _Lineage(lid, type_, family, _polarity(negated, evidence), set(json.loads(actors)), set(),
                                           first=s, latest=s, last_date=date or "")
        _add(lin, act_id, doc_id, date or "", sim, set(), act_type, modality, s, None, (keys or {}).get(doc_id))
    for lin in lineages.values():
        lin.vfirst = _vector(lin.first, idf)
        lin.vlatest = lin.vfirst if lin.latest is lin.first else _vector(lin.latest, idf)
        lin.by_series = {k: (w, _vector(w, idf), d) for k, (w, _, d) in lin.by_series.items()}
        lin.index_keys = _keys(lin, idf)
        for w in lin.index_keys:
            index[w].add(lin.id)
    return lineages, index


def _keys(lin: _Lineage, idf: Idf) -> set[str]:
    """The index keys of a lineage: the rarest stems of the wordings acts are compared with
    (its first, its latest, its latest in each series), so a long lineage weighs no more."""
    out = set(idf.rarest(lin.first, RARE)) | set(idf.rarest(lin.latest, RARE))
    for w, _, _ in lin.by_series.values():
        out.update(idf.rarest(w, RARE))
    return out


def _write(store: Store, lineages: dict[str, _Lineage], touched: set[str], chunk: int = 2000) -> None:
    """Store touched lineages with each member's status, in date order (a chunk at a time, so
    memory does not grow with the store)."""
    live = sorted(lid for lid in touched if lid in lineages)  # a stale lineage may have no member left
    for k in range(0, len(live), chunk):
        part = live[k:k + chunk]
        evid = store.act_evidence([m[0] for lid in part for m in lineages[lid].members])
        records = []
        wording_keys: dict[str, tuple[str, ...]] = {}
        for lid in part:
            lin = lineages[lid]
            members = sorted(lin.members, key=lambda m: (m[2], m[1]))
            targets = sorted({t for m in members for t in evid[m[0]][1]})
            rows, prev, prev_key = [], None, None
            for act_id, doc_id, date, sim in members:
                text = evid[act_id][0]
                key = None
                if len(members) > 1:  # a lone member is new, whatever its words
                    key = wording_keys.get(text)
                    if key is None:
                        key = wording_keys[text] = wording_key(text)
                # member_status's own test, each wording's key computed once
                rows.append((act_id, doc_id, date, "new" if prev is None else "repeated" if prev_key == key else "reworded", sim))
                prev, prev_key = text, key
            records.append(((lid, lin.type, lin.family, evid[members[-1][0]][0], members[0][2], members[-1][2],
                             json.dumps(sorted(lin.actors)), json.dumps(targets), len(members)), rows))
        store.write_lineages(records)


# ---- reading ------------------------------------------------------------------

def series_documents(store: Store, doc_id: str, spec: str | None = None) -> list[dict[str, Any]]:
    """Documents of ``doc_id``'s series (see :mod:`.series`), in date order."""
    from .series import series_of

    return series_of(store, doc_id, spec)


def lineage(store: Store, lineage_id: str, *, series: str | None = None) -> dict[str, Any] | None:
    """One lineage as a timeline, with the word-level changes and the statements of its
    series that dropped it (or that continue it in another lineage)."""
    row = store.lineage_row(lineage_id)
    if row is None:
        return None
    members = store.lineage_members(lineage_id)
    documents: list[dict[str, Any]] = []
    prev = None
    for m in members:
        entry = {"doc": m["doc"], "doc_id": m["doc_id"], "date": m["date"], "title": m["title"], "status": m["status"],
                 "evidence": m["evidence"], "start": m["start"], "end": m["end"], "sentence": m["sentence"],
                 "act_id": m["act_id"], "modality": m["modality"], "actors": m["actors"]}
        if prev is not None and m["evidence"] != prev:
            entry.update(_changes(prev, m["evidence"]))
        documents.append(entry)
        prev = m["evidence"]
    documents = _with_dropped(store, documents, lineage_id, series)
    return {"id": row["id"], "canonical": row["canonical"], "first": row["first"], "last": row["last"], "type": row["type"],
            "family": row["family"], "actors": row["actors"], "targets": row["targets"],
            "size": row["size"], "documents": documents}


LINEAGE_FIELDS = ("id", "canonical", "first", "last", "type", "actors", "targets")
MEMBER_FIELDS = ("doc", "date", "title", "status", "evidence", "start", "end")
MEMBER_EXTRAS = ("changes", "attribution_changes", "continued_in")  # written only where a member has them


def lineage_record(lin: dict[str, Any]) -> dict[str, Any]:
    """The one serialisation of a lineage (as :func:`lineage` and :func:`find_lineages` give
    it) for JSON: its :data:`LINEAGE_FIELDS` and its ``documents``, each with
    :data:`MEMBER_FIELDS` and those of :data:`MEMBER_EXTRAS` it has (a lineage's size is its
    number of documents). ``track --format json``, ``/api/track`` and ``/api/lineages/{id}`` write it."""
    docs = [{k: d.get(k) for k in MEMBER_FIELDS} | {k: d[k] for k in MEMBER_EXTRAS if d.get(k)} for d in lin["documents"]]
    return {k: lin[k] for k in LINEAGE_FIELDS} | {"documents": docs}


def _changes(prev: str, text: str) -> dict[str, Any]:
    """The word-level change of the commitment itself (``changes``) and, apart, of its
    attribution (``attribution_changes``: "He also reaffirmed" -> "The two leaders reaffirmed")."""
    from .similarity import attribution

    out: dict[str, Any] = {}
    if wording_key(prev) != wording_key(text):
        out["changes"] = word_diff(core(prev), core(text))
    if normalise(attribution(prev)) != normalise(attribution(text)):
        out["attribution_changes"] = word_diff(attribution(prev), attribution(text))
    return out


CONTINUES = 0.9  # of THRESHOLD: an act this close in a statement that lacks the lineage continues it


def continuation(store: Store, doc_id: str, wordings: list[tuple[str, set[str]]], exclude: str | None = None) -> dict[str, Any] | None:
    """The act of ``doc_id`` (in another lineage) that states the same commitment as any of
    ``wordings`` (evidence, actors), or None."""
    acts = store.acts_of(doc_id)
    if not acts:
        return None
    lineages = store.lineages_in(doc_id)
    idf = Idf([content_stems(a.evidence) for _, a in acts] + [content_stems(w) for w, _ in wordings])
    best, best_sim = None, CONTINUES * THRESHOLD
    for act_id, a in acts:
        lid = lineages.get(act_id, (None,))[0]
        if lid == exclude:
            continue
        s = content_stems(a.evidence)
        for w, actors in wordings:
            if actors and not (set(a.actors) & actors):
                continue
            if _polarity(a.negated, a.evidence) != _polarity(0, w):
                continue
            sim = same_commitment(s, content_stems(w), idf)
            if sim >= best_sim:
                best, best_sim = {"act_id": act_id, "evidence": a.evidence, "lineage": lid, "start": a.start, "end": a.end,
                                  "sentence": a.sentence, "similarity": round(sim, 3)}, sim
    return best


def _with_dropped(store: Store, documents: list[dict[str, Any]], lineage_id: str | None = None,
                  spec: str | None = None) -> list[dict[str, Any]]:
    """Add an entry for each later meeting of the series whose statements lack the lineage:
    ``continued`` (with ``continued_in``) where one of them states the same commitment in
    another lineage, ``dropped`` otherwise. Only a meeting's main statement is judged."""
    if not documents:
        return documents
    present = {d["doc_id"] for d in documents}
    first = documents[0]
    series = series_documents(store, first["doc_id"], spec)
    meetings_present = {s["meeting"] for s in series if s["id"] in present}
    wordings = [(d["evidence"], set(d.get("actors") or ())) for d in documents if d.get("evidence")]
    out = list(documents)
    for s in series:
        if not s["main"] or s["meeting"] in meetings_present or (s["date"] or "") <= (first["date"] or ""):
            continue
        entry = {"doc": s["name"], "doc_id": s["id"], "date": s["date"], "title": s["title"], "status": "dropped",
                 "evidence": None, "start": None, "end": None, "sentence": None, "act_id": None, "modality": None}
        elsewhere = continuation(store, s["id"], wordings[-3:], exclude=lineage_id)
        if elsewhere is not None:
            entry["status"] = "continued"
            entry["continued_in"] = elsewhere
        out.append(entry)
    out.sort(key=lambda d: (d["date"] or "", d["doc"]))
    return out


def find_lineages(store: Store, query: str, *, party: str | None = None, limit: int = 5, min_size: int = 1,
                  series: str | None = None) -> list[dict[str, Any]]:
    """Lineages whose wording matches ``query`` (words, or a lineage id), longest first."""
    q = query.strip()
    if q.startswith("L") and len(q) == 11:
        one = lineage(store, q, series=series)
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
        one = lineage(store, lid, series=series)
        if one is not None:
            one["match"] = round(sim, 3)
            out.append(one)
        if len(out) >= limit:
            break
    return out


STOP_TERMS = frozenset({"the", "of", "to", "and", "a", "in", "on", "for", "by", "or", "with", "that", "is", "are", "any", "we", "our"})


def _lineages_for_fts(store: Store, fts: str, party: str | None) -> list[dict[str, Any]]:
    # ``fts`` quotes words made of letters, digits, ' and - only, so it is always valid
    # FTS5: an error here is a real one and is not swallowed (QueryError from the store).
    return store.lineages_matching(fts, party)
