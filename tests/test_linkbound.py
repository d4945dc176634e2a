"""The lineage pass's shortcuts change no lineage: the NumPy bound never drops a pair that
links, the candidates are the same lineages as the full ranking's, the stems and vectors are
those of the plain computations, and a rebuild equals one that scores every pair exactly."""
from __future__ import annotations

import heapq
import importlib
import sqlite3
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique import Corpus
from communique.compare.linkbound import Bounds
from communique.compare.similarity import Idf, content_stems

L = importlib.import_module("communique.compare.lineage")  # the package exports a function of that name

WORDS = ["article", "senkaku", "island", "defens", "peace", "stabil", "taiwan", "strait", "indo-pacific", "nuclear",
         "korea", "denuclearizat", "cooperat", "allianc", "treaty", "secur", "econom", "climat", "supply", "chain",
         "quad", "free-and-open", "rule", "law", "sea", "navigat", "x9", "unilateral", "coercion", "status"]
ACTORS = ["USA", "JPN", "KOR", "AUS"]


def _vector(s: frozenset[str], idf: Idf, dims: int = 4):
    """A vector of few dimensions, each shared by several words: wordings of different words often
    come out close, so the meaning rescue is exercised."""
    if not s:
        return None
    v = np.zeros(dims)
    for w in s:
        v[WORDS.index(w) % dims] += idf(w)
    return v / np.linalg.norm(v)


wording = st.frozensets(st.sampled_from(WORDS), max_size=9)
act = st.tuples(wording, st.frozensets(st.sampled_from(ACTORS), min_size=1, max_size=2), st.booleans(),
                st.sampled_from(["COMMIT", "ASSERT"]))
lineage = st.tuples(wording, wording, st.one_of(st.none(), wording), st.frozensets(st.sampled_from(ACTORS), max_size=2),
                    st.sampled_from(["COMMIT", "ASSERT"]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(acts=st.lists(act, min_size=1, max_size=5), lins=st.lists(lineage, min_size=1, max_size=6),
       threshold=st.sampled_from([L.THRESHOLD, 0.2, 0.5, 0.0]))
def test_bound_never_drops_a_pair_that_links(acts, lins, threshold):
    idf = Idf([a[0] for a in acts] + [w for lin in lins for w in lin[:3] if w is not None])
    key = ("series",)
    bounds = Bounds(idf)
    built = []
    for n, (first, latest, own, actors, type_) in enumerate(lins):
        lin = L._Lineage(f"L{n}", type_, "promise", True, set(actors), set(), types={type_}, first=first,
                         latest=latest, vfirst=_vector(first, idf), vlatest=_vector(latest, idf))
        if own is not None:
            lin.by_series[key] = (own, _vector(own, idf), "2020")
        L._number(lin, bounds)
        built.append(lin)
    scored = [(s, _vector(s, idf) if has_v else None, set(actors), type_) for s, actors, has_v, type_ in acts]
    pair_act = [i for i in range(len(scored)) for _ in built]
    pair_lins = [lin for _ in scored for lin in built]
    strangers = [lin.actors.isdisjoint(scored[i][2]) for i, lin in zip(pair_act, pair_lins)]
    keep = L._may_link(bounds, [(s, v) for s, v, _, _ in scored], pair_act, pair_lins, strangers, key, threshold)
    for k, (i, lin) in enumerate(zip(pair_act, pair_lins)):
        s, v, actors, type_ = scored[i]
        if L.link_score(s, v, actors, type_, lin, idf, key, threshold) >= threshold:
            assert keep[k], (s, lin.first, lin.latest, lin.by_series)


def test_bound_drops_pairs_that_cannot_link():
    idf = Idf([frozenset(WORDS[:6]), frozenset(WORDS[6:12])])
    bounds = Bounds(idf)
    lin = L._Lineage("L0", "COMMIT", "promise", True, {"USA"}, set(), first=frozenset(WORDS[:6]), latest=frozenset(WORDS[:6]))
    L._number(lin, bounds)
    acts = [(frozenset(WORDS[6:12]), None), (frozenset(WORDS[:6]), None), (frozenset(WORDS[:1] + WORDS[20:25]), None),
            (frozenset(WORDS[:3] + WORDS[20:23]), None)]
    keep = L._may_link(bounds, acts, [0, 1, 2, 3], [lin] * 4, [False] * 4, None, L.THRESHOLD)
    # nothing shared (scores 0); the very words (1.0); one word of six (0.09); half the words (0.44)
    assert keep.tolist() == [False, True, False, True]


def test_bound_keeps_a_pair_the_meaning_rescues():
    a = frozenset(["allianc", "denuclearizat", "econom", "island", "nuclear", "peace", "quad", "supply"])
    b = frozenset(["article", "defens", "denuclearizat", "econom", "free-and-open", "korea", "sea"])
    idf = Idf([a, b, frozenset(WORDS[:10]), frozenset(WORDS[10:20])])
    lin = L._Lineage("L0", "COMMIT", "promise", True, {"USA"}, set(), first=b, latest=b, vfirst=_vector(b, idf),
                     vlatest=_vector(b, idf))
    bounds = Bounds(idf)
    L._number(lin, bounds)
    # the words alone score 0.13; the vectors are close, which lifts the pair to the threshold
    assert L.link_score(a, None, {"USA"}, "COMMIT", lin, idf) < L.THRESHOLD
    assert L.link_score(a, _vector(a, idf), {"USA"}, "COMMIT", lin, idf) >= L.THRESHOLD
    assert L._may_link(bounds, [(a, _vector(a, idf))], [0], [lin], [False], None, L.THRESHOLD).tolist() == [True]
    assert L._may_link(bounds, [(a, None)], [0], [lin], [False], None, L.THRESHOLD).tolist() == [False]


def _reference_candidates(postings, s, idf):
    """The full ranking the candidates come from: every lineage sharing a rare stem, ordered by
    (-count, -summed weight, id)."""
    rare = [w for w in idf.rarest(s, L.QUERY) if len(postings.get(w, ())) < L.MAX_POSTING]
    counts, weights = defaultdict(int), defaultdict(float)
    for w in rare:
        for lid in postings.get(w, ()):
            counts[lid] += 1
            weights[lid] += idf(w)
    return heapq.nsmallest(L.MAX_CANDIDATES, counts, key=lambda lid: (-counts[lid], -weights[lid], lid))


def _postings(span, least):
    """Every stem's lineages (``least`` or more, among ``span``): enough that the ranking must cut."""
    ids = st.sets(st.integers(0, span).map(lambda n: f"L{n:04d}"), min_size=least, max_size=60)
    return st.lists(ids, min_size=len(WORDS), max_size=len(WORDS)).map(lambda sets: dict(zip(WORDS, sets)))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(postings=st.one_of(_postings(60, 25), _postings(3000, 5)), s=st.frozensets(st.sampled_from(WORDS), min_size=1, max_size=9),
       docs=st.lists(wording, min_size=1, max_size=8))
def test_candidates_are_those_of_the_full_ranking(postings, s, docs):
    """Postings over few lineages (candidates tied at two stems or more) and over many (tied at one)."""
    idf = Idf(docs)
    got = L._candidates(postings, s, idf)
    assert len(got) == len(set(got))
    assert set(got) == set(_reference_candidates(postings, s, idf))


def test_vector_is_numpy_average_bit_for_bit():
    from communique.compare.semantic import embedding

    emb = embedding()
    if emb is None:
        pytest.skip("no packaged embedding")
    vocab = sorted(emb.index)[:400]
    rng = np.random.default_rng(5)
    stems = [frozenset(rng.choice(vocab, size=int(rng.integers(1, 12)), replace=False)) for _ in range(300)]
    idf = Idf(stems)
    for s in stems:
        rows = [emb.index[w] for w in s]
        ref = np.average(emb.vectors[rows], axis=0, weights=[idf(w) for w in s])
        ref = ref / float(np.linalg.norm(ref))
        got = emb.vector(s, idf)
        assert got.dtype == ref.dtype and np.array_equal(got, ref)


def _reference_content_stems(evidence):
    """content_stems as first written, a word at a time with nothing kept."""
    from communique.compare.similarity import _REPORTING_STEM, FRAMING, STOP, SYNONYMS, _WORD, _fold, core

    words = _WORD.findall(core(evidence))
    out = set()
    for i, w in enumerate(words):
        lw = w.lower().replace("’", "'")
        if lw in STOP or lw in FRAMING or len(lw) < 2 or _REPORTING_STEM.match(lw):
            continue
        if i + 2 < len(words) and lw == "free" and words[i + 1].lower() == "and" and words[i + 2].lower() == "open":
            lw = "free-and-open"
        st = _fold(lw)
        out.add(SYNONYMS.get(st, st))
    return frozenset(out)


def test_content_stems_are_the_word_by_word_ones():
    samples = Path(__file__).resolve().parent.parent / "samples"

    lines = [ln for p in sorted(samples.glob("*.md")) for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
    lines += ["The leaders reaffirmed a free and open Indo-Pacific.", "FREE and OPEN", "a free", "They reaffirmed", ""]
    assert len(lines) > 300
    for ln in lines:
        got, ref = content_stems(ln), _reference_content_stems(ln)
        assert got == ref and list(got) == list(ref), ln
    assert "free-and-open" in content_stems("The leaders reaffirmed a free and open Indo-Pacific.")


def _lineage_rows(db):
    con = sqlite3.connect(db)
    try:
        return [sorted(con.execute(f"SELECT * FROM {t}")) for t in ("lineages", "lineage_members")]
    finally:
        con.close()


def test_rebuild_equals_scoring_every_pair(db_copy, monkeypatch):
    with Corpus(db_copy) as c:
        c.update_lineages(rebuild=True)
    bounded = _lineage_rows(db_copy)
    assert bounded[0] and bounded[1]
    monkeypatch.setattr(Bounds, "may_link", lambda self, act_wids, has_v, pair_act, *a, **k: np.ones(len(pair_act), bool))
    with Corpus(db_copy) as c:
        c.update_lineages(rebuild=True)
    assert _lineage_rows(db_copy) == bounded


def test_an_ingest_links_as_a_rebuild_does(sample_db, db_copy):
    """An ingest hands the lineage pass the stems it computed while writing; a rebuild
    stems every evidence itself: the lineages are the same, row for row."""
    ingested = _lineage_rows(sample_db)
    assert ingested[0] and ingested[1]
    with Corpus(db_copy) as c:
        c.update_lineages(rebuild=True)
    assert _lineage_rows(db_copy) == ingested
