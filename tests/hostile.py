"""A generator of hostile input, mixed with good statements (the real ones in samples/).

``generate(folder, n, seed, good)`` writes ``n`` hostile entries of the classes a
stranger's files come in (broken front matter, YAML bombs, deep JSON, bad encodings,
FIFOs and device links, text with no sentence end, huge lines in gzip...) and
``good`` real statements, each with its own origin. It returns a :class:`Mix` naming
the good documents every run must store. Used by tests/test_fuzz.py and
bench/bench_fuzz.py.
"""
from __future__ import annotations

import gzip
import json
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
BODY = "We will cooperate with Japan on maritime security.\n\nThe United States calls on China to respect the status quo.\n"
VOCAB = "we will cooperate with Japan on security and the economy including supply chains climate and space".split()


@dataclass
class Mix:
    folder: Path
    extra_paths: list[Path] = field(default_factory=list)  # entries named directly (FIFOs, device links)
    good: set[str] = field(default_factory=set)  # names of documents that must be stored
    classes: dict[str, int] = field(default_factory=dict)


def _fm(lines: str, body: str = BODY) -> bytes:
    return ("---\n" + lines + "\n---\n" + body).encode("utf-8")


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(VOCAB) for _ in range(n))


# ---- the classes: each returns (file name suffix, bytes) --------------------------------

def _front_matter(rng: random.Random, k: int):
    bad = rng.choice([
        "date: 2023-13-45", "date: 2023-02-30", "date: 2023-00-10", "date: 2023-01-13T10:00:00+09:00",
        "date: 2023-01-13 25:61:00", "parties: 5", "parties: 5.5", "parties: true", "parties: {USA: 1}",
        "parties: [[USA]]", "parties: [5, 6]", "title: {a: 1}", "title: [a, b]", "kind: {x: y}", "source_url: [1]",
        "date: yesterday", "date: [2023, 1]", "date: 2023.5", "date: True", "date: {y: 2023}", "date: 99999",
        "date: " + "9" * 5000, "n: " + "9" * 6000, "title: " + "9" * 5000, "date: .inf", "date: .nan",
        "source_url: 'javascript:alert(document.domain)'", "source_url: 'data:text/html,<script>alert(1)</script>'",
        "title: !!python/object/apply:os.system ['echo pwned']", "title: !!binary aGVsbG8=", "origin: {a: b}",
        "a: &a [*a]", 'a: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b]\nd: [*c,*c,*c,*c]',
        "? [a, b]\n: c", "- just\n- a list", "just a scalar", "title: 'unclosed", "\ttitle: tab", "title: x\ntitle: y",
        "title: \"\\ud800\"", "\x00title: nul",
    ])
    return ".md", _fm(bad)


def _yaml_deep(rng: random.Random, k: int):
    depth = rng.randint(500, 1000)
    if rng.random() < 0.5:
        return ".md", _fm("a: " + "[" * depth + "]" * depth)
    return ".md", _fm("".join("  " * i + "k:\n" for i in range(depth)) + "  " * depth + "k: 1")


def _yaml_bomb(rng: random.Random, k: int):
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, rng.randint(6, 9)):
        prev = "a" if i == 1 else f"l{i - 1}"
        levels.append(f"l{i}: &l{i} [" + ",".join([f"*{prev}"] * 9) + "]")
    return ".md", _fm("\n".join(levels))


def _big_front_matter(rng: random.Random, k: int):
    return ".md", _fm("title: x\n" + "".join(f"k{i}: {'v' * 50}\n" for i in range(rng.randint(1500, 3000))))


def _unterminated(rng: random.Random, k: int):
    return ".md", ("---\ntitle: x\n" + BODY).encode()


def _jsonl_deep(rng: random.Random, k: int):
    depth = rng.choice([100, 5000, 100_000])
    good = json.dumps({"id": f"deep-good-{k}", "text": "We will cooperate with India."})
    return ".jsonl", ('{"text": "We will.", "x": ' + "[" * depth + "]" * depth + "}\n" + good + "\n").encode(), [f"deep-good-{k}"]


def _jsonl_types(rng: random.Random, k: int):
    recs = [{"text": 5}, {"text": ["a"]}, {"text": {"a": 1}}, {"text": "We will.", "date": True}, {"text": "x", "parties": 5},
            {"text": "x", "title": {"a": 1}}, {"text": "x", "id": [1]}, {"text": "x", "id": {"a": 1}}, {"text": "x", "iso3": 5},
            {"text": "x", "year": [2023], "iso3": "JPN"}, {"text": "x", "date": "2023-13-45"}, {"text": "", "id": "empty"},
            [1, 2, 3], "a string", 5, None]
    lines = [json.dumps(rng.choice(recs)) for _ in range(rng.randint(1, 5))]
    lines += ['{"text": "x", "n": ' + "9" * 5000 + "}", "NaN", '{"text": NaN}', '{"text": "We will.", "date": Infinity}', "{", ""]
    rng.shuffle(lines)
    good_id = f"types-good-{k}"
    lines.insert(rng.randint(0, len(lines)), json.dumps({"id": good_id, "text": "We will support Ukraine.", "date": "2023-05-01"}))
    return ".jsonl", ("\n".join(lines) + "\n").encode(), [good_id]


def _jsonl_encoding(rng: random.Random, k: int):
    good_id = f"enc-good-{k}"
    good = json.dumps({"id": good_id, "text": "We will cooperate with Korea."}).encode()
    bad = [b'{"text": "caf\xe9 \xff\xfe"}', b'{"text": "We will \\ud800 cooperate."}', b'{"text": "\\udfff lone"}',
           b'\x00\x00{"text": "x"}', b'{"text": "ok", "title": "\xc3"}']
    lines = [rng.choice(bad) for _ in range(rng.randint(1, 3))] + [good]
    rng.shuffle(lines)
    data = b"\n".join(lines) + b"\n"
    if rng.random() < 0.3:
        data = b"\xef\xbb\xbf" + data
    names = [good_id]
    if rng.random() < 0.2:  # a whole file in UTF-16 is refused, by name
        data, names = data.decode("utf-8", "replace").encode("utf-16"), []
    return ".jsonl", data, names


def _gzip_corrupt(rng: random.Random, k: int):
    lines = b"".join(json.dumps({"id": f"gz{k}-{i}", "text": f"We will cooperate number {i}."}).encode() + b"\n" for i in range(50))
    g = gzip.compress(lines)
    cut = rng.randint(len(g) // 3, 2 * len(g) // 3)
    if rng.random() < 0.5:
        g = g[:cut] + bytes(rng.randrange(256) for _ in range(20)) + g[cut + 20:]
    else:
        g = g[:cut]  # truncated
    return ".jsonl.gz", g


def _gzip_big_line(rng: random.Random, k: int, size: int = 64 * 2**20):
    path_bytes = _GzBig(size, k)
    return ".jsonl.gz", path_bytes, [f"after-big-{k}"]


class _GzBig(bytes):
    """Marker: a gzip holding one ``size``-byte line, then a good record (written streamed)."""

    def __new__(cls, size: int, k: int):
        obj = super().__new__(cls, b"")
        obj.size, obj.k = size, k
        return obj


def _write_gz_big(path: Path, size: int, k: int) -> None:
    chunk = b"a" * (1 << 20)
    with gzip.open(path, "wb", compresslevel=6) as fh:
        fh.write(b'{"text": "')
        for _ in range(size // len(chunk)):
            fh.write(chunk)
        fh.write(b'"}\n' + json.dumps({"id": f"after-big-{k}", "text": "We will cooperate with Australia."}).encode() + b"\n")


def _encoding(rng: random.Random, k: int):
    text = "---\ntitle: Encoded\ndate: 2023-01-01\n---\n" + BODY
    choice = rng.randrange(9)
    if choice == 0:
        return ".md", text.encode("utf-16")
    if choice == 1:
        return ".md", text.encode("utf-16-le")
    if choice == 2:
        return ".md", text.encode("utf-16-be")
    if choice == 3:
        return ".md", text.encode("utf-32")
    if choice == 4:
        return ".md", b"\xef\xbb\xbf" + text.encode()
    if choice == 5:
        return ".txt", "Caf\xe9 cr\xe8me: we will cooperate.\n".encode("cp1252")
    if choice == 6:
        return ".md", bytes(rng.randrange(256) for _ in range(rng.randint(10, 5000)))
    if choice == 7:
        return ".md", b"\x01\x02\x03" * rng.randint(10, 500)
    return ".txt", (BODY + "\x00" * 3).encode()


def _empty(rng: random.Random, k: int):
    return rng.choice([".md", ".txt", ".jsonl", ".html"]), rng.choice([b"", b"   \n\n", b"---\n---\n", b"---\ntitle: x\n---\n\n"])


def _no_sentence_end(rng: random.Random, k: int):
    n = rng.choice([300, 1000, 3000])  # 1k to 100k words: bench/bench_linear.py
    return ".md", _fm("title: run-on\ndate: 2023-01-01", _words(rng, n) + "\n")


def _table(rng: random.Random, k: int):
    rows = ["| country | commitment | amount |", "| --- | --- | --- |"]
    rows += [f"| Japan | {_words(rng, 6)} | {i} |" for i in range(rng.choice([200, 2000]))]
    return ".md", _fm("title: table", "\n".join(rows) + "\n")


def _long_line(rng: random.Random, k: int):
    return ".txt", (_words(rng, 800) + " ").encode() * 2  # one line of 1,600 words, no newline


def _too_big(rng: random.Random, k: int):
    return ".md", _Sparse(21 * 2**20 + rng.randint(0, 2**20))


class _Sparse(bytes):
    def __new__(cls, size: int):
        obj = super().__new__(cls, b"")
        obj.size = size
        return obj


def _html(rng: random.Random, k: int):
    return ".html", rng.choice([
        b"<html><body><script>alert(1)</script></body></html>", b"<html><head><title>x</title>" + b"<div>" * 5000,
        b"<p>" + b"&#x0;&#xD800;&#99999999;" * 100 + b"</p>", "<html>\ufffe\uffff</html>".encode("utf-8", "surrogatepass"),
    ])


def _markup(rng: random.Random, k: int):
    return ".md", _fm("title: marks", rng.choice([
        "*" * 20000, "[" * 5000 + "](" * 5000, "<" * 10000 + "a", "&" + "#" * 5000 + ";", "\\" * 9999,
        "- " * 3000 + "item", "#" * 7 + " heading\n" * 500, "\u202e\u0645\u200b" * 3000, "\U0001f600" * 20000,
    ]) + "\n")


HOSTILE = {  # class -> (weight, maker)
    "front-matter": (22, _front_matter), "yaml-deep": (3, _yaml_deep), "yaml-bomb": (3, _yaml_bomb),
    "front-matter-large": (1, _big_front_matter), "unterminated": (2, _unterminated), "jsonl-deep": (4, _jsonl_deep),
    "jsonl-types": (10, _jsonl_types), "jsonl-encoding": (8, _jsonl_encoding), "gzip-corrupt": (4, _gzip_corrupt),
    "encoding": (12, _encoding), "empty": (6, _empty), "no-sentence-end": (0.5, _no_sentence_end), "table": (0.2, _table),
    "long-line": (0.5, _long_line), "too-big": (1, _too_big), "html": (3, _html), "markup": (3, _markup),
    "gzip-big-line": (0.02, _gzip_big_line),
}
DIRECT = ("fifo", "dev-zero", "dev-urandom", "broken-link", "folder-named-md", "latin1-name")


def _good(folder: Path, k: int, seed: int) -> str:
    samples = sorted(SAMPLES.glob("*.md"))
    src = samples[k % len(samples)].read_text(encoding="utf-8")
    assert src.startswith("---\n")
    head, body = src[4:].split("\n---\n", 1)
    head = "\n".join(line for line in head.splitlines() if not line.startswith("origin:"))
    name = f"good-{seed}-{k:03d}"
    (folder / f"{name}.md").write_text(f"---\n{head}\norigin: fuzz:{seed}:{k}\n---\n{body}", encoding="utf-8")
    return name


def generate(folder: Path, n: int, seed: int, good: int = 100, big_line: int = 64 * 2**20) -> Mix:
    """Write ``n`` hostile entries and ``good`` real statements under ``folder``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    mix = Mix(folder)
    names, weights = list(HOSTILE), [w for w, _ in HOSTILE.values()]
    for k in range(good):
        mix.good.add(_good(folder, k, seed))
    for k in range(n):
        if k < len(DIRECT):
            _direct(mix, DIRECT[k], k)
            continue
        cls = "gzip-big-line" if k == len(DIRECT) else rng.choices(names, weights)[0]  # one huge line in every mix
        mix.classes[cls] = mix.classes.get(cls, 0) + 1
        out = HOSTILE[cls][1](rng, k)
        suffix, data = out[0], out[1]
        path = folder / f"h{k:05d}-{cls}{suffix}"
        if isinstance(data, _GzBig):
            _write_gz_big(path, big_line, k)
        elif isinstance(data, _Sparse):
            with open(path, "wb") as fh:
                fh.truncate(data.size)
        else:
            path.write_bytes(data)
        if len(out) > 2:
            mix.good.update(out[2])
    return mix


def _direct(mix: Mix, kind: str, k: int) -> None:
    path = mix.folder / f"d{k}-{kind}.md"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        os.symlink("/dev/zero", path)
    elif kind == "dev-urandom":
        path = path.with_suffix(".jsonl")
        os.symlink("/dev/urandom", path)
    elif kind == "broken-link":
        os.symlink(mix.folder / "nowhere", path)
    elif kind == "folder-named-md":
        path.mkdir()
        (path / "inner.txt").write_text("We will cooperate with Canada.\n", encoding="utf-8")
        mix.good.add("inner")
    elif kind == "latin1-name":
        raw = os.fsencode(mix.folder) + b"/d%d-caf\xe9.md" % k
        with open(raw, "wb") as fh:
            fh.write(_fm("title: latin-1 name\ndate: 2023-01-01"))
        mix.good.add("d%d-caf\\xe9" % k)
        mix.classes[kind] = 1
        return
    mix.classes[kind] = 1
    mix.extra_paths.append(path)
