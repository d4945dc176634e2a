"""Who issues a statement, and whom a readout reports meeting.

Issuers come from the front matter's ``parties``; where they are missing they are
read from the title and opening ("Joint Statement of the United States and Japan",
"We, the Leaders of the Group of Seven"). Readouts add the counterparts named in
their title ("Readout of President Joe Biden's Meeting with President Xi Jinping of
the People's Republic of China": CHN).
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..model import Document
from .gazetteer import Gazetteer

__all__ = ["infer_participants", "forum_of", "bodies_of", "addressee_of", "publisher_of"]


def _codes(gz: Gazetteer, text: str, date: str | None = None) -> list[str]:
    out: list[str] = []
    for h in gz.find(text, {}, date):
        # an organisation the registry does not know keeps its words as its code: in a title's capitals
        # that is as often a common noun ("Designates Antifa as a Domestic Terrorist Organization") as a
        # body, and an issuer needs a code
        if h.kind in ("state", "person", "org") and h.code and " " not in h.code:
            members = gz.group_members.get(h.code)
            for c in members or (h.code,):
                if c not in out:
                    out.append(c)
    return out


_WE_THE = re.compile(r"\bWe,\s+the\s+")
_CLAUSE_END = re.compile(r"[.;:](?:\s|$)")


def _signatories(gz: Gazetteer, text: str, date: str | None = None) -> list[str]:
    """The states a "We, the governments (leaders) of X, Y and Z" sentence near the top names: the
    issuers, whatever an editor's note before it says ("Finland, Germany ... joined this
    commitment" opens the 2024 text of the spyware statement of 2023)."""
    m = _WE_THE.search(text, 0, 3000)
    if m is None:
        return []
    end = _CLAUSE_END.search(text, m.end())
    return _codes(gz, text[m.start():end.start() if end else m.start() + 1000], date)


# a title of a text two or more issue together: every state it names is an issuer
_JOINT = re.compile(r"\bjoint\b|\bcommuniqu", re.I)
# where a speech's title stops naming its speakers ("Remarks by President Biden | on the Coup in Burma")
_SPEAKERS_END = re.compile(r"\s(?:on|at|in|before|to|during|ahead|aboard|for|after|upon|with|from|about|as|following|"
                           r"regarding|celebrating|honoring|marking|announcing)\s|[|:–—]", re.I)


def publisher_of(doc: Document, gz: Gazetteer) -> str | None:
    """The state or body whose website published ``doc`` (``publishers`` in actors.yaml, by the host of
    its source URL), or None."""
    host = urlsplit(doc.source_url or "").hostname or ""
    return next((code for suffix, code in gz.publishers.items() if host == suffix or host.endswith("." + suffix)), None)


def _issuers(doc: Document, gz: Gazetteer) -> list[str]:
    """The issuers of a text that is not joint and names no parties: the people its title names as
    speaking (a speech: "Remarks by President Biden and Prime Minister Kishida Before Bilateral
    Meeting") or as issuing it (the first: "Readout of President Joe Biden's Call with ...", "Fact
    Sheet: President Donald J. Trump Imposes Tariffs on Imports from Canada, ..."), else its
    publisher. Every other state the title names is what the text is about, or, in a readout, whom
    the issuer met; empty for a joint text, or where neither says."""
    title = doc.title or ""
    if (doc.kind or "") in ("joint-statement", "communique") or _JOINT.search(title):
        return []
    named = [h for h in gz.find(title, {}, doc.date) if h.code and " " not in h.code]
    people = [h for h in named if h.kind == "person"]
    if people and (doc.kind or "") == "speech":
        # the speakers, and the states their titles name ("General Secretary Nguyễn Phú Trọng of the
        # Communist Party of Vietnam", whom no table knows)
        end = _SPEAKERS_END.search(title, people[0].end)
        speakers = [h.code for h in named if h.kind in ("person", "state") and (end is None or h.start < end.start())]
        return list(dict.fromkeys(speakers))
    if people:
        return [people[0].code]
    publisher = publisher_of(doc, gz)
    return [publisher] if publisher else []


def infer_participants(doc: Document, gz: Gazetteer) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return ``(parties, participants)``: issuers, and issuers plus counterparts."""
    parties = list(dict.fromkeys(gz.code_aliases.get(c, c) for c in doc.parties))  # AFRICAN_UNION -> AU
    title_codes = _codes(gz, doc.title or "", doc.date)
    if not parties:
        opening = doc.text[:400]
        parties = (_issuers(doc, gz) or title_codes or _signatories(gz, doc.text, doc.date)
                   or _codes(gz, opening.split(".")[0], doc.date))
    participants = list(parties)
    # a group the title names, with the issuers among its members, takes part ("Quad Leaders' Summit")
    for group in bodies_of(doc, gz, tuple(parties)):
        participants += [c for c in gz.group_members[group] if c not in participants]
    # counterparts: those a readout reports meeting or calling (a speech's title names no counterpart)
    title = (doc.title or "").lower()
    if (doc.kind or "") == "readout" or any(w in title for w in ("readout", "meeting with", "call with", "visit of", "visit to")):
        for c in title_codes:
            if c not in participants:
                participants.append(c)
    return tuple(parties), tuple(participants)


def forum_of(doc: Document, gz: Gazetteer) -> str | None:
    """The body whose summit a fact sheet reports ("Fact Sheet: Quad Summit", "NATO Summit:
    Revitalizing the Transatlantic Alliance"), where the issuer belongs to it: the
    guidelines code a forum acting as a body with its own code."""
    if (doc.kind or "") != "fact-sheet" or not doc.title:
        return None
    title = doc.title
    for h in gz.find(title, {}, doc.date):
        if h.kind != "org" or not h.code:
            continue
        rest = title[h.end:]
        if title[max(h.start - 1, 0):h.start] in ("-", "–"):
            continue  # "the U.S.-ASEAN Summit": a meeting with the body, not of it
        if re.match(r"\s*(?:Leaders[’']?\s+)?Summit\b", rest):
            members = gz.group_members.get(h.code)
            if not members or set(doc.parties) & set(members):
                return h.code
    return None


def bodies_of(doc: Document, gz: Gazetteer, parties: tuple[str, ...]) -> tuple[str, ...]:
    """The groups the title names that have an issuer among their members ("President Biden and
    G7 Leaders to Announce ...": G7): such a body acting as one ("G7 leaders will endorse a
    strong global minimum tax") takes part, though "our nations" are still its members."""
    out: list[str] = []
    for h in gz.find(doc.title or "", {}, doc.date):
        members = gz.group_members.get(h.code or "")
        if members and set(parties) & set(members) and h.code not in out:
            out.append(h.code)
    return tuple(out)


# a speech to the General Assembly, as a curated statement or a UN General Debate record titles it
_ASSEMBLY = re.compile(r"\bGeneral Debate\b|\bsession of the (?:UN |U\.N\. |United Nations )?General Assembly\b", re.I)


def addressee_of(doc: Document, parties: tuple[str, ...], participants: tuple[str, ...]) -> tuple[str, ...]:
    """Whom a speech addresses as "you" ("I congratulate you, Sir, on your election", "your
    predecessor", "Mr. President"): in a speech to the UN General Assembly, the Assembly, whose
    President the speaker greets (the guidelines code the greeting SUPPORT toward UNGA); in a
    speaker's speech to one other participant ("I welcomed Mr. President in Tokyo"), that
    participant. Outside a speech, or where two speakers address each other, no one."""
    if (doc.kind or "") != "speech":
        return ()
    if _ASSEMBLY.search(doc.title or ""):
        return ("UNGA",)
    others = tuple(c for c in participants if c not in parties)
    return others if len(parties) == 1 and len(others) == 1 else ()
