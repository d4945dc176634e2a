"""The SQLite store: documents, sentences, acts, mentions; full-text search in FTS5.

WAL mode lets readers query while an ingest writes. Each document is written in
one transaction (old rows deleted, new ones inserted), so the database never holds
half a document, even if the process is killed mid-write.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import json
import re
import sqlite3
import time
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..errors import QueryError, StoreError
from ..ingest.readers import READERS
from ..model import Act, Document, Extraction, Mention, Sentence
from ..schema import (ACT_SQL_COLUMNS, DOCUMENT_SQL_COLUMNS, MENTION_SQL_COLUMNS, SENTENCE_SQL_COLUMNS, act_from_row,
                      act_row_from_sql, act_to_sql, document_from_record, document_record, document_to_sql,
                      participants_of, record_from_sql, record_to_sql)
from .query import ActFilter, where_acts, where_documents
from .schema import MIGRATIONS, SCHEMA_VERSION

__all__ = ["Store"]

MAX_QUERY = 1000
BUSY_SECONDS = 60  # a writer waits this long for another one before giving up
_UNQUOTED = re.compile(r'"[^"]*"?|[^"]+')


def _insert(table: str, columns: tuple[str, ...]) -> str:
    # "end" is an SQL keyword, so every column is quoted
    return "INSERT INTO {} ({}) VALUES ({})".format(table, ", ".join(f'"{c}"' for c in columns), ", ".join("?" * len(columns)))


# every table's columns come from its record's schema (communique.schema, derived from the dataclasses)
_INSERT_ACT = _insert("acts", ACT_SQL_COLUMNS)
_DOCUMENT_COLUMNS = DOCUMENT_SQL_COLUMNS + ("year", "rules", "ingested_at")  # the store's own columns last
_INSERT_DOCUMENT = _insert("documents", _DOCUMENT_COLUMNS)
_INSERT_SENTENCE = _insert("sentences", ("doc_id",) + SENTENCE_SQL_COLUMNS)
_INSERT_MENTION = _insert("mentions", ("doc_id",) + MENTION_SQL_COLUMNS)
# an act row with its document's metadata and its lineage (id and status there)
_ACT_ROWS = ("SELECT a.*, d.name AS doc, d.date, d.title, d.kind, d.source_url, d.parties, m.lineage_id AS lineage, m.status"
             " FROM acts a JOIN documents d ON d.id = a.doc_id LEFT JOIN lineage_members m ON m.act_id = a.id")
_DASHED = re.compile(r'(?:(?<=\s)|^)-(?=[^\s"-])(\S+)')


def _retry_locked(fn, seconds: float = BUSY_SECONDS):
    """Run ``fn``, retrying while SQLite says the database is locked (some steps,
    such as switching to WAL, do not wait on the busy handler)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return fn()
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) and "busy" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def fts_query(query: str) -> tuple[str, bool]:
    """The FTS5 query for what a user typed, and whether it needs the index of words as
    written: a term with ``*`` is a prefix of words as written, so it is looked up
    there (stemmed, "cooperat*" would match nothing). A bare term starting with "-"
    is a word, not a column filter ("-japan" finds "japan"); exclude with NOT."""
    parts = []
    prefix = False
    for m in _UNQUOTED.finditer(query):
        chunk = m.group()
        if not chunk.startswith('"'):
            prefix = prefix or "*" in chunk
            chunk = _DASHED.sub(lambda d: '"' + d.group(1).replace('"', "") + '"', chunk)
        parts.append(chunk)
    return "".join(parts), prefix


class Store:
    """One SQLite database. ``readonly=True`` opens it without any write access."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        self.readonly = readonly
        try:
            if readonly:
                if not Path(self.path).exists():
                    raise StoreError("database does not exist", path=self.path)
                uri = Path(self.path).resolve().as_uri() + "?mode=ro"
                self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            else:
                self._conn = sqlite3.connect(self.path, timeout=BUSY_SECONDS, check_same_thread=False)
                self._conn.execute(f"PRAGMA busy_timeout={BUSY_SECONDS * 1000}")
                _retry_locked(lambda: self._conn.execute("PRAGMA journal_mode=WAL"))
                self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.row_factory = sqlite3.Row
            self._conn.execute("PRAGMA foreign_keys=ON")
            self._conn.execute(f"PRAGMA busy_timeout={BUSY_SECONDS * 1000}")
            self._migrate()
        except sqlite3.DatabaseError as e:
            raise StoreError(f"cannot open database: {e}", path=self.path) from None

    # ---- schema -------------------------------------------------------------
    def _version(self) -> int:
        has_meta = self._conn.execute("SELECT 1 FROM sqlite_master WHERE name='meta'").fetchone()
        if not has_meta:
            return 0
        row = self._conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _migrate(self) -> None:
        version = self._version()
        if version > SCHEMA_VERSION:
            raise StoreError(f"database schema {version} is newer than this communique ({SCHEMA_VERSION}); upgrade communique", path=self.path)
        if version == SCHEMA_VERSION:
            return
        if self.readonly:
            raise StoreError(f"database schema {version} needs migrating to {SCHEMA_VERSION}: open it once for writing", path=self.path)
        # One writer migrates while the others wait (busy timeout), then find it done.
        _retry_locked(lambda: self._conn.execute("BEGIN IMMEDIATE"))
        try:
            version = self._version()
            for v in sorted(k for k in MIGRATIONS if k > version):
                for stmt in _split_sql(MIGRATIONS[v]):
                    self._conn.execute(stmt)
                self._conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)", (str(v),))
            self._conn.commit()
        except BaseException:
            self._conn.rollback()
            raise

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- writing ------------------------------------------------------------
    def status(self, doc: Document, rules: str) -> str:
        """``new``, ``unchanged`` or ``changed`` for a document about to be ingested."""
        row = self._conn.execute("SELECT content_hash, rules FROM documents WHERE id = ?", (doc.id,)).fetchone()
        if row is None:
            return "new"
        return "unchanged" if row["content_hash"] == doc.content_hash and row["rules"] == rules else "changed"

    def write(self, ex: Extraction, rules: str) -> None:
        """Replace everything stored for this document, in one transaction."""
        d = ex.document
        now = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
        try:
            with self._conn:
                self._conn.execute("BEGIN IMMEDIATE")
                self._conn.execute("DELETE FROM documents WHERE id = ?", (d.id,))
                doc = document_to_sql(d, ex.participants) | {"year": d.year, "rules": rules, "ingested_at": now}
                self._conn.execute(_INSERT_DOCUMENT, tuple(doc[c] for c in _DOCUMENT_COLUMNS))
                self._conn.executemany("INSERT OR IGNORE INTO document_parties(doc_id, code) VALUES (?, ?)",
                                      [(d.id, c) for c in d.parties])
                self._conn.executemany(_INSERT_SENTENCE, [(d.id,) + record_to_sql(s) for s in ex.sentences])
                for a in ex.acts:
                    cur = self._conn.execute(_INSERT_ACT, act_to_sql(a, d.id))
                    rows = [(cur.lastrowid, "actor", c) for c in a.actors] + [(cur.lastrowid, "target", c) for c in a.targets] + [
                        (cur.lastrowid, "issue", i) for i in a.issues]
                    self._conn.executemany("INSERT INTO act_codes(act_id, role, code) VALUES (?,?,?)", rows)
                self._conn.executemany(_INSERT_MENTION, [(d.id,) + record_to_sql(m) for m in ex.mentions])
        except sqlite3.DatabaseError as e:
            raise StoreError(f"could not store {d.name}: {e}", path=self.path) from None

    # ---- reading ------------------------------------------------------------
    def document_row(self, ref: str) -> dict[str, Any] | None:
        """A document's record (:func:`~communique.schema.document_record`, its structured values
        decoded) and the store's own columns (``year``, ``rules``, ``ingested_at``), by id, by
        name (file name without extension), or by file path."""
        row = self._document_row(ref)
        return None if row is None else _document_dict(row)

    def _document_row(self, ref: str) -> sqlite3.Row | None:
        row = self._conn.execute("SELECT * FROM documents WHERE id = ?", (ref,)).fetchone()
        if row is None:
            name = Path(ref).name
            # a file named by a suffix a reader is registered for: its name is the document's
            suffix = next((s for s in sorted(READERS, key=len, reverse=True) if name.lower().endswith(s)), None)
            if suffix:
                name = name[: -len(suffix)]
            row = self._conn.execute("SELECT * FROM documents WHERE name = ? ORDER BY date DESC LIMIT 1", (name,)).fetchone()
        return row

    def document(self, ref: str) -> Document | None:
        row = self._document_row(ref)
        return _document(row) if row is not None else None

    def sentences(self, doc_id: str) -> list[Sentence]:
        rows = self._conn.execute('SELECT * FROM sentences WHERE doc_id = ? ORDER BY n', (doc_id,)).fetchall()
        return [record_from_sql(Sentence, r) for r in rows]

    def mentions(self, doc_id: str) -> list[Mention]:
        rows = self._conn.execute('SELECT * FROM mentions WHERE doc_id = ? ORDER BY start, id', (doc_id,)).fetchall()
        return [record_from_sql(Mention, r) for r in rows]

    def acts_of(self, doc_id: str) -> list[tuple[int, Act]]:
        rows = self._conn.execute(
            'SELECT a.*, d.name FROM acts a JOIN documents d ON d.id = a.doc_id WHERE a.doc_id = ? ORDER BY a.sentence, a.start',
            (doc_id,)).fetchall()
        return [(r["id"], _act(r)) for r in rows]

    def act_rows_of(self, doc_id: str) -> list[dict[str, Any]]:
        """A document's acts as :meth:`acts` gives them (with its metadata and their lineage), in text order."""
        return [_act_row(r) for r in self._conn.execute(
            _ACT_ROWS + " WHERE a.doc_id = ? ORDER BY a.sentence, a.start", (doc_id,))]

    def documents(self, f: ActFilter | None = None, text: str | None = None, order: str = "date DESC") -> list[dict[str, Any]]:
        f = (f or ActFilter()).validated()
        clauses, params = where_documents(f)
        if text:
            clauses.append("(d.title LIKE ? OR d.name LIKE ?)")
            params.extend([f"%{text}%", f"%{text}%"])
        order_sql = {"date DESC": "d.date DESC, d.name", "date ASC": "d.date ASC, d.name", "title": "d.title"}.get(order, "d.date DESC, d.name")
        sql = ("SELECT d.id, d.name, d.title, d.date, d.kind, d.parties, d.source_url,"
               " (SELECT COUNT(*) FROM acts a WHERE a.doc_id = d.id) AS acts,"
               " (SELECT COUNT(*) FROM acts a WHERE a.doc_id = d.id AND a.commitment = 1) AS commitments"
               " FROM documents d" + (" WHERE " + " AND ".join(clauses) if clauses else "") + f" ORDER BY {order_sql}")
        if f.limit is not None:
            sql += " LIMIT ?"
            params.append(f.limit)
        return [dict(r) | {"parties": json.loads(r["parties"])} for r in self._conn.execute(sql, params)]

    def acts(self, f: ActFilter | None = None) -> Iterator[dict[str, Any]]:
        """Acts with their document's metadata and their lineage (id and status there), oldest first."""
        f = (f or ActFilter()).validated()
        c1, p1 = where_documents(f)
        c2, p2 = where_acts(f)
        where = " AND ".join(c1 + c2)
        sql = _ACT_ROWS + (f" WHERE {where}" if where else "") + " ORDER BY d.date, d.name, a.sentence, a.start"
        params = p1 + p2
        if f.limit is not None:
            sql += " LIMIT ?"
            params.append(f.limit)
        for r in self._conn.execute(sql, params):
            yield _act_row(r)

    def search(self, query: str, f: ActFilter | None = None) -> list[dict[str, Any]]:
        """Sentences matching an FTS5 query, best first (bm25), with snippets and acts."""
        f = (f or ActFilter()).validated()
        q = (query or "").strip()
        if not q:
            raise QueryError("empty query: give words to search for", field="query")
        if len(q) > MAX_QUERY:
            raise QueryError(f"query is {len(q)} characters long; the limit is {MAX_QUERY}", field="query")
        c1, p1 = where_documents(f)
        c2, p2 = where_acts(f)
        typed = q
        q, prefix = fts_query(q)
        fts = "sentences_words" if prefix else "sentences_fts"
        act_clause = ""
        if c2:
            # the per-sentence index, not the type index the planner may otherwise pick
            act_clause = (" AND EXISTS (SELECT 1 FROM acts a INDEXED BY acts_doc WHERE a.doc_id = s.doc_id AND a.sentence = s.n AND "
                          + " AND ".join(c2) + ")")
        sql = ("SELECT s.id, s.doc_id, s.n, s.start, s.\"end\", s.text, d.name, d.date, d.title, d.kind,"
               f" snippet({fts}, 0, '«', '»', '…', 24) AS snippet, bm25({fts}) AS score"
               f" FROM {fts} JOIN sentences s ON s.id = {fts}.rowid JOIN documents d ON d.id = s.doc_id"
               f" WHERE {fts} MATCH ?" + "".join(" AND " + c for c in c1) + act_clause +
               " ORDER BY score LIMIT ?")
        params = [q] + p1 + p2 + [f.limit if f.limit is not None else 20]
        try:
            rows = self._conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as e:
            raise QueryError(f"malformed search query {typed!r}: {e}. Quote phrases (\"status quo\"), "
                             "use AND / OR / NOT in capitals, and * after a prefix (sanction*)", field="query") from None
        except sqlite3.DatabaseError as e:  # e.g. a pattern too complex
            raise QueryError(f"search query cannot be run: {e}", field="query") from None
        out = []
        for r in rows:
            acts = [_act_row(a) for a in self._conn.execute(
                _ACT_ROWS + " WHERE a.doc_id = ? AND a.sentence = ? ORDER BY a.start", (r["doc_id"], r["n"]))]
            out.append({"doc": r["name"], "doc_id": r["doc_id"], "date": r["date"], "title": r["title"], "sentence": r["n"],
                        "start": r["start"], "end": r["end"], "text": r["text"], "snippet": r["snippet"],
                        "score": round(-r["score"], 4), "acts": acts})
        return out

    def lineage_count(self) -> int:
        return self._conn.execute("SELECT COUNT(*) FROM lineages").fetchone()[0]

    def codes(self) -> set[str]:
        """Every actor, target and party code the store holds."""
        rows = self._conn.execute("SELECT DISTINCT code FROM act_codes WHERE role IN ('actor', 'target')"
                                 " UNION SELECT DISTINCT code FROM document_parties").fetchall()
        return {r[0] for r in rows}

    # ---- lineages ----------------------------------------------------------------
    def clear_lineages(self) -> None:
        with self._conn:
            self._conn.execute("DELETE FROM lineage_members")
            self._conn.execute("DELETE FROM lineages")

    def prune_lineages(self) -> set[str]:
        """Drop lineages left with no member; the ids of those that lost some (to recompute)."""
        with self._conn:
            self._conn.execute("DELETE FROM lineages WHERE NOT EXISTS (SELECT 1 FROM lineage_members m WHERE m.lineage_id = lineages.id)")
            return {r[0] for r in self._conn.execute(
                "SELECT l.id FROM lineages l WHERE l.size != (SELECT COUNT(*) FROM lineage_members m WHERE m.lineage_id = l.id)")}

    def unlinked_acts(self) -> list[tuple]:
        """Acts in no lineage, in date order: (id, doc_id, type, modality, actors, evidence, negated, date)."""
        return [tuple(r) for r in self._conn.execute(
            "SELECT a.id, a.doc_id, a.type, a.modality, a.actors, a.evidence, a.negated, d.date FROM acts a"
            " JOIN documents d ON d.id = a.doc_id WHERE NOT EXISTS (SELECT 1 FROM lineage_members m WHERE m.act_id = a.id)"
            " ORDER BY d.date, d.name, a.sentence, a.start")]

    def sentence_texts(self) -> Iterator[str]:
        for r in self._conn.execute("SELECT text FROM sentences ORDER BY doc_id, n"):
            yield r[0]

    def evidence_texts(self) -> Iterator[str]:
        for r in self._conn.execute("SELECT evidence FROM acts"):
            yield r[0]

    def lineage_member_rows(self) -> Iterator[tuple]:
        """(lineage id, type, family, actors, act id, doc id, date, similarity, evidence, negated, modality, act type)."""
        for r in self._conn.execute(
                "SELECT l.id, l.type, l.family, l.actors, m.act_id, m.doc_id, m.date, m.similarity, a.evidence, a.negated,"
                " a.modality, a.type FROM lineages l JOIN lineage_members m ON m.lineage_id = l.id JOIN acts a ON a.id = m.act_id"
                " ORDER BY m.date"):
            yield tuple(r)

    def act_evidence(self, act_ids: list[int]) -> dict[int, tuple[str, list[str]]]:
        """Evidence and targets of the given acts."""
        out: dict[int, tuple[str, list[str]]] = {}
        for i in range(0, len(act_ids), 500):
            chunk = act_ids[i:i + 500]
            for row in self._conn.execute("SELECT id, evidence, targets FROM acts WHERE id IN (SELECT value FROM json_each(?))",
                                         (json.dumps(chunk),)):
                out[row[0]] = (row[1], json.loads(row[2]))
        return out

    def write_lineages(self, records: Iterable[tuple[tuple, list[tuple]]]) -> None:
        """Store lineages: each a row (id, type, family, canonical, first, last, actors, targets, size) and its
        members (act_id, doc_id, date, status, similarity); a lineage's old members are replaced."""
        records = list(records)
        with self._conn:  # three statements for the whole batch, not three per lineage
            self._conn.executemany("INSERT OR REPLACE INTO lineages (id, type, family, canonical, first, last, actors, targets, size)"
                                   " VALUES (?,?,?,?,?,?,?,?,?)", [row for row, _ in records])
            self._conn.executemany("DELETE FROM lineage_members WHERE lineage_id = ?", [(row[0],) for row, _ in records])
            self._conn.executemany("INSERT INTO lineage_members (lineage_id, act_id, doc_id, date, status, similarity)"
                                   " VALUES (?,?,?,?,?,?)", [(row[0],) + tuple(m) for row, members in records for m in members])

    def lineages_in(self, doc_id: str) -> dict[int, tuple[str, int, str]]:
        """Each act of a document with its lineage: act id -> (lineage id, size, status)."""
        return {r[0]: (r[1], r[2], r[3]) for r in self._conn.execute(
            "SELECT m.act_id, l.id, l.size, m.status FROM lineage_members m JOIN lineages l ON l.id = m.lineage_id WHERE m.doc_id = ?",
            (doc_id,))}

    def lineage_row(self, lineage_id: str) -> dict[str, Any] | None:
        """One lineage's own row (actors and targets decoded), or None."""
        row = self._conn.execute("SELECT * FROM lineages WHERE id = ?", (lineage_id,)).fetchone()
        return None if row is None else dict(row) | {"actors": json.loads(row["actors"]), "targets": json.loads(row["targets"])}

    def lineage_members(self, lineage_id: str) -> list[dict[str, Any]]:
        """A lineage's members in date order, each with its act and document."""
        rows = self._conn.execute(
            "SELECT m.status, m.similarity, m.doc_id, d.name AS doc, d.date, d.title, a.id AS act_id, a.evidence, a.start,"
            ' a."end", a.sentence, a.modality, a.actors FROM lineage_members m JOIN acts a ON a.id = m.act_id'
            " JOIN documents d ON d.id = m.doc_id WHERE m.lineage_id = ? ORDER BY d.date, d.name", (lineage_id,))
        return [dict(r) | {"actors": json.loads(r["actors"])} for r in rows]

    def lineages_matching(self, fts: str, party: str | None = None, limit: int = 2000) -> list[dict[str, Any]]:
        """Lineages with a member act in a sentence matching the FTS5 query ``fts``:
        (id, size, canonical, evidence of that member), optionally in a party's documents."""
        sql = ("SELECT DISTINCT l.id, l.size, l.canonical, a.evidence FROM sentences_fts f JOIN sentences s ON s.id = f.rowid"
               " JOIN acts a ON a.doc_id = s.doc_id AND a.sentence = s.n JOIN lineage_members m ON m.act_id = a.id"
               " JOIN lineages l ON l.id = m.lineage_id WHERE sentences_fts MATCH ?")
        params: list[Any] = [fts]
        if party:
            sql += " AND EXISTS (SELECT 1 FROM document_parties p WHERE p.doc_id = s.doc_id AND p.code = ?)"
            params.append(party.upper())
        try:
            return [dict(r) for r in self._conn.execute(sql + " LIMIT ?", params + [limit])]
        except sqlite3.OperationalError as e:  # a malformed FTS5 query: the caller's mistake, said as one
            raise QueryError(f"malformed lineage query {fts!r}: {e}", field="query") from None

    def acts_by_code(self, role: str, code: str, other_role: str | None = None, other: str | None = None,
                     where: ActFilter | None = None) -> list[tuple]:
        """(type, commitment, goldstein, date) of the acts with ``code`` in ``role`` (and ``other`` in
        ``other_role``), narrowed by ``where``'s other filters (type, issue, dates ...; not its actor,
        target or limit)."""
        if role not in ("actor", "target", "issue") or other_role not in (None, "actor", "target", "issue"):
            raise QueryError(f"unknown role {role!r} / {other_role!r}")
        sql = ("SELECT a.type, a.commitment, a.goldstein, d.date FROM acts a JOIN documents d ON d.id = a.doc_id"
               " WHERE EXISTS (SELECT 1 FROM act_codes c WHERE c.act_id = a.id AND c.role = ? AND c.code = ?)")
        params: list[Any] = [role, code]
        if other_role and other:
            sql += " AND EXISTS (SELECT 1 FROM act_codes c WHERE c.act_id = a.id AND c.role = ? AND c.code = ?)"
            params += [other_role, other]
        if where is not None:
            rest = dataclasses.replace(where, actor=None, target=None, limit=None).validated()
            for clauses, more in (where_acts(rest), where_documents(rest)):
                sql += "".join(f" AND {c}" for c in clauses)
                params += more
        return [tuple(r) for r in self._conn.execute(sql, params)]

    def document_by_id_or_name(self, ref: str) -> dict[str, Any] | None:
        """A document's record as :meth:`document_row` gives it, by exact id or name, or None: no
        file-path guessing."""
        row = self._conn.execute("SELECT * FROM documents WHERE id = ? OR name = ?", (ref, ref)).fetchone()
        return None if row is None else _document_dict(row)

    def document_kinds(self) -> list[str]:
        return [r[0] for r in self._conn.execute("SELECT DISTINCT kind FROM documents WHERE kind IS NOT NULL ORDER BY 1")]

    def document_years(self) -> list[str]:
        """Years with documents, latest first."""
        return [r[0] for r in self._conn.execute(
            "SELECT DISTINCT substr(date,1,4) FROM documents WHERE date IS NOT NULL ORDER BY 1 DESC")]

    def counterparts(self, code: str, limit: int = 12) -> list[tuple[str, str, int]]:
        """(code, role, acts) of the actors and targets that share most acts with ``code``."""
        return [tuple(r) for r in self._conn.execute(
            "SELECT c2.code, c2.role, COUNT(*) FROM act_codes c1 JOIN act_codes c2 ON c2.act_id = c1.act_id"
            " WHERE c1.code = ? AND c1.role IN ('actor','target') AND c2.role IN ('actor','target') AND c2.code != ?"
            " GROUP BY c2.code, c2.role ORDER BY 3 DESC LIMIT ?", (code, code, limit))]

    def documents_with_code(self, code: str, limit: int = 10) -> list[dict[str, Any]]:
        """The latest documents with an act naming ``code`` (id, name, title, date)."""
        return [dict(r) for r in self._conn.execute(
            "SELECT DISTINCT d.id, d.name, d.title, d.date FROM documents d JOIN acts a ON a.doc_id = d.id"
            " JOIN act_codes c ON c.act_id = a.id WHERE c.code = ? ORDER BY d.date DESC LIMIT ?", (code, limit))]

    def document_meta(self) -> list[dict[str, Any]]:
        """Every document's metadata (no text), for deriving series."""
        rows = self._conn.execute("SELECT id, name, title, date, kind, parties, participants FROM documents ORDER BY date, name")
        return [dict(r) | {"parties": json.loads(r["parties"]), "participants": json.loads(r["participants"])} for r in rows]

    def stats(self) -> dict[str, Any]:
        q = self._conn.execute
        return {
            "documents": q("SELECT COUNT(*) FROM documents").fetchone()[0],
            "sentences": q("SELECT COUNT(*) FROM sentences").fetchone()[0],
            "acts": q("SELECT COUNT(*) FROM acts").fetchone()[0],
            "commitments": q("SELECT COUNT(*) FROM acts WHERE commitment = 1").fetchone()[0],
            "documents_by_year": dict(q("SELECT COALESCE(substr(date,1,4),'?'), COUNT(*) FROM documents GROUP BY 1 ORDER BY 1").fetchall()),
            "documents_by_kind": dict(q("SELECT COALESCE(kind,'?'), COUNT(*) FROM documents GROUP BY 1 ORDER BY 2 DESC").fetchall()),
            "documents_by_party": dict(q("SELECT code, COUNT(*) FROM document_parties GROUP BY 1 ORDER BY 2 DESC LIMIT 25").fetchall()),
            "acts_by_type": dict(q("SELECT type, COUNT(*) FROM acts GROUP BY 1 ORDER BY 2 DESC").fetchall()),
            "acts_by_modality": dict(q("SELECT modality, COUNT(*) FROM acts GROUP BY 1 ORDER BY 2 DESC").fetchall()),
            "acts_by_issue": dict(q("SELECT code, COUNT(*) FROM act_codes WHERE role='issue' GROUP BY 1 ORDER BY 2 DESC").fetchall()),
            "top_targets": dict(q("SELECT code, COUNT(*) FROM act_codes WHERE role='target' GROUP BY 1 ORDER BY 2 DESC LIMIT 15").fetchall()),
            "top_actors": dict(q("SELECT code, COUNT(*) FROM act_codes WHERE role='actor' GROUP BY 1 ORDER BY 2 DESC LIMIT 15").fetchall()),
        }


def _split_sql(script: str) -> list[str]:
    """Statements of a migration script; trigger bodies keep their inner semicolons."""
    out, buf, depth = [], [], 0
    for line in script.strip().splitlines():
        buf.append(line)
        up = line.strip().upper()
        if up.startswith("CREATE TRIGGER"):
            depth = 1
        if depth and up == "END;":
            depth = 0
        if not depth and line.rstrip().endswith(";"):
            out.append("\n".join(buf))
            buf = []
    if "".join(buf).strip():
        out.append("\n".join(buf))
    return out


def _document(r: sqlite3.Row) -> Document:
    return document_from_record(r)


def _document_dict(r: sqlite3.Row) -> dict[str, Any]:
    """A stored document as its record (JSON values, not JSON text) and the store's own columns."""
    rec = document_record(_document(r), participants_of(r), json_text=False)
    return rec | {k: r[k] for k in r.keys() if k not in rec}


def _act(r: sqlite3.Row) -> Act:
    return act_from_row(r)


def _act_row(r: sqlite3.Row) -> dict[str, Any]:
    return act_row_from_sql(r)
