"""Walk paths (files, folders, globs) and yield documents or read failures.

One bad file never stops a run: its error is yielded as a
:class:`~communique.model.ReadFailure` and the walk goes on.
"""
from __future__ import annotations

import glob
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import InputError, NotFoundError
from ..model import Document, ReadFailure
from .readers import DEFAULT_MAX_BYTES, read_html, read_jsonl, read_markdown, read_text_file, shown

__all__ = ["iter_documents", "read_document", "expand_paths", "SUFFIXES"]

SUFFIXES = (".md", ".markdown", ".txt", ".text", ".html", ".htm", ".jsonl", ".jsonl.gz", ".ndjson")


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for s in (".jsonl.gz", ".ndjson.gz"):
        if name.endswith(s):
            return s
    return path.suffix.lower()


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | ReadFailure]:
    """Files named, files under folders (recursive, sorted), and glob matches. Under a
    folder, a statement-named entry that is not a regular file (a FIFO, a link to a
    device) is yielded too, for the reader to refuse by name; a folder holding no
    statement file is a failure."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = 0
            for f in sorted(path.rglob("*")):
                if not f.name.startswith(".") and _suffix(f) in SUFFIXES + (".ndjson.gz",) and not f.is_dir():
                    found += 1
                    yield f
            if not found:
                yield ReadFailure(shown(path), f"folder holds no statement file ({', '.join(SUFFIXES)})")
        elif path.exists():
            yield path
        elif any(ch in str(p) for ch in "*?["):
            matches = sorted(Path(m) for m in glob.glob(str(p), recursive=True))
            files = [m for m in matches if m.is_file()]
            if not files:
                yield ReadFailure(shown(p), "pattern matches no file")
            yield from files
        else:
            yield ReadFailure(shown(p), "no such file or folder")


def read_document(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one single-document file (Markdown, text or HTML)."""
    path = Path(path)
    if not path.exists():
        raise NotFoundError("no such file or folder", path=shown(path))
    s = _suffix(path)
    if s in (".html", ".htm"):
        return read_html(path, max_bytes)
    if s in (".txt", ".text"):
        return read_text_file(path, max_bytes)
    if s in (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz"):
        raise InputError("a JSON Lines file holds many documents: use iter_documents()", path=shown(path))
    return read_markdown(path, max_bytes)


def iter_documents(paths: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | ReadFailure]:
    """Yield every document under ``paths`` in order, streaming JSON Lines files."""
    for item in expand_paths(paths):
        if isinstance(item, ReadFailure):
            yield item
            continue
        try:
            if _suffix(item) in (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz"):
                for rec in read_jsonl(item, max_bytes):
                    if isinstance(rec, InputError):
                        yield ReadFailure(rec.path or shown(item), rec.message, rec.line)
                    else:
                        yield rec
            else:
                yield read_document(item, max_bytes)
        except InputError as e:
            yield ReadFailure(e.path or shown(item), e.message, e.line)
