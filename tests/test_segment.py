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

from .conftest import GOLD, ROOT, sample

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


# ---- issue 10: segmentation met in the new data (real statements in data/statements) ----

STATEMENTS = ROOT / "data" / "statements"


def statement_sentences(name: str):
    doc = read_document(next(STATEMENTS.glob(f"{name}*.md")))
    return segment(doc, RULES)


def test_italic_opening_paragraph_with_a_verb_is_a_sentence():
    sents = statement_sentences("2023-10-09_multilateral_joint-statement_israel")
    assert sents[0].text.startswith("Today, the leaders of France, Germany, Italy, the United Kingdom")
    assert sents[0].text.endswith("released the following joint statement following their call:")
    sents = statement_sentences("2024-03-18_multilateral_joint-statement_efforts-counter")
    assert sents[0].text.startswith("At the third Summit for Democracy on March 18, 2024, Finland")
    assert sents[1].text.startswith("This joint statement, which was originally announced")
    # an italic subtitle without a sentence's end stays a heading; so does a quoted epigraph
    sents = statement_sentences("2021-06-11_g7_fact-sheet")
    assert sents[0].heading.startswith("The United States is rallying the world’s democracies")
    assert sents[0].text.startswith("Today, President Biden will meet with G7 leaders")
    sents = statement_sentences("2021-06-13_nato_fact-sheet")
    assert not any(s.text.startswith("“The transatlantic alliance") for s in sents)


def test_almirante_is_an_abbreviation():
    # 2023-12-28 U.S.-Mexico communiqué (../shared/corpus), the delegation list
    text = ("President López Obrador was accompanied by Luisa María Alcalde Luján, Secretary of the Interior; "
            "Gen. Luis Cresencio Sandoval, Secretary of Defense; Alm. José Rafael Ojeda, Secretary of the Navy; "
            "and Armando López Cárdenas, Advisor to the President. The two delegations met again.")
    spans = [text[s:e] for s, e in split_sentences(text, RULES)]
    assert len(spans) == 2 and "Alm. José Rafael Ojeda" in spans[0]


def test_hyphenated_us_abbreviation_does_not_split():
    sents = [s.text for s in statement_sentences("2022-05-24_us-india_readout_meeting-modi")]
    assert any(s.startswith("The two countries are renewing the Indo-U.S. Vaccine Action Program, which") for s in sents)
    sents = [s.text for s in statement_sentences("2023-03-10_us-eu_joint-statement_von-der-leyen")]
    assert any(s.startswith("The EU-U.S. Task Force on the Inflation Reduction Act has productively") for s in sents)
    assert any("become a part of the EU-U.S. Trade and Technology Council where" in s for s in sents)
    assert not any(s.endswith("EU-U.S.") for s in sents)
    # an abbreviation before a sentence opener still ends the sentence
    text = "They deepened EU-U.S. ties. The talks ended."
    assert [text[s:e] for s, e in split_sentences(text, RULES)] == ["They deepened EU-U.S. ties.", "The talks ended."]


def test_acronym_in_parentheses_at_a_line_start_is_not_a_list_item():
    sents = statement_sentences("2022-06-10_americas_joint-statement_los-angeles-declaration")
    hit = [s for s in sents if "Regular Migration (GCM) anchored in the 2030 Agenda" in s.text]
    assert len(hit) == 1 and not hit[0].list_item
    assert hit[0].text.startswith("This Declaration builds upon existing efforts")
    # a real "(a)" item after a lead-in is still an item
    doc = document_from_text("We will:\n(a) expand trade;\n(b) meet again.\n", name="t", origin="t")
    assert [(s.text, s.list_item) for s in segment(doc, RULES)] == [
        ("We will:", False), ("expand trade;", True), ("meet again.", True)]


def test_trailing_end_mark_is_dropped():
    sents = statement_sentences("2017-01-12_philippines-japan_speech_press")
    assert sents[-1].text == "And I very much look forward to having a very candid discussion with Mr. President today."
    assert "●" not in " ".join(s.text for s in sents)


def test_bold_run_in_subtitle_is_a_heading():
    sents = statement_sentences("2022-03-11_g7_fact-sheet_announce-further-economic-costs-russia")
    texts = [s.text for s in sents]
    assert "Ban Export of Luxury Goods to Russia." not in texts
    assert not any(t.startswith("Full blocking Sanctions") for t in texts)  # "**…Members**. This includes"
    s = next(s for s in sents if s.text.startswith("President Biden will sign an Executive Order (E.O)"))
    assert s.heading == "Ban Export of Luxury Goods to Russia"
    # the run-in heads its own block only
    nxt = next(s for s in sents if s.text.startswith("President Biden’s E.O. will also prohibit"))
    assert nxt.heading.startswith("Ban U.S. Import of Goods")
    # in a list item too, and the item keeps its place under its lead-in
    doc = document_from_text("Leaders agreed:\n\n-   **Ban Exports.** The United States will ban exports.\n"
                             "-   **Transparency:** Countries will share data.\n", name="t", origin="t")
    sents = segment(doc, RULES)
    assert [(s.text, s.heading, s.lead_in) for s in sents[1:]] == [
        ("The United States will ban exports.", "Ban Exports", 0),
        ("Transparency: Countries will share data.", None, 0),  # a colon label stays in its sentence
    ]
    rs, re_ = doc.offsets.raw_span(sents[1].start, sents[1].end)  # offsets still point at the source
    assert doc.meta["blocks"][1][5] == len("Ban Exports.")
    assert "Leaders agreed:\n\n-   **Ban Exports.** The United States will ban exports."[rs:re_] == sents[1].text


@given(st.text(alphabet=st.sampled_from("ab.\u2019 \t\u00a0\u2009\u3000"), max_size=80))
def test_a_line_collapses_its_whitespace_and_each_character_keeps_its_offset(raw):
    from communique.ingest.clean import clean_markdown

    cleaned = clean_markdown(raw, 7, markdown=False)
    assert cleaned.text == " ".join(raw.split())
    for i, ch in enumerate(cleaned.text):
        if ch != " ":  # a kept character maps to itself in the raw text
            assert raw[cleaned.offsets.raw(i) - 7] == ch
        else:  # a collapsed run maps to whitespace
            assert raw[cleaned.offsets.raw(i) - 7].isspace()


def test_whitespace_before_an_inline_mark_is_kept():
    from communique.ingest.clean import clean_markdown

    cleaned = clean_markdown("We **will** act  _now_ .\n")
    assert cleaned.text == "We will act now ."
    assert [cleaned.offsets.raw(i) for i in (2, 3, 8, 11, 12)] == [2, 5, 12, 15, 18]


def test_a_page_break_in_a_verbatim_record_does_not_split_its_sentence():
    """The UN's verbatim records carry each page's number, document number and symbol on lines of
    their own, mid-sentence as often as not; the sentence runs on over them (the guidelines)."""
    texts = [s.text for s in statement_sentences("1997_argentina_speech_un-general-debate-52")]
    assert ("We believe that it unquestionably continues to be the maintenance of international peace and "
            "security.") in texts
    texts = [s.text for s in statement_sentences("2010_egypt_speech_un-general-debate-65")]
    assert any(t.startswith("We can no longer accept pretexts to condone practices against Islam") for t in texts)
    texts = [s.text for s in statement_sentences("2015_germany_speech_un-general-debate-70")]
    assert "The world of today is more closely interconnected than ever before." in texts
    marks = re.compile(r"\b(?:\d{2}-\d{5}|A/\d+/PV\.\d+)\b")
    assert not [t for t in texts if marks.search(t) or t.isdigit()]
    # Macedonia's speech of 2000 (the General Debate corpus): a page number after a wrapped line
    raw = ("Furthermore, I would like to express our support\nfor the efforts of the democratically\n23\n\n"
           "elected Government there to continue pursuing\neconomic and democratic development. We also\n"
           "support that Government.\n")
    doc = document_from_text(raw, name="t", origin="t")
    assert [s.text for s in segment(doc, RULES)] == [
        "Furthermore, I would like to express our support for the efforts of the democratically elected Government "
        "there to continue pursuing economic and democratic development.", "We also support that Government."]
    # a paragraph that ends its sentence before the page break still ends there
    doc = document_from_text("We met.\n\n15-29431 11/51\n\nA/70/PV.16 29/09/2015\nWe agreed.\n", name="t", origin="t")
    assert [(s.text, s.start) for s in segment(doc, RULES)] == [("We met.", 0), ("We agreed.", 9)]
    # a number alone on a line of a wrapped paragraph is text (a White House fact sheet, 2024-03-22)
    doc = document_from_text("Funding flows across\n17\nDepartments and agencies.\n", name="t", origin="t")
    assert [s.text for s in segment(doc, RULES)] == ["Funding flows across 17 Departments and agencies."]
    # a quotation closed by its citation ends its sentence before a page break (Botswana, 1998)
    doc = document_from_text("It is the keystone of our efforts.” (A/53/1, para. 171)\n\n12\n\nTherefore, we act.\n",
                             name="t", origin="t")
    assert [s.text for s in segment(doc, RULES)][-1] == "Therefore, we act."
