"""Readers: each turns one source into :class:`~communique.model.Document` records.

Formats: Markdown with YAML front matter, plain text, HTML pages (trafilatura,
offline) and JSON Lines (plain or gzip, streamed). Every problem is raised as an
:class:`~communique.errors.InputError` naming the file (and line).
"""
from __future__ import annotations

import datetime as _dt
import gzip
import hashlib
import json
import re
from pathlib import Path
from typing import Any, Iterator

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

__all__ = [
    "DEFAULT_MAX_BYTES",
    "read_markdown",
    "read_text_file",
    "read_html",
    "read_jsonl",
    "decode",
    "document_from_text",
]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # one statement is never near this; a bulk file is JSON Lines
_FENCE = re.compile(r"\A---[ \t]*\r?\n")
_FENCE_END = re.compile(r"^(---|\.\.\.)[ \t]*$", re.M)


def _doc_id(origin: str) -> str:
    return hashlib.sha1(origin.encode("utf-8")).hexdigest()[:16]


def _content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    if not path.exists():
        raise NotFoundError("no such file or folder", path=str(path))
    size = path.stat().st_size
    if size > max_bytes:
        raise TooLargeError(
            f"file is {size / 2**20:.1f} MiB, over the {max_bytes / 2**20:.0f} MiB limit for one document "
            "(split it, or give a bulk archive as JSON Lines)",
            path=str(path),
        )
    return path.read_bytes()


def decode(data: bytes, path: str, warnings: list[str]) -> str:
    """UTF-8 (with or without BOM), else cp1252 with a warning. Binary data is refused."""
    if not data.strip():
        raise EmptyInputError("file is empty", path=path)
    head = data[:8192]
    if b"\x00" in head:
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


def _parties(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = re.split(r"[;,\s]+", value)
    return tuple(str(v).strip().upper() for v in value if str(v).strip())


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
    meta = dict(meta or {})
    body = raw[body_start:]
    cleaned = clean_markdown(body, body_start, markdown=markdown)
    if not cleaned.text.strip():
        raise EmptyInputError("document has no body text", path=path, line=line)
    title = _as_str(meta.pop("title", None)) or ""
    date = _as_str(meta.pop("date", None))
    if not date and meta.get("published_time"):
        date = _as_str(meta["published_time"])[:10]
    kind = _as_str(meta.pop("kind", None)) or infer_kind(title, meta.get("category"))
    extra = {k: v for k, v in meta.items() if k not in ("parties", "source_url", "origin")}
    extra = json.loads(json.dumps(extra, default=str))  # plain JSON values only
    extra["blocks"] = [[b.start, b.end, b.kind, b.level, int(b.marked), b.runin] for b in cleaned.blocks]
    if warnings:
        extra["warnings"] = list(warnings)
    return Document(
        id=_doc_id(origin),
        name=name,
        text=cleaned.text,
        title=title.strip(),
        date=date,
        source_url=_as_str(meta.get("source_url")),
        kind=kind,
        parties=_parties(meta.get("parties")),
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
        data = yaml.safe_load(block) if block.strip() else {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise FrontMatterError(f"front matter is not valid YAML: {problem}", path=path, line=line) from None
    if not isinstance(data, dict):
        raise FrontMatterError("front matter is not a mapping of keys to values", path=path, line=2)
    body_start = end.end()
    if body_start < len(text) and text[body_start] == "\n":
        body_start += 1
    if not text[body_start:].strip():
        raise EmptyInputError("front matter has no body after it", path=path)
    return data, body_start


def read_markdown(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    warnings: list[str] = []
    raw = decode(read_bytes(path, max_bytes), str(path), warnings)
    meta, body_start = split_front_matter(raw, str(path))
    origin = _as_str(meta.get("origin")) or _as_str(meta.get("source_url")) or f"file:{path.name}"
    return document_from_text(
        raw, name=path.stem, origin=origin, path=str(path), meta=meta,
        body_start=body_start, warnings=warnings,
    )


def read_text_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    warnings: list[str] = []
    raw = decode(read_bytes(path, max_bytes), str(path), warnings)
    return document_from_text(
        raw, name=path.stem, origin=f"file:{path.name}", path=str(path),
        meta={"title": path.stem.replace("_", " ")}, markdown=False, warnings=warnings,
    )


def read_html(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Main text, title and date of a government web page, with trafilatura (offline)."""
    import trafilatura  # imported here: only HTML input needs it

    warnings: list[str] = []
    raw_html = decode(read_bytes(path, max_bytes), str(path), warnings)
    result = trafilatura.bare_extraction(
        raw_html, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True, url=None,
    )
    data = result.as_dict() if hasattr(result, "as_dict") else (result or {})
    text = (data.get("text") or "").strip()
    if not text:
        raise EmptyInputError("no main text found in this HTML page", path=str(path))
    meta = {"title": data.get("title") or path.stem, "date": data.get("date"),
            "source_url": data.get("url"), "sitename": data.get("sitename")}
    meta = {k: v for k, v in meta.items() if v}
    # Offsets refer to the extracted text: an HTML page has no plain-text raw form.
    return document_from_text(
        text, name=path.stem, origin=f"file:{path.name}", path=str(path), meta=meta,
        markdown=False, warnings=warnings,
    )


def _jsonl_lines(path: Path) -> Iterator[tuple[int, str]]:
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8", errors="strict") as fh:  # type: ignore[operator]
            for i, line in enumerate(fh, 1):
                yield i, line
    except (OSError, EOFError) as e:
        raise InputError(f"cannot read compressed file: {e}", path=str(path)) from None
    except UnicodeDecodeError:
        raise InputError("file is not UTF-8 text", path=str(path)) from None


def read_jsonl(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | InputError]:
    """Stream a JSON Lines file: one Document per line, or the error of a bad line."""
    if not path.exists():
        raise NotFoundError("no such file or folder", path=str(path))
    source = path.name.split(".")[0]
    for i, line in _jsonl_lines(path):
        if not line.strip():
            continue
        try:
            yield _jsonl_document(path, source, i, line, max_bytes)
        except InputError as e:
            yield e


def _jsonl_document(path: Path, source: str, i: int, line: str, max_bytes: int) -> Document:
    where = str(path)
    if len(line) > max_bytes:
        raise TooLargeError("line is over the size limit for one document", path=where, line=i)
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as e:
        raise JSONLinesError(f"line is not JSON ({e.msg} at column {e.colno})", path=where, line=i) from None
    if not isinstance(rec, dict):
        raise JSONLinesError("line is JSON but not an object", path=where, line=i)
    text = rec.get("text") or rec.get("body") or rec.get("content")
    if not isinstance(text, str) or not text.strip():
        raise JSONLinesError("record has no 'text'", path=where, line=i)
    rid = str(rec.get("id") or f"{source}-{i}")
    meta = {k: v for k, v in rec.items() if k not in ("text", "body", "content", "id")}
    if "iso3" in rec and "parties" not in rec:  # a UN General Debate speech: the speaking state
        meta["parties"] = [rec["iso3"]]
        meta.setdefault("kind", "speech")
        if not meta.get("title"):
            meta["title"] = f"{rec.get('country') or rec['iso3']} at the UN General Debate, session {rec.get('session')} ({rec.get('year')})"
        if not meta.get("date") and rec.get("year"):
            meta["date"] = str(rec["year"])
    name = rid.rsplit("/", 1)[-1]
    return document_from_text(
        text, name=name, origin=f"{source}:{rid}", path=where, meta=meta, line=i,
        markdown=True,
    )
