"""Plain records that every layer of communique exchanges.

No spaCy object ever appears here: the NLP layer turns its parses into these
frozen dataclasses, and storage, comparison, export and the web read only them.
"""
from __future__ import annotations

import bisect
from dataclasses import asdict, dataclass, field, replace
from typing import Any

__all__ = ["OffsetMap", "Document", "Sentence", "Mention", "Act", "Extraction", "ReadFailure", "ACT_TYPES", "MODALITIES",
           "MainClause", "merge_same_evidence", "confidence_floor"]

# The act-type vocabulary of the annotation guidelines, in their order: the one definition
# (filters, the explorer's menus and the trained model's labels all take it from here).
ACT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION",
             "MOBILIZE", "RETREAT", "PURSUE")
# How an act is stated: a promise, a restated promise, a statement.
MODALITIES = ("COMMIT", "REAFFIRM", "ASSERT")


@dataclass(frozen=True)
class OffsetMap:
    """Maps offsets in a document's stored text back to offsets in its raw source.

    ``segments`` holds ``(stored_start, raw_start, length, verbatim)`` runs in
    stored order. A verbatim run copies raw characters one for one; a synthetic run
    (a space joining two wrapped lines, a decoded entity) maps every one of its
    characters to ``raw_start``.
    """

    segments: tuple[tuple[int, int, int, bool], ...] = ()

    def raw(self, stored: int) -> int:
        """Raw-file offset of the stored character at ``stored``."""
        if not self.segments:
            return stored
        starts = [s[0] for s in self.segments]
        i = max(0, bisect.bisect_right(starts, stored) - 1)
        s_start, r_start, length, verbatim = self.segments[i]
        delta = stored - s_start
        if not verbatim:
            return r_start
        return r_start + min(delta, length)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw span covering stored ``[start, end)``."""
        if end <= start:
            r = self.raw(start)
            return r, r
        return self.raw(start), self.raw(end - 1) + 1

    def to_list(self) -> list[list[int]]:
        return [[a, b, c, int(d)] for a, b, c, d in self.segments]

    @classmethod
    def from_list(cls, rows: list[list[int]]) -> "OffsetMap":
        return cls(tuple((int(a), int(b), int(c), bool(d)) for a, b, c, d in rows))


@dataclass(frozen=True)
class Document:
    """One statement as read: metadata and the stored plain text.

    ``id`` is stable: derived from ``origin`` and the raw content, so re-reading an
    unchanged file gives the same id. ``name`` is the file name without its
    extension (or the record id of a JSON Lines line): the ``doc`` field of
    predictions and of the gold files.
    """

    id: str
    name: str
    text: str
    title: str = ""
    date: str | None = None
    source_url: str | None = None
    kind: str | None = None
    parties: tuple[str, ...] = ()
    origin: str = ""
    path: str | None = None
    line: int | None = None
    content_hash: str = ""
    meta: dict[str, Any] = field(default_factory=dict, compare=False)
    offsets: OffsetMap = field(default_factory=OffsetMap, compare=False, repr=False)
    raw: str | None = field(default=None, compare=False, repr=False)

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date and self.date[:4].isdigit() else None


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document's stored text: ``text == document.text[start:end]``.

    ``paragraph`` numbers the block it sits in; ``list_item`` tells whether that
    block is a list item; ``heading`` is the section heading it falls under (if
    any); ``lead_in`` is the number of the sentence the list item hangs from
    ("We will:"), or None.
    """

    n: int
    start: int
    end: int
    text: str
    paragraph: int
    list_item: bool = False
    heading: str | None = None
    lead_in: int | None = None


@dataclass(frozen=True)
class Mention:
    """A resolved mention of an actor (state, organisation, person) or initiative."""

    start: int
    end: int
    text: str
    code: str
    kind: str  # state | org | person | initiative | group
    rule: str
    sentence: int | None = None


@dataclass(frozen=True)
class MainClause:
    """What a sentence's main clause says as the rules read it: whose sentence it is (the
    root's subject, or a list item's lead-in), its modality, and whether what it reports is
    a third party's conduct ("We note that companies are withdrawing"). The trained model
    gives the acts it adds to a sentence (on the whole of it or on one coordinated part) these
    actors and this modality."""

    actors: tuple[str, ...] = ()
    modality: str = "ASSERT"
    third_party: bool = False
    # a speech's "we must / need to / should ...": the membership exhorted, no act of the speaker's
    # (the guidelines: "We must keep the 1.5 degree goal alive" is framing); and a speech's "we meet /
    # gather" with no one met: the Assembly in session, the membership's
    exhortation: bool = False
    # a question or a closing "Thank you" (acts.asks_or_thanks): no act at all
    framing: bool = False
    # a subject that is a thing and names no one ("Free and fair trade remains a fundamental tool ...", "The
    # efficiency gains ... will strengthen the effectiveness of public policy"): a description or a predicted
    # effect, which the guidelines give no act
    described: bool = False


@dataclass(frozen=True)
class Act:
    """One act of a statement, as the annotation guidelines define it.

    ``start``/``end`` delimit the evidence in the stored text (the clause the act
    was read from); ``rule`` names the lexicon entry and rule that produced it and,
    after ``|``, the trained model that decided its type, modality and issues;
    ``confidence`` is that model's probability for it.
    """

    doc: str
    sentence: int
    start: int
    end: int
    evidence: str
    type: str
    modality: str
    actors: tuple[str, ...]
    targets: tuple[str, ...]
    issues: tuple[str, ...]
    commitment: bool
    cameo: str
    plover: str
    goldstein: float
    quad_class: int
    rule: str
    predicate: str = ""
    negated: bool = False
    # how sure the deciding model is of this act (type, and modality), 0..1; 1.0 for an act
    # the rules alone produced, with no model to weigh it
    confidence: float = 1.0

    def prediction(self) -> dict[str, Any]:
        """The act in the guidelines' prediction format, plus its provenance."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}


# evidence spans whose ends lie this close are the same evidence ("We have imposed and will
# continue to impose further economic costs on Russia" read from both verbs, with and without the period)
_SAME_EVIDENCE = 2


def confidence_floor(value: float | None) -> float | None:
    """A ``min_confidence`` as given, once it is a probability (None: no floor). The one check
    for the extractor and the act filters alike; anything else is a ``ConfigError`` naming the field."""
    from .errors import ConfigError

    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0):
        raise ConfigError(f"min_confidence must be between 0 and 1, not {value}", field="min_confidence")
    return value


def merge_same_evidence(acts) -> list[Act]:
    """One act per type and (nearly) the same evidence: of two such acts the one naming more
    targets (then the surer, then the longer) is kept, with the other's targets and issues added.
    Acts on distinct clauses of one sentence, even nested ones, all stay."""
    out = list(acts)
    while True:  # a merge can bring an act near another: repeat until none is left to merge
        merged = _merge_pass(out)
        if len(merged) == len(out):
            return merged
        out = merged


def _merge_pass(acts: list[Act]) -> list[Act]:
    out: list[Act] = []
    for a in acts:
        i = next((i for i, b in enumerate(out) if b.type == a.type and b.sentence == a.sentence and b.doc == a.doc
                  and abs(b.start - a.start) <= _SAME_EVIDENCE and abs(b.end - a.end) <= _SAME_EVIDENCE), None)
        if i is None:
            out.append(a)
            continue
        b = out[i]
        keep, other = (a, b) if (len(a.targets), a.confidence, a.end - a.start) > (len(b.targets), b.confidence, b.end - b.start) else (b, a)
        out[i] = replace(keep, targets=keep.targets + tuple(t for t in other.targets if t not in keep.targets),
                         issues=keep.issues + tuple(t for t in other.issues if t not in keep.issues))
    return out


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document."""

    document: Document
    sentences: tuple[Sentence, ...]
    acts: tuple[Act, ...]
    mentions: tuple[Mention, ...]
    participants: tuple[str, ...]


@dataclass(frozen=True)
class ReadFailure:
    """A document that could not be read, kept so a batch can report it and go on."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"
