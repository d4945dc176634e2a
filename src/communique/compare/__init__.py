"""Across statements: lineages of commitments, statement diffs, trends over time."""
from .diff import diff_documents
from .lineage import LineageReport, find_lineages, lineage, lineage_record, update_lineages
from .series import previous_statement, series_of
from .threads import load_threads, score_threads
from .trends import trends

__all__ = ["update_lineages", "LineageReport", "find_lineages", "lineage", "lineage_record", "diff_documents", "trends",
           "series_of", "previous_statement", "load_threads", "score_threads"]
