"""The act model: which act types a sentence holds, its modality, its issues."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from .decide import MODALITIES, SentenceDecision
from .features import context_bags
from .linear import LinearModel
from .wordvec import WordVectors, load_vectors, with_neighbours

__all__ = ["ActModel", "MODEL_JSON", "MODEL_NPZ", "HEADS", "load_act_model"]

MODEL_JSON = "acts_model.json"
MODEL_NPZ = "acts_model.npz"
HEADS = ("types", "modality", "issues", "acts")


def load_act_model(rules) -> "ActModel | None":
    """The act model of a rules configuration (its ``acts_model.json`` and ``.npz``), or None
    where it has none: the rules then decide alone."""
    from ..errors import RulesError

    try:
        j, z = rules.path(MODEL_JSON), rules.path(MODEL_NPZ)
    except RulesError:
        return None
    try:
        linear = LinearModel.load(j, z)
    except (OSError, ValueError, KeyError) as e:
        raise RulesError(f"act model cannot be read: {e}", path=str(j)) from None
    wanted = linear.meta.get("vectors")
    # the word vectors it was trained with, beside it (or the packaged ones), byte for byte
    vectors = load_vectors(rules.path(wanted["file"]), wanted["sha256"]) if wanted else None
    try:
        return ActModel.of(linear, vectors)
    except ValueError as e:
        raise RulesError(f"act model cannot be used: {e}", path=str(j)) from None


@dataclass(frozen=True)
class ActModel:
    """Four linear heads over one feature space (see :mod:`communique.learn.linear`); the
    sentence heads may also read each sentence's vector from ``vectors`` (:mod:`.wordvec`)."""

    linear: LinearModel
    vectors: WordVectors | None = None

    @property
    def version(self) -> str:
        return self.linear.version

    @property
    def meta(self) -> dict:
        return self.linear.meta

    @classmethod
    def of(cls, linear: LinearModel, vectors: WordVectors | None = None) -> "ActModel":
        missing = [h for h in HEADS if h not in linear.heads]
        if missing:
            raise ValueError(f"model lacks heads {missing}")
        for h in linear.heads.values():
            # the issues head reads its neighbours' vector beside the sentence's own (.wordvec.with_neighbours)
            width = 0 if vectors is None else vectors.dims * (2 if h.name == "issues" else 1)
            if h.dense and h.dense != width:
                have = "none" if vectors is None else f"{vectors.dims} dimensions"
                raise ValueError(f"head {h.name} reads {h.dense} dense columns of word vectors, given {have}")
        return cls(linear, vectors)

    @classmethod
    def load(cls, json_path: Path, npz_path: Path, vectors: Path | None = None) -> "ActModel":
        linear = LinearModel.load(json_path, npz_path)
        wanted = linear.meta.get("vectors")
        return cls.of(linear, load_vectors(vectors, wanted["sha256"] if wanted else None) if vectors else None)

    def _dense(self, texts: Sequence[str] | None, n: int) -> np.ndarray:
        """The texts' vectors (for a head that reads them)."""
        if self.vectors is None or texts is None or len(texts) != n:
            raise ValueError("this act model reads the sentences' texts as well as their features")
        return self.vectors.embed(texts)

    @property
    def thresholds(self) -> tuple[float, float]:
        """Probability a type needs for an act that no rule act of the sentence carries: in a
        sentence with no other act, and in one whose clauses already carry acts."""
        h = self.linear.heads["types"]
        return h.threshold("_sentence", 0.5), h.threshold("_extra", 0.5)

    def save(self, directory: Path) -> None:
        self.linear.save(directory / MODEL_JSON, directory / MODEL_NPZ)

    def judge_acts(self, bags: Sequence[Sequence[str]], texts: Sequence[str] | None = None
                   ) -> tuple[tuple[str, ...], np.ndarray]:
        """For each rule act's features (and its evidence's text): the probability of each type, and of NONE (no act)."""
        head = self.linear.heads["acts"]
        if not bags:
            return head.labels, np.zeros((0, len(head.labels)))
        dense = self._dense(texts, len(bags)) if head.dense else None
        return head.labels, head.proba(self.linear.space.transform(bags), dense)

    def type_scores(self, type_: str, bags: Sequence[Sequence[str]], texts: Sequence[str] | None = None) -> np.ndarray:
        """For each bag (parts of one sentence, say, with their ``texts``), the types head's probability of ``type_``."""
        head = self.linear.heads["types"]
        if not bags:
            return np.zeros(0)
        dense = self._dense(texts, len(bags)) if head.dense else None
        return head.proba(self.linear.space.transform(bags), dense)[:, head.labels.index(type_)]

    def decide(self, bags: Sequence[Sequence[str]], texts: Sequence[str] | None = None) -> list[SentenceDecision]:
        """What the sentence heads say of each sentence; ``bags`` are one document's
        sentences, in order (the issues head reads each with its neighbours), and ``texts``
        their texts, for a model whose heads read the sentences' vectors."""
        if not bags:
            return []
        x = self.linear.space.transform(bags)
        types, modality, issues = (self.linear.heads[h] for h in HEADS[:3])
        dense = self._dense(texts, len(bags)) if types.dense or modality.dense or issues.dense else None
        pt = types.proba(x, dense if types.dense else None)
        pm = modality.proba(x, dense if modality.dense else None)
        # the issues head reads each sentence with its neighbours' words, in a space of its own
        # (a model file from before it did reads the sentence alone)
        xi = x if issues.space is None else self.linear.space_of("issues").transform(context_bags(bags))
        # and, where it reads vectors, its neighbours' vector beside its own
        pi = issues.proba(xi, with_neighbours(dense) if issues.dense else None)
        out = []
        for i in range(len(bags)):
            chosen = {t: float(pt[i, j]) for j, t in enumerate(types.labels)}
            m = int(np.argmax(pm[i]))
            iss = tuple(t for j, t in enumerate(issues.labels) if pi[i, j] >= issues.threshold(t))
            if not iss:  # an act usually has an issue: the likeliest, if it is likely enough
                j = int(np.argmax(pi[i]))
                if pi[i, j] >= issues.threshold("_fallback", 0.3):
                    iss = (issues.labels[j],)
            out.append(SentenceDecision(chosen, modality.labels[m] if modality.labels[m] in MODALITIES else "ASSERT",
                                        float(pm[i, m]), iss))
        return out
