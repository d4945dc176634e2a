"""Trained models over the rules' reading: which clauses hold acts, of what type,
with what modality and issues (see ``docs/model.md``)."""
from __future__ import annotations

from .model import ActModel
from .train import TrainConfig, cross_validate_gold, folds_report, train_model

__all__ = ["ActModel", "TrainConfig", "cross_validate_gold", "folds_report", "train_model"]
