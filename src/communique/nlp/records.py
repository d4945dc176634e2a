"""The types the act rules share: a leaf module (it imports nothing of the rules),
so ``acts``, ``arguments``, ``clause`` and ``triggers`` depend on it and not on
each other in a loop.

The rules are pure: :func:`~communique.nlp.acts.find_acts` reads a sentence, the
document's :class:`Context` (fixed for the document) and the :class:`DocState`
left by the sentences before it, and returns its acts with the *next* state. No
value here is changed in place, so two documents, or two processes, never share
anything mutable.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Context", "DocState", "RawAct", "Trigger", "OTHER_SPEAKER"]

# the turn of someone taking no part (a moderator, an aide, a journalist's question): their "I" is no one's act
OTHER_SPEAKER: tuple[str, ...] = ("",)


@dataclass(frozen=True)
class Context:
    """What the rules know about the document as a whole: fixed while reading it."""

    parties: tuple[str, ...]
    participants: tuple[str, ...]
    groups: Mapping[str, tuple[str, ...]]
    plan_nouns: frozenset[str]
    kind: str | None = None
    # a fact sheet on a summit of a body the issuer belongs to ("Quad Summit", "NATO Summit"):
    # that body's code. Its "we", "the leaders" and "Allies" are the body acting as one.
    forum: str | None = None
    # code -> the titles its leaders hold (the gazetteer's): whose "the Prime Minister" is
    titles: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # groups the title names with an issuer among their members: they act as one, and take part
    bodies: tuple[str, ...] = ()
    # leaders' one-word names (the gazetteer's), which it tags only after a title: "Kishida and Biden ..."
    leader_names: frozenset[str] = frozenset()
    # whom a speech's "you", "Mr. President" and "your predecessor" address (see
    # participants.addressee_of): the Assembly in a speech to the UN General Assembly
    addressee: tuple[str, ...] = ()
    # the document's date (ISO): which office a leader the table dates held (Gazetteer.office)
    date: str | None = None

    def addressed(self, speaker: tuple[str, ...] = ()) -> tuple[str, ...]:
        """Whom a speech's "you" names: its ``addressee``, else, while one participant speaks in a
        speech of two (``speaker``, a joint press statement's turn: ``DocState.speaking``), the other."""
        if self.addressee:
            return self.addressee
        if speaker and self.kind == "speech":
            others = tuple(c for c in self.participants if c not in speaker)
            return others if len(others) == 1 else ()
        return ()

    def principal(self, text: str) -> tuple[str, ...] | None:
        """Whom "the President", "the Prime Minister" or "the Taoiseach" names: the issuer whose
        leaders hold that title, else the one participant whose leaders do (in a U.S. readout of a
        meeting with Japan, "the Prime Minister" is Japan's), else a single issuer, else no one."""
        title = re.sub(r"(?:’s|'s|’|')$", "", re.sub(r"^the\s+", "", text.strip(), flags=re.I)).lower()
        own = [c for c in self.parties if title in self.titles.get(c, ())]
        others = [c for c in self.participants if c not in self.parties and title in self.titles.get(c, ())]
        if len(own) == 1:
            return (own[0],)
        if not own and len(others) == 1:
            return (others[0],)
        return self.parties if len(self.parties) == 1 else None

    @property
    def own(self) -> tuple[str, ...]:
        """Who "we" are: the forum in its summit's fact sheet, else the issuers."""
        return (self.forum,) if self.forum else self.parties

    @property
    def taking_part(self) -> tuple[str, ...]:
        """Whose acts the statement reports: the participants, and the forum or bodies acting as one."""
        return self.participants + tuple(b for b in ((self.forum,) if self.forum else ()) + self.bodies
                                         if b not in self.participants)


@dataclass(frozen=True)
class DocState:
    """What the sentences read so far leave to the next one.

    ``people``: persons resolved so far (name, code), in the order learned;
    ``last_person``: the last person named ("he", "she");
    ``last_group``: the last issuing group named ("the Quad ...; it seeks to");
    ``lead``: per list lead-in sentence number, its actors and modality;
    ``speaker``: in a speech of several participants' turns, whose turn it is (the state of the
    leader a turn's label names: "PRESIDENT BIDEN:", a heading "JAPANESE PRIME MINISTER SHINZŌ ABE"), or
    OTHER_SPEAKER in the turn of someone taking no part ("MODERATOR:", a question "Q").
    """

    people: tuple[tuple[str, str], ...] = ()
    last_person: tuple[str, ...] = ()
    last_group: tuple[str, ...] = ()
    lead: tuple[tuple[int, tuple[tuple[str, ...], str]], ...] = ()
    speaker: tuple[str, ...] = ()
    heading: str | None = None  # the last sentence's section heading: a heading opens a turn once

    @property
    def speaking(self) -> tuple[str, ...]:
        """The participants whose turn it is; none outside turns or in the turn of someone taking no part."""
        return () if self.speaker == OTHER_SPEAKER else self.speaker

    @property
    def silenced(self) -> bool:
        """Whether it is the turn of someone taking no part (a moderator, a journalist): no one's acts."""
        return self.speaker == OTHER_SPEAKER

    def people_map(self) -> dict[str, str]:
        return dict(self.people)

    def lead_of(self, n: int | None) -> tuple[tuple[str, ...], str] | None:
        if n is None:
            return None
        for k, v in self.lead:
            if k == n:
                return v
        return None

    def evolve(self, **changes) -> "DocState":
        return replace(self, **changes)


@dataclass(frozen=True)
class RawAct:
    type: str
    modality: str
    actors: tuple[str, ...]
    targets: tuple[str, ...]
    start: int  # character offsets within the sentence
    end: int
    cameo: str
    rule: str
    predicate: str
    negated: bool = False
    # where the predicate sits in the parse (see ``arguments.trigger_syntax``): what the act head reads
    # to tell an act from a verb inside a noun's description ("the project EXIM has financed")
    syntax: tuple[str, ...] = ()


class Trigger:
    """A token proposed as the predicate of an act, with the type it carries."""

    __slots__ = ("tok", "type", "cameo", "rule", "targets_from", "modality", "predicate_only_topic")

    def __init__(self, tok: Token, type_: str, cameo: str, rule: str,
                 targets_from: Token | None = None, modality: str | None = None):
        self.tok, self.type, self.cameo, self.rule = tok, type_, cameo, rule
        self.targets_from = targets_from or tok
        self.modality = modality  # forced by the rule ("look forward to <others' event>": ASSERT)
        # "raised Russia's war": a topic brought up, addressed to no one named in it
        self.predicate_only_topic = rule == "verb:raise"
