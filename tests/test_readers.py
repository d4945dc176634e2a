"""Readers on real statements, and every kind of bad input."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from communique import iter_documents, read_document
from communique.errors import BinaryInputError, EmptyInputError, FrontMatterError, NotFoundError, TooLargeError
from communique.ingest.readers import read_markdown
from communique.model import ReadFailure

from .conftest import DATA, SAMPLES, sample

WORD = re.compile(r"[A-Za-z0-9]+")


def words(s: str) -> list[str]:
    return WORD.findall(s)


def test_markdown_statement_metadata_and_clean_text():
    doc = read_document(sample("2023-01-13_us-japan_joint-statement"))
    assert doc.name == "2023-01-13_us-japan_joint-statement"
    assert doc.title == "Joint Statement of the United States and Japan"
    assert doc.date == "2023-01-13" and doc.kind == "joint-statement"
    assert doc.parties == ("USA", "JPN")
    assert doc.source_url.startswith("https://bidenwhitehouse.archives.gov/")
    assert "\u00a0" not in doc.text and "**" not in doc.text and "\\###" not in doc.text
    # hard wraps joined: a sentence that spans two raw lines is on one line
    assert "President Joseph R. Biden, Jr. of the United States and Prime Minister Kishida Fumio of Japan meet" in doc.text


def test_offsets_map_back_to_the_raw_file():
    doc = read_document(sample("2021-03-12_quad_fact-sheet_summit"))
    raw = doc.raw
    for m in re.finditer(r"[A-Za-z]{6,}", doc.text):
        rs, re_ = doc.offsets.raw_span(m.start(), m.end())
        assert raw[rs:re_] == m.group(), (m.group(), raw[rs:re_])


def test_inline_html_and_bold_headings_are_read_as_text(tmp_path):
    p = tmp_path / "s.md"
    p.write_text("---\ntitle: T\ndate: 2024-01-01\n---\n**A Heading**  \nWe will build the 21<sup>st</sup>\ncentury&nbsp;partnership.\n\n\\###\n", encoding="utf-8")
    doc = read_document(p)
    assert "21st century partnership." in doc.text
    assert "<sup>" not in doc.text and "###" not in doc.text


def test_id_is_stable_and_content_hash_tracks_changes(tmp_path):
    p = tmp_path / "s.md"
    p.write_text(sample("2023-01-13_us-japan_joint-statement").read_text(encoding="utf-8"), encoding="utf-8")
    a, b = read_document(p), read_document(p)
    assert a.id == b.id and a.content_hash == b.content_hash
    p.write_text(p.read_text(encoding="utf-8") + "\nWe will meet again.\n", encoding="utf-8")
    c = read_document(p)
    assert c.id == a.id and c.content_hash != a.content_hash


def test_jsonl_whitehouse_records_stream(tmp_path):
    docs = [d for d in iter_documents([DATA / "wh_sample.jsonl.gz"])]
    assert len(docs) == 6 and not any(isinstance(d, ReadFailure) for d in docs)
    assert all(d.date and d.title and d.text for d in docs)
    for d in docs:  # the record id "statements-releases/2021-03/2021-03-12-..." names the document by its last part
        assert "/" not in d.name and d.origin.endswith("/" + d.name) and d.kind in ("readout", "joint-statement")


def test_jsonl_un_speech_party_is_the_speaking_state():
    docs = list(iter_documents([DATA / "ungd_sample.jsonl"]))
    assert {d.parties[0] for d in docs} == {"JPN", "KEN", "CHL"}
    for d in docs:
        assert d.kind == "speech" and d.meta.get("speaker") and "post" in d.meta
        assert d.date == "2023"


def test_html_page_main_text_title_and_date(tmp_path):
    body = read_document(sample("2022-11-14_us-china")).text.split("\n\n")
    paras = "".join(f"<p>{p}</p>" for p in body)
    html = ("<html><head><title>Readout of President Joe Biden’s Meeting with President Xi Jinping | The White House</title>"
            "<meta property='article:published_time' content='2022-11-14T12:00:00+00:00'></head><body>"
            "<nav><a href='/'>Home</a><a href='/news'>News</a></nav><article><h1>Readout of President Joe Biden’s Meeting"
            f" with President Xi Jinping</h1>{paras}</article><footer>Privacy policy</footer></body></html>")
    p = tmp_path / "readout.html"
    p.write_text(html, encoding="utf-8")
    doc = read_document(p)
    assert "Readout of President Joe Biden" in doc.title
    assert doc.date == "2022-11-14"
    assert "The two leaders spoke candidly" in doc.text and "Privacy policy" not in doc.text


def test_folders_and_globs(tmp_path):
    docs = [d for d in iter_documents([SAMPLES]) if not isinstance(d, ReadFailure)]
    assert len(docs) == len(list(SAMPLES.glob("*.md")))
    globbed = list(iter_documents([str(SAMPLES / "*us-japan*")]))
    assert len(globbed) == 5


# ---- bad input -------------------------------------------------------------

def _bad_files(tmp_path):
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    (tmp_path / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "broken-yaml.md").write_text("---\ntitle: [unclosed\ndate: 2024-01-01\n---\nWe will.\n", encoding="utf-8")
    (tmp_path / "no-body.md").write_text("---\ntitle: Only front matter\n---\n\n", encoding="utf-8")
    (tmp_path / "unclosed.md").write_text("---\ntitle: x\nWe will cooperate.\n", encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text('{"id": "a", "text": "We will cooperate."}\nnot json at all\n{"id": "c", "text": "We call on Russia to withdraw."}\n', encoding="utf-8")
    good = sample("2023-01-13_us-japan_joint-statement")
    (tmp_path / "good.md").write_text(good.read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("name,error,message", [
    ("empty.md", EmptyInputError, "file is empty"),
    ("binary.md", BinaryInputError, "binary"),
    ("broken-yaml.md", FrontMatterError, "not valid YAML"),
    ("no-body.md", EmptyInputError, "no body"),
    ("unclosed.md", FrontMatterError, "never closed"),
])
def test_each_bad_file_names_itself_and_the_problem(tmp_path, name, error, message):
    _bad_files(tmp_path)
    with pytest.raises(error) as e:
        read_markdown(tmp_path / name)
    assert name in str(e.value) and message in str(e.value)


def test_broken_yaml_error_gives_the_line(tmp_path):
    _bad_files(tmp_path)
    with pytest.raises(FrontMatterError) as e:
        read_markdown(tmp_path / "broken-yaml.md")
    assert e.value.line is not None and e.value.line >= 2


def test_not_utf8_falls_back_with_a_warning(tmp_path):
    p = tmp_path / "latin.md"
    p.write_bytes("---\ntitle: Caf\xe9\n---\nThe leaders met in S\xe3o Paulo.\n".encode("latin-1"))
    doc = read_document(p)
    assert "São Paulo" in doc.text
    assert any("not valid UTF-8" in w and "latin.md" in w for w in doc.meta["warnings"])


def test_a_50mb_file_is_refused_by_name(tmp_path):
    p = tmp_path / "huge.md"
    with open(p, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    with pytest.raises(TooLargeError) as e:
        read_document(p)
    assert "huge.md" in str(e.value) and "50.0 MiB" in str(e.value)


def test_missing_path():
    with pytest.raises(NotFoundError) as e:
        read_document("no/such/file.md")
    assert "no/such/file.md" in str(e.value)


def test_a_batch_goes_on_past_bad_files(tmp_path):
    _bad_files(tmp_path)
    items = list(iter_documents([tmp_path, tmp_path / "missing.md"]))
    failures = [i for i in items if isinstance(i, ReadFailure)]
    docs = [i for i in items if not isinstance(i, ReadFailure)]
    assert {d.name for d in docs} == {"good", "a", "c"}
    bad_line = [f for f in failures if f.path.endswith("bad.jsonl")]
    assert bad_line and bad_line[0].line == 2 and "not JSON" in bad_line[0].message
    assert len(failures) == 7


def test_cli_reports_failures_at_the_end_without_traceback(tmp_path):
    _bad_files(tmp_path)
    r = subprocess.run([sys.executable, "-m", "communique", "show", str(tmp_path), "--format", "json"],
                       capture_output=True, text=True)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert "document(s) failed" in r.stderr and "binary.md" in r.stderr and "bad.jsonl:2" in r.stderr
    shown = [json.loads(line) for line in r.stdout.splitlines()]
    assert {d["doc"] for d in shown} == {"good", "a", "c"}
