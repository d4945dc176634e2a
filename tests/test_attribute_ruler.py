"""The indexed attribute ruler and the cached lemmatizer set exactly what spaCy's own
components set: on every sentence of the bundled statements, and on random token
sequences against every kind of pattern the ruler indexes or hands to a Matcher."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, ORTH, POS, TAG
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.lang.en import English
from spacy.vocab import Vocab

from communique.nlp.attribute_ruler import IndexedAttributeRuler
from communique.nlp.lemmatizer import CachedLemmatizer

from .conftest import SAMPLES

ATTRS = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD]


@pytest.fixture(scope="module")
def pipelines():
    import spacy

    from communique.nlp.pipeline import DEFAULT_MODEL, NEEDED_PIPES, load_pipeline

    ours = load_pipeline()
    info = spacy.info(DEFAULT_MODEL)
    theirs = spacy.load(DEFAULT_MODEL, exclude=[p for p in info["pipeline"] if p not in NEEDED_PIPES])
    return ours, theirs


def test_the_pipeline_uses_them(pipelines):
    ours, theirs = pipelines
    assert ours.pipe_names == theirs.pipe_names
    assert isinstance(ours.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert isinstance(ours.get_pipe("lemmatizer"), CachedLemmatizer)
    ruler = ours.get_pipe("attribute_ruler")
    assert ruler.patterns == theirs.get_pipe("attribute_ruler").patterns
    assert len(ruler._rest) == 0  # every pattern of the pinned pipeline is indexed


@pytest.mark.slow
def test_same_annotations_on_the_bundled_statements(pipelines):
    from communique import iter_documents
    from communique.nlp.segment import segment
    from communique.rules import Rules

    ours, theirs = pipelines
    rules = Rules()
    sentences = [s.text for d in iter_documents([SAMPLES]) for s in segment(d, rules)]
    assert len(sentences) > 1000
    different = [a.text for a, b in zip(theirs.pipe(sentences), ours.pipe(sentences))
                 if not np.array_equal(a.to_array(ATTRS), b.to_array(ATTRS))]
    assert different == []
    # the exceptions the ruler sets (a lemma, a part of speech) and the lemmatizer keeps
    doc = ours("We don't and won't accept it, but the leaders are gon na meet.")
    assert [t.lemma_ for t in doc if t.lower_ in ("n't", "are", "gon", "na")] == ["not", "not", "be", "go", "to"]


# ---- every shape of pattern, on random tokens ----------------------------------
WORDS = ["ai", "n't", "nt", "gon", "na", "it", "I", "do", "has", "that", " ", "nothin'", "the"]
TAGS = ["VBZ", "VBP", "RB", "IN", "DT", "PRP", "_SP", "NN", ""]
DEPS = ["ROOT", "nsubj", "aux", "det", "mark", "dobj", "expl", ""]
PATTERNS = [
    {"patterns": [[{"TAG": "VBZ"}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"TAG": "RB", "LOWER": {"IN": ["not", "n't", "nt"]}}]], "attrs": {"POS": "PART", "LEMMA": "not"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux", "nsubj"]}}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": {"IN": ["DT", "IN"]}}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], "attrs": {"LEMMA": "nothing"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"TAG": {"IN": ["VBP", "VBZ"]}, "LOWER": "ai"}, {"LOWER": {"REGEX": "^n'?t$"}}]],
     "attrs": {"LEMMA": "be"}},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["it", "that"]}}]], "attrs": {"POS": "VERB"}, "index": -1},
    {"patterns": [[{"TAG": "VBZ", "LOWER": "has"}], [{"TAG": "VBZ"}]], "attrs": {"LEMMA": "have"}},  # one span, twice
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
    {"patterns": [[{"TAG": "_SP", "IS_SPACE": False}]], "attrs": {"POS": "X"}},
    {"patterns": [[{"LOWER": "the", "OP": "+"}]], "attrs": {"POS": "DET"}},  # an operator: left to the Matcher
    {"patterns": [[{"ORTH": "I"}]], "attrs": {"POS": "PRON"}},  # another attribute: left to the Matcher
    {"patterns": [[{"TAG": "PRP"}]], "attrs": {"POS": "NOUN"}},  # a later rule overrides an earlier one
]


VOCAB = English().vocab  # English lexical attributes: a bare Vocab has no lowercase forms


def _doc(vocab: Vocab, tokens) -> Doc:
    words = [w for w, _, _ in tokens]
    return Doc(vocab, words=words, spaces=[False] * len(words), tags=[t for _, t, _ in tokens],
               deps=[d for _, _, d in tokens], heads=list(range(len(words))))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(TAGS), st.sampled_from(DEPS)), min_size=1, max_size=12))
def test_same_matches_and_attributes_as_spacy(tokens):
    vocab = VOCAB
    theirs, ours = AttributeRuler(vocab), IndexedAttributeRuler(vocab)
    theirs.add_patterns(PATTERNS)
    ours.add_patterns(PATTERNS)
    assert len(ours._rest) == 2  # the operator and the ORTH rule
    a, b = _doc(vocab, tokens), _doc(vocab, tokens)
    assert ours.match(b) == theirs.match(a)
    assert all(t.lower_ == t.text.lower() for t in b)
    theirs(a), ours(b)
    assert np.array_equal(a.to_array([TAG, POS, LEMMA]), b.to_array([TAG, POS, LEMMA]))


def test_clearing_forgets_the_index():
    vocab = VOCAB
    ruler = IndexedAttributeRuler(vocab)
    ruler.add_patterns(PATTERNS)
    ruler.clear()
    doc = _doc(vocab, [("has", "VBZ", "ROOT")])
    assert ruler.match(doc) == []
    ruler.add([[{"TAG": "VBZ"}]], {"POS": "VERB"})
    assert [(s, e) for _, _, s, e in ruler.match(doc)] == [(0, 1)]


def test_an_index_outside_its_span_is_spacys_error():
    vocab = VOCAB
    for ruler in (AttributeRuler(vocab), IndexedAttributeRuler(vocab)):
        ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "go"}, index=2)
        doc = _doc(vocab, [("gon", "VBG", "ROOT"), ("na", "TO", "aux")])
        with pytest.raises(ValueError, match="E1001"):
            ruler.set_annotations(doc, ruler.match(doc))
