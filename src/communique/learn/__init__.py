"""Trained models over the rules' reading: which clauses hold acts, of what type,
with what modality and issues (see ``docs/model.md``). Training from the gold is
:mod:`communique.training`."""
from __future__ import annotations

from .model import ActModel, load_act_model
from .train import TrainConfig, folds_report

__all__ = ["ActModel", "TrainConfig", "folds_report", "load_act_model"]
