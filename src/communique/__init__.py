"""communique: diplomatic statements into structured, source-linked acts.

The public API is listed in ``__all__`` (and pinned by a test).
"""
from __future__ import annotations

__version__ = "0.1.0"

from .errors import CommuniqueError
from .ingest import iter_documents, read_document
from .model import Act, Document, Extraction, Mention, OffsetMap, ReadFailure, Sentence
from .rules import Rules

__all__ = [
    "__version__",
    "Act",
    "CommuniqueError",
    "Document",
    "Extraction",
    "Mention",
    "OffsetMap",
    "ReadFailure",
    "Rules",
    "Sentence",
    "iter_documents",
    "read_document",
]
