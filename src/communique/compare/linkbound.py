"""A cheap upper bound on :func:`.lineage.link_score` for all the candidate pairs of a statement
at once (NumPy), so that the exact score, a Python call per wording, is computed only for the
pairs that can reach the threshold (about one pair in six on the curated statements).

A pair's word score is at most its weighted overlap (the Jaccard and containment parts of
:func:`.similarity.same_commitment`) plus the token-set ratio's full share, and nothing when
the wordings share no stem; the meaning rescue can lift it only where the act's vector is
close enough to one of the wordings'. The bound is taken with margins far above float
rounding, so a pair it drops would have scored below the threshold anyway: the lineages are
exactly those of scoring every pair.

Wordings (sets of content stems) are numbered once for the whole pass, with their stems'
ids, summed weight and vector kept in growing arrays.
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from .similarity import Idf

MARGIN = 1e-4  # far above the overlap's float error, and above the score's rounding to 4 places
COS_MARGIN = 1e-3  # the rescue's cosine in float32, batched
CHUNK = 64  # acts bounded together


class _Grow:
    """A NumPy array that grows by doubling along its first axis."""

    def __init__(self, dtype, width: int = 0) -> None:
        self.n = 0
        self.a = np.zeros((1024, width) if width else 1024, dtype=dtype)

    def reserve(self, k: int) -> int:
        need = self.n + k
        if need > len(self.a):
            cap = max(need, 2 * len(self.a))
            b = np.zeros((cap,) + self.a.shape[1:], dtype=self.a.dtype)
            b[: self.n] = self.a[: self.n]
            self.a = b
        start, self.n = self.n, need
        return start


class Bounds:
    """The wordings seen in a linking pass: stem ids, weights, totals, vectors."""

    def __init__(self, idf: Idf) -> None:
        self.idf = idf
        self.stem_ids: dict[str, int] = {}
        self.weights = _Grow(np.float64)
        self.chars = _Grow(np.int64)  # a stem's length
        self.wids: dict[frozenset[str], int] = {}
        self.start = _Grow(np.int64)
        self.length = _Grow(np.int64)
        self.total = _Grow(np.float64)
        self.joined = _Grow(np.int64)  # length of the stems joined by spaces, as the token-set ratio sees them
        self.stems = _Grow(np.int64)
        self.dim = 0
        self.vectors: _Grow | None = None
        self.has_vector = _Grow(np.bool_)

    def wid(self, s: frozenset[str], vector: Any = None) -> int:
        """The number of wording ``s`` (registered on first sight, with ``vector``)."""
        w = self.wids.get(s)
        if w is not None:
            return w
        ids = []
        for stem in s:
            i = self.stem_ids.get(stem)
            if i is None:
                i = self.stem_ids[stem] = self.weights.reserve(1)
                self.weights.a[i] = self.idf(stem)
                self.chars.reserve(1)
                self.chars.a[i] = len(stem)
            ids.append(i)
        k = self.stems.reserve(len(ids))
        self.stems.a[k:k + len(ids)] = ids
        w = self.wids[s] = self.start.reserve(1)
        self.start.a[w] = k
        self.length.reserve(1)
        self.length.a[w] = len(ids)
        self.total.reserve(1)
        self.total.a[w] = self.idf.total(s)
        self.joined.reserve(1)
        self.joined.a[w] = sum(map(len, s)) + len(s) - 1
        self.has_vector.reserve(1)
        if vector is not None and self.vectors is None:
            self.dim = len(vector)
            self.vectors = _Grow(np.float32, self.dim)
        if self.vectors is not None:
            while self.vectors.n < w:  # rows of wordings seen before the first vector
                self.vectors.reserve(1)
            self.vectors.reserve(1)
            if vector is not None:
                self.vectors.a[w] = vector
                self.has_vector.a[w] = True
        return w

    def _pos(self, n: int) -> np.ndarray:
        """A scratch array over stem ids, all -1 between uses."""
        if len(getattr(self, "_scratch", ())) < n:
            self._scratch = np.full(max(n, 2 * len(getattr(self, "_scratch", ()))), -1, dtype=np.int64)
        return self._scratch

    def may_link(self, act_wids: Sequence[int], act_has_vector: Sequence[bool], pair_act: Sequence[int],
                 pair_wordings: np.ndarray, strangers: Sequence[bool], **params) -> np.ndarray:
        """Whether each pair (act ``pair_act[k]``, a lineage whose wordings are the numbers in row k
        of ``pair_wordings``, -1 for none, its latest first) can reach ``params["threshold"]``
        (see :func:`.lineage.link_score` for the other parameters). ``pair_act`` is in act order."""
        p_act = np.asarray(pair_act, dtype=np.int64)
        keep = np.zeros(len(p_act), dtype=bool)
        aw = np.asarray(act_wids, dtype=np.int64)
        has_v = np.asarray(act_has_vector, dtype=bool)
        strange = np.asarray(strangers, dtype=bool)
        # a few acts at a time, so that their stems' weight matrix stays small
        for a0 in range(0, len(aw), CHUNK):
            a1 = min(a0 + CHUNK, len(aw))
            k0, k1 = np.searchsorted(p_act, [a0, a1])
            if k1 > k0:
                keep[k0:k1] = self._may_link(aw[a0:a1], has_v[a0:a1], p_act[k0:k1] - a0, pair_wordings[k0:k1],
                                             strange[k0:k1], **params)
        return keep

    def _may_link(self, aw: np.ndarray, has_v: np.ndarray, p_act: np.ndarray, pair_wordings: np.ndarray,
                  strangers: np.ndarray, *, threshold: float, short: int, short_penalty: float,
                  stranger_penalty: float, type_hint: float, rescue_meaning: float, rescue_words: float,
                  rescued: float) -> np.ndarray:
        W, start, length, total, stems = self.weights.a, self.start.a, self.length.a, self.total.a, self.stems.a
        # the acts' stems as a dense (act x local stem) weight matrix
        a_len = length[aw]
        a_ids = stems[_ranges(start[aw], a_len)]
        local = _unique(a_ids)
        pos = self._pos(len(W))
        pos[local] = np.arange(len(local))
        Q = np.zeros((len(aw), len(local)))
        Q[np.repeat(np.arange(len(aw)), a_len), pos[a_ids]] = W[a_ids]
        # the pairs' distinct wordings, with only their stems that some act has
        present = pair_wordings >= 0
        flat = pair_wordings[present]
        uw = _unique(flat)
        inv = np.searchsorted(uw, flat)
        u_len = length[uw]
        loc = pos[stems[_ranges(start[uw], u_len)]]
        pos[local] = -1
        hit = loc >= 0
        e_loc = loc[hit]
        h_len = np.bincount(np.repeat(np.arange(len(uw)), u_len)[hit], minlength=len(uw))
        h_start = np.cumsum(h_len) - h_len
        # the overlap weight of each pair with each of its wordings
        ps_pair = np.nonzero(present)[0]
        ps_act = p_act[ps_pair]
        L = h_len[inv]
        rep = np.repeat(np.arange(len(inv)), L)
        where = e_loc[_ranges(h_start[inv], L)]
        g = Q[ps_act[rep], where]
        inter = np.bincount(rep, weights=g, minlength=len(inv))
        # and the token-set ratio's bound (see _token_set_bound), from the lengths of the shared stems
        g = g > 0  # every weight is at least 1
        n_shared = np.bincount(rep, weights=g, minlength=len(inv))
        c_shared = np.bincount(rep, weights=g * self.chars.a[local][where], minlength=len(inv))
        ts = _token_set_bound(n_shared, c_shared, a_len[ps_act], self.joined.a[aw][ps_act], u_len[inv],
                              self.joined.a[uw][inv])
        a_tot, w_tot = total[aw][ps_act], total[uw][inv]
        with np.errstate(divide="ignore", invalid="ignore"):
            jac = inter / (a_tot + w_tot - inter)
            contain = inter / np.minimum(a_tot, w_tot) * np.minimum(1.0, np.minimum(a_len[ps_act], u_len[inv]) / 4)
        ub = np.full(pair_wordings.shape, -np.inf)
        ub[present] = np.where(inter > 0, 0.45 * jac + 0.35 * contain + 0.2 * ts, 0.0) + MARGIN
        ub = ub.max(axis=1)
        pen = (np.where((a_len < short)[p_act] | (length[pair_wordings[:, 0]] < short), short_penalty, 0.0)
               + np.where(strangers, stranger_penalty, 0.0) - max(type_hint, 0.0))
        keep = ub - pen >= threshold - MARGIN
        # the meaning rescue, where the act's vector is close to one of the pair's wordings' (only
        # for the pairs it could lift; row by row, as a matrix product would wake BLAS's threads)
        if self.vectors is not None and has_v.any():
            lift = ~keep & has_v[p_act] & (ub >= rescue_words) & (rescued + MARGIN - pen >= threshold - MARGIN)
            sel = lift[ps_pair] & self.has_vector.a[uw][inv]
            if sel.any():
                V = self.vectors.a
                cos = np.einsum("ij,ij->i", V[aw[ps_act[sel]]], V[uw[inv[sel]]])
                close = np.zeros(len(ps_pair), dtype=bool)
                close[np.flatnonzero(sel)[cos >= rescue_meaning - COS_MARGIN]] = True
                keep[ps_pair[close]] = True
        return keep


def _token_set_bound(n: np.ndarray, c: np.ndarray, na: np.ndarray, ja: np.ndarray, nb: np.ndarray,
                     jb: np.ndarray) -> np.ndarray:
    """An upper bound on rapidfuzz's token-set ratio (0..1) of two sets of tokens joined by spaces,
    from ``n`` tokens shared, of ``c`` characters, and each set's size and joined length. The ratio
    is 1 when one set holds the other; otherwise the best of the shared tokens against each side
    (exact from the lengths) and of the two sides' own tokens against each other, whose Indel
    distance is at least their difference in length."""
    with np.errstate(divide="ignore", invalid="ignore"):
        sect = c + n - 1  # "shared tokens"
        ab = ja - c - n  # "a's own tokens" (less the space that joined them to shared ones)
        ba = jb - c - n
        sab, sba = sect + 1 + ab, sect + 1 + ba
        sides = 1 - np.abs(ab - ba) / (sab + sba)
        best = np.maximum(sides, np.maximum(1 - (1 + ab) / (sect + sab), 1 - (1 + ba) / (sect + sba)))
    return np.where((n >= na) | (n >= nb), 1.0, best)


def _unique(a: np.ndarray) -> np.ndarray:
    """np.unique of a small array, without its overhead."""
    s = np.sort(a)
    if len(s) > 1:
        s = s[np.concatenate(([True], s[1:] != s[:-1]))]
    return s


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The concatenated index ranges [start, start + length)."""
    total = int(lengths.sum())
    ends = np.cumsum(lengths)
    return np.arange(total) - np.repeat(ends - lengths - starts, lengths)
