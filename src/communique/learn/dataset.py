"""Training examples: the rules' reading of each gold statement, sentence by
sentence, paired with the gold acts of the sentence it corresponds to."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..evaluate import _words, load_gold
from .decide import DocumentView, act_key

__all__ = ["Example", "GoldDocument", "load_training_set", "align_sentences"]

_CONTAINMENT = 0.6


@dataclass(frozen=True)
class Example:
    """One of our sentences and the gold acts of the gold sentence it is."""

    doc: str
    n: int
    features: list[str]
    gold: tuple[dict, ...]
    acts: tuple = ()  # the rules' acts in this sentence
    act_labels: tuple[str, ...] = ()  # for each: the gold type it stands for, or NONE
    text: str = ""  # the sentence's text (its vector, for heads that read one)
    act_syntax: tuple[tuple[str, ...], ...] = ()  # for each rule act: where its predicate sits in the parse


def label_rule_acts(rule_types: list[str], gold_types: list[str]) -> list[str]:
    """Which gold act each rule act stands for: one of the same type first; the rest,
    in order, take the sentence's unmatched gold types; what is left is NONE."""
    left = Counter(gold_types)
    labels: list[str | None] = []
    for t in rule_types:
        if left[t] > 0:
            left[t] -= 1
            labels.append(t)
        else:
            labels.append(None)
    rest = list(left.elements())
    out = []
    for lb in labels:
        out.append(lb if lb is not None else (rest.pop(0) if rest else "NONE"))
    return out


@dataclass(frozen=True)
class GoldDocument:
    name: str
    view: DocumentView
    gold: list[dict]  # the gold file's sentence rows
    examples: tuple[Example, ...]


def _bag(text: str) -> Counter:
    return Counter(_words(text))


def align_sentences(ours: list[str], gold: list[str]) -> dict[int, int]:
    """Our sentence index -> gold sentence index, each gold sentence taken by the one
    of ours that holds most of it (contained at 0.6 or more of our words)."""
    gbags = [_bag(g) for g in gold]
    best: dict[int, tuple[float, int]] = {}
    for i, text in enumerate(ours):
        b = _bag(text)
        total = sum(b.values())
        if not total:
            continue
        scored = []
        for j, g in enumerate(gbags):
            shared = sum((b & g).values())
            if shared:
                scored.append((shared / total, shared / (total + sum(g.values()) - shared), j))
        if not scored:
            continue
        cont, jac, j = max(scored)
        if cont >= _CONTAINMENT and (j not in best or jac > best[j][0]):
            best[j] = (jac, i)
    return {i: j for j, (_, i) in best.items()}


def load_training_set(gold_dirs: list[Path], statements: Path, extractor) -> list[GoldDocument]:
    """Every gold document with its statement text found under ``statements``
    (``NAME.md`` for gold ``NAME.jsonl``), read by the rules alone."""
    from ..ingest.sources import read_document

    gold = load_gold(gold_dirs)
    docs = []
    for name in sorted(gold):
        path = statements / f"{name}.md"
        if not path.is_file():
            raise InputError(f"no statement text for gold document {name}", path=str(path))
        docs.append(read_document(path))
    out = []
    for view, doc in zip(extractor.views(docs), docs):
        rows = gold[doc.name]
        sents = view.extraction.sentences
        mapping = align_sentences([s.text for s in sents], [r["sentence"] for r in rows])
        by_sentence: dict[int, list] = {}
        for a in view.extraction.acts:
            by_sentence.setdefault(a.sentence, []).append(a)
        examples = []
        for i, s in enumerate(sents):
            gold_acts = tuple(rows[mapping[i]]["acts"]) if i in mapping else ()
            acts = tuple(by_sentence.get(s.n, ()))
            labels = label_rule_acts([a.type for a in acts], [a["type"] for a in gold_acts])
            examples.append(Example(doc.name, s.n, view.features[i], gold_acts, acts, tuple(labels), s.text,
                                    tuple(view.syntax.get(act_key(a), ()) for a in acts)))
        examples = tuple(examples)
        out.append(GoldDocument(doc.name, view, rows, examples))
    return out
