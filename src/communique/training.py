"""Training the act model from the gold, and cross-validating it: the orchestration
that joins the rules' reading (``nlp``) to the learners (``learn``).

``make train`` runs :func:`train_model` on the repository's copy of the gold
(``data/gold``, statement texts in ``data/statements``) with a fixed seed.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Sequence

from .errors import ConfigError, InputError, RulesError
from .learn.dataset import GoldDocument, load_training_set
from .learn.model import ActModel
from .learn.train import TrainConfig, cross_validate, fit
from .learn.wordvec import VECTORS_FILE, WordVectors, load_vectors
from .nlp.extractor import Extractor
from .rules import DATA_DIR, Rules

__all__ = ["gold_files", "training_set", "train_model", "cross_validate_gold", "word_vectors"]


def gold_files(paths: Sequence) -> list[Path]:
    """Every gold JSONL file under the given files or folders (folders searched recursively),
    so a folder that grows picks up new files without changes."""
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(p.rglob("*.jsonl"))
        elif p.is_file():
            out.append(p)
        else:
            raise InputError("no such gold file or folder", path=str(p))
    if not out:
        raise InputError("no gold files found", path=", ".join(map(str, paths)))
    return out


def _digest(files: Sequence) -> str:
    h = hashlib.sha1()
    for f in sorted(files, key=lambda p: p.name):
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:12]


def training_set(gold: Sequence, statements, rules=None) -> tuple[list[GoldDocument], object, list[Path]]:
    """The rules' reading of every gold statement: (documents, coder, gold files)."""
    files = gold_files(gold)
    extractor = Extractor(rules, learned=False)
    return load_training_set(files, Path(statements), extractor), extractor.coder, files


def word_vectors(rules=None) -> WordVectors | None:
    """The word vectors of a rules configuration (``wordvec.npz``, else the packaged ones), or
    None where there are none: the model is then fitted on the features alone."""
    rules = rules if isinstance(rules, Rules) else Rules(rules)
    try:
        path = rules.path(VECTORS_FILE)
    except RulesError:
        return None
    return load_vectors(path)


def train_model(gold: Sequence, statements, out=None, config: TrainConfig = TrainConfig(), rules=None) -> ActModel:
    """Fit the act model on every gold document and write its files to ``out``
    (default: the packaged rules data, where the Extractor finds it)."""
    import sklearn

    docs, _, files = training_set(gold, statements, rules)
    meta = {"gold": _digest(files), "documents": sorted(d.name for d in docs), "seed": config.seed,
            "trainer": f"scikit-learn {sklearn.__version__} LogisticRegression"}
    model = fit([e for d in docs for e in d.examples], config, meta, word_vectors(rules))
    target = Path(out) if out else DATA_DIR
    target.mkdir(parents=True, exist_ok=True)
    model.save(target)
    return model


def cross_validate_gold(gold: Sequence, statements, k: int = 5, config: TrainConfig = TrainConfig(),
                        rules=None) -> dict:
    """:func:`cross_validate` over the gold files under ``gold``."""
    docs, coder, _ = training_set(gold, statements, rules)
    if len(docs) < k:
        raise ConfigError(f"{k} folds need at least {k} gold documents (found {len(docs)})")
    return cross_validate(docs, coder, k, config, word_vectors(rules))
