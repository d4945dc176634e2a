"""Readers: each turns one source into :class:`~communique.model.Document` records.

Formats: Markdown with YAML front matter, plain text, HTML pages (trafilatura,
offline) and JSON Lines (plain or gzip, streamed). Every problem is raised as an
:class:`~communique.errors.InputError` naming the file (and line).
"""
from __future__ import annotations

import codecs
import datetime as _dt
import gzip
import hashlib
import json
import os
import re
import stat
import zlib
from pathlib import Path
from dataclasses import dataclass
from typing import Any, BinaryIO, Callable, Iterator

import yaml

from ..errors import (
    BinaryInputError,
    EmptyInputError,
    FrontMatterError,
    InputError,
    JSONLinesError,
    NotFoundError,
    TooLargeError,
)
from ..model import Document
from .clean import clean_markdown
from .kinds import infer_kind
from .validate import MetaError, check_depth, load_yaml, storable, validate_meta

__all__ = [
    "DEFAULT_MAX_BYTES",
    "READERS",
    "Reader",
    "reader",
    "reader_for",
    "suffix_of",
    "read_markdown",
    "read_text_file",
    "read_html",
    "read_jsonl",
    "decode",
    "document_from_text",
    "open_regular",
    "shown",
]

@dataclass(frozen=True)
class Reader:
    """How files of one suffix are read: ``read(path, max_bytes)`` gives one Document, or,
    where ``many`` (a bulk file), yields Documents and InputErrors line by line."""

    read: Callable[..., Any]
    many: bool = False


READERS: dict[str, Reader] = {}
"""File suffix (lower case, with its dot) -> its reader; each reader registers itself below
with :func:`reader`. The suffixes a folder is searched for are this registry's keys."""


def reader(*suffixes: str, many: bool = False):
    """Register the decorated function as the reader of files ending in ``suffixes``."""
    def wrap(fn):
        for s in suffixes:
            READERS[s] = Reader(fn, many)
        return fn
    return wrap


def suffix_of(path: Path) -> str:
    """A file's registered suffix (``.jsonl.gz`` is one), else its last suffix, lower case."""
    name = path.name.lower()
    for s in READERS:
        if s.count(".") > 1 and name.endswith(s):
            return s
    return path.suffix.lower()


def reader_for(path: Path) -> Reader:
    """The reader of ``path`` by its suffix; a file named with any other suffix is read as Markdown."""
    return READERS.get(suffix_of(path)) or READERS[".md"]


DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # one statement is never near this; a bulk file is JSON Lines
_FENCE = re.compile(r"\A---[ \t]*\r?\n")
_FENCE_END = re.compile(r"^(---|\.\.\.)[ \t]*$", re.M)


def _doc_id(origin: str) -> str:
    return hashlib.sha1(origin.encode("utf-8")).hexdigest()[:16]


def _content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def shown(path: str | Path) -> str:
    """A path as text any terminal or database takes: undecodable bytes of a file
    name (latin-1 names on a UTF-8 system) are written as \\xNN escapes."""
    text = str(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _kind_of(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "not a regular file"


def open_regular(path: Path) -> BinaryIO:
    """Open a regular file for reading. FIFOs, devices, sockets (and links to them) are
    refused by name, and never block: the file is opened non-blocking and checked."""
    where = shown(path)
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{_kind_of(st.st_mode)}, not a regular file: only regular files are read", path=where)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise NotFoundError("no such file or folder", path=where) from None
    except OSError as e:
        raise InputError(f"cannot open: {e.strerror}", path=where) from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):  # replaced between the check and the open
        os.close(fd)
        raise InputError(f"{_kind_of(st.st_mode)}, not a regular file: only regular files are read", path=where)
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a regular file, never more than ``max_bytes`` read."""
    with open_regular(path) as fh:
        size = os.fstat(fh.fileno()).st_size
        data = fh.read(max_bytes + 1) if size <= max_bytes else b""
    if size > max_bytes or len(data) > max_bytes:
        size = max(size, len(data))
        raise TooLargeError(
            f"file is {size / 2**20:.1f} MiB, over the {max_bytes / 2**20:.0f} MiB limit for one document "
            "(split it, or give a bulk archive as JSON Lines)",
            path=shown(path),
        )
    return data


def _utf16(data: bytes) -> str | None:
    """The UTF-16 encoding of BOM-less text, by where its NUL bytes fall (ASCII-heavy text)."""
    head = data[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode(data: bytes, path: str, warnings: list[str]) -> str:
    """UTF-8 (with or without BOM), UTF-16/32 (by BOM, or UTF-16 by its NUL pattern),
    else cp1252 with a warning. Binary data is refused."""
    if not data.strip():
        raise EmptyInputError("file is empty", path=path)
    wide = None
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            wide = enc
            break
    wide = wide or _utf16(data)
    if wide:
        text = data.decode(wide, errors="replace").lstrip("\ufeff").replace("\x00", "")
        if "\ufffd" in text:
            warnings.append(f"{path}: invalid {wide.upper()} sequences replaced")
        if not text.strip():
            raise EmptyInputError("file is empty", path=path)
    else:
        if b"\x00" in data[:8192]:
            raise BinaryInputError("file is binary (it holds NUL bytes), not a text document", path=path)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            line = data[: e.start].count(b"\n") + 1
            try:
                text = data.decode("cp1252")
                enc = "cp1252"
            except UnicodeDecodeError:
                text = data.decode("latin-1")
                enc = "latin-1"
            warnings.append(f"{path}:{line}: not valid UTF-8; read as {enc}")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > 0.05 * min(len(text), 8192):
        raise BinaryInputError("file is binary (mostly control characters), not a text document", path=path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _as_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    return str(value)


def document_from_text(
    raw: str,
    *,
    name: str,
    origin: str,
    path: str | None = None,
    meta: dict[str, Any] | None = None,
    body_start: int = 0,
    markdown: bool = True,
    line: int | None = None,
    warnings: list[str] | None = None,
) -> Document:
    """Build a Document from raw text whose body begins at ``body_start``."""
    try:
        meta = validate_meta(dict(meta or {}))
    except MetaError as e:
        raise (FrontMatterError if line is None else JSONLinesError)(str(e), path=path, line=line) from None
    raw = storable(raw)
    body = raw[body_start:]
    cleaned = clean_markdown(body, body_start, markdown=markdown)
    if not cleaned.text.strip():
        raise EmptyInputError("document has no body text", path=path, line=line)
    title = _as_str(meta.pop("title", None)) or ""
    date = _as_str(meta.pop("date", None))
    kind = _as_str(meta.pop("kind", None)) or infer_kind(title, meta.get("category") if isinstance(meta.get("category"), str) else None)
    extra = {k: v for k, v in meta.items() if k not in ("parties", "source_url", "origin")}
    extra = json.loads(json.dumps(extra, default=str, allow_nan=False))  # plain JSON values only
    extra["blocks"] = [[b.start, b.end, b.kind, b.level, int(b.marked), b.runin] for b in cleaned.blocks]
    if warnings:
        extra["warnings"] = list(warnings)
    return Document(
        id=_doc_id(origin),
        name=name,
        text=cleaned.text,
        title=title.strip()[:1000],
        date=date,
        source_url=_as_str(meta.get("source_url")),
        kind=kind,
        parties=tuple(meta.get("parties") or ()),
        origin=origin,
        path=path,
        line=line,
        content_hash=_content_hash(raw),
        meta=extra,
        offsets=cleaned.offsets,
        raw=raw,
    )


def split_front_matter(text: str, path: str) -> tuple[dict[str, Any], int]:
    """Return the front matter mapping and the offset where the body starts."""
    m = _FENCE.match(text)
    if not m:
        return {}, 0
    end = _FENCE_END.search(text, m.end())
    if not end:
        raise FrontMatterError("front matter opened with '---' is never closed", path=path, line=1)
    block = text[m.end() : end.start()]
    try:
        data = load_yaml(block) if block.strip() else {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise FrontMatterError(f"front matter is not valid YAML: {problem}", path=path, line=line) from None
    except (MetaError, ValueError, RecursionError) as e:
        raise FrontMatterError(str(e) if isinstance(e, MetaError) else f"front matter cannot be read: {e}", path=path, line=2) from None
    if not isinstance(data, dict):
        raise FrontMatterError("front matter is not a mapping of keys to values", path=path, line=2)
    try:
        data = validate_meta(data)
    except MetaError as e:
        raise FrontMatterError(str(e), path=path, line=_key_line(block, e.field)) from None
    body_start = end.end()
    if body_start < len(text) and text[body_start] == "\n":
        body_start += 1
    if not text[body_start:].strip():
        raise EmptyInputError("front matter has no body after it", path=path)
    return data, body_start


def _key_line(block: str, field: str | None) -> int:
    """The file line of ``field:`` in the front matter (the fence is line 1)."""
    key = (field or "").split(".")[0]
    m = re.search(rf"^{re.escape(key)}[ \t]*:", block, re.M) if key else None
    return block.count("\n", 0, m.start()) + 2 if m else 2


@reader(".md", ".markdown")
def read_markdown(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    warnings: list[str] = []
    where = shown(path)
    raw = decode(read_bytes(path, max_bytes), where, warnings)
    meta, body_start = split_front_matter(raw, where)
    origin = meta.get("origin") or meta.get("source_url") or f"file:{shown(path.name)}"
    return document_from_text(
        raw, name=shown(path.stem), origin=origin, path=where, meta=meta,
        body_start=body_start, warnings=warnings,
    )


@reader(".txt", ".text")
def read_text_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    warnings: list[str] = []
    where = shown(path)
    raw = decode(read_bytes(path, max_bytes), where, warnings)
    return document_from_text(
        raw, name=shown(path.stem), origin=f"file:{shown(path.name)}", path=where,
        meta={"title": shown(path.stem).replace("_", " ")}, markdown=False, warnings=warnings,
    )


@reader(".html", ".htm")
def read_html(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Main text, title and date of a government web page, with trafilatura (offline)."""
    import trafilatura  # imported here: only HTML input needs it

    warnings: list[str] = []
    where = shown(path)
    raw_html = decode(read_bytes(path, max_bytes), where, warnings)
    result = trafilatura.bare_extraction(
        raw_html, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True, url=None,
    )
    data = result.as_dict() if hasattr(result, "as_dict") else (result or {})
    text = (data.get("text") or "").strip()
    if not text:
        raise EmptyInputError("no main text found in this HTML page", path=where)
    meta = {"title": data.get("title") or shown(path.stem), "date": data.get("date"),
            "source_url": data.get("url"), "sitename": data.get("sitename")}
    meta = {k: v for k, v in meta.items() if v}
    # Offsets refer to the extracted text: an HTML page has no plain-text raw form.
    return document_from_text(
        text, name=shown(path.stem), origin=f"file:{shown(path.name)}", path=where, meta=meta,
        markdown=False, warnings=warnings,
    )


_DRAIN = 1 << 20


def _jsonl_lines(path: Path, max_line: int) -> Iterator[tuple[int, bytes | InputError]]:
    """Lines of a JSON Lines file (plain or gzip) as bytes, streamed: a line over
    ``max_line`` bytes is skipped without being held, and a corrupt compressed
    stream ends the file with an error after the lines read so far."""
    where = shown(path)
    with open_regular(path) as raw:
        stream: BinaryIO = gzip.GzipFile(fileobj=raw, mode="rb") if path.name.endswith(".gz") else raw  # type: ignore[assignment]
        i = 0
        while True:
            try:
                line = stream.readline(max_line + 1)
                if not line:
                    return
                i += 1
                if len(line) > max_line and not line.endswith(b"\n"):
                    while True:  # drain the rest of the line, a chunk at a time
                        chunk = stream.readline(_DRAIN)
                        if not chunk or chunk.endswith(b"\n"):
                            break
                    yield i, TooLargeError(f"line is over the {max_line / 2**20:.0f} MiB limit for one document; skipped",
                                           path=where, line=i)
                    continue
            except (OSError, EOFError, zlib.error) as e:
                yield i + 1, InputError(f"compressed data is corrupt or truncated here ({e}); the rest of the file is skipped",
                                        path=where, line=i + 1)
                return
            yield i, line


@reader(".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", many=True)
def read_jsonl(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | InputError]:
    """Stream a JSON Lines file: one Document per line, or the error of a bad line."""
    source = shown(path.name.split(".")[0])
    for i, line in _jsonl_lines(path, max_bytes):
        if isinstance(line, InputError):
            yield line
            continue
        if i == 1 and line.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            yield JSONLinesError("JSON Lines must be UTF-8; this file is UTF-16", path=shown(path), line=1)
            return
        if i == 1 and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8):]
        if not line.strip():
            continue
        try:
            yield _jsonl_document(path, source, i, line, max_bytes)
        except InputError as e:
            yield e


def _jsonl_document(path: Path, source: str, i: int, data: bytes, max_bytes: int) -> Document:
    where = shown(path)
    if len(data) > max_bytes:
        raise TooLargeError("line is over the size limit for one document", path=where, line=i)
    try:
        line = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise JSONLinesError(f"line is not valid UTF-8 (byte 0x{data[e.start]:02x} at column {e.start + 1}); skipped",
                             path=where, line=i) from None
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as e:
        raise JSONLinesError(f"line is not JSON ({e.msg} at column {e.colno})", path=where, line=i) from None
    except RecursionError:
        raise JSONLinesError("line is JSON nested too deeply to read", path=where, line=i) from None
    except ValueError as e:  # an integer of thousands of digits
        raise JSONLinesError(f"line is not usable JSON ({e})", path=where, line=i) from None
    if not isinstance(rec, dict):
        raise JSONLinesError("line is JSON but not an object", path=where, line=i)
    try:
        check_depth(rec)
    except MetaError as e:
        raise JSONLinesError(str(e), path=where, line=i) from None
    text = rec.get("text") or rec.get("body") or rec.get("content")
    if not isinstance(text, str) or not text.strip():
        raise JSONLinesError("record has no 'text' (a non-empty string)", path=where, line=i)
    rid = rec.get("id")
    if rid is not None and (isinstance(rid, bool) or not isinstance(rid, (str, int))):
        raise JSONLinesError(f"field 'id' must be text or a number, not {type(rid).__name__}", path=where, line=i)
    rid = storable(str(rid if rid not in (None, "") else f"{source}-{i}"))
    meta = {k: v for k, v in rec.items() if k not in ("text", "body", "content", "id")}
    iso3 = rec.get("iso3")
    if iso3 is not None and "parties" not in rec:  # a UN General Debate speech: the speaking state
        if not isinstance(iso3, str):
            raise JSONLinesError(f"field 'iso3' must be a code, not {type(iso3).__name__}", path=where, line=i)
        meta["parties"] = [iso3]
        meta.setdefault("kind", "speech")
        if not meta.get("title"):
            meta["title"] = f"{rec.get('country') or iso3} at the UN General Debate, session {rec.get('session')} ({rec.get('year')})"
        if not meta.get("date") and rec.get("year"):
            meta["date"] = rec["year"] if isinstance(rec["year"], (int, str)) else repr(rec["year"])
    name = rid.rsplit("/", 1)[-1][:200] or rid[:200]
    return document_from_text(
        text, name=name, origin=f"{source}:{rid}", path=where, meta=meta, line=i,
        markdown=True,
    )
