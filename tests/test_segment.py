"""Segmentation: sentences word for word against the gold, exact boundaries on real
statements, and properties over generated documents."""
from __future__ import annotations

import json
import re
import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from communique import Rules, read_document
from communique.ingest import document_from_text
from communique.nlp.segment import segment, split_sentences

from .conftest import GOLD, sample

RULES = Rules()
WORD = re.compile(r"[A-Za-z0-9]+")


def norm(s: str) -> str:
    return " ".join(s.split())


def test_gold_sentences_come_out_word_for_word():
    total = exact = 0
    for g in sorted(GOLD.glob("*.jsonl")):
        doc = read_document(sample(g.stem))
        mine = [norm(s.text) for s in segment(doc, RULES)]
        gold = [norm(json.loads(line)["sentence"]) for line in g.read_text(encoding="utf-8").splitlines()]
        assert len(mine) == len(gold), g.stem
        total += len(gold)
        exact += sum(a == b for a, b in zip(mine, gold))
    assert exact / total >= 0.95, f"{exact}/{total}"


def test_sentence_counts_and_boundaries_on_real_statements():
    doc = read_document(sample("2022-11-14_us-china"))
    sents = segment(doc, RULES)
    assert len(sents) == 19
    assert sents[0].text.startswith("President Joseph R. Biden, Jr. met on November 14")
    assert sents[0].text.endswith("in Bali, Indonesia.")
    assert sents[7].text.startswith("They welcomed ongoing efforts") and "U.S.-China bilateral relations" in sents[7].text
    doc = read_document(sample("2021-03-12_quad_joint-statement_spirit"))
    assert len(segment(doc, RULES)) == 28


def test_abbreviations_initials_quotes_parentheses():
    text = ('President Joseph R. Biden, Jr. met Dr. Smith at No. 10 Downing St. in the U.K. on Monday. '
            'The U.S. and the ROK agreed (see Art. 5 of the treaty). "We will act," he said. '
            'They met in Washington, D.C. The talks ended.')
    spans = [text[s:e] for s, e in split_sentences(text, RULES)]
    assert spans == [
        "President Joseph R. Biden, Jr. met Dr. Smith at No. 10 Downing St. in the U.K. on Monday.",
        "The U.S. and the ROK agreed (see Art. 5 of the treaty).",
        '"We will act," he said.',
        "They met in Washington, D.C.",
        "The talks ended.",
    ]


def test_headings_are_not_sentences_and_list_items_keep_their_lead_in():
    doc = read_document(sample("2021-03-12_quad_fact-sheet_summit"))
    sents = segment(doc, RULES)
    texts = [s.text for s in sents]
    assert "The Quad Vaccine Partnership" not in texts
    assert sents[0].heading == "The Quad Vaccine Partnership"
    lead = next(s for s in sents if s.text.startswith("We will establish a new Quad Climate Working Group focused on"))
    items = [s for s in sents if s.lead_in == lead.n]
    assert len(items) == 4 and all(s.list_item for s in items)
    assert items[0].text.startswith("Cooperation, both among ourselves")


def test_subtitle_line_is_a_heading():
    doc = read_document(sample("2024-04-10_us-japan"))
    sents = segment(doc, RULES)
    assert sents[0].heading == "Global Partners for the Future"
    assert sents[0].text.startswith("Over the course of the last three years")


def test_list_item_with_several_sentences_is_split():
    doc = document_from_text("We will:\n\n- Expand trade. Deepen ties with Japan.\n- Meet again in 2025.\n",
                             name="t", origin="t")
    sents = segment(doc, RULES)
    assert [s.text for s in sents] == ["We will:", "Expand trade.", "Deepen ties with Japan.", "Meet again in 2025."]
    assert [s.lead_in for s in sents[1:]] == [0, 0, 0]


# ---- properties over generated documents -------------------------------------

VOCAB = ["alliance", "cooperation", "security", "partners", "region", "trade", "energy", "climate", "the",
         "and", "with", "our", "support", "Japan", "Australia", "U.S.", "policy", "maritime", "economic"]
word = st.sampled_from(VOCAB)
opener = st.sampled_from(["We", "The", "Both", "Leaders", "Together", "Japan", "Our"])


@st.composite
def sentence(draw):
    words = [draw(opener)] + draw(st.lists(word, min_size=2, max_size=14))
    if words[-1] == "U.S.":
        words.append("partners")
    marked = []
    for w in words:
        r = draw(st.integers(0, 9))
        marked.append(f"**{w}**" if r == 0 and "." not in w else f"*{w}*" if r == 1 and "." not in w else w)
    return " ".join(words) + ".", " ".join(marked) + "."


@st.composite
def document(draw):
    paragraphs = draw(st.lists(st.lists(sentence(), min_size=1, max_size=4), min_size=1, max_size=5))
    width = draw(st.integers(24, 90))
    nbsp = draw(st.booleans())
    blocks, expected = [], []
    for i, para in enumerate(paragraphs):
        plain = [p for p, _ in para]
        marked = [m for _, m in para]
        joiner = "\u00a0 " if nbsp else " "
        if draw(st.booleans()) and i > 0:  # a list under a lead-in
            blocks.append("We will:")
            expected.append("We will:")
            for m in marked:
                lines = textwrap.wrap(m, width - 4, break_long_words=False, break_on_hyphens=False)
                blocks.append("-   " + "\n    ".join(lines))
        else:
            blocks.append("\n".join(textwrap.wrap(joiner.join(marked), width, break_long_words=False, break_on_hyphens=False)))
        expected.extend(plain)
    return "\n\n".join(blocks) + "\n", expected


@settings(max_examples=150, deadline=None)
@given(document())
def test_offsets_round_trip_on_generated_documents(generated):
    raw, expected = generated
    doc = document_from_text(raw, name="g", origin="g")
    sents = segment(doc, RULES)
    assert [s.text for s in sents] == expected
    last = -1
    for s in sents:
        assert doc.text[s.start:s.end] == s.text
        assert s.start > last
        last = s.end
        for m in WORD.finditer(s.text):
            rs, re_ = doc.offsets.raw_span(s.start + m.start(), s.start + m.end())
            assert raw[rs:re_] == m.group()
