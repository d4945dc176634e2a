"""The act-type vocabulary is defined once (model.ACT_TYPES): the rules produce only those types,
the filters and the explorer accept exactly them, and no other module spells the list out."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from communique.errors import ConfigError
from communique.model import ACT_TYPES, MODALITIES
from communique.nlp.codes import PLOVER_TYPES
from communique.nlp.lexicon import Lexicon
from communique.rules import Rules
from communique.storage import ActFilter

PKG = Path(__file__).resolve().parent.parent / "src" / "communique"


def test_the_rules_produce_only_the_vocabulary():
    lexicon = Lexicon.from_rules(Rules())
    produced = {t for t, _ in list(lexicon.verbs.values()) + list(lexicon.nouns.values())}
    assert produced and produced <= set(ACT_TYPES)
    assert set(ACT_TYPES) - PLOVER_TYPES == {"PURSUE"}  # the one type PLOVER lacks (docs/formats.md)


def test_filters_accept_exactly_the_vocabulary():
    for t in ACT_TYPES:
        ActFilter(type=t.lower()).validated()
    for m in MODALITIES:
        ActFilter(modality=m).validated()
    with pytest.raises(ConfigError):
        ActFilter(type="CONCEDE").validated()  # PLOVER's, not ours


def test_no_module_but_the_model_spells_out_the_act_types():
    """A rule may name a few types; the whole list (a vocabulary) lives in model.py alone."""
    for path in PKG.rglob("*.py"):
        if path == PKG / "model.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Tuple, ast.Set, ast.List)):
                words = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
                if path.name == "codes.py" and set(words) >= {"CONCEDE", "COERCE"}:
                    continue  # PLOVER's own vocabulary
                for vocabulary in (ACT_TYPES, MODALITIES):
                    assert not set(vocabulary) <= set(words), (path.name, node.lineno)
