"""Wording similarity that survives reordering and small edits, and word-level diffs.

Words are lower-cased and lightly stemmed; stopwords are dropped. Similarity is
the IDF-weighted Jaccard of two wordings' stems blended with rapidfuzz's token-set
ratio, so "reaffirmed that Article V applies to the Senkaku Islands" and "Article V
of the Treaty applies to the Senkaku Islands" score high while sharing only
boilerplate ("the Indo-Pacific") scores low.
"""
from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from functools import lru_cache
from typing import Iterable

from rapidfuzz import fuzz

__all__ = ["stems", "Idf", "similarity", "word_diff", "REVERSAL", "normalise", "core", "content_stems", "same_commitment", "wording_key", "attribution",
           "SYNONYMS"]

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
STOP = frozenset("""a an the and or of to in on for with by at as from that this these those its it their our we
our us is are was were be been being will shall would should can could may might must has have had do does did
not no nor so such than then there here also which who whom whose what when where while both all any each
other others more most very just into over under about between through across within without upon
including include includes""".split())
REVERSAL = re.compile(r"\b(no longer|does not apply|do not apply|will not|won['’]t|cease[sd]?|withdraw(?:s|n)? from|suspend(?:s|ed)?|terminat\w+|end(?:s|ed)? (?:its|their|our))\b", re.I)


def normalise(text: str) -> str:
    return " ".join(w.lower().replace("’", "'") for w in _WORD.findall(text or ""))


@lru_cache(maxsize=200_000)
def _stem(w: str) -> str:
    w = w.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix in ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "es", "ed", "s"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            return w[: -len(suffix)]
    return w


def stems(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in _WORD.findall(text or "") if w.lower() not in STOP and len(w) > 1)


class _Weights(dict):
    """Stem -> IDF weight, each computed on first use; a dict, so that sums over a set of
    stems can map ``__getitem__`` without a Python call per stem."""

    def __init__(self, n: int, df: Counter) -> None:
        super().__init__()
        self.n, self.df = n, df

    def __missing__(self, stem: str) -> float:
        w = self[stem] = math.log((self.n + 1) / (self.df.get(stem, 0) + 1)) + 1.0
        return w


class Idf:
    """Inverse document frequencies of stems over a collection of wordings."""

    def __init__(self, wordings: Iterable[frozenset[str]]) -> None:
        df: Counter[str] = Counter()
        n = 0
        for s in wordings:
            df.update(s)
            n += 1
        self.n = max(n, 1)
        self.df = df
        self.weight = _Weights(self.n, df)
        self._total: dict[frozenset[str], float] = {}
        self._joined: dict[frozenset[str], str] = {}
        self._rank: dict[str, int] | None = None
        self._rarest: dict[tuple[frozenset[str], int], tuple[str, ...]] = {}

    def __call__(self, stem: str) -> float:
        return self.weight[stem]

    def total(self, s: frozenset[str]) -> float:
        """The summed weight of a wording's stems (kept: wordings are compared many times)."""
        t = self._total.get(s)
        if t is None:
            t = self._total[s] = sum(map(self.weight.__getitem__, s))
        return t

    def joined(self, s: frozenset[str]) -> str:
        j = self._joined.get(s)
        if j is None:
            j = self._joined[s] = " ".join(sorted(s))
        return j

    def rarest(self, s: frozenset[str], k: int = 6) -> tuple[str, ...]:
        """The ``k`` stems of ``s`` of lowest document frequency (then alphabetical); kept,
        as a lineage's wordings are looked up again each time it gains a member."""
        out = self._rarest.get((s, k))
        if out is not None:
            return out
        if self._rank is None:  # each known stem's place in that order, so sorting needs no Python call
            self._rank = {w: i for i, w in enumerate(sorted(self.df, key=lambda w: (self.df[w], w)))}
        try:
            out = tuple(sorted(s, key=self._rank.__getitem__)[:k])
        except KeyError:  # a stem the collection lacks (frequency 0)
            out = tuple(sorted(s, key=lambda w: (self.df.get(w, 0), w))[:k])
        self._rarest[(s, k)] = out
        return out


def weighted_jaccard(a: frozenset[str], b: frozenset[str], idf: Idf) -> float:
    if not a or not b:
        return 0.0
    inter = sum(idf(w) for w in a & b)
    union = sum(idf(w) for w in a | b)
    return inter / union if union else 0.0


def similarity(a_text: str, b_text: str, idf: Idf, a: frozenset[str] | None = None, b: frozenset[str] | None = None) -> float:
    a = stems(a_text) if a is None else a
    b = stems(b_text) if b is None else b
    wj = weighted_jaccard(a, b, idf)
    ts = fuzz.token_set_ratio(normalise(a_text), normalise(b_text)) / 100.0
    return round(0.6 * wj + 0.4 * ts, 4)


# ---- the commitment's own words ---------------------------------------------------------
# "He also reaffirmed that Article V applies ..." and "The two leaders reaffirmed that Article V
# applies ..." say the same commitment: only the attribution (who, and the reporting verb) moved.
REPORTING = (r"reaffirm(?:s|ed|ing)?", r"reiterat(?:e|es|ed|ing)", r"restat(?:e|es|ed|ing)", r"renew(?:s|ed|ing)?",
             r"underscor(?:e|es|ed|ing)", r"affirm(?:s|ed|ing)?", r"confirm(?:s|ed|ing)?", r"emphasi[sz](?:e|es|ed|ing)",
             r"stress(?:es|ed|ing)?", r"highlight(?:s|ed|ing)?", r"recall(?:s|ed|ing)?", r"not(?:e|es|ed|ing)",
             r"express(?:es|ed|ing)?")
_ATTRIBUTION = re.compile(
    r"^\W*(?:(?:together|today|also|further|in addition|moreover|to that end|in this regard)\W+)*"
    r"(?P<who>(?:[\w’'.-]+\s+){0,7}?)(?:(?:also|further|again|strongly|firmly|once again)\s+)*"
    r"(?P<verb>(?:" + "|".join(REPORTING) + r"))\s+(?:(?:the fact )?that\s+)?", re.I)
_WHO_VERB = re.compile(r"\b(?:will|shall|would|can|must|is|are|was|were|to|which|who|not|and then)\b", re.I)
# words of attribution and framing, not of the commitment itself
FRAMING = frozenset("""president prime minister ministers leader leaders two both sides side together today also further
again once government governments administration countries nations he she they we i secretary""".split())


def core(evidence: str) -> str:
    """The commitment's own words: the evidence without a leading attribution ("President
    Biden also reaffirmed that", "The two leaders reiterated")."""
    text = (evidence or "").strip()
    m = _ATTRIBUTION.match(text)
    if m and not _WHO_VERB.search(m.group("who") or "") and m.end() < len(text):
        return text[m.end():].strip()
    return text


def attribution(evidence: str) -> str:
    """The leading attribution that :func:`core` removes ('' when there is none)."""
    text = (evidence or "").strip()
    c = core(text)
    return text[: len(text) - len(c)].strip() if c != text else ""


_BRITISH = re.compile(r"(?<=[a-z]{3})is(ation|ations|e|ed|es|ing)$")


@lru_cache(maxsize=200_000)
def _fold(w: str) -> str:
    """A stem with a final e dropped, so "oppose", "opposed" and "opposes" meet; British
    -ise/-isation spelt -ize/-ization ("denuclearisation", "denuclearization")."""
    st = _stem(_BRITISH.sub(r"iz\1", w.lower()))
    return st[:-1] if len(st) > 4 and st.endswith("e") else st


_SUBJECTS = frozenset("we they he she it i both two leaders leader the president prime minister".split())


def wording_key(evidence: str) -> tuple[str, ...]:
    """The commitment's own words, for telling ``repeated`` from ``reworded``: the core, its
    leading subject pronoun dropped, each word stemmed ("They encouraged the peaceful
    resolution" and "We encourage the peaceful resolution" are the same words)."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(core(evidence))]
    i = 0
    while i < len(words) and i < 4 and words[i] in _SUBJECTS:
        i += 1
    return tuple(_stem(w).rstrip("e") for w in words[i:])


def _load_synonyms() -> dict[str, str]:
    from pathlib import Path

    table: dict[str, str] = {}
    path = Path(__file__).with_name("data") / "synonyms.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        head = _fold(words[0])
        for w in words:
            table.setdefault(_fold(w), head)
    return table


SYNONYMS = _load_synonyms()
_REPORTING_STEM = re.compile(r"^(?:" + "|".join(REPORTING) + ")$", re.I)


def content_stems(evidence: str) -> frozenset[str]:
    """Stems of the commitment's own words, synonyms folded, framing and reporting verbs left out."""
    words = _WORD.findall(core(evidence))
    out = set()
    for i, w in enumerate(words):
        c = _content_word(w)
        if c is None:
            continue
        st, free = c
        if free and i + 2 < len(words) and words[i + 1].lower() == "and" and words[i + 2].lower() == "open":
            st = _fold("free-and-open")
            st = SYNONYMS.get(st, st)
        out.add(st)
    return frozenset(out)


@lru_cache(maxsize=200_000)
def _content_word(w: str) -> tuple[str, bool] | None:
    """A word's folded stem (and whether it is "free", which may open "free and open"), or None
    for a word that is no content word; the same for every occurrence, so kept."""
    lw = w.lower().replace("’", "'")
    if lw in STOP or lw in FRAMING or len(lw) < 2:
        return None
    if _REPORTING_STEM.match(lw):
        return None
    st = _fold(lw)
    return SYNONYMS.get(st, st), lw == "free"


def same_commitment(a: frozenset[str], b: frozenset[str], idf: Idf, floor: float = 0.0) -> float:
    """How surely two wordings state the same commitment, 0..1: IDF-weighted overlap of their
    content stems (Jaccard, and containment of the shorter in the longer, which tolerates one
    evidence running over two clauses), with rapidfuzz's token-set ratio of their cores.

    With ``floor``, a pair that cannot reach it even at a perfect token-set ratio gets a
    lower bound instead of its exact score (the ratio is the costly part, and a caller that
    only acts on scores at or above ``floor`` loses nothing); scores that can reach it are exact."""
    if not a or not b:
        return 0.0
    shared = a & b
    if not shared:
        return 0.0
    inter = sum(map(idf.weight.__getitem__, shared))
    wa, wb = idf.total(a), idf.total(b)
    jac = inter / (wa + wb - inter)
    small = min(wa, wb)
    contain = inter / small if small else 0.0
    contain *= min(1.0, min(len(a), len(b)) / 4)  # a two-word wording contained anywhere says little
    words = 0.45 * jac + 0.35 * contain
    if words + 0.2 < floor - 1e-4:
        return round(words, 4)
    ts = fuzz.token_set_ratio(idf.joined(a), idf.joined(b)) / 100.0
    return round(words + 0.2 * ts, 4)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level edit script: ``("=", words)``, ``("-", words)``, ``("+", words)``."""
    a, b = old.split(), new.split()
    key_a = [w.strip(".,;:!?\"“”'’()").lower() for w in a]  # "Islands." equals "Islands"
    key_b = [w.strip(".,;:!?\"“”'’()").lower() for w in b]
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=key_a, b=key_b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("=", " ".join(b[j1:j2])))
        else:
            if i2 > i1:
                out.append(("-", " ".join(a[i1:i2])))
            if j2 > j1:
                out.append(("+", " ".join(b[j1:j2])))
    return out
