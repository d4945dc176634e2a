"""Series of statements: the sequence of statements by the same issuers on the same track
(the US-Japan leaders' statements, the Quad leaders' summits, the G20 leaders'
declarations), with the readouts and fact sheets of each meeting grouped with it.

Derived from the metadata and the text of the title:

- issuers: a joint document's parties; for a readout or a fact sheet, which one
  government issues about a meeting, its parties and the participants it names;
- track: ``leaders`` (summits, leaders' statements), ``ministerial`` (ministers,
  2+2, secretaries), ``officials`` (senior officials, working groups, envoys), ``occasion`` (messages on an anniversary, condolences), ``speech``
  (one speaker), from the kind and the title;
- meetings: documents of a series within ``MEETING_DAYS`` of each other are one
  meeting; its main statement is the joint statement (or declaration, communiqué). A
  readout or fact sheet of no joint statement's meeting (a phone call) is in the series of
  the other stand-alone readouts and fact sheets of its issuers and track.

A user may define a series instead (``--series``): a comma-separated list of statements
(ids or names) or a pattern on names (``*us-japan_joint-statement*``).
"""
from __future__ import annotations

import datetime as dt
import fnmatch
import re
from typing import Any

from ..errors import NotFoundError
from ..storage import Store

__all__ = ["series_of", "previous_statement", "issuers", "track", "MEETING_DAYS"]

MEETING_DAYS = 3
SIDE_KINDS = {"fact-sheet", "readout", "background", "press-release"}
MAIN_KINDS = ("joint-statement", "declaration", "communique", "chairs-statement", "statement")
_MINISTERIAL = re.compile(r"\b(minister(?:s|ial)?|2\s*\+\s*2|secretar(?:y|ies)|foreign affairs|security consultative)\b", re.I)
_OCCASION = re.compile(r"\b(joint message|message on|condolences?|on the passing|on the death|anniversary|commemorat\w*)\b", re.I)
_OFFICIALS = re.compile(r"\b(senior officials?|officials|working group|[a-z]+ group|task force|envoys?|national security advis[eo]rs?|sherpas?)\b", re.I)
_LEADERS = re.compile(r"\b(leaders?|summit|president|prime minister|heads? of (?:state|government)|declaration)\b", re.I)


def issuers(doc: dict[str, Any]) -> frozenset[str]:
    codes = set(doc.get("parties") or ())
    if (doc.get("kind") or "") in SIDE_KINDS:
        codes |= set(doc.get("participants") or ())
    return frozenset(codes)


def track(doc: dict[str, Any]) -> str:
    kind = doc.get("kind") or ""
    if kind == "speech":
        return "speech"
    title = doc.get("title") or ""
    if _OCCASION.search(title):
        return "occasion"
    if _MINISTERIAL.search(title) and not _LEADERS.search(title):
        return "ministerial"
    if _OFFICIALS.search(title) and not _LEADERS.search(title):
        return "officials"
    return "leaders"


def _date(d: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((d or "")[:10])
    except ValueError:
        return None


def _meetings(docs: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    meetings: list[list[dict[str, Any]]] = []
    last = None
    for d in sorted(docs, key=lambda d: (d.get("date") or "", d["name"])):
        day = _date(d.get("date"))
        if meetings and day and last and (day - last).days <= MEETING_DAYS:
            meetings[-1].append(d)
        else:
            meetings.append([d])
        last = day or last
    return meetings


def _main(meeting: list[dict[str, Any]]) -> dict[str, Any]:
    def rank(d):
        kind = d.get("kind") or ""
        return (MAIN_KINDS.index(kind) if kind in MAIN_KINDS else len(MAIN_KINDS), kind in SIDE_KINDS, d["name"])
    return min(meeting, key=rank)


def _user_series(all_docs: list[dict[str, Any]], spec: str) -> list[dict[str, Any]]:
    parts = [p.strip() for p in spec.split(",") if p.strip()]
    chosen = []
    for d in all_docs:
        if any(d["id"] == p or d["name"] == p or (any(c in p for c in "*?[") and fnmatch.fnmatch(d["name"], p)) for p in parts):
            chosen.append(d)
    if not chosen:
        raise NotFoundError(f"series {spec!r} names no stored statement", field="series")
    return chosen


def _derived(all_docs: list[dict[str, Any]], me: dict[str, Any]) -> list[dict[str, Any]]:
    """Joint statements of the same issuers and track, with the readouts and fact sheets of
    their meetings; a readout or fact sheet of no such meeting (a phone call) belongs with
    the other stand-alone ones of its issuers and track."""
    key = (issuers(me), track(me))
    same = [d for d in all_docs if (issuers(d), track(d)) == key]
    joint = [d for d in same if (d.get("kind") or "") not in SIDE_KINDS]
    joint_days = [x for x in (_date(d.get("date")) for d in joint) if x]

    def attached(d) -> bool:
        day = _date(d.get("date"))
        return bool(day) and any(abs((day - j).days) <= MEETING_DAYS for j in joint_days)

    side = [d for d in same if (d.get("kind") or "") in SIDE_KINDS]
    with_meetings = [d for d in side if attached(d)]
    if (me.get("kind") or "") not in SIDE_KINDS or any(d is me for d in with_meetings):
        return joint + with_meetings
    return [d for d in side if not attached(d)]


def series_of(store: Store, doc_id: str, spec: str | None = None) -> list[dict[str, Any]]:
    """The documents of ``doc_id``'s series in date order, each with ``meeting`` (its index)
    and ``main`` (whether it is the meeting's main statement)."""
    all_docs = store.document_meta()
    me = next((d for d in all_docs if d["id"] == doc_id), None)
    if me is None:
        return []
    if spec:
        docs = _user_series(all_docs, spec)
        if me not in docs:
            docs.append(me)
    else:
        docs = _derived(all_docs, me)
    out = []
    for n, meeting in enumerate(_meetings(docs)):
        main = _main(meeting)
        for d in meeting:
            out.append(d | {"meeting": n, "main": d is main})
    return out


def previous_statement(store: Store, doc_id: str, spec: str | None = None) -> dict[str, Any] | None:
    """The main statement of the meeting before ``doc_id``'s in its series, or None."""
    series = series_of(store, doc_id, spec)
    me = next((d for d in series if d["id"] == doc_id), None)
    if me is None or me["meeting"] == 0:
        return None
    return next(d for d in series if d["meeting"] == me["meeting"] - 1 and d["main"])
