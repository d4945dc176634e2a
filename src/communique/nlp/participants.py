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
from .gazetteer import TITLED, Gazetteer

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
_APPOSITION_END = re.compile(r",\s+(?!(?:and|the|of|as)\b)[a-z]")


def _signatories(gz: Gazetteer, text: str, date: str | None = None) -> list[str]:
    """The states a "We, the governments (leaders) of X, Y and Z" sentence near the top names: the
    issuers, whatever an editor's note before it says ("Finland, Germany ... joined this
    commitment" opens the 2024 text of the spyware statement of 2023)."""
    m = _WE_THE.search(text, 0, 3000)
    if m is None:
        return []
    end = _CLAUSE_END.search(text, m.end())
    stop = end.start() if end else m.start() + 1000
    # the apposition ends where the sentence goes on ("We, the Leaders of the G7, | fully endorse ... a
    # ceasefire in Gaza"); a list of names goes on in capitals ("of Australia, Canada, and Japan")
    verb = _APPOSITION_END.search(text, m.end(), stop)
    return _codes(gz, text[m.start():verb.start() if verb else stop], date)


# a title of a text two or more issue together: every state it names is an issuer ("G7 Leaders' Statement
# on Gaza", "The New Atlantic Charter", "Roadmap for a Renewed U.S.-Canada Partnership", "Memorandum of
# Understanding Between ...", "United States-Japan-Republic of Korea Trilateral ... Press Statement";
# not a "Disaster Declaration", a "Declaration of National Emergency", nor a "White House Statement on
# Agreement Extension Between Lebanon and Israel")
_JOINT = re.compile(
    r"\bjoint\b|\bcommuniqu|\bleaders[’']?\s+(?:level\s+)?statement|\b(?:vision|summit)\s+statement|\bcharter\b|"
    r"\broadmap\b|^(?:the\s+)?(?:agreement|memorandum|arrangement)\b.*\bbetween\b|\btrilateral\b.*\bstatement\b|"
    r"(?<!disaster )(?<!emergency )\bdeclaration\b(?! of (?:a |national |an )?(?:emergency|independence|disaster))", re.I)
# the head of a title before whom issues it: "Remarks by", "Statement from", "Readout of", "Fact Sheet:"
_ISSUING = re.compile(
    r"^(?:corrected:\s*)?(?:(?:remarks|statement|message|readout|letter|op-ed|press call|press gaggle|proclamation|"
    r"fact sheet|background press call)(?:\s+as\s+prepared\s+for\s+delivery)?\s*(?:of|by|from|:)\s*(?:the\s+)?)?", re.I)
# where a speech's title stops naming its speakers ("Remarks by President Biden | on the Coup in Burma")
_SPEAKERS_END = re.compile(r"\s(?:on|at|in|before|to|during|ahead|aboard|for|after|upon|with|from|about|as|following|"
                           r"regarding|celebrating|honoring|marking|announcing|mourning)\s|[|:–—]", re.I)
_ABOUT = re.compile(r"\s(?:on|regarding|about|concerning)\s", re.I)
_SPEAKER_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
# titles that report a meeting whose other side takes part ("Statement by Press Secretary ... on the Meeting
# Between President Biden and President Petro"), besides a readout's
_MEETING = re.compile(r"readout|meeting with|call with|visit of|visit to|meeting between", re.I)


def publisher_of(doc: Document, gz: Gazetteer) -> str | None:
    """The state or body whose website published ``doc`` (``publishers`` in actors.yaml, by the host of
    its source URL), or None."""
    host = urlsplit(doc.source_url or "").hostname or ""
    return next((code for suffix, code in gz.publishers.items() if host == suffix or host.endswith("." + suffix)), None)


def _named_issuers(doc: Document, gz: Gazetteer) -> list[str]:
    """Whom the title names in its issuing place: the speakers of a speech, up to where the title
    turns to its subject ("Remarks by President Biden, Prime Minister Morrison, Prime Minister Modi,
    and Prime Minister Suga | at the Quad Leaders Summit", "Remarks by President Biden and United
    Nations Secretary-General Guterres | Before Bilateral Meeting"); for another text, the people
    right after its head ("Statement from President Joe Biden on ...", "Readout of President Joe
    Biden's Call with ...", "Fact Sheet: President Donald J. Trump Imposes Tariffs on Imports from
    Canada, ...", "President Trump Announces ..."), not those a title names later ("Readout of the
    Meeting of President Macron ..., and President Biden": the publisher's)."""
    title = doc.title or ""
    head = _ISSUING.match(title).end()
    people = [h for h in gz.find(title, {}, doc.date) if h.kind == "person"]
    if not people or people[0].start != head:
        return []
    # the speakers (or issuers) end where the title turns to what it is about, looked for from where the
    # first of them begins: a matched name runs on over capitals ("Vice President Harris After Tour ...")
    end = _SPEAKERS_END.search(title, head)
    segment = title[head:end.start() if end else len(title)]
    codes: list[str] = []
    for piece in _SPEAKER_SPLIT.split(segment):
        code = _speaker(gz, piece.strip(), doc.date)
        if code is not None and code not in codes:
            codes.append(code)
    return codes


def _speaker(gz: Gazetteer, piece: str, date: str | None) -> str | None:
    """The code of the speaker or issuer a part of a title's list opens with: a person ("Prime Minister
    Modi"), a body's officer ("United Nations Secretary-General Guterres") or leaders ("G7 Leaders"), or
    a titled person no table knows, by the state their title names ("General Secretary Nguyễn Phú Trọng
    of the Communist Party of Vietnam"); None for a part that opens otherwise, which says what they do
    ("... Welcoming Bahrain and | Qatar's Restoration of ...")."""
    hits = [h for h in gz.find(piece, {}, date) if h.kind in ("person", "state", "org") and h.code and " " not in h.code]
    first = hits[0] if hits else None
    if first is not None and first.start == 0:
        rest = piece[first.end:]
        # a body's officer named after it ("United Nations Secretary-General Guterres", "European Commission
        # President Ursula von der Leyen") or its leaders ("G7 Leaders"), not the body as a subject
        if first.kind == "person" or first.kind == "org" and re.match(r"\s+(?:leaders?\b|[A-Z])", rest):
            return first.code
        return None
    if TITLED.match(piece):
        return next((h.code for h in hits if h.kind == "state"), None)
    return None


def _issuers(doc: Document, gz: Gazetteer) -> list[str]:
    """The issuers of a text that names no parties: of a joint text, its signatories or the states its
    title names before its subject; of another, whom its title names in its issuing place (see
    :func:`_named_issuers`), else those a "We, the leaders of ..." sentence names ("Commitment to
    Consult"), else its publisher. Every other state the title names is what the text is about, or whom
    the issuer met; empty where none of these says (the title's codes are read then)."""
    title = doc.title or ""
    about = _ABOUT.search(title)
    head = title[:about.start()] if about else title  # what the text is, before what it is about
    if (doc.kind or "") in ("joint-statement", "communique") or _JOINT.search(head):
        # a joint text: those who sign it ("We, the Leaders of the G7, ..."), else the states its title
        # names before what it is about ("G7 Leaders' Statement | on Gaza"); a joint thing it is about makes
        # no joint text ("Statement from President Joe Biden on Joint U.S.-Mexican Cooperation ...",
        # "Readout of White House Meetings on the U.S.-UK Atlantic Declaration")
        return _signatories(gz, doc.text, doc.date) or (_codes(gz, head, doc.date) if about else [])
    named = _named_issuers(doc, gz)
    if named:
        return named
    signed = _signatories(gz, doc.text, doc.date)
    if signed:
        return signed
    publisher = publisher_of(doc, gz)
    return [publisher] if publisher else []


def infer_participants(doc: Document, gz: Gazetteer) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return ``(parties, participants)``: issuers, and issuers plus counterparts."""
    parties = list(dict.fromkeys(gz.code_aliases.get(c, c) for c in doc.parties))  # AFRICAN_UNION -> AU
    title_codes = _codes(gz, doc.title or "", doc.date)
    opening = doc.text[:400].split(".")[0]
    if not parties:
        # (_issuers has read any "We, the leaders of ..." sentence already)
        parties = _issuers(doc, gz) or title_codes or _codes(gz, opening, doc.date)
    participants = list(parties)
    # a group the title names, with the issuers among its members, takes part ("Quad Leaders' Summit")
    for group in bodies_of(doc, gz, tuple(parties)):
        participants += [c for c in gz.group_members[group] if c not in participants]
    # counterparts: those a readout reports meeting or calling (a speech's title names no counterpart), or,
    # where the title names none, its opening ("Principal Deputy National Security Advisor Jon Finer spoke
    # today with Kosovan Prime Minister Albin Kurti")
    if (doc.kind or "") == "readout" or _MEETING.search(doc.title or ""):
        met = [c for c in title_codes if c not in participants]
        if not met and not doc.parties and (doc.kind or "") == "readout":
            met = [c for c in _codes(gz, opening, doc.date) if c not in participants]
        participants += met
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
