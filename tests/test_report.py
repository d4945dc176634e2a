"""Series, statuses against the series' previous statement, and the summit report, on the
real US-Japan and Quad statements."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from communique import Corpus
from communique.compare.lineage import member_status
from communique.compare.series import previous_statement, series_of
from communique.compare.similarity import attribution, core
from communique.errors import NotFoundError
from communique.report import report_html, report_markdown

US_JAPAN_2023 = "2023-01-13_us-japan_joint-statement"
US_JAPAN_2022 = "2022-05-23_us-japan_joint-statement_strengthening-free-open-international-order"


@pytest.fixture(scope="module")
def corpus(sample_db):
    c = Corpus(sample_db, readonly=True)
    yield c
    c.close()


def _id(corpus, name):
    return corpus.store.document_row(name)["id"]


def test_series_is_same_issuers_same_track(corpus):
    docs = series_of(corpus.store, _id(corpus, US_JAPAN_2023))
    assert [d["date"] for d in docs] == ["2021-04-16", "2022-05-23", "2023-01-13", "2024-04-10", "2025-02-07"]  # parties in any order
    assert previous_statement(corpus.store, _id(corpus, US_JAPAN_2023))["name"] == US_JAPAN_2022
    quad = series_of(corpus.store, _id(corpus, "2023-05-20_quad_joint-statement"))
    names = [d["name"] for d in quad]
    assert "2021-03-12_quad_fact-sheet_summit" in names  # a fact sheet goes with its meeting
    first = [d for d in quad if d["meeting"] == 0]
    assert {d["name"] for d in first} == {"2021-03-12_quad_fact-sheet_summit", "2021-03-12_quad_joint-statement_spirit"}
    assert [d["name"] for d in first if d["main"]] == ["2021-03-12_quad_joint-statement_spirit"]
    assert not any("us-japan" in n or "aukus" in n for n in names)
    assert previous_statement(corpus.store, _id(corpus, "2021-03-12_quad_fact-sheet_summit")) is None


def test_user_defined_series(corpus):
    b = _id(corpus, US_JAPAN_2023)
    docs = series_of(corpus.store, b, "2021-04-16_us-japan_joint-statement_global-partnership-new-era," + US_JAPAN_2023)
    assert len(docs) == 2 and previous_statement(corpus.store, b, "2021*us-japan*," + US_JAPAN_2023)["date"] == "2021-04-16"
    d = corpus.diff(None, US_JAPAN_2023, series="*us-japan_joint-statement_global*," + US_JAPAN_2023)
    assert d["a"]["date"] == "2021-04-16"
    with pytest.raises(NotFoundError):
        series_of(corpus.store, b, "*nothing-like-this*")


def test_attribution_change_alone_is_repeated(corpus):
    [lin] = corpus.track("Article V applies to the Senkaku Islands", limit=1)
    by_date = {d["date"]: d for d in lin["documents"]}
    d2024 = by_date["2024-04-10"]  # "He also reaffirmed that" -> "President Biden also reaffirmed that"
    assert d2024["status"] == "repeated" and "changes" not in d2024
    assert any(op == "+" and "President Biden" in w for op, w in d2024["attribution_changes"])
    assert by_date["2025-02-07"]["status"] == "reworded"  # the Treaty's full name was added


@given(st.sampled_from(["He also reaffirmed that", "President Biden also reaffirmed that", "The two leaders reaffirmed that",
                        "It also reaffirmed the fact that", "The President reiterated that", ""]),
       st.sampled_from(["He also reaffirmed that", "The two leaders reaffirmed that", "Japan and the United States reiterated that"]),
       st.sampled_from(["Article V applies to the Senkaku Islands.", "the Alliance remains the cornerstone of peace",
                        "we will impose sanctions on Russia"]))
def test_status_ignores_attribution_and_sees_rewording(who_a, who_b, commitment):
    a, b = f"{who_a} {commitment}".strip(), f"{who_b} {commitment}"
    assert core(b) == commitment and attribution(b) == who_b
    assert member_status(a, b) == "repeated"
    assert member_status(a, b.replace("Islands", "Islands and their waters").replace("peace", "peace and security")
                         .replace("Russia", "Belarus")) == "reworded"
    assert member_status(None, b) == "new"


def test_dropped_never_where_the_commitment_continues(corpus):
    lins = corpus.track("We underscore the importance of peace and stability across the Taiwan Strait", limit=5)
    mine = [x for x in lins if x["documents"][0]["date"] == "2021-04-16" and "Taiwan Strait" in x["documents"][0]["evidence"]]
    assert mine
    for lin in mine:
        for d in lin["documents"]:
            if d["date"] in ("2023-01-13", "2024-04-10", "2025-02-07") and "us-japan" in d["doc"]:
                assert d["status"] != "dropped", (lin["id"], d)
                if d["status"] == "continued":
                    assert "Taiwan" in d["continued_in"]["evidence"] or "Strait" in d["continued_in"]["evidence"]


def test_report_on_2023_lists_commitments_by_issue_against_2022(corpus):
    rep = corpus.report(US_JAPAN_2023, base_url="http://explorer")
    assert rep["previous"]["name"] == US_JAPAN_2022
    text = corpus.document(US_JAPAN_2023).text
    assert rep["totals"]["commitments"] == len(rep["commitments"]) == sum(i["count"] for i in rep["issues"]) >= 20
    assert rep["totals"]["commitments"] == sum(rep["types"].values())
    assert sum(rep["totals"][k] for k in ("new", "repeated", "reworded")) == rep["totals"]["commitments"]
    for c in rep["commitments"]:
        assert c["status"] in ("new", "repeated", "reworded")
        assert text[c["start"]:c["end"]] == c["evidence"]
        assert c["link"] == f"http://explorer/doc/{rep['doc']['id']}#act-{c['act_id']}"
        if c["status"] == "reworded":
            assert c["changes"] and c["previous"]
    art5 = [c for c in rep["commitments"] if "Article V applies" in c["evidence"]]
    assert art5 and art5[0]["issue"] == "defense" and art5[0]["status"] in ("repeated", "reworded")
    assert "counterstrike" in " ".join(c["evidence"] for c in rep["commitments"] if c["status"] == "new")
    prev_text = corpus.document(US_JAPAN_2022).text
    for x in rep["dropped"]:
        assert x["evidence"] in prev_text and "#act-" in x["link"]
    html = report_html(rep)
    assert html.count("<svg") == 3 and "<script" not in html and "<link" not in html
    for c in rep["commitments"]:
        assert f'href="{c["link"]}"' in html
    md = report_markdown(rep)
    assert md.startswith("# Summit report") and "## defense" in md and "2022-05-23" in md
    assert len(re.findall(r"\]\(http://explorer/doc/[0-9a-f]+#act-\d+\)", md)) == len(rep["commitments"]) + len(rep["dropped"])


def test_report_on_a_first_statement(corpus):
    rep = corpus.report("2021-04-16_us-japan_joint-statement_global-partnership-new-era")
    assert rep["previous"] is None and rep["dropped"] == []
    assert {c["status"] for c in rep["commitments"]} == {"first"}
    assert report_html(rep).count("<svg") == 3


def test_cli_report_formats(sample_db, tmp_path):
    for fmt in ("html", "md", "json"):
        out = tmp_path / f"r.{fmt}"
        r = subprocess.run([sys.executable, "-m", "communique", "report", US_JAPAN_2023, "--db", str(sample_db), "--format", fmt,
                            "--out", str(out)], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["previous"]["date"] == "2022-05-23"
    assert "<svg" in (tmp_path / "r.html").read_text(encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "communique", "report", "nope", "--db", str(sample_db)], capture_output=True, text=True)
    assert r.returncode == 1 and "no such statement" in r.stderr


def test_python_api_series_and_threads(corpus):
    assert [d["date"] for d in corpus.series(US_JAPAN_2023) if d["main"]][:2] == ["2021-04-16", "2022-05-23"]
    from .conftest import DATA

    r = corpus.evaluate_threads(DATA / "threads" / "us-japan.jsonl")
    assert r["members"] == 249 and 0 < r["bcubed"]["f1"] <= 1
    with pytest.raises(NotFoundError):
        corpus.series("nope")


def test_track_and_stand_alone_readouts():
    from communique.compare.series import track, _derived

    def doc(name, title, kind="joint-statement", date="2023-01-01", parties=("USA", "JPN"), participants=()):
        return {"id": name, "name": name, "title": title, "kind": kind, "date": date, "parties": list(parties),
                "participants": list(participants)}

    assert track(doc("a", "Joint Statement of the United States and Japan")) == "leaders"
    assert track(doc("b", "Joint Statement of the Quad Senior Cyber Group")) == "officials"
    assert track(doc("c", "U.S.-Japan Security Consultative Committee (2+2) Joint Statement")) == "ministerial"
    assert track(doc("d", "Joint Message on the Passing of 10 Years Since the Great East Japan Earthquake")) == "occasion"
    assert track(doc("e", "Statement by the Prime Minister", kind="speech")) == "speech"
    js = [doc("js1", "Joint Leaders' Statement", date="2022-05-23"), doc("js2", "Joint Leaders' Statement", date="2023-01-13")]
    summit_readout = doc("r1", "Readout of President Biden's Meeting with Prime Minister Kishida", kind="readout", date="2022-05-23",
                         parties=("USA",), participants=("USA", "JPN"))
    call = doc("r2", "Readout of President Biden's Call with Prime Minister Kishida", kind="readout", date="2022-07-08",
               parties=("USA",), participants=("USA", "JPN"))
    everything = js + [summit_readout, call]
    assert [d["id"] for d in _derived(everything, js[1])] == ["js1", "js2", "r1"]  # the summit's readout goes with it
    assert [d["id"] for d in _derived(everything, call)] == ["r2"]  # a call's readout does not
