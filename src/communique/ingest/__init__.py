"""Reading statements: files, folders, globs and bulk JSON Lines into Documents."""
from .readers import DEFAULT_MAX_BYTES, decode, document_from_text
from .sources import expand_paths, iter_documents, read_document

__all__ = ["iter_documents", "read_document", "expand_paths", "document_from_text", "decode", "DEFAULT_MAX_BYTES"]
