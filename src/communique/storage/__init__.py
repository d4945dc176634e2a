"""The embedded store (SQLite, FTS5) and the filters that query it."""
from .query import ActFilter
from .store import Store

__all__ = ["Store", "ActFilter"]
