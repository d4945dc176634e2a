"""The act model: which act types a sentence holds, its modality, its issues."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from .decide import MODALITIES, SentenceDecision
from .features import context_bags
from .linear import LinearModel

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
        return ActModel.load(j, z)
    except (OSError, ValueError, KeyError) as e:
        raise RulesError(f"act model cannot be read: {e}", path=str(j)) from None


@dataclass(frozen=True)
class ActModel:
    """Three linear heads over one feature space (see :mod:`communique.learn.linear`)."""

    linear: LinearModel

    @property
    def version(self) -> str:
        return self.linear.version

    @property
    def meta(self) -> dict:
        return self.linear.meta

    @classmethod
    def load(cls, json_path: Path, npz_path: Path) -> "ActModel":
        linear = LinearModel.load(json_path, npz_path)
        missing = [h for h in HEADS if h not in linear.heads]
        if missing:
            raise ValueError(f"model lacks heads {missing}")
        return cls(linear)

    @property
    def thresholds(self) -> tuple[float, float]:
        """Probability a type needs for an act that no rule act of the sentence carries: in a
        sentence with no other act, and in one whose clauses already carry acts."""
        h = self.linear.heads["types"]
        return h.threshold("_sentence", 0.5), h.threshold("_extra", 0.5)

    def save(self, directory: Path) -> None:
        self.linear.save(directory / MODEL_JSON, directory / MODEL_NPZ)

    def judge_acts(self, bags: Sequence[Sequence[str]]) -> tuple[tuple[str, ...], np.ndarray]:
        """For each rule act's features: the probability of each type, and of NONE (no act)."""
        head = self.linear.heads["acts"]
        if not bags:
            return head.labels, np.zeros((0, len(head.labels)))
        return head.labels, head.proba(self.linear.space.transform(bags))

    def type_scores(self, type_: str, bags: Sequence[Sequence[str]]) -> np.ndarray:
        """For each bag (parts of one sentence, say), the types head's probability of ``type_``."""
        head = self.linear.heads["types"]
        if not bags:
            return np.zeros(0)
        return head.proba(self.linear.space.transform(bags))[:, head.labels.index(type_)]

    def decide(self, bags: Sequence[Sequence[str]]) -> list[SentenceDecision]:
        """What the sentence heads say of each sentence; ``bags`` are one document's
        sentences, in order (the issues head reads each with its neighbours)."""
        if not bags:
            return []
        x = self.linear.space.transform(bags)
        types, modality, issues = (self.linear.heads[h] for h in HEADS[:3])
        pt, pm = types.proba(x), modality.proba(x)
        # the issues head reads each sentence with its neighbours' words, in a space of its own
        # (a model file from before it did reads the sentence alone)
        pi = issues.proba(x if issues.space is None else self.linear.space_of("issues").transform(context_bags(bags)))
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
