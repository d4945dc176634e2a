"""Whose turn it is in a transcript of several speakers (joint press statements and conferences).

Each turn opens with a label naming its speaker: in upper case before a colon at the start of a
paragraph ("PRESIDENT BIDEN:  Good evening", "PRIME MINISTER TRUDEAU:", a journalist's "Q") or as
the heading of the speaker's section ("JAPANESE PRIME MINISTER SHINZŌ ABE"). Within a leader's turn
"I" is that leader's state and "you" the other participant (see ``nlp.clause``); within the turn of
someone taking no part (a moderator, an aide, a journalist) nothing said is an act of the statement.
"""
from __future__ import annotations

import re
from typing import Mapping, Sequence

from .gazetteer import TITLES, Gazetteer
from .records import OTHER_SPEAKER, Context

__all__ = ["subtitle_label", "turn_speaker", "turn_label"]

# a label in upper case (any script's capitals: "GENERAL SECRETARY TRỌNG:"), or a journalist's "Q"
_TURN = re.compile(r"\s*([^\W\d_][\w.’'\- ]{0,80}?):\s|\s*(Q)\s")
# who speaks for no participant
_ROLES = frozenset({"Q", "QUESTION", "MODERATOR", "AIDE", "OFFICIAL", "INTERPRETER", "ANNOUNCER", "AUDIENCE",
                    "REPORTER", "JOURNALIST", "PARTICIPANT", "STAFF", "MS.", "MR.", "MRS.", "DR.", "SPEAKER"})
_LEADER = re.compile(rf"(?:THE\s+)?(?:[^\W\d_]+\s+)?(?:{'|'.join(re.escape(t.upper()) for t in TITLES)})\b")
# a heading that is more than a speaker's title and name ("PRESIDENT DUTERTE'S VISIT TO TOKYO")
_NOT_A_NAME = re.compile(r"’S\b|'S\b|\b(?:TO|IN|ON|AT|FOR|WITH|AND|FROM|BY)\b")
_PARTICLES = re.compile(r"\b(Von|Van|Der|Den|De|Da|Del|Bin|Al|El|La|Le)\b(?=\s)")


def turn_speaker(gz: Gazetteer, ctx: Context, text: str, heading: str | None, previous_heading: str | None,
                 people: Mapping[str, str], title_persons: Sequence[tuple[str, str]]) -> tuple[str, ...] | None:
    """The speaker whose turn a sentence opens: the participants a label names, OTHER_SPEAKER for a
    label of someone taking no part (a role, or a leader of no participant), None where the sentence
    opens no turn (and the turn before goes on). Only in a speech of two or more participants."""
    if ctx.kind != "speech" or len(ctx.participants) < 2:
        return None
    m = _TURN.match(text)
    label = (m.group(1) or m.group(2)).strip() if m else None
    if label is not None and not _is_label(label):
        label = None
    if label is None:
        if not heading or heading == previous_heading or not _is_label(heading) or _NOT_A_NAME.search(heading):
            return None  # a section opens a turn once, and only under a speaker's title and name
        label = heading
    words = set(label.split())
    if words & _ROLES:
        return OTHER_SPEAKER
    codes = _codes(gz, ctx, label, people, title_persons)
    if codes and codes <= set(ctx.participants):
        return tuple(c for c in ctx.participants if c in codes)
    if not _LEADER.match(label):
        return None  # capitals that name no speaker ("NOTE:", "UKRAINE:"): the turn goes on
    # a leader no table names ("GENERAL SECRETARY TRỌNG:"): in a meeting of two, the one the title does not
    # name first (a White House title names its own leader first); else no one's act, rather than the last speaker's
    others = [c for c in ctx.participants if not title_persons or c != title_persons[0][1]]
    if not codes and title_persons and len(ctx.participants) == 2 and len(others) == 1:
        return (others[0],)
    return OTHER_SPEAKER


_SMALL = r"(?:of|and|the|for|in|on|to|with|a|an|at|by|&|–|-)"
_TITLE_WORD = r"(?:[A-Z][\w’'.&/-]*|\([A-Z][\w.&/-]*\))"
# (not before a verb with no subject, where the label is the subject: "New Zealand: Will provide NZD 2.25
# million to UNICEF", nor before a quotation, where it is the speaker)
_SUBTITLE = re.compile(rf"^\s*({_TITLE_WORD}(?:[ \t]+(?:{_TITLE_WORD}|{_SMALL})){{1,11}}):[ \t]+"
                       r"(?=[A-Z])(?!(?:Will|Would|Shall|Can|Could|May|Must|Has|Have|Had|Is|Are|Was|Were|Thank|Thanks)\b)")


def subtitle_label(text: str) -> int:
    """Where a run-in subtitle in title case that opens ``text`` ends ("Child Protection Compact (CPC)
    Partnership: On December 7th, the United States ...": after the colon), else 0. The small parser
    takes such a subtitle for the sentence's head and the sentence's verb for a participle describing it."""
    m = _SUBTITLE.match(text)
    return m.end() if m else 0


def turn_label(text: str) -> int:
    """Where a speaker's label that opens ``text`` ends ("PRESIDENT BIDEN:  Thank you": after the colon), else 0."""
    m = _TURN.match(text)
    return m.end() if m and m.group(1) and _is_label(m.group(1).strip()) else 0


def _is_label(label: str) -> bool:
    letters = [c for c in label if c.isalpha()]
    return len(letters) >= 1 and label == label.upper() and not any(c.isdigit() or c == "_" for c in label)


def _codes(gz: Gazetteer, ctx: Context, label: str, people: Mapping[str, str],
           title_persons: Sequence[tuple[str, str]]) -> set[str]:
    """The states of the speakers a label names ("PRESIDENT BIDEN AND PRIME MINISTER KISHIDA": both), by
    the leaders table, the people named so far, or a surname of a person the title names ("PRESIDENT
    CHAVES": "President Rodrigo Chaves Robles of Costa Rica")."""
    codes: set[str] = set()
    for part in re.split(r"\s+AND\s+", label):
        name = _PARTICLES.sub(lambda m: m.group(1).lower(), part.title())
        found: set[str] = set()
        for h in gz.find(name, people, ctx.date):
            if h.kind == "person" and h.code:
                found.add(h.code)
            elif h.kind == "principal":  # "THE PRESIDENT": the issuer's, else the title's first leader
                found.update(ctx.principal(h.text) or ((title_persons[0][1],) if title_persons else ()))
        if not found and part.split():
            last = part.split()[-1].lower()
            found = {code for who, code in title_persons if last in who.lower().split()}
        codes |= found
    return codes
