"""The store in Datasette: ``datasette communique.db``.

A Datasette plugin (declared as a ``datasette`` entry point in pyproject.toml, so
installing communique with its ``[datasette]`` extra is all it takes). For every
database Datasette serves that is a communique store, it supplies:

- titles and descriptions of the store and of each table and its main columns;
- full-text search on ``sentences`` through the ``sentences_fts`` index (FTS5
  syntax: ``"status quo"``, ``prefix*``, ``AND``/``OR``/``NOT``);
- facets: acts by type, modality, actor, target, issue, commitment; statements by
  kind, year and party; lineages by type and actor; mentions by kind and code (with
  a facet time limit of 3 s instead of 0.2 s, which the array facets need on a store
  of hundreds of statements, unless ``--setting facet_time_limit_ms`` says otherwise);
- a canned query "Acts by party and year" (the acts table has no party or year);
- the statement text shown as text (line breaks kept) in a scrolling box.

No file is needed. Where the plugin cannot be installed, write the same metadata
to a file and pass it: ``python -m communique.storage.datasette communique.db >
metadata.json && datasette communique.db -m metadata.json``.
"""
from __future__ import annotations

import copy
import functools
import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

from ..model import ACT_TYPES, MODALITIES

__all__ = ["metadata", "is_store"]

TITLE = "communique"
DESCRIPTION = ("Official diplomatic statements and the acts found in them: who commits, reaffirms, supports, "
               "condemns or calls on whom, with the exact evidence span in the statement's text.")

_TABLES: dict[str, dict[str, Any]] = {
    "documents": {
        "title": "Statements",
        "description": "One row per statement: metadata and the stored plain text that every offset points into.",
        "label_column": "title",
        "sort_desc": "date",
        "facets": ["kind", "year", {"array": "parties"}, "origin"],
        "columns": {
            "name": "file name without its extension (the 'doc' of predictions and gold files)",
            "parties": "issuing parties (JSON list of codes)",
            "participants": "issuers plus the counterparts a readout reports meeting (JSON list)",
            "text": "the plain text; acts' and sentences' start/end are character offsets into it",
            "rules": "fingerprint of the rules the acts were extracted with",
        },
    },
    "sentences": {
        "title": "Sentences (full-text search)",
        "description": "Every sentence of every statement, searchable: FTS5 syntax, e.g. \"status quo\", deterr*, AND, OR, NOT.",
        "fts_table": "sentences_fts",
        "fts_pk": "id",
        "searchmode": "raw",
        "label_column": "text",
        "facets": ["doc_id", "list_item"],
        "columns": {"n": "position in the statement", "start": "character offset in the statement's text",
                    "lead_in": "for a list item, the sentence that introduces the list"},
    },
    "acts": {
        "title": "Acts",
        "description": "One row per act: type, modality, actors, targets, issues, CAMEO/PLOVER codes, and the evidence span.",
        "label_column": "evidence",
        "facets": ["type", "modality", {"array": "actors"}, {"array": "targets"}, {"array": "issues"}, "commitment"],
        "columns": {
            "type": "act type: " + ", ".join(ACT_TYPES),
            "modality": ", ".join(MODALITIES[:-1]) + " or " + MODALITIES[-1],
            "actors": "who acts (JSON list of codes)", "targets": "toward whom (JSON list of codes)",
            "issues": "issue areas (JSON list)", "commitment": "1 for a commitment",
            "start": "character offset of the evidence in the statement's text", "end": "end offset (exclusive)",
            "rule": "the rule or lexicon entry that produced the act",
        },
    },
    "act_codes": {"title": "Act codes", "description": "Actors, targets and issues of each act, one row each (for joins).",
                  "facets": ["role", "code"]},
    "document_parties": {"title": "Statement parties", "description": "The issuing parties of each statement, one row each.",
                         "facets": ["code"]},
    "mentions": {"title": "Actor mentions", "description": "States, organisations, people and initiatives named in the text.",
                 "facets": ["kind", "code"], "label_column": "text"},
    "lineages": {"title": "Lineages", "description": "A commitment followed from statement to statement.",
                 "label_column": "canonical", "sort_desc": "size", "facets": ["type", {"array": "actors"}, "family"]},
    "lineage_members": {"title": "Lineage members", "description": "The acts of each lineage: new, repeated, reworded.",
                        "facets": ["status"]},
    "meta": {"hidden": True},
}

_QUERIES = {
    "acts_by_party_and_year": {
        "title": "Acts by party and year",
        "description": "The acts of the statements a party issued, in a year (leave a field empty for all).",
        "sql": (
            "select a.id, d.date, d.title, a.type, a.modality, a.actors, a.targets, a.issues, a.evidence, a.doc_id\n"
            "from acts a join documents d on d.id = a.doc_id\n"
            "where (:party = '' or a.doc_id in (select doc_id from document_parties where code = upper(:party)))\n"
            "  and (:year = '' or d.year = cast(:year as integer))\n"
            "  and (:type = '' or a.type = upper(:type))\n"
            "order by d.date, a.id limit 1000"
        ),
    },
}


def metadata(database: str) -> dict[str, Any]:
    """Datasette metadata for a communique store served under the name ``database``."""
    return {
        "title": TITLE,
        "description": DESCRIPTION,
        "databases": {database: {"title": f"{TITLE}: {database}", "description": DESCRIPTION,
                                 "tables": copy.deepcopy(_TABLES), "queries": copy.deepcopy(_QUERIES)}},
    }


@functools.lru_cache(maxsize=64)
def is_store(path: str) -> bool:
    """Whether the SQLite file at ``path`` is a communique store (read-only look)."""
    try:
        con = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    except (sqlite3.Error, OSError, ValueError):
        return False
    try:
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        if not {"meta", "documents", "sentences", "acts", "sentences_fts"} <= names:
            return False
        return con.execute("SELECT 1 FROM meta WHERE key = 'schema_version'").fetchone() is not None
    except sqlite3.Error:
        return False
    finally:
        con.close()


def _stores(datasette) -> list[str]:
    return [name for name, db in datasette.databases.items() if getattr(db, "path", None) and is_store(str(db.path))]


try:  # the hooks exist only where Datasette is installed
    from datasette import hookimpl
except ImportError:  # pragma: no cover - communique without the [datasette] extra
    hookimpl = None

# Datasette's array facets (actors, targets, issues, parties) deduplicate whole rows, text
# columns included: on the 415 curated statements the parties facet took 0.3-0.6 s and the
# actors facet 0.25 s, over Datasette's default limit of 200 ms, so they silently vanished.
FACET_TIME_LIMIT_MS = 3000
_DATASETTE_DEFAULT_FACET_MS = 200


if hookimpl is not None:

    @hookimpl
    def startup(datasette):
        # Raised only where a communique store is served and the limit is still Datasette's
        # default: a limit set with --setting stays. There is no public setter; the settings
        # live in ``_settings`` (Datasette is pinned, and a test checks the effect).
        if _stores(datasette) and datasette.setting("facet_time_limit_ms") == _DATASETTE_DEFAULT_FACET_MS:
            datasette._settings["facet_time_limit_ms"] = FACET_TIME_LIMIT_MS

    @hookimpl
    def get_metadata(datasette, key, database, table):
        stores = _stores(datasette)
        if not stores:
            return {}
        out: dict[str, Any] = {"title": TITLE, "description": DESCRIPTION, "databases": {}}
        for name in stores:
            out["databases"].update(metadata(name)["databases"])
        return out

    @hookimpl
    def render_cell(row, value, column, table, database, datasette):
        if table != "documents" or column != "text" or not isinstance(value, str) or database not in _stores(datasette):
            return None
        from markupsafe import Markup, escape

        return Markup('<div class="communique-text" style="white-space: pre-wrap; max-height: 32em; overflow-y: auto; '
                      f'min-width: 36em; max-width: 60em">{escape(value)}</div>')


if __name__ == "__main__":  # python -m communique.storage.datasette STORE.db > metadata.json
    if len(sys.argv) != 2:
        sys.exit("usage: python -m communique.storage.datasette STORE.db > metadata.json")
    print(json.dumps(metadata(Path(sys.argv[1]).stem), indent=2))
