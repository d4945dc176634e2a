"""Who issues a statement, and whom a readout reports meeting.

Issuers come from the front matter's ``parties``; where they are missing they are
read from the title and opening ("Joint Statement of the United States and Japan",
"We, the Leaders of the Group of Seven"). Readouts add the counterparts named in
their title ("Readout of President Joe Biden's Meeting with President Xi Jinping of
the People's Republic of China": CHN).
"""
from __future__ import annotations

from ..model import Document
from .gazetteer import Gazetteer

__all__ = ["infer_participants"]


def _codes(gz: Gazetteer, text: str) -> list[str]:
    out: list[str] = []
    for h in gz.find(text, {}):
        if h.kind in ("state", "person", "org") and h.code:
            members = gz.group_members.get(h.code)
            for c in members or (h.code,):
                if c not in out:
                    out.append(c)
    return out


def infer_participants(doc: Document, gz: Gazetteer) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return ``(parties, participants)``: issuers, and issuers plus counterparts."""
    parties = list(dict.fromkeys(gz.code_aliases.get(c, c) for c in doc.parties))  # AFRICAN_UNION -> AU
    title_codes = _codes(gz, doc.title or "")
    if not parties:
        opening = doc.text[:400]
        parties = title_codes or _codes(gz, opening.split(".")[0])
    participants = list(parties)
    # a group the title names, with the issuers among its members, takes part ("Quad Leaders' Summit")
    for h in gz.find(doc.title or "", {}):
        members = gz.group_members.get(h.code or "")
        if members and set(parties) & set(members):
            participants += [c for c in members if c not in participants]
    # counterparts: those a readout reports meeting or calling (a speech's title names no counterpart)
    title = (doc.title or "").lower()
    if (doc.kind or "") == "readout" or any(w in title for w in ("readout", "meeting with", "call with", "visit of", "visit to")):
        for c in title_codes:
            if c not in participants:
                participants.append(c)
    return tuple(parties), tuple(participants)
