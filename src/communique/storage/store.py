"""The SQLite store: documents, sentences, acts, mentions; full-text search in FTS5.

WAL mode lets readers query while an ingest writes. Each document is written in
one transaction (old rows deleted, new ones inserted), so the database never holds
half a document, even if the process is killed mid-write.
"""
from __future__ import annotations

import datetime as _dt
import json
import re
import sqlite3
import time
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..errors import QueryError, StoreError
from ..model import Act, Document, Extraction, Sentence
from ..schema import ACT_SQL_COLUMNS, DOCUMENT_FIELDS, act_from_row, act_row_from_sql, act_to_sql, document_from_record, document_record
from .query import ActFilter, where_acts, where_documents
from .schema import MIGRATIONS, SCHEMA_VERSION

__all__ = ["Store"]

MAX_QUERY = 1000
BUSY_SECONDS = 60  # a writer waits this long for another one before giving up
_UNQUOTED = re.compile(r'"[^"]*"?|[^"]+')
# an act's columns come from its record's schema (communique.schema); "end" is an SQL keyword, so all are quoted
_INSERT_ACT = "INSERT INTO acts ({}) VALUES ({})".format(", ".join(f'"{c}"' for c in ACT_SQL_COLUMNS),
                                                        ", ".join("?" * len(ACT_SQL_COLUMNS)))
_DOCUMENT_COLUMNS = tuple(c for c in DOCUMENT_FIELDS if c != "line") + ("year", "rules", "ingested_at")
_INSERT_DOCUMENT = "INSERT INTO documents ({}) VALUES ({})".format(", ".join(_DOCUMENT_COLUMNS), ", ".join("?" * len(_DOCUMENT_COLUMNS)))
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
                self.conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            else:
                self.conn = sqlite3.connect(self.path, timeout=BUSY_SECONDS, check_same_thread=False)
                self.conn.execute(f"PRAGMA busy_timeout={BUSY_SECONDS * 1000}")
                _retry_locked(lambda: self.conn.execute("PRAGMA journal_mode=WAL"))
                self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute(f"PRAGMA busy_timeout={BUSY_SECONDS * 1000}")
            self._migrate()
        except sqlite3.DatabaseError as e:
            raise StoreError(f"cannot open database: {e}", path=self.path) from None

    # ---- schema -------------------------------------------------------------
    def _version(self) -> int:
        has_meta = self.conn.execute("SELECT 1 FROM sqlite_master WHERE name='meta'").fetchone()
        if not has_meta:
            return 0
        row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
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
        _retry_locked(lambda: self.conn.execute("BEGIN IMMEDIATE"))
        try:
            version = self._version()
            for v in sorted(k for k in MIGRATIONS if k > version):
                for stmt in _split_sql(MIGRATIONS[v]):
                    self.conn.execute(stmt)
                self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)", (str(v),))
            self.conn.commit()
        except BaseException:
            self.conn.rollback()
            raise

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- writing ------------------------------------------------------------
    def status(self, doc: Document, rules: str) -> str:
        """``new``, ``unchanged`` or ``changed`` for a document about to be ingested."""
        row = self.conn.execute("SELECT content_hash, rules FROM documents WHERE id = ?", (doc.id,)).fetchone()
        if row is None:
            return "new"
        return "unchanged" if row["content_hash"] == doc.content_hash and row["rules"] == rules else "changed"

    def write(self, ex: Extraction, rules: str) -> None:
        """Replace everything stored for this document, in one transaction."""
        d = ex.document
        now = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
        try:
            with self.conn:
                self.conn.execute("BEGIN IMMEDIATE")
                self.conn.execute("DELETE FROM documents WHERE id = ?", (d.id,))
                doc = document_record(d, ex.participants)
                doc.update(parties=json.dumps(doc["parties"]), participants=json.dumps(doc["participants"]), year=d.year,
                           rules=rules, ingested_at=now)
                self.conn.execute(_INSERT_DOCUMENT, tuple(doc[c] for c in _DOCUMENT_COLUMNS))
                self.conn.executemany("INSERT OR IGNORE INTO document_parties(doc_id, code) VALUES (?, ?)",
                                      [(d.id, c) for c in d.parties])
                self.conn.executemany(
                    'INSERT INTO sentences (doc_id, n, start, "end", text, paragraph, list_item, heading, lead_in) VALUES (?,?,?,?,?,?,?,?,?)',
                    [(d.id, s.n, s.start, s.end, s.text, s.paragraph, int(s.list_item), s.heading, s.lead_in) for s in ex.sentences],
                )
                for a in ex.acts:
                    cur = self.conn.execute(_INSERT_ACT, act_to_sql(a, d.id))
                    rows = [(cur.lastrowid, "actor", c) for c in a.actors] + [(cur.lastrowid, "target", c) for c in a.targets] + [
                        (cur.lastrowid, "issue", i) for i in a.issues]
                    self.conn.executemany("INSERT INTO act_codes(act_id, role, code) VALUES (?,?,?)", rows)
                self.conn.executemany(
                    'INSERT INTO mentions (doc_id, sentence, start, "end", text, code, kind, rule) VALUES (?,?,?,?,?,?,?,?)',
                    [(d.id, m.sentence, m.start, m.end, m.text, m.code, m.kind, m.rule) for m in ex.mentions],
                )
        except sqlite3.DatabaseError as e:
            raise StoreError(f"could not store {d.name}: {e}", path=self.path) from None

    # ---- reading ------------------------------------------------------------
    def document_row(self, ref: str) -> sqlite3.Row | None:
        """A document by id, by name (file name without extension), or by file path."""
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (ref,)).fetchone()
        if row is None:
            name = Path(ref).name
            for suffix in (".md", ".markdown", ".txt", ".html", ".htm"):
                if name.endswith(suffix):
                    name = name[: -len(suffix)]
            row = self.conn.execute("SELECT * FROM documents WHERE name = ? ORDER BY date DESC LIMIT 1", (name,)).fetchone()
        return row

    def document(self, ref: str) -> Document | None:
        row = self.document_row(ref)
        return _document(row) if row is not None else None

    def sentences(self, doc_id: str) -> list[Sentence]:
        rows = self.conn.execute('SELECT * FROM sentences WHERE doc_id = ? ORDER BY n', (doc_id,)).fetchall()
        return [Sentence(r["n"], r["start"], r["end"], r["text"], r["paragraph"], bool(r["list_item"]), r["heading"], r["lead_in"]) for r in rows]

    def acts_of(self, doc_id: str) -> list[tuple[int, Act]]:
        rows = self.conn.execute(
            'SELECT a.*, d.name FROM acts a JOIN documents d ON d.id = a.doc_id WHERE a.doc_id = ? ORDER BY a.sentence, a.start',
            (doc_id,)).fetchall()
        return [(r["id"], _act(r)) for r in rows]

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
        return [dict(r) | {"parties": json.loads(r["parties"])} for r in self.conn.execute(sql, params)]

    def acts(self, f: ActFilter | None = None) -> Iterator[dict[str, Any]]:
        """Acts with their document's metadata and their lineage (id and status there), oldest first."""
        f = (f or ActFilter()).validated()
        c1, p1 = where_documents(f)
        c2, p2 = where_acts(f)
        where = " AND ".join(c1 + c2)
        sql = ("SELECT a.*, d.name AS doc, d.date, d.title, d.kind, d.source_url, d.parties, m.lineage_id AS lineage, m.status"
               " FROM acts a JOIN documents d ON d.id = a.doc_id LEFT JOIN lineage_members m ON m.act_id = a.id"
               + (f" WHERE {where}" if where else "") + " ORDER BY d.date, d.name, a.sentence, a.start")
        params = p1 + p2
        if f.limit is not None:
            sql += " LIMIT ?"
            params.append(f.limit)
        for r in self.conn.execute(sql, params):
            yield _act_row(r)

    def search(self, query: str, f: ActFilter | None = None) -> list[dict[str, Any]]:
        """Sentences matching an FTS5 query, best first (bm25), with snippets and acts."""
        f = (f or ActFilter()).validated()
        q = (query or "").strip()
        if not q:
            raise QueryError("empty query: give words to search for")
        if len(q) > MAX_QUERY:
            raise QueryError(f"query is {len(q)} characters long; the limit is {MAX_QUERY}")
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
            rows = self.conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as e:
            raise QueryError(f"malformed search query {typed!r}: {e}. Quote phrases (\"status quo\"), "
                             "use AND / OR / NOT in capitals, and * after a prefix (sanction*)") from None
        except sqlite3.DatabaseError as e:  # e.g. a pattern too complex
            raise QueryError(f"search query cannot be run: {e}") from None
        out = []
        for r in rows:
            acts = [_act_row(a) for a in self.conn.execute(
                "SELECT a.*, d.name AS doc, d.date, d.title, d.kind, d.source_url, d.parties FROM acts a JOIN documents d ON d.id = a.doc_id"
                " WHERE a.doc_id = ? AND a.sentence = ? ORDER BY a.start", (r["doc_id"], r["n"]))]
            out.append({"doc": r["name"], "doc_id": r["doc_id"], "date": r["date"], "title": r["title"], "sentence": r["n"],
                        "start": r["start"], "end": r["end"], "text": r["text"], "snippet": r["snippet"],
                        "score": round(-r["score"], 4), "acts": acts})
        return out

    def lineage_count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM lineages").fetchone()[0]

    def codes(self) -> set[str]:
        """Every actor, target and party code the store holds."""
        rows = self.conn.execute("SELECT DISTINCT code FROM act_codes WHERE role IN ('actor', 'target')"
                                 " UNION SELECT DISTINCT code FROM document_parties").fetchall()
        return {r[0] for r in rows}

    # ---- lineages ----------------------------------------------------------------
    def clear_lineages(self) -> None:
        with self.conn:
            self.conn.execute("DELETE FROM lineage_members")
            self.conn.execute("DELETE FROM lineages")

    def prune_lineages(self) -> set[str]:
        """Drop lineages left with no member; the ids of those that lost some (to recompute)."""
        with self.conn:
            self.conn.execute("DELETE FROM lineages WHERE NOT EXISTS (SELECT 1 FROM lineage_members m WHERE m.lineage_id = lineages.id)")
            return {r[0] for r in self.conn.execute(
                "SELECT l.id FROM lineages l WHERE l.size != (SELECT COUNT(*) FROM lineage_members m WHERE m.lineage_id = l.id)")}

    def unlinked_acts(self) -> list[tuple]:
        """Acts in no lineage, in date order: (id, doc_id, type, modality, actors, evidence, negated, date)."""
        return self.conn.execute(
            "SELECT a.id, a.doc_id, a.type, a.modality, a.actors, a.evidence, a.negated, d.date FROM acts a"
            " JOIN documents d ON d.id = a.doc_id WHERE NOT EXISTS (SELECT 1 FROM lineage_members m WHERE m.act_id = a.id)"
            " ORDER BY d.date, d.name, a.sentence, a.start").fetchall()

    def sentence_texts(self) -> Iterator[str]:
        for r in self.conn.execute("SELECT text FROM sentences ORDER BY doc_id, n"):
            yield r[0]

    def evidence_texts(self) -> Iterator[str]:
        for r in self.conn.execute("SELECT evidence FROM acts"):
            yield r[0]

    def lineage_member_rows(self) -> Iterator[tuple]:
        """(lineage id, type, family, actors, act id, doc id, date, similarity, evidence, negated, modality, act type)."""
        yield from self.conn.execute(
            "SELECT l.id, l.type, l.family, l.actors, m.act_id, m.doc_id, m.date, m.similarity, a.evidence, a.negated, a.modality,"
            " a.type FROM lineages l JOIN lineage_members m ON m.lineage_id = l.id JOIN acts a ON a.id = m.act_id ORDER BY m.date")

    def act_evidence(self, act_ids: list[int]) -> dict[int, tuple[str, list[str]]]:
        """Evidence and targets of the given acts."""
        out: dict[int, tuple[str, list[str]]] = {}
        for i in range(0, len(act_ids), 500):
            chunk = act_ids[i:i + 500]
            for row in self.conn.execute("SELECT id, evidence, targets FROM acts WHERE id IN (SELECT value FROM json_each(?))",
                                         (json.dumps(chunk),)):
                out[row[0]] = (row[1], json.loads(row[2]))
        return out

    def write_lineages(self, records: Iterable[tuple[tuple, list[tuple]]]) -> None:
        """Store lineages: each a row (id, type, family, canonical, first, last, actors, targets, size) and its
        members (act_id, doc_id, date, status, similarity); a lineage's old members are replaced."""
        with self.conn:
            for row, members in records:
                self.conn.execute("INSERT OR REPLACE INTO lineages (id, type, family, canonical, first, last, actors, targets, size)"
                                  " VALUES (?,?,?,?,?,?,?,?,?)", row)
                self.conn.execute("DELETE FROM lineage_members WHERE lineage_id = ?", (row[0],))
                self.conn.executemany("INSERT INTO lineage_members (lineage_id, act_id, doc_id, date, status, similarity)"
                                      " VALUES (?,?,?,?,?,?)", [(row[0],) + tuple(m) for m in members])

    def lineages_in(self, doc_id: str) -> dict[int, tuple[str, int, str]]:
        """Each act of a document with its lineage: act id -> (lineage id, size, status)."""
        return {r[0]: (r[1], r[2], r[3]) for r in self.conn.execute(
            "SELECT m.act_id, l.id, l.size, m.status FROM lineage_members m JOIN lineages l ON l.id = m.lineage_id WHERE m.doc_id = ?",
            (doc_id,))}

    def document_meta(self) -> list[dict[str, Any]]:
        """Every document's metadata (no text), for deriving series."""
        rows = self.conn.execute("SELECT id, name, title, date, kind, parties, participants FROM documents ORDER BY date, name")
        return [dict(r) | {"parties": json.loads(r["parties"]), "participants": json.loads(r["participants"])} for r in rows]

    def stats(self) -> dict[str, Any]:
        q = self.conn.execute
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


def _act(r: sqlite3.Row) -> Act:
    return act_from_row(r)


def _act_row(r: sqlite3.Row) -> dict[str, Any]:
    return act_row_from_sql(r)
