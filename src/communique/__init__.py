"""communique: diplomatic statements into structured, source-linked acts.

The public API is listed in ``__all__`` (and pinned by a test).
"""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError as _PackageNotFoundError
from importlib.metadata import version as _version

try:  # defined once, in pyproject.toml; read from the installed package's metadata
    __version__ = _version("communique")
except _PackageNotFoundError:  # a source tree on sys.path, never installed
    __version__ = "0+unknown"

from .corpus import Corpus, IngestReport
from .errors import CommuniqueError
from .ingest import iter_documents, read_document
from .model import Act, Document, Extraction, Mention, OffsetMap, ReadFailure, Sentence
from .rules import Rules
from .storage import ActFilter


def __getattr__(name: str):
    # The Extractor imports spaCy: load it only when asked for.
    if name == "Extractor":
        from .nlp.extractor import Extractor

        return Extractor
    raise AttributeError(f"module 'communique' has no attribute {name!r}")


__all__ = [
    "__version__",
    "Act",
    "ActFilter",
    "CommuniqueError",
    "Corpus",
    "Document",
    "Extraction",
    "Extractor",
    "IngestReport",
    "Mention",
    "OffsetMap",
    "ReadFailure",
    "Rules",
    "Sentence",
    "iter_documents",
    "read_document",
]
