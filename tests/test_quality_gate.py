"""The quality gate: the extractor's cross-validated scores over the repository's gold
(data/gold; each document scored by a model trained without it) must stay at or above
the floors in tests/quality_floors.json (raise them as it improves; never lower one
quietly). Also: our scorer gives exactly the reference scorer's figures."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from communique import read_document
from communique.evaluate import load_gold, score
from communique.nlp.segment import segment

from .conftest import GOLD, ROOT, SHARED, sample

DATA = ROOT / "data"

FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def predictions(extractor):
    gold = load_gold([GOLD])
    docs = [read_document(sample(name)) for name in sorted(gold)]
    return gold, [a.prediction() for ex in extractor.extract_many(docs) for a in ex.acts]


@pytest.mark.slow
def test_cross_validated_figures_meet_the_floors():
    from communique.training import cross_validate_gold

    cv = cross_validate_gold([DATA / "gold"], DATA / "statements", k=5)
    means = {key: s["mean"] for key, s in cv["summary"].items()}
    print(json.dumps(means))
    failed = [f"{key} {means[key]:.3f} < {floor}" for key, floor in FLOORS["cv"].items() if means[key] < floor]
    assert not failed, failed
    # every gold document was scored, each by exactly one model that had not seen it
    assert cv["documents"] == len(list((DATA / "gold").rglob("*.jsonl")))


def test_segmenter_meets_its_floor():
    from communique import Rules

    rules = Rules()
    total = exact = 0
    for name, rows in load_gold([GOLD]).items():
        mine = {" ".join(s.text.split()) for s in segment(read_document(sample(name)), rules)}
        for r in rows:
            total += 1
            exact += " ".join(r["sentence"].split()) in mine
    assert exact / total >= FLOORS["sentences.exact"]


@pytest.mark.slow
def test_evaluate_command_applies_bounds(tmp_path):
    r = subprocess.run([sys.executable, "-m", "communique", "evaluate", "--gold", str(GOLD), "--statements", str(ROOT / "samples"),
                        "--min", "acts.f1=0.99"], capture_output=True, text=True)
    assert r.returncode == 1 and "below bound: acts.f1" in r.stdout
    assert r.stdout.startswith("5 documents, 129 sentences, 149 gold acts")


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="../shared (reference scorer) is absent")
def test_our_scorer_agrees_with_the_reference_scorer(predictions, tmp_path):
    spec = importlib.util.spec_from_file_location("reference_score", SHARED / "eval" / "score.py")
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    gold, preds = predictions
    assert score(gold, preds) == ref.score(ref.load_gold([str(GOLD)]), preds)
    # and on deliberately perturbed predictions: wrong types, stray evidence, missing fields
    perturbed = []
    for i, p in enumerate(preds):
        q = dict(p)
        if i % 3 == 0:
            q["type"] = "SUPPORT"
        if i % 5 == 0:
            q["evidence"] = "unrelated words that appear nowhere"
        if i % 7 == 0:
            q.pop("targets")
        perturbed.append(q)
    assert score(gold, perturbed) == ref.score(ref.load_gold([str(GOLD)]), perturbed)
