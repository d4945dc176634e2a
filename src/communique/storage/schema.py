"""The store's schema and its migrations. ``SCHEMA_VERSION`` is kept in ``meta``;
each migration takes a database from version N-1 to N inside one transaction."""
from __future__ import annotations

__all__ = ["SCHEMA_VERSION", "MIGRATIONS"]

_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    title TEXT,
    date TEXT,
    year INTEGER,
    kind TEXT,
    source_url TEXT,
    origin TEXT,
    path TEXT,
    parties TEXT NOT NULL DEFAULT '[]',
    participants TEXT NOT NULL DEFAULT '[]',
    content_hash TEXT NOT NULL,
    rules TEXT NOT NULL,
    meta TEXT NOT NULL DEFAULT '{}',
    text TEXT NOT NULL,
    offsets TEXT NOT NULL DEFAULT '[]',
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_name ON documents(name);
CREATE INDEX documents_date ON documents(date);
CREATE INDEX documents_kind ON documents(kind);
CREATE TABLE document_parties (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    PRIMARY KEY (doc_id, code)
);
CREATE INDEX document_parties_code ON document_parties(code);
CREATE TABLE sentences (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    paragraph INTEGER NOT NULL,
    list_item INTEGER NOT NULL DEFAULT 0,
    heading TEXT,
    lead_in INTEGER,
    UNIQUE (doc_id, n)
);
CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');
CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
    INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TABLE acts (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    evidence TEXT NOT NULL,
    type TEXT NOT NULL,
    modality TEXT NOT NULL,
    actors TEXT NOT NULL,
    targets TEXT NOT NULL,
    issues TEXT NOT NULL,
    commitment INTEGER NOT NULL,
    cameo TEXT,
    plover TEXT,
    goldstein REAL,
    quad_class INTEGER,
    rule TEXT NOT NULL,
    predicate TEXT,
    negated INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX acts_doc ON acts(doc_id, sentence);
CREATE INDEX acts_type ON acts(type);
CREATE TABLE act_codes (
    act_id INTEGER NOT NULL REFERENCES acts(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('actor', 'target', 'issue')),
    code TEXT NOT NULL
);
CREATE INDEX act_codes_lookup ON act_codes(role, code, act_id);
CREATE INDEX act_codes_act ON act_codes(act_id);
CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence INTEGER,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    code TEXT NOT NULL,
    kind TEXT NOT NULL,
    rule TEXT NOT NULL
);
CREATE INDEX mentions_doc ON mentions(doc_id);
CREATE INDEX mentions_code ON mentions(code);
"""

_V2 = """
CREATE TABLE lineages (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    family TEXT NOT NULL,
    canonical TEXT NOT NULL,
    first TEXT,
    last TEXT,
    actors TEXT NOT NULL,
    targets TEXT NOT NULL,
    size INTEGER NOT NULL
);
CREATE TABLE lineage_members (
    lineage_id TEXT NOT NULL REFERENCES lineages(id) ON DELETE CASCADE,
    act_id INTEGER NOT NULL REFERENCES acts(id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL,
    date TEXT,
    status TEXT NOT NULL,
    similarity REAL,
    PRIMARY KEY (lineage_id, act_id)
);
CREATE INDEX lineage_members_act ON lineage_members(act_id);
CREATE INDEX lineage_members_doc ON lineage_members(doc_id);
"""

# The deciding model's confidence in each act (1.0 for acts stored before models decided).
_V3 = """
ALTER TABLE acts ADD COLUMN confidence REAL NOT NULL DEFAULT 1.0;
"""

# Words as written (no stemming), for prefix queries: "cooperat*" finds "cooperation".
_V4 = """
CREATE VIRTUAL TABLE sentences_words USING fts5(text, content='sentences', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER sentences_words_ai AFTER INSERT ON sentences BEGIN
    INSERT INTO sentences_words(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER sentences_words_ad AFTER DELETE ON sentences BEGIN
    INSERT INTO sentences_words(sentences_words, rowid, text) VALUES ('delete', old.id, old.text);
END;
INSERT INTO sentences_words(sentences_words) VALUES ('rebuild');
"""

SCHEMA_VERSION = 4
MIGRATIONS = {1: _V1, 2: _V2, 3: _V3, 4: _V4}
