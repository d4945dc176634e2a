"""What the commands used to compute themselves, now the library's: the confidence floor of
`extract`, where `evaluate --cv` reads statements, the threads baseline, a lineage's JSON."""
from __future__ import annotations

import pytest

from .conftest import sample


def test_extract_min_confidence_is_the_extractors(extractor, capsys):
    from communique.cli import main
    from communique.errors import ConfigError
    from communique.ingest import read_document

    doc = read_document(sample("2021-09-15_aukus"))
    every = next(extractor.extract_many([doc]))
    sure = next(extractor.extract_many([doc], min_confidence=0.8))
    assert sure.acts == tuple(a for a in every.acts if a.confidence >= 0.8)
    assert sure.mentions == every.mentions and sure.document is every.document
    assert next(extractor.extract_many([doc], min_confidence=0.0)).acts == every.acts
    with pytest.raises(ConfigError) as e:  # refused on the call, before any document is read
        extractor.extract_many(iter(()), min_confidence=1.5)
    assert e.value.field == "min_confidence"
    assert main(["extract", str(sample("2021-09-15_aukus")), "--min-confidence", "1.5"]) == 1
    assert capsys.readouterr().err.startswith("communique: error: --min-confidence must be between 0 and 1")


def test_cross_validation_statements_folder():
    from communique.evaluate import STATEMENTS_DIR, cv_statements

    assert cv_statements(["a/", "b/"], "dir") == "dir"
    assert cv_statements(("a/", "b/")) == "a/"
    assert cv_statements() == cv_statements([], None) == STATEMENTS_DIR == "data/statements"


def test_threads_score_with_baseline():
    from communique.compare.threads import format_threads_report, score_threads, score_with_baseline

    threads = [{"thread": "t", "members": [{"doc": "a", "evidence": "we will defend the islands"},
                                           {"doc": "b", "evidence": "we will defend the islands firmly"}]}]
    preds = iter([{"doc": "a", "evidence": "we will defend the islands", "lineage": "L1"},
                  {"doc": "b", "evidence": "we will defend the islands firmly", "lineage": "L1"}])
    result = score_with_baseline(threads, preds)  # an iterator is read once
    alone = [{"doc": d, "evidence": e, "lineage": None} for d, e in (("a", "we will defend the islands"),
                                                                    ("b", "we will defend the islands firmly"))]
    assert result["baseline"] == score_threads(threads, alone)
    assert {k: v for k, v in result.items() if k != "baseline"} == score_threads(threads, [a | {"lineage": "L1"} for a in alone])
    assert result["bcubed"]["f1"] == 1.0 > result["baseline"]["bcubed"]["f1"]
    text = format_threads_report(result)
    assert text == format_threads_report(result, result["baseline"]) and "linking nothing would score" in text


def test_lineage_record_is_the_one_serialisation():
    from communique.compare import lineage_record

    member = {"doc": "a", "doc_id": "x1", "date": "2023-01-13", "title": "T", "status": "new", "evidence": "we will",
              "start": 1, "end": 8, "sentence": 3, "act_id": 7, "modality": "COMMIT", "actors": ["USA"]}
    reworded = member | {"doc": "b", "status": "reworded", "changes": [["=", "we"]], "attribution_changes": []}
    dropped = {"doc": "c", "doc_id": "x3", "date": "2024", "title": "U", "status": "dropped", "evidence": None,
               "start": None, "end": None, "sentence": None, "act_id": None, "modality": None}
    lin = {"id": "L0000000001", "canonical": "we will", "first": "2023-01-13", "last": "2023-01-13", "type": "COMMIT",
           "family": "x", "actors": ["USA"], "targets": [], "size": 2, "match": 0.9,
           "documents": [member, reworded, dropped]}
    rec = lineage_record(lin)
    assert list(rec) == ["id", "canonical", "first", "last", "type", "actors", "targets", "documents"]
    assert rec["documents"][0] == {k: member[k] for k in ("doc", "date", "title", "status", "evidence", "start", "end")}
    assert rec["documents"][1]["changes"] == [["=", "we"]] and "attribution_changes" not in rec["documents"][1]
    assert rec["documents"][2]["evidence"] is None and rec["documents"][2]["status"] == "dropped"


def test_track_json_is_lineage_record(sample_db, capsys):
    import json

    from communique import Corpus
    from communique.cli import main
    from communique.compare import lineage_record

    query = "Article V applies to the Senkaku Islands"
    assert main(["track", query, "--db", str(sample_db), "--format", "json", "--limit", "2"]) == 0
    out = json.loads(capsys.readouterr().out)
    with Corpus(sample_db, readonly=True) as corpus:
        expected = {"lineages": [lineage_record(x) for x in corpus.track(query, limit=2)]}
    assert out == json.loads(json.dumps(expected))
    assert out["lineages"]



def test_track_party_takes_a_name_as_the_other_filters_do(sample_db, capsys):
    import json

    from communique.cli import main

    def lineages(party):
        assert main(["track", "status quo", "--db", str(sample_db), "--format", "json", "--party", party]) == 0
        captured = capsys.readouterr()
        return json.loads(captured.out)["lineages"], captured.err

    by_code, _ = lineages("JPN")
    by_name, err = lineages("Japan")
    assert by_code and by_name == by_code and "party 'Japan' is JPN" in err
    assert main(["track", "status quo", "--db", str(sample_db), "--party", "Narnia"]) == 1
    assert "unknown party 'Narnia'" in capsys.readouterr().err
