"""The act rules: from a parsed sentence to acts, as the annotation guidelines define them.

The engine first *matches* (``find_acts``: predicates, their subjects, modality,
targets, evidence spans, as plain tuples), and the component then *annotates*.
Decisions follow the guidelines' borderlines; each rule is named in the act's
``rule`` field so every act can be traced to what produced it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from spacy.tokens import Span, Token

from .gazetteer import Hit
from .lexicon import Lexicon

__all__ = ["Context", "RawAct", "find_acts"]

SUBJ = ("nsubj", "nsubjpass", "csubj")
CLIMB = ("xcomp", "conj", "ccomp", "advcl", "pcomp", "prep", "pobj", "dobj", "acomp", "attr", "oprd", "dative")
NESTING = ("dobj", "pobj", "prep", "pcomp", "attr", "acomp", "oprd", "dative", "nmod", "appos", "compound", "amod", "npadvmod", "acl", "relcl", "poss")


@dataclass
class Context:
    """What the rules know about the document while reading it in order."""

    parties: tuple[str, ...]
    participants: tuple[str, ...]
    groups: dict[str, tuple[str, ...]]
    plan_nouns: frozenset[str]
    kind: str | None = None
    last_person: tuple[str, ...] = ()
    last_group: tuple[str, ...] = ()
    lead: dict[int, tuple[tuple[str, ...], str]] = field(default_factory=dict)


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


def _order(codes: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for c in codes:
        if c:
            seen.setdefault(c, None)
    return tuple(seen)


class _Sentence:
    """One parsed sentence with its mentions, for the rules below."""

    def __init__(self, sent: Span, hits: list[Hit], ctx: Context, lex: Lexicon, list_item: bool, lead_in: int | None):
        self.sent, self.hits, self.ctx, self.lex = sent, hits, ctx, lex
        self.list_item, self.lead_in = list_item, lead_in
        self.tok_hit: dict[int, Hit] = {}
        base = sent.start_char
        for t in sent:
            for h in hits:
                if h.start <= t.idx - base < h.end:
                    self.tok_hit[t.i] = h
                    break

    # ---- actors -------------------------------------------------------------
    def resolve(self, hit: Hit) -> tuple[str, ...] | None:
        ctx = self.ctx
        if hit.kind == "parties" or hit.kind == "speaker":
            return ctx.parties
        if hit.kind == "participants":
            return ctx.participants
        if hit.kind in ("third", "third_party", "place") or hit.code is None:
            return None
        members = ctx.groups.get(hit.code)
        if members and set(members) <= set(ctx.parties):
            return ctx.parties  # "the Quad" in a Quad statement: its issuers
        return (hit.code,)

    def np_actors(self, tok: Token) -> tuple[tuple[str, ...], bool]:
        """Actors named by the noun phrase headed by ``tok``; whether it names any at all."""
        low = tok.lower_
        if low in ("we", "us", "i"):
            return self.ctx.parties, True
        if low in ("they", "them"):
            if self.ctx.kind == "speech":
                return (), True  # in a speech "they" are others
            return self.ctx.participants, True
        if low in ("he", "she"):
            return self.ctx.last_person or self.ctx.parties, True
        if low == "it" and self.ctx.last_group:
            return self.ctx.last_group, True
        codes: list[str] = []
        named = False
        for t in tok.subtree:
            if t.dep_ in ("prep", "relcl", "acl", "advcl") and t.head.i == tok.i and t.lower_ not in ("of",):
                break
            h = self.tok_hit.get(t.i)
            if h is None or (t.i > tok.i and t.dep_ in ("pobj",) and t.head.lower_ != "of"):
                continue
            r = self.resolve(h)
            if h.kind in ("third", "third_party"):
                return (), True
            if r:
                if h.kind == "parties" and t.dep_ == "poss" and tok.lower_ not in self.lex.words.people_nouns:
                    continue  # "our cooperation" is no actor; "our ministers" are
                if h.kind == "org" and r == self.ctx.parties:
                    self.ctx.last_group = r  # "the Quad ...; it seeks to"
                codes.extend(r)
                named = True
        return _order(codes), named

    def subject_of(self, tok: Token) -> Token | None:
        for c in tok.children:
            if c.dep_ in SUBJ:
                return c
        return None

    def subject_actors(self, subj: Token) -> tuple[tuple[str, ...], bool]:
        """Actors of every subject of the clause ("Biden ... and Kishida ... meet")."""
        codes: list[str] = []
        named = False
        for c in subj.head.children:
            if c.dep_ in SUBJ:
                a, n = self.np_actors(c)
                codes.extend(a)
                named = named or n
        return _order(codes), named

    # ---- modality -----------------------------------------------------------
    def modality(self, chain: list[Token], upper: list[Token]) -> str:
        lx = self.lex
        lemmas = {t.lemma_.lower() for t in chain + upper}
        aux = {c.lower_ for t in chain for c in t.children if c.dep_ in ("aux", "auxpass")}
        adverbs = {c.lower_ for t in chain + upper for c in t.children if c.dep_ == "advmod"}
        adjs = {c.lemma_.lower() for t in chain + upper for c in t.children if c.dep_ in ("acomp", "oprd")} | {
            t.lower_ for t in chain + upper if t.dep_ in ("acomp", "amod")}
        nouns = {c.lemma_.lower() for t in chain + upper for c in t.children if c.dep_ in ("dobj", "pobj")} | {
            t.lemma_.lower() for t in chain + upper if t.pos_ == "NOUN"}
        will = bool(aux & lx.commit_aux)
        if lemmas & {"reaffirm", "reiterate", "recommit", "reconfirm", "restate"}:
            return "REAFFIRM"
        if "remain" in lemmas and not will:
            return "REAFFIRM"
        if adjs & lx.reaffirm_adjectives:
            return "REAFFIRM"
        if lemmas & lx.standing_verbs and nouns & {"commitment", "commitments", "resolve"} and not will:
            return "REAFFIRM"
        if "again" in adverbs and lemmas & lx.standing_verbs:
            return "REAFFIRM"
        if will:
            return "COMMIT"
        if "continue" in lemmas:
            cont = [t for t in chain + upper if t.lemma_.lower() == "continue"]
            if any(t.tag_ in ("VBP", "VBZ") for t in cont):
                return "REAFFIRM"
            return "COMMIT" if any(t.tag_ in ("VB", "VBG") for t in cont) else "ASSERT"
        if lemmas & lx.commit_verbs - {"look", "work", "hope", "expect", "offer"}:
            return "COMMIT"
        if "look" in lemmas and any(c.lower_ == "forward" for t in chain + upper for c in t.children):
            return "COMMIT"
        if adjs & lx.commit_adjectives or lemmas & lx.commit_adjectives:
            return "COMMIT"
        if nouns & {"commitment", "commitments", "pledge"}:
            return "COMMIT"
        return "ASSERT"


def _has_child(tok: Token, deps: tuple[str, ...], lemmas: set[str] | None = None) -> Token | None:
    for c in tok.children:
        if c.dep_ in deps and (lemmas is None or c.lemma_.lower() in lemmas or c.lower_ in lemmas):
            return c
    return None


def _purpose_child(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("xcomp", "advcl") and c.pos_ in ("VERB", "AUX") and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux"):
            return c
    return None


def _object_head(s: _Sentence, tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
            return c
    for c in tok.children:  # "strive for X", "commit to X", "focus on X"
        lem = tok.lemma_.lower()
        if c.dep_ == "prep" and ((c.lower_ in ("to", "for") and lem in s.lex.words.goal_prep_verbs) or (c.lower_ == "on" and lem in s.lex.words.focus_verbs)):
            for g in c.children:
                if g.dep_ in ("pobj", "pcomp"):
                    return g
    return None


class _Trigger:
    """A token proposed as the predicate of an act, with the type it carries."""

    __slots__ = ("tok", "type", "cameo", "rule", "targets_from", "modality", "predicate_only_topic")

    def __init__(self, tok: Token, type_: str, cameo: str, rule: str,
                 targets_from: Token | None = None, modality: str | None = None):
        self.tok, self.type, self.cameo, self.rule = tok, type_, cameo, rule
        self.targets_from = targets_from or tok
        self.modality = modality  # forced by the rule ("look forward to <others' event>": ASSERT)
        # "raised Russia's war": a topic brought up, addressed to no one named in it
        self.predicate_only_topic = rule == "verb:raise"


def _noun_type(s: _Sentence, noun: Token) -> tuple[str, str, str] | None:
    lx = s.lex
    lem = noun.lemma_.lower()
    if lem in ("call", "appeal") and any(c.dep_ == "prep" and c.lower_ in ("on", "upon", "for") for c in noun.children):
        return "REQUEST", "020", f"noun:{lem}-on"  # "our call on Belarus to release ..."
    for key in (noun.lower_, lem):
        if key in lx.nouns:
            t, c = lx.nouns[key]
            return t, c, f"noun:{key}"
    return None


def _content_of_noun(s: _Sentence, noun: Token, depth: int = 0) -> tuple[str, str, str, Token] | None:
    """The act a governed noun phrase names: "commitment to X", "importance of X", "support for Y"."""
    if depth > 3:
        return None
    lem = noun.lemma_.lower()
    if lem in s.lex.words.goal_nouns:  # "a shared ambition to support Australia"
        for c in noun.children:
            if c.dep_ in ("acl", "relcl", "xcomp") and c.pos_ == "VERB":
                vt = _verb_type(s, c)
                if vt:
                    return vt[0], vt[1], vt[2], c
    if lem in s.lex.words.containers:  # "the full range of its capabilities", "pursuit of dialogue"
        for p in noun.children:
            if p.dep_ == "prep" and p.lower_ == "of":
                for g in p.children:
                    if g.dep_ == "pobj":
                        return _content_of_noun(s, g, depth + 1)
        return None
    if lem == "agreement" and any(c.dep_ in ("acl", "ccomp") for c in noun.children):
        return "PURSUE", "030", "noun:agreement-that", noun  # a shared position, not a signed text
    if lem in ("commitment", "pledge", "dedication") or lem in s.lex.words.abstract_goals:
        preps = sorted((p for p in noun.children if p.dep_ == "prep" and p.lower_ in ("to", "of", "for")),
                       key=lambda p: p.lower_ != "to")
        for p in preps:
            if any(s.tok_hit.get(g.i) is not None and g.dep_ == "pobj" for g in p.children):
                continue  # "commitment of the United States": whose, not what
            for g in p.children:
                if g.dep_ == "pobj":
                    inner = _content_of_noun(s, g, depth + 1)
                    if inner:
                        return inner
                    return "PURSUE", "030", f"noun:{lem}-to", g
                if g.dep_ == "pcomp" and g.pos_ == "VERB":
                    vt = _verb_type(s, g)
                    if vt:
                        return vt[0], vt[1], vt[2], g
                    return "PURSUE", "030", f"noun:{lem}-to", g
        return None
    nt = _noun_type(s, noun)
    if nt:
        return nt[0], nt[1], nt[2], noun
    return None


def _verb_type(s: _Sentence, v: Token) -> tuple[str, str, str] | None:
    """Type of a verb predicate by the lexicon, with the object-dependent rules."""
    lx = s.lex
    lem = v.lemma_.lower()
    obj = _object_head(s, v)
    obj_lem = obj.lemma_.lower() if obj is not None else ""
    if lem == "share":
        if obj is not None and (obj_lem in s.lex.words.share_objects or obj.lower_ in s.lex.words.share_objects):
            return "COOPERATE", "064", "verb:share-information"
        return None
    if lem == "stand":
        for p in v.children:  # "stood together in firm opposition to X"
            if p.dep_ == "prep" and p.lower_ == "in":
                for g in p.children:
                    nt = _noun_type(s, g) if g.dep_ == "pobj" else None
                    if nt:
                        return nt[0], nt[1], f"verb:stand-in+{nt[2]}"
        if _has_child(v, ("advmod",), {"together"}):
            return "COOPERATE", "060", "verb:stand-together"
        for p in v.children:
            if p.dep_ == "prep" and p.lower_ == "with":
                return "SUPPORT", "051", "verb:stand-with"
        return None
    if lem == "call":
        for p in v.children:
            if p.dep_ in ("prep", "prt") and p.lower_ in ("on", "upon", "for"):
                return "REQUEST", "020", f"verb:call-{p.lower_}"
        return None
    if lem == "encourage":
        if obj is not None and _has_child(v, ("xcomp", "ccomp")):
            return "REQUEST", "020", "verb:encourage-to"
        return "SUPPORT", "051", "verb:encourage"
    if lem in lx.support_aid_verbs and obj is not None:
        h = s.tok_hit.get(obj.i)
        if h is not None and h.kind in ("state", "person") and obj.dep_ == "dobj":
            return "AID", "070", f"verb:{lem}-state"
    if lem in ("help", "assist") and (obj is None or (s.tok_hit.get(obj.i) is None and obj.lemma_.lower() not in s.lex.words.needy)):
        return None  # "will help sustain peace": an effect, not aid
    if lem == "raise" and obj is None:
        return None
    if lem == "hold" and obj is not None and obj_lem in ("accountable", "responsible"):
        return "THREATEN", "130", "verb:hold-accountable"
    if lem in lx.verbs:
        t, c = lx.verbs[lem]
        return t, c, f"verb:{lem}"
    return None


def _triggers(s: _Sentence) -> list[_Trigger]:
    lx = s.lex
    out: list[_Trigger] = []
    for tok in s.sent:
        lem = tok.lemma_.lower()
        if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and lem not in ("be", "have", "do", "will", "would", "shall", "should", "can", "could", "may", "might", "must")):
            if tok.dep_ in ("amod", "compound", "aux", "auxpass") or tok.tag_ == "VBN" and tok.dep_ in ("acl",):
                continue
            if tok.dep_ == "advcl" and tok.tag_ in ("VBG", "VBN") and s.subject_of(tok) is None and tok.i < tok.head.i:
                continue  # "Building on the progress, we will ...": framing participle
            if tok.dep_ in ("relcl", "acl") and not (
                    tok.dep_ == "acl" and tok.head.lemma_.lower() in s.lex.words.abstract_goals | s.lex.words.goal_nouns) and not _own_relcl(s, tok):
                continue  # "which undermine peace": a description, not an act
            trig = _verb_trigger(s, tok)
            if trig:
                out.append(trig)
        elif tok.pos_ in ("NOUN", "PROPN") and _governed_noun(s, tok):
            c = _content_of_noun(s, tok)
            if c is not None:
                out.append(_Trigger(c[3], c[0], c[1], c[2], targets_from=tok))
        elif tok.pos_ == "ADJ" and lem in s.lex.words.stance_adjectives and tok.dep_ in ("acomp", "ROOT"):
            for p in tok.children:  # "remain steadfast in their pursuit of dialogue"
                if p.dep_ == "prep" and p.lower_ == "in":
                    for g in p.children:
                        c = _content_of_noun(s, g) if g.dep_ == "pobj" else None
                        if c is not None:
                            out.append(_Trigger(tok, c[0], c[1], f"adj:{lem}-in+{c[2]}", targets_from=c[3]))
        elif tok.pos_ == "ADJ" and lem in lx.commit_adjectives | {"concerned"} and tok.dep_ in ("acomp", "ROOT"):
            if lem == "concerned":
                out.append(_Trigger(tok, "ACCUSE", "110", "adj:concerned"))
            else:
                for p in tok.children:  # "are committed to X"
                    if p.dep_ == "prep" and p.lower_ == "to":
                        for g in p.children:
                            if g.dep_ == "pcomp" and g.pos_ == "VERB" and _verb_type(s, g) is None and lem != "ready":
                                out.append(_Trigger(tok, "PURSUE", "030", f"adj:{lem}-to-goal", targets_from=g))
                            if g.dep_ == "pobj":
                                c = _content_of_noun(s, g) or ("PURSUE", "030", f"adj:{lem}-to", g)
                                out.append(_Trigger(c[3], c[0], c[1], c[2] if c[2].startswith("adj") else f"adj:{lem}+{c[2]}", targets_from=g))
    # one act per token; an act nested in another act's object is not a second act
    uniq: dict[int, _Trigger] = {}
    for t in out:
        uniq.setdefault(t.tok.i, t)
    return _resolve_nesting(s, list(uniq.values()))


def _own_relcl(s: _Sentence, tok: Token) -> bool:
    """"where we have deepened our cooperation": a relative clause whose subject is us."""
    subj = s.subject_of(tok)
    return subj is not None and subj.lower_ in ("we", "i") and tok.dep_ == "relcl"


def _governed_noun(s: _Sentence, tok: Token) -> bool:
    """A noun names an act of its own only after "look forward to" ("the next meeting");
    every other governed noun is read at its verb (see ``_verb_trigger``)."""
    head = tok.head
    if tok.dep_ == "conj" and head.pos_ in ("NOUN", "PROPN"):
        return _governed_noun(s, head)
    return (tok.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_.lower() == "look"
            and any(c.lower_ == "forward" for c in head.head.children))


def _verb_trigger(s: _Sentence, tok: Token) -> _Trigger | None:
    lx = s.lex
    lem = tok.lemma_.lower()
    # work/collaborate to <goal>: the goal is the act, unless outside co-agents make it COOPERATE
    if lem in lx.purpose_verbs and _purpose_child(tok) is not None:
        if _coagents(s, tok):
            return _Trigger(tok, "COOPERATE", "060", f"verb:{lem}-with-coagents")
        goal = _purpose_child(tok)
        if any(_verb_type(s, g) is not None or (_object_head(s, g) is not None and _content_of_noun(s, _object_head(s, g)))
               for g in [goal, *goal.conjuncts] if g.pos_ in ("VERB", "AUX")):
            return None  # the goal is the act
        return _Trigger(tok, "PURSUE", "030", f"verb:{lem}-to-goal")
    if lem in lx.cue_verbs and lem not in lx.light_verbs and _has_child(tok, ("xcomp", "ccomp")):
        return None  # "resolve to deepen", "agree that ...": the clause holds the act
    obj = _object_head(s, tok)
    if lem == "meet" and obj is not None and s.tok_hit.get(obj.i) is None:
        return None  # "meet the challenges": not a meeting
    if obj is not None and lem in lx.light_verbs | lx.cue_verbs:
        c = _content_of_noun(s, obj) if obj.pos_ in ("NOUN", "PROPN") else None
        if c is not None:
            if lem in lx.verbs and lx.verbs[lem][0] == "AGREE" and c[0] != "AGREE" and obj.lemma_.lower() not in lx.agree_objects:
                pass
            elif not (lem in lx.verbs and lem not in lx.light_verbs):
                type_, cameo = c[0], c[1]
                if type_ == "SUPPORT" and lem in s.lex.words.material_verbs:  # "provide support for Ukraine"
                    type_, cameo = "AID", "070"
                return _Trigger(tok, type_, cameo, f"verb:{lem}+{c[2]}", targets_from=c[3] if c[3] is not obj else obj)
        if lem in lx.light_verbs and obj.lemma_.lower() in lx.object_types:
            t = lx.object_types[obj.lemma_.lower()]
            return _Trigger(tok, t, lx.nouns.get(obj.lemma_.lower(), (t, "060"))[1], f"verb:{lem}+obj:{obj.lemma_.lower()}")
        if lem in ("establish", "launch", "create", "announce", "form", "unveil", "inaugurate") and (
                obj.lemma_.lower() in lx.agree_objects or obj.lower_ in lx.agree_objects):
            return _Trigger(tok, "AGREE", "030", f"verb:{lem}+{obj.lemma_.lower()}")
    if lem in lx.cue_verbs and lem not in lx.verbs:
        if lem in ("recommit", "commit", "pledge", "strive", "resolve", "reaffirm") and not _has_child(tok, ("xcomp", "ccomp")):
            if obj is not None and obj.dep_ == "pcomp" and obj.pos_ == "VERB":
                return None  # "commit to strengthening X": the gerund carries the act
            if obj is not None or _has_child(tok, ("prep",)):
                return _Trigger(tok, "PURSUE", "030", f"cue:{lem}-goal")
        if lem == "look" and _has_child(tok, ("prt", "advmod"), {"forward"}):
            return _look_forward(s, tok)
        return None
    vt = _verb_type(s, tok)
    if vt is None:
        return None
    return _Trigger(tok, vt[0], vt[1], vt[2])


def _look_forward(s: _Sentence, tok: Token) -> _Trigger | None:
    """"look forward to <own act>" is that act (COMMIT); "to <others' event>" is SUPPORT."""
    for p in tok.children:
        if p.dep_ == "prep" and p.lower_ == "to":
            for g in p.children:
                if g.dep_ == "pcomp" and g.pos_ == "VERB":
                    return None  # the gerund is its own trigger
                if g.dep_ == "pobj":
                    c = _content_of_noun(s, g)
                    if c is not None and g.pos_ == "NOUN" and c[0] != "SUPPORT":
                        return None  # the governed noun is its own trigger
                    if g.pos_ == "VERB":
                        return None
                    if g.lemma_.lower() in ("future", "year", "years", "day", "days"):
                        return None
                    return _Trigger(tok, "SUPPORT", "051", "verb:look-forward-event", modality="ASSERT")
    return None


def _purpose_link(tok: Token) -> bool:
    """Is ``tok`` a purpose clause ("... to <goal>") of its head?"""
    return tok.dep_ in ("xcomp", "advcl", "acl") and any(a.lower_ == "to" and a.dep_ == "aux" for a in tok.children)


def _nesting_parent(s: _Sentence, t: _Trigger, triggers: dict[int, _Trigger]) -> tuple[_Trigger | None, bool]:
    """The act whose object (or purpose) holds ``t``, and whether ``t`` is that act's
    own purpose clause ("work together to <goal>")."""
    cur = t.tok
    for _ in range(14):
        if cur.head.i == cur.i or cur.dep_ == "parataxis":
            return None, False
        if cur.dep_ == "conj":  # conjuncts share their head's attachment
            cur = cur.head
            continue
        if cur.dep_ == "ccomp":
            subj = s.subject_of(cur)
            if subj is not None and s.subject_actors(subj)[0]:
                return None, False  # an independent clause of an actor
        if cur.lemma_.lower() in s.lex.words.speech_cues:
            return None, False  # "convened to reaffirm our commitment to X": X is its own act
        head = cur.head
        other = triggers.get(head.i)
        if other is not None and other is not t and cur.dep_ in NESTING + ("xcomp", "advcl", "ccomp"):
            direct_purpose = cur is t.tok and _purpose_link(cur)
            return other, direct_purpose
        cur = head
    return None, False


def _resolve_nesting(s: _Sentence, trigs: list[_Trigger]) -> list[_Trigger]:
    """An act inside another act's object is not a second act; but a typed goal
    ("work together to <typed act>", "embark on X to enhance capabilities") wins over
    a generic PURSUE parent."""
    by_tok = {t.tok.i: t for t in trigs}
    drop: set[int] = set()
    for t in trigs:
        parent, purpose = _nesting_parent(s, t, by_tok)
        if parent is None:
            continue
        if (purpose and parent.type in ("PURSUE", "COOPERATE") and t.type not in ("PURSUE", "COOPERATE")
                and "coagents" not in parent.rule):
            drop.add(parent.tok.i)
        else:
            drop.add(t.tok.i)
    return [t for t in trigs if t.tok.i not in drop]


def _coagents(s: _Sentence, tok: Token) -> list[str]:
    """Codes of co-agents named with "with X" / "together with X" / "in coordination with X"."""
    codes: list[str] = []
    if tok.lemma_.lower() in s.lex.words.rivalry:
        return codes  # "compete with the PRC": a rival, not a co-agent
    for t in tok.subtree:
        if t.dep_ == "prep" and t.lower_ == "with" and (t.head.i == tok.i or t.head.lemma_.lower() in s.lex.words.coagent_heads):
            if t.head.dep_ == "conj" and t.head.i != tok.i and t.head.head.i != tok.i:
                continue
            for g in t.subtree:
                h = s.tok_hit.get(g.i)
                if h is not None and h.kind in ("state", "org", "person"):
                    r = s.resolve(h)
                    if r and not set(r) <= set(s.ctx.parties):
                        codes.extend(r)
    return list(_order(codes))


def _targets(s: _Sentence, trig: _Trigger, actors: tuple[str, ...]) -> tuple[str, ...]:
    """Whom the act addresses: its objects and their possessors, "of"-complements and
    apposed lists; co-agents named with "with X". Deeper phrases ("war against
    Ukraine" under "opposition to") describe, and do not address."""
    codes: list[str] = []
    direct: set[str] = set()

    def collect(np: Token, is_direct: bool) -> None:
        h = s.tok_hit.get(np.i)
        if h is not None and h.kind in ("state", "org", "person"):
            r = s.resolve(h)
            if r and r != s.ctx.parties:
                codes.extend(r)
                if is_direct:
                    direct.update(r)
        for c in np.children:
            if c.dep_ in ("poss", "compound", "nmod", "appos", "conj"):
                collect(c, is_direct and c.dep_ in ("conj", "appos"))
            elif c.dep_ == "prep" and c.lower_ in ("of", "including", "at", "among", "between"):
                for g in c.children:
                    if g.dep_ == "pobj":
                        collect(g, False)

    if trig.predicate_only_topic:
        return ()
    for root in {trig.tok, trig.targets_from}:
        for c in root.children:
            if c.dep_ in ("dobj", "dative", "attr", "oprd"):
                collect(c, True)
            elif c.dep_ in ("prep", "prt") and c.lower_ in s.lex.words.target_preps:
                for g in c.children:
                    if g.dep_ == "pobj":
                        collect(g, c.lower_ in ("to", "for", "on", "upon", "with"))
                    elif g.dep_ == "pcomp":
                        for gg in g.children:
                            if gg.dep_ in ("dobj", "pobj"):
                                collect(gg, False)
            elif c.dep_ == "ccomp":  # "welcomed that X ...": the clause's subject
                subj = s.subject_of(c)
                if subj is not None:
                    collect(subj, False)
    codes.extend(_coagents(s, trig.tok))
    # an actor is its own target only when addressed directly ("support Australia")
    return _order(c for c in codes if c not in actors or c in direct)


def _clause_span(s: _Sentence, trig: _Trigger, subj: Token | None, conj_acts: set[int]) -> tuple[int, int]:
    toks = []
    stack = [trig.tok]
    while stack:
        t = stack.pop()
        toks.append(t)
        for c in t.children:
            if c.i in conj_acts and c.i != trig.tok.i:
                continue
            stack.append(c)
    if trig.targets_from is not trig.tok:
        toks.extend(trig.targets_from.subtree)
    if subj is not None and abs(subj.i - trig.tok.i) < 40:
        toks.extend(subj.subtree)
    base = s.sent.start_char
    start = min(t.idx for t in toks) - base
    end = max(t.idx + len(t.text) for t in toks) - base
    return start, end


def find_acts(sent: Span, hits: list[Hit], ctx: Context, lex: Lexicon, *, list_item: bool = False,
              lead_in: int | None = None, n: int = 0) -> list[RawAct]:
    """All acts of one parsed sentence (match step: no annotation, no side effects
    beyond the context's memory of the last person and list lead-ins)."""
    s = _Sentence(sent, hits, ctx, lex, list_item, lead_in)
    triggers = _triggers(s)
    trig_ids = {t.tok.i for t in triggers}
    acts: list[RawAct] = []
    root_actors: tuple[str, ...] = ()
    root_modality = "ASSERT"
    for trig in triggers:
        chain, upper, subj = _climb(s, trig.tok)
        owner = _goal_owner(s, trig.tok)
        if owner:
            chain, upper, subj = [trig.tok, trig.tok.head], list(trig.tok.head.ancestors), None
        actors, named = (s.subject_actors(subj) if subj is not None else ((), False))
        third = subj is not None and not actors and named
        if subj is not None and not named:
            actors = _plan_subject(s, subj)
        if owner:
            actors = owner
        elif subj is None:
            if list_item and lead_in is not None and lead_in in ctx.lead:
                actors = ctx.lead[lead_in][0]
            elif subj is None:
                actors = ctx.parties
        if not actors or third:
            rep = _reporter(s, trig.tok)
            if rep is None:
                continue
            actors = rep
        modality = trig.modality or s.modality(chain, upper)
        if subj is None and list_item and lead_in is not None and lead_in in ctx.lead and modality == "ASSERT":
            modality = ctx.lead[lead_in][1]
        if any(a not in ctx.participants for a in actors):
            req = _request_of_others(s, chain, upper, actors)
            if req is None:
                continue
            acts.append(req)
            continue
        type_, cameo, rule = trig.type, trig.cameo, trig.rule
        negated = any(c.dep_ == "neg" for t in chain for c in t.children)
        if negated and type_ in ("AGREE", "SUPPORT", "COOPERATE", "AID", "CONSULT"):
            type_, cameo, rule = "REJECT", "120", rule + "+negated"
        if ctx.kind == "speech" and subj is not None and subj.lower_ == "we" and any(
                c.lower_ in lex.request_modals for t in chain for c in t.children if c.dep_ == "aux"):
            continue  # "We must keep the 1.5 degree goal alive": the membership exhorted, no act
        if any(c.lower_ in lex.request_modals for t in chain for c in t.children if c.dep_ == "aux"):
            req = _request_of_others(s, chain, upper, actors)
            if req is not None:
                acts.append(req)
                continue
            if subj is not None and subj.lower_ not in ("we", "i") and not upper:
                continue  # "They should promote ...": a norm described, not an act
        if type_ == "PURSUE" and _coagents(s, trig.tok):
            type_, cameo, rule = "COOPERATE", "060", rule + "+coagents"
        targets = _targets(s, trig, actors)
        start, end = _clause_span(s, trig, subj if subj is not None and subj.i < trig.tok.i else None, trig_ids)
        acts.append(RawAct(type_, modality, actors, targets, start, end, cameo, rule, trig.tok.lemma_.lower(), negated))
        if trig.tok.dep_ == "ROOT" or not root_actors:
            root_actors, root_modality = actors, modality
    acts.extend(_pattern_acts(s, acts, _sentence_actors(s) or root_actors or ctx.parties))
    if sent.text.rstrip().endswith(":"):
        lead_actors = root_actors
        lead_mod = root_modality
        root = next((t for t in sent if t.dep_ == "ROOT"), None)
        if root is not None:
            chain, upper, subj = _climb(s, root)
            if subj is not None:
                a, named = s.np_actors(subj)
                lead_actors = a or _plan_subject(s, subj) or ctx.parties
            lead_mod = s.modality(chain, upper)
        ctx.lead[n] = (lead_actors or ctx.parties, lead_mod)
    for h in hits:
        if h.kind == "person" and h.code:
            ctx.last_person = (h.code,)
            break
    return acts


def _goal_owner(s: _Sentence, tok: Token) -> tuple[str, ...]:
    """Whose commitment: "the U.S. commitment to extend deterrence" (USA)."""
    if tok.dep_ != "acl" or tok.head.lemma_.lower() not in s.lex.words.goal_nouns:
        return ()
    codes: list[str] = []
    for c in tok.head.children:
        if c.dep_ in ("poss", "compound"):
            h = s.tok_hit.get(c.i)
            r = s.resolve(h) if h is not None else None
            if r:
                codes.extend(r)
    return _order(codes)


def _climb(s: _Sentence, tok: Token) -> tuple[list[Token], list[Token], Token | None]:
    """Walk up from a predicate to the first subject. ``chain`` holds the tokens up to
    the clause with the subject; ``upper`` the reporting verbs above it (for modality)."""
    chain = [tok]
    cur = tok
    subj = s.subject_of(cur)
    while subj is None and cur.dep_ in CLIMB and cur.head.i != cur.i:
        cur = cur.head
        chain.append(cur)
        if cur.pos_ in ("NOUN", "PROPN") and cur.dep_ not in ("dobj", "pobj", "attr"):
            break
        subj = s.subject_of(cur)
    upper: list[Token] = []
    up = cur
    while up.dep_ in ("ccomp", "xcomp", "conj") and up.head.i != up.i and len(upper) < 3:
        up = up.head
        upper.append(up)
    if subj is None:
        return chain, upper, None
    if subj.lower_ in ("it", "this", "that", "there") and upper:
        rep_subj = s.subject_of(upper[0])
        if rep_subj is not None:
            return chain, upper, rep_subj
    return chain, upper, subj


def _plan_subject(s: _Sentence, subj: Token) -> tuple[str, ...]:
    """A subject naming the participants' own plan ("These initial efforts will ...")."""
    text = " ".join(t.lower_ for t in subj.subtree)
    head = subj.lemma_.lower()
    if subj.lower_ in s.ctx.plan_nouns or head in s.ctx.plan_nouns or any(p in text for p in s.ctx.plan_nouns if " " in p):
        if any(t.lower_ in ("these", "this", "our", "the", "such") for t in subj.children):
            return s.ctx.parties
    return ()


def _reporter(s: _Sentence, tok: Token) -> tuple[str, ...] | None:
    """Actors of the nearest clause above ``tok`` whose subject is an actor
    ("He reiterated that this competition ...": He)."""
    cur = tok
    for _ in range(12):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        subj = s.subject_of(cur)
        if subj is not None:
            a, named = s.subject_actors(subj)
            if a:
                return a
            if named:  # a third party reports it
                return None
    return None


def _request_of_others(s: _Sentence, chain: list[Token], upper: list[Token], clause_actors: tuple[str, ...]) -> RawAct | None:
    """"X underscored that Y must ...": a REQUEST by X toward Y (Y beyond X)."""
    if not any(c.lower_ in s.lex.request_modals for t in chain for c in t.children if c.dep_ == "aux"):
        return None
    for t in upper:
        subj = s.subject_of(t)
        if subj is None:
            continue
        reporters, _ = s.np_actors(subj)
        if not reporters:
            return None
        others = tuple(a for a in clause_actors if a not in reporters)
        if not others:
            return None
        base = s.sent.start_char
        start = t.idx - base
        end = max(x.idx + len(x.text) for x in chain[0].subtree) - base
        start = min(start, subj.idx - base)
        return RawAct("REQUEST", "ASSERT", reporters, others, start, max(end, start + 1), "020",
                      "clause:reported-must", chain[0].lemma_.lower())
    return None


def _pattern_acts(s: _Sentence, acts: list[RawAct], actors: tuple[str, ...]) -> list[RawAct]:
    out = []
    text = s.sent.text
    for p in s.lex.patterns:
        m = p.regex.search(text)
        if not m or any(a.type == p.type for a in acts):
            continue
        targets: tuple[str, ...] = ()
        if "target" in p.regex.groupindex and m.group("target"):
            ts, te = m.span("target")
            targets = _order(c for h in s.hits if ts <= h.start < te for c in (s.resolve(h) or ()))
        elif p.type == "AID" and s.ctx.kind in ("joint-statement",):
            targets = tuple(c for c in s.ctx.parties if c not in actors)
        modality = p.modality or _sentence_modality(s)
        # evidence: the sentence up to the end of the matched clause
        stop = re.search(r"[,;]\s", text[m.end():])
        end = m.end() + stop.start() if stop else len(text.rstrip())
        out.append(RawAct(p.type, modality, actors, targets, 0, end, p.cameo, f"pattern:{p.name}", p.name))
    return out


def _sentence_actors(s: _Sentence) -> tuple[str, ...]:
    root = next((t for t in s.sent if t.dep_ == "ROOT"), None)
    if root is None:
        return ()
    subj = s.subject_of(root)
    if subj is None:
        return ()
    return s.subject_actors(subj)[0]


def _sentence_modality(s: _Sentence) -> str:
    root = next((t for t in s.sent if t.dep_ == "ROOT"), None)
    if root is None:
        return "ASSERT"
    chain, upper, _ = _climb(s, root)
    return s.modality(chain, upper)
