"""Each input that used to crash a run, hang it or blow its memory is now that input's
own problem: a one-line ``path[:line]: problem`` naming the field, or a document read
as meant. (tests/test_fuzz.py mixes them with real statements by the thousand.)"""
from __future__ import annotations

import gzip
import json
import os
import resource

import pytest

from communique import iter_documents
from communique.model import ReadFailure
from communique.nlp.segment import MAX_SENTENCE, cap_spans

BODY = "We will cooperate with Japan.\n"


def fm(lines: str) -> str:
    return "---\n" + lines + "\n---\n" + BODY


def read(path):
    return list(iter_documents([path]))


@pytest.mark.parametrize("front,field,problem", [
    ("date: 2023-13-45", "date", "not a real date"),
    ("date: yesterday", "date", "must be a date"),
    ("date: [2023, 1]", "date", "must be a date"),
    ("date: 2023.5", "date", "must be a date"),
    ("date: True", "date", "must be a date"),
    ("parties: 5", "parties", "list of codes"),
    ("parties: 5.5", "parties", "list of codes"),
    ("parties: true", "parties", "list of codes"),
    ("title: {a: 1}", "title", "must be text"),
    ("date: " + "9" * 5000, "date", "must be a date"),
])
def test_bad_front_matter_fields_are_named_with_their_line(tmp_path, front, field, problem):
    p = tmp_path / "s.md"
    p.write_text(fm("title: T\n" + front if field != "title" else front), encoding="utf-8")
    [f] = read(p)
    assert isinstance(f, ReadFailure)
    assert f"field '{field}'" in f.message and problem in f.message
    assert f.line == (3 if field != "title" else 2) and "s.md" in str(f)


@pytest.mark.parametrize("front,problem", [
    ("a: " + "[" * 800 + "]" * 800, "nested more than"),
    ("".join("  " * i + "k:\n" for i in range(600)) + "  " * 600 + "k: 1", "front matter is"),
    ("a: &a [*a]", "anchors or aliases"),
    ('a: &a ["lol","lol"]\nb: &b [*a,*a,*a]\nc: [*b,*b,*b]', "anchors or aliases"),
])
def test_yaml_bombs_and_deep_nesting_are_refused_fast(tmp_path, front, problem):
    p = tmp_path / "bomb.md"
    p.write_text(fm(front), encoding="utf-8")
    [f] = read(p)
    assert isinstance(f, ReadFailure) and problem in f.message


def test_a_timezone_datetime_keeps_its_date(tmp_path):
    p = tmp_path / "tz.md"
    p.write_text(fm("date: 2023-01-13T23:30:00-05:00\nparties: USA, JPN"), encoding="utf-8")
    [d] = read(p)
    assert d.date == "2023-01-13" and d.parties == ("USA", "JPN")


def test_jsonl_bad_lines_are_skipped_one_by_one(tmp_path):
    p = tmp_path / "bulk.jsonl"
    p.write_bytes(b"\xef\xbb\xbf" + b"\n".join([
        json.dumps({"id": "first", "text": "We will cooperate."}).encode(),  # line 1 after a BOM
        b'{"text": "x", "n": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        json.dumps({"id": "types", "text": "x", "parties": 5}).encode(),
        b'{"id": "bad-utf8", "text": "caf\xe9"}',
        b'{"id": "lone", "text": "We will \\ud800 cooperate."}',
        b'{"text": "x", "n": ' + b"9" * 5000 + b"}",
        json.dumps({"id": "last", "text": "We call on Russia to withdraw."}).encode(),
    ]) + b"\n")
    items = read(p)
    docs = {d.name: d for d in items if not isinstance(d, ReadFailure)}
    fails = {f.line: f.message for f in items if isinstance(f, ReadFailure)}
    assert set(docs) == {"first", "lone", "last"}
    assert "\ufffd" in docs["lone"].text  # a lone surrogate becomes U+FFFD: storable
    assert set(fails) == {2, 3, 4, 6}
    assert "nested" in fails[2] and "'parties'" in fails[3] and "not valid UTF-8" in fails[4]


def test_gzip_corrupt_midway_keeps_what_came_before(tmp_path):
    lines = b"".join(json.dumps({"id": f"r{i}", "text": f"We will cooperate number {i}."}).encode() + b"\n" for i in range(300))
    g = gzip.compress(lines)
    p = tmp_path / "bad.jsonl.gz"
    p.write_bytes(g[: len(g) // 2])
    items = read(p)
    docs = [d for d in items if not isinstance(d, ReadFailure)]
    assert docs and docs[0].name == "r0"
    assert isinstance(items[-1], ReadFailure) and "corrupt or truncated" in items[-1].message


def test_a_huge_gzip_line_is_skipped_without_being_held(tmp_path):
    p = tmp_path / "big.jsonl.gz"
    chunk = b"a" * (1 << 20)
    with gzip.open(p, "wb") as fh:
        fh.write(b'{"text": "')
        for _ in range(256):
            fh.write(chunk)
        fh.write(b'"}\n{"id": "after", "text": "We will cooperate."}\n')
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    items = read(p)
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert isinstance(items[0], ReadFailure) and "limit" in items[0].message and items[0].line == 1
    assert items[1].name == "after"
    assert grown_mib < 100  # a 256 MiB line was never materialised


def test_fifos_and_device_links_are_refused_by_name_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")
    os.symlink("/dev/zero", tmp_path / "zero.md")
    os.symlink("/dev/urandom", tmp_path / "rand.jsonl")
    for name, kind in (("pipe.md", "FIFO"), ("zero.md", "character device"), ("rand.jsonl", "character device")):
        [f] = read(tmp_path / name)
        assert isinstance(f, ReadFailure) and kind in f.message and name in f.path


def test_a_latin1_file_name_is_read_and_named(tmp_path):
    raw = os.fsencode(tmp_path) + b"/caf\xe9.md"
    with open(raw, "wb") as fh:
        fh.write(fm("title: T").encode())
    [d] = read(tmp_path)
    assert d.name == "caf\\xe9" and d.path.endswith("caf\\xe9.md")
    d.path.encode("utf-8")  # storable


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_bom_and_wide_encodings_are_detected(tmp_path, encoding):
    p = tmp_path / "enc.md"
    p.write_bytes(fm("title: Wide\ndate: 2023-01-01").encode(encoding))
    [d] = read(p)
    assert d.title == "Wide" and d.date == "2023-01-01" and d.text == BODY.strip()


def test_an_empty_folder_is_named(tmp_path):
    [f] = read(tmp_path)
    assert isinstance(f, ReadFailure) and "holds no statement file" in f.message


def test_over_long_sentences_are_capped_at_soft_breaks():
    text = ", ".join(["we will cooperate with Japan on security"] * 200)
    spans = cap_spans(text, [(0, len(text))])
    assert len(spans) > 1 and all(e - s <= MAX_SENTENCE for s, e in spans)
    assert all(text[e - 1] != " " and text[s] != " " for s, e in spans)
    assert " ".join(text[s:e] for s, e in spans).replace(", ", ",").replace(" ", "") == text.replace(", ", ",").replace(" ", "")
    blob = "x" * 5000  # no break at all: a hard cut
    assert cap_spans(blob, [(0, 5000)]) == [(0, 1500), (1500, 3000), (3000, 4500), (4500, 5000)]
