"""The trained models decide; the rules supply spans, actors and targets.

Each act the rules found is judged by the act head: kept with its type, re-typed,
or dropped (no act), from its clause and its sentence. Then the sentence heads say
which act types the sentence holds, its modality and its issues; a type the
sentence holds that no kept act carries becomes an act, by the actors the rules give
the sentence or the document. It rests on the coordinated part of the sentence whose
words the types head finds likeliest to hold that type ("... and to enhance its close
coordination with the United States" for a COOPERATE), or on the whole sentence where
the sentence has no such parts. Every act records which
rule and which model decided, and how sure the model is.

This package sits below ``nlp``: ``ActModel`` (learn.model) and the nlp layer's ``Coder``
are named in annotations only, never imported here.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Mapping
from ..model import MODALITIES as _MODALITIES, Act, Extraction, MainClause, merge_same_evidence
from .features import act_features

__all__ = ["DocumentView", "Piece", "act_key", "decide", "SentenceDecision", "MODALITIES"]

MODALITIES = tuple(sorted(_MODALITIES))  # the model's label order: alphabetical
# types whose act is aimed at whom the sentence names (the others aim at a goal)
# The model re-types a rule act only where another type is over 1 / _RETYPE_RATIO (2.5) times as likely
# as the rules' own: cross-validated, re-typing on any lead cost acts F1 (0.544 against 0.554;
# ratios from 0.4 down to 0 score alike),
# the rules' typed lexicon (RETREAT for eased barriers, say) being surer than a model with few
# examples of the rarer types.
_RETYPE_RATIO = 0.4
# A RETREAT the rules read (eased barriers, lifted tariffs, opened markets: the guidelines' decided
# borderline) is never re-typed, only kept or dropped: the model, with few RETREAT examples, took
# most of them for PURSUE or SANCTION. Cross-validated: RETREAT F1 0.19 -> 0.38, acts 0.560 -> 0.563
# (pooled); protecting the other rare types as well gained nothing more. Nor does a REJECT (oppose,
# reject, object: the guidelines' cues) on acts F1, but it keeps "We reiterated our objections to
# China's unlawful maritime claims" from becoming a PURSUE: REJECT F1 0.476 -> 0.500, acts 0.565 as before.
_STANDING = frozenset({"RETREAT", "REJECT"})
# A sentence with no act whose modality the model reads as COMMIT or REAFFIRM (p >= _PROMISE_P)
# takes its likeliest type at _PROMISE_THRESHOLD rather than the sentence threshold: promises are
# what an analyst counts, and cross-validated this raised commitments F1 0.802 -> 0.815 with acts
# and strict a little up (settings from 0.5-0.7 and 0.3 score alike).
_PROMISE_P, _PROMISE_THRESHOLD = 0.7, 0.3
_AIMED = frozenset({"REQUEST", "SUPPORT", "ACCUSE", "REJECT", "SANCTION", "THREATEN", "AID", "CONSULT", "RETREAT"})


@dataclass(frozen=True)
class Piece:
    """A coordinated part of a sentence (see ``nlp.arguments.conjunct_pieces``): its characters,
    relative to the sentence, and its features."""

    start: int
    end: int
    features: tuple[str, ...]


@dataclass(frozen=True)
class DocumentView:
    """A document as the rules read it: their extraction and each sentence's features."""

    extraction: Extraction
    features: tuple[list[str], ...]
    # per sentence: the actors its main clause names, and that clause's modality as the rules read it
    main_clauses: tuple[MainClause, ...] = ()
    # group code -> its members (the gazetteer's), so that a group of an act's own actors is no target
    groups: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # per sentence: its coordinated parts, where it has two or more (an act the model adds rests on one)
    pieces: tuple[tuple[Piece, ...], ...] = ()
    # per rule act (by ``act_key``): where its predicate sits in the parse (``nlp.arguments.trigger_syntax``)
    syntax: Mapping[tuple, tuple[str, ...]] = field(default_factory=dict)


def act_key(act: Act) -> tuple:
    """What tells a rule act from the others of its document: its sentence, evidence and type."""
    return (act.sentence, act.start, act.end, act.type)


@dataclass(frozen=True)
class SentenceDecision:
    """What the sentence heads say about one sentence."""

    types: dict[str, float]  # type -> probability that the sentence holds an act of it
    modality: str
    modality_p: float
    issues: tuple[str, ...]


def _default_actors(ex: Extraction) -> tuple[str, ...]:
    counts = Counter(a.actors for a in ex.acts if a.actors)
    if counts:
        return counts.most_common(1)[0][0]
    return ex.participants


def decide(view: DocumentView, model: "ActModel", coder: "Coder") -> Extraction:
    """The document's acts as the model decides them over the rules' reading."""
    ex = view.extraction
    decisions = model.decide(view.features, [s.text for s in ex.sentences])
    index = {s.n: i for i, s in enumerate(ex.sentences)}
    labels, judged = model.judge_acts([act_features(a, view.features[index[a.sentence]], view.syntax.get(act_key(a), ()))
                                       for a in ex.acts],
                                      [a.evidence for a in ex.acts])
    rule_acts: dict[int, list[tuple[Act, dict[str, float]]]] = {}
    for a, row in zip(ex.acts, judged):
        rule_acts.setdefault(a.sentence, []).append((a, dict(zip(labels, map(float, row)))))
    fallback = _default_actors(ex)
    tag = f"model:{model.version}"
    threshold, extra = model.thresholds
    out: list[Act] = []
    mains = view.main_clauses or (MainClause(),) * len(ex.sentences)
    pieces = view.pieces or ((),) * len(ex.sentences)
    third_parties = _third_parties(ex)
    for s, d, main, parts in zip(ex.sentences, decisions, mains, pieces):
        pool = rule_acts.get(s.n, [])
        # whose act: as the sentence's clauses say, else its main clause's subject, else the document's usual actors
        sentence_actors = next((a.actors for a, _ in pool if a.actors), None) or main.actors or fallback
        kept: set[str] = set()
        dropped: list[Act] = []
        for a, probs in pool:
            type_ = max(probs, key=probs.__getitem__)
            sure = probs[type_]
            if type_ not in ("NONE", a.type) and a.type in _STANDING:
                type_, sure = a.type, 1.0 - probs.get("NONE", 0.0)  # how sure the model is that it is an act
            elif type_ not in ("NONE", a.type) and probs.get(a.type, 0.0) >= _RETYPE_RATIO * probs[type_]:
                type_, sure = a.type, probs[a.type]  # the rules' type stands unless the model finds another far likelier
            if type_ == "NONE":
                dropped.append(a)
                continue
            kept.add(type_)
            how = "" if type_ == a.type else "+retyped"
            a = _aimed_targets(a, type_, ex.mentions, view.groups)
            out.append(_recode(coder, a, type_, d, sure, f"{a.rule}{how}|{tag}", keep_modality=not how))
        for type_, p in sorted(d.types.items(), key=lambda kv: -kv[1]):
            # a sentence whose clauses already carry acts needs more evidence for one more
            # a sentence the modality head reads as a promise, with no act yet, needs less for its type
            promise = not kept and d.modality in ("COMMIT", "REAFFIRM") and d.modality_p >= _PROMISE_P
            # or the rules read a promise by a participant in its main clause ("We are determined to take on
            # a leading role in reversing the setback of progress towards the SDGs"): commitments F1 0.833 -> 0.838 (seed 13;
            # 7 and 21: 0.829 -> 0.830 and 0.831), issues 0.614 -> 0.617, acts 0.585 -> 0.586 (pooled)
            promise = promise or (not kept and main.modality in ("COMMIT", "REAFFIRM")
                                  and not set(main.actors).isdisjoint(ex.participants))
            if type_ in kept or p < (extra if kept else _PROMISE_THRESHOLD if promise else threshold):
                continue
            kept.add(type_)
            if dropped:  # the rules saw a clause here: give it the type the sentence holds
                a = _aimed_targets(dropped.pop(0), type_, ex.mentions, view.groups)
                out.append(_recode(coder, a, type_, d, p, f"{a.rule}+retyped|{tag}"))
            elif main.exhortation or main.framing or main.described or _third_party(main, ex.participants, third_parties):
                # "Russia will deepen cooperation with India": a third state's conduct is no act of ours;
                # nor is a speech's "We must keep the 1.5 degree goal alive" (the membership exhorted), nor a
                # description ("Free and fair trade remains a fundamental tool ...": MainClause.described)
                continue
            else:
                # the act rests on the coordinated part of the sentence whose words speak most for its type
                start, end = _carrier(model, type_, parts, s.text) if parts else (0, len(s.text.rstrip()))
                # aimed at whom its own part names: another conjunct's names are that conjunct's
                targets = (_named(s.start + start, s.text[start:end], _selves(sentence_actors, view.groups), ex.mentions)
                           if type_ in _AIMED else
                           _named_with(s.start + start, s.text[start:end], _selves(sentence_actors, view.groups), ex.mentions)
                           if type_ == "COOPERATE" else ())
                # a cue the rules read in the main clause ("will", "reaffirm") says the modality better than
                # the sentence model; where they read none (ASSERT is their default), the model says
                ds = replace(d, modality=main.modality) if main.modality != "ASSERT" else d
                out.append(_sentence_act(coder, ex, s, type_, ds, p, sentence_actors, targets,
                                         f"sentence{':part' if parts else ''}|{tag}", start, end))
    out = merge_same_evidence(out)  # two clauses re-typed alike on one evidence are one act
    out.sort(key=lambda a: (a.sentence, a.start, a.end, a.type))
    return replace(ex, acts=tuple(out))


# a name inside a relative clause describes the object, it is not whom the act addresses ("our
# companies that are seeking an orderly withdrawal from the Russian market")
_RELATIVE = re.compile(r"\b(?:that|which|who)\s+(?:are|is|were|was|have|has|had)\b", re.I)


# a body named after these is the speakers' own ("our APEC mission", "My U.N. ambassador")
_OWNED = re.compile(r"\b(?:our|my)\s+$", re.I)


def _third_parties(ex: Extraction) -> set[str]:
    """Who may act as a third party in the document: states and people, and bodies that act in none
    of the rules' acts ("The Secretary-General has called for ...", "POSCO International Corporation
    agreed to ..."). Not a body the title names (APEC in the fact sheet on its year, the MEF in its
    chair's summary) or the rules give acts (NATO in the fact sheet on its summit, "Allies will ..."),
    nor one the speakers call theirs ("our APEC mission"); in a speech, neither the title nor "my" counts
    (the title names the Assembly; "My U.N. ambassador" is the speaker's official)."""
    text, title = ex.document.text, ex.document.title or ""
    titled = ex.document.kind != "speech"
    acting = {c for a in ex.acts for c in a.actors}
    own = {m.code for m in ex.mentions if m.kind == "org" and (
        m.code in acting or titled and (m.text in title or m.code in title or _OWNED.search(text, max(0, m.start - 6), m.start)))}
    return {m.code for m in ex.mentions if m.kind in ("state", "person") or m.kind == "org" and m.code not in own}


def _third_party(main: MainClause, participants: tuple[str, ...], others: set[str]) -> bool:
    """A sentence the rules read as reporting a third party's conduct (companies, "the
    world"), or whose main-clause subject is only ``others`` (see :func:`_third_parties`)
    none of whom takes part."""
    subject = main.actors
    return main.third_party or (bool(subject) and not set(subject) & set(participants)
                                and all(c in others for c in subject))


def _aimed_targets(a: Act, type_: str, mentions, groups: Mapping[str, tuple[str, ...]]) -> Act:
    """An act aimed at someone whose clause names no target the rules could attach is aimed
    at the actors its evidence names ("supports the Secretary-General's proposals": UN;
    "raised concerns regarding PRC human rights abuses": CHN). Not for CONSULT, whose
    evidence names topics as often as partners ("discussed the situation in Burma"), nor
    for a name the gazetteer could not code."""
    if a.targets or type_ not in _AIMED or type_ == "CONSULT":
        return a
    codes = _named(a.start, a.evidence, _selves(a.actors, groups), mentions)
    return replace(a, targets=codes) if codes else a


def _selves(actors: tuple[str, ...], groups: Mapping[str, tuple[str, ...]]) -> set[str]:
    """The actors, and every group whose members they all are ("the Quad Leaders' Summit" in
    the Quad's own statement names no one the act is aimed at)."""
    own = set(actors)
    return own | {g for g, members in groups.items() if members and own >= set(members)}


def _named(start: int, text: str, besides: set[str] | tuple[str, ...], mentions) -> tuple[str, ...]:
    """The codes of the actors a text (at ``start``) names, in order, but ``besides``, names
    the gazetteer could not code, and names inside a relative clause."""
    codes: list[str] = []
    end = start + len(text)
    for m in mentions:
        if (m.kind in ("state", "org", "person") and start <= m.start and m.end <= end
                and " " not in m.code and m.code not in besides and m.code not in codes
                and not _RELATIVE.search(text, 0, m.start - start)):
            codes.append(m.code)
    return tuple(codes)


_WITH = re.compile(r"\bwith\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,5}$")


def _named_with(start: int, text: str, besides, mentions) -> tuple[str, ...]:
    """Those a text names right after "with" ("met with Prime Minister Kishida Fumio of Japan ... to advance
    cooperation"): whom a cooperation is with."""
    return tuple(c for c in _named(start, text, besides, mentions)
                 if any(m.code == c and start <= m.start and _WITH.search(text[max(0, m.start - start - 60):m.start - start])
                        for m in mentions))


def _recode(coder: "Coder", a: Act, type_: str, d: SentenceDecision, p: float, rule: str,
            keep_modality: bool = False) -> Act:
    # the rules read modality clause by clause and do it well; the model speaks for the sentence
    modality = a.modality if keep_modality else d.modality
    return coder.recode(a, type_=type_, modality=modality, issues=d.issues, rule=rule, confidence=round(p, 4))


def _carrier(model: "ActModel", type_: str, parts: tuple[Piece, ...], text: str) -> tuple[int, int]:
    """The characters of the part of a sentence (``text``) that the types head finds likeliest to hold ``type_``."""
    scores = model.type_scores(type_, [p.features for p in parts], [text[p.start:p.end] for p in parts])
    best = parts[int(scores.argmax())]
    return best.start, best.end


def _sentence_act(coder: "Coder", ex: Extraction, s, type_: str, d: SentenceDecision, p: float,
                  actors: tuple[str, ...], targets: tuple[str, ...], rule: str, start: int, end: int) -> Act:
    text = s.text[start:end]
    base = Act(doc=ex.document.name, sentence=s.n, start=s.start + start, end=s.start + end, evidence=text,
               type=type_, modality=d.modality, actors=actors, targets=targets, issues=d.issues, commitment=False,
               cameo="", plover="", goldstein=0.0, quad_class=0, rule="sentence", predicate="")
    return _recode(coder, base, type_, d, p, rule)
