"""What the bundled samples give, recorded, so that a change meant to keep behaviour
(storage, CLI, refactors, speed) is checked against the store built before it.

    python tests/snapshot.py          # record tests/data/samples_snapshot.json

tests/test_snapshot.py builds the samples store afresh and compares it with the record:
every act (its span, type, modality, actors, targets, issues, commitment, codes),
the results of a set of searches, and the lineages (which acts go together, and each
act's status). A change that is meant to change extraction or linking re-records the
snapshot in the same commit, and says so.
"""
from __future__ import annotations

import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = Path(__file__).resolve().parent / "data" / "samples_snapshot.json"
QUERIES = ("Senkaku", "Taiwan Strait", "sanctions AND Russia", "\"extended deterrence\"", "climate", "semiconductor*",
           "Ukraine NOT Russia", "food security")
ACT_FIELDS = ("sentence", "start", "end", "type", "modality", "actors", "targets", "issues", "commitment", "cameo",
              "plover", "goldstein", "rule")


def _digest(obj) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def snapshot(corpus) -> dict:
    """The record of a samples store: per document, its acts and their lineage grouping."""
    acts = corpus.acts()
    by_doc: dict[str, list] = defaultdict(list)
    members: dict[str, list] = defaultdict(list)
    for a in acts:
        key = [a[f] for f in ACT_FIELDS]
        by_doc[a["doc"]].append(key)
        if a["lineage"]:
            members[a["lineage"]].append((a["doc"], a["start"], a["end"], a["type"]))
    # a lineage is named by its members, not its id, so the grouping is compared
    groups = sorted(sorted(m) for m in members.values())
    status = sorted((a["doc"], a["start"], a["end"], a["type"], a["status"] or "") for a in acts)
    return {
        "documents": {doc: {"acts": len(rows), "digest": _digest(sorted(rows))} for doc, rows in sorted(by_doc.items())},
        "acts": len(acts),
        "search": {q: [(r["doc"], r["sentence"]) for r in corpus.search(q)] for q in QUERIES},
        "lineages": {"count": len(groups), "grouping": _digest(groups), "statuses": _digest(status)},
    }


def build(db: Path, extractor=None) -> dict:
    from communique import Corpus

    with Corpus(db, extractor=extractor) as c:
        report = c.ingest([ROOT / "samples"])
        assert report.ok, report.failed
        return json.loads(json.dumps(snapshot(c)))  # tuples as lists, as the file holds them


def main() -> int:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        record = build(Path(tmp) / "samples.db")
    SNAPSHOT.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"recorded {record['acts']} acts in {len(record['documents'])} documents, "
          f"{record['lineages']['count']} lineages -> {SNAPSHOT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main())
