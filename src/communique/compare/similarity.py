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
from typing import Iterable

from rapidfuzz import fuzz

__all__ = ["stems", "Idf", "similarity", "word_diff", "REVERSAL", "normalise"]

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
STOP = frozenset("""a an the and or of to in on for with by at as from that this these those its it their our we
our us is are was were be been being will shall would should can could may might must has have had do does did
not no nor so such than then there here also which who whom whose what when where while both all any each
other others more most very just into over under about between through across within without upon
including include includes""".split())
REVERSAL = re.compile(r"\b(no longer|does not apply|do not apply|will not|won['’]t|cease[sd]?|withdraw(?:s|n)? from|suspend(?:s|ed)?|terminat\w+|end(?:s|ed)? (?:its|their|our))\b", re.I)


def normalise(text: str) -> str:
    return " ".join(w.lower().replace("’", "'") for w in _WORD.findall(text or ""))


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

    def __call__(self, stem: str) -> float:
        return math.log((self.n + 1) / (self.df.get(stem, 0) + 1)) + 1.0

    def rarest(self, s: frozenset[str], k: int = 6) -> list[str]:
        return sorted(s, key=lambda w: (self.df.get(w, 0), w))[:k]


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
