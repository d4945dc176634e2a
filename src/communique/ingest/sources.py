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
from .readers import DEFAULT_MAX_BYTES, READERS, reader_for, shown, suffix_of

__all__ = ["iter_documents", "read_document", "expand_paths", "SUFFIXES", "STATEMENT_SUFFIXES"]

SUFFIXES = tuple(READERS)
"""Every suffix a reader is registered for (:data:`~communique.ingest.readers.READERS`)."""
STATEMENT_SUFFIXES = tuple(s for s, r in READERS.items() if not r.many)
"""The suffixes of single-statement files (not bulk JSON Lines)."""


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
                if not f.name.startswith(".") and suffix_of(f) in READERS and not f.is_dir():
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
    r = reader_for(path)
    if r.many:
        raise InputError("a JSON Lines file holds many documents: use iter_documents()", path=shown(path))
    return r.read(path, max_bytes)


def iter_documents(paths: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | ReadFailure]:
    """Yield every document under ``paths`` in order, streaming JSON Lines files."""
    for item in expand_paths(paths):
        if isinstance(item, ReadFailure):
            yield item
            continue
        try:
            r = reader_for(item)
            if r.many:
                for rec in r.read(item, max_bytes):
                    if isinstance(rec, InputError):
                        yield ReadFailure(rec.path or shown(item), rec.message, rec.line)
                    else:
                        yield rec
            else:
                yield read_document(item, max_bytes)
        except InputError as e:
            yield ReadFailure(e.path or shown(item), e.message, e.line)
