"""Exports for analysts' tools: CSV, JSON Lines, Parquet, GDELT-style and PLOVER-style."""
from .formats import EXPORTERS, FORMATS, export_acts, gdelt_rows, plover_records

__all__ = ["EXPORTERS", "FORMATS", "export_acts", "gdelt_rows", "plover_records"]
