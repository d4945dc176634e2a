"""A parsed sentence seen by the act rules: its tokens, its actor mentions, how a
noun phrase resolves to actors, and the modality cues on a chain of predicates."""
from __future__ import annotations

from typing import Iterable, Iterator

from spacy.tokens import Span, Token

from .gazetteer import Hit
from .lexicon import Lexicon
from .records import Context, DocState

SUBJ = ("nsubj", "nsubjpass", "csubj")
CLIMB = ("xcomp", "conj", "ccomp", "advcl", "pcomp", "prep", "pobj", "dobj", "acomp", "attr", "oprd", "dative")
NESTING = ("dobj", "pobj", "prep", "pcomp", "attr", "acomp", "oprd", "dative", "nmod", "appos", "compound", "amod", "npadvmod", "acl", "relcl", "poss")

__all__ = ['ParsedSentence', 'ordered', 'has_child', 'semicolon_between', 'purpose_child', 'object_head', 'prep_objects', 'listed_infinitive', 'SUBJ', 'CLIMB', 'NESTING']


def ordered(codes: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for c in codes:
        if c:
            seen.setdefault(c, None)
    return tuple(seen)


class ParsedSentence:
    """One parsed sentence with its mentions, for the rules below."""

    def __init__(self, sent: Span, hits: list[Hit], ctx: Context, lex: Lexicon, list_item: bool, lead_in: int | None,
                 state: DocState = DocState()):
        self.sent, self.hits, self.ctx, self.lex = sent, hits, ctx, lex
        self.state = state  # left by the sentences before: read, never changed
        self.last_group = state.last_group  # this sentence's own view, passed on by find_acts
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
        if ctx.forum and hit.kind in ("parties", "participants", "forum_members"):
            return (ctx.forum,)  # a summit's fact sheet: "we", "the leaders", "Allies" are the body
        if self.state.silenced and hit.kind in ("parties", "participants", "speaker", "addressee"):
            return None  # a moderator's or a journalist's "we", "our countries", "you": no one's act here
        if hit.kind == "speaker":  # "my country": the state whose turn it is, in a speech of turns
            return self.state.speaking or ctx.parties
        if hit.kind == "parties":
            return ctx.parties
        if hit.kind == "participants":
            return ctx.participants
        if hit.kind == "forum_members":
            return None  # "Leaders", "Allies" outside a summit's fact sheet: not said whose
        if hit.kind == "principal":  # in a transcript's turn, an ambiguous "THE PRESIDENT:" is the leader speaking
            return ctx.principal(hit.text) or self.state.speaking or None
        if hit.kind == "addressee":
            return ctx.addressed(self.state.speaking) or None
        if hit.kind in ("third", "third_party", "place") or hit.code is None:
            return None
        members = ctx.groups.get(hit.code)
        if members and set(members) <= set(ctx.parties):
            return ctx.parties  # "the Quad" in a Quad statement: its issuers
        return (hit.code,)

    def names_participant(self, tok: Token) -> bool:
        """Whether the mention at ``tok`` resolves to one of those taking part."""
        hit = self.tok_hit.get(tok.i)
        return hit is not None and bool(set(self.resolve(hit) or ()) & set(self.ctx.taking_part))

    def np_actors(self, tok: Token) -> tuple[tuple[str, ...], bool]:
        """Actors named by the noun phrase headed by ``tok``; whether it names any at all."""
        low = tok.lower_
        if low in ("i", "me", "we", "us") and self.state.silenced:
            return (), True  # a moderator's "We will now accept questions from the press": no one's act
        if low in ("i", "me") and self.state.speaking:  # a joint press statement: the leader whose turn it is
            return self.state.speaking, True
        if low in ("we", "us", "i", "me"):  # "me": whom "It gives me great pleasure to ..." pleases (arguments.climb)
            return self.ctx.own, True
        if low in ("they", "them"):
            if self.ctx.kind == "speech":
                return (), True  # in a speech "they" are others
            return ((self.ctx.forum,) if self.ctx.forum else self.ctx.participants), True
        if low in ("he", "she"):
            return self.state.last_person or self.ctx.parties, True
        if low == "it" and self.last_group:
            return self.last_group, True
        codes: list[str] = []
        named = False
        also: tuple[str, ...] = ()  # the addressee coordinated with the speaker: "You and I will discuss ..."
        # "senior officials from our governments", "combined teams from Australia, the United Kingdom and the
        # United States": people are named by whom they come from
        whence = ("of", "from") if tok.lower_ in self.lex.words.people_nouns else ("of",)
        for t in tok.subtree:
            if t.dep_ in ("prep", "relcl", "acl", "advcl") and t.head.i == tok.i and t.lower_ not in whence:
                break
            h = self.tok_hit.get(t.i)
            if h is not None and h.kind == "addressee":
                # whom a speech addresses is its target, not the agent of the speaker's act ("the attention you
                # are giving"), unless coordinated with another agent ("Mr. President and I agreed")
                if t.dep_ == "conj" or any(c.dep_ == "conj" for c in t.children):
                    also = self.ctx.addressed(self.state.speaking)
                continue
            if h is None or (t.i > tok.i and t.dep_ in ("pobj",) and t.head.lower_ not in whence):
                continue
            r = self.resolve(h)
            if h.kind in ("third", "third_party"):
                return (), True
            if r:
                if h.kind == "parties" and t.dep_ == "poss" and tok.lower_ not in self.lex.words.people_nouns:
                    continue  # "our cooperation" is no actor; "our ministers" are
                if h.kind == "org" and r == self.ctx.parties:
                    self.last_group = r  # "the Quad ...; it seeks to"
                codes.extend(r)
                named = True
        if codes and also:
            codes.extend(also)
        if not named and self._speakers_government(tok):
            return self.ctx.own, True
        return ordered(codes), named

    def _speakers_government(self, tok: Token) -> bool:
        """A speech's bare "The Government is working closely with ..." is the speaking state's, as "my
        Government" is; not "the Government of Mali", "the Afghan Government", nor one after another state is
        named ("In the Sudan, the Government has been making commendable efforts")."""
        if (self.ctx.kind != "speech" or tok.text not in ("Government", "Delegation", "delegation")
                or tok.dep_ not in ("nsubj", "nsubjpass")):
            return False
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return False
        if any(c.dep_ in ("prep", "poss", "amod", "compound", "nmod", "relcl", "acl") for c in tok.children):
            return False
        at = tok.idx - self.sent.start_char
        return not any(h.code and h.kind == "state" and h.code not in self.ctx.own and h.start < at for h in self.hits)

    def subject_of(self, tok: Token) -> Token | None:
        for c in tok.children:
            if c.dep_ in SUBJ:
                return self._shared_subject(tok, c) or c
        # the parser may hang the subject on the auxiliary ("the United States is committed to ...")
        for a in tok.children:
            if a.dep_ in ("aux", "auxpass") and a.i < tok.i:
                for c in a.children:
                    if c.dep_ in SUBJ:
                        return c
        return None

    def _shared_subject(self, verb: Token, subj: Token) -> Token | None:
        """The first clause's subject, where the parser took a list item after ";" for the subject of the next
        predicate ("They also discussed enhancing cooperation through the Quad; support for a strong Pacific
        Islands Forum; reaffirmed their shared commitment to ASEAN centrality; ..."): a past-tense predicate
        after a ";"-list shares the subject of the sentence's first clause."""
        first = subj.left_edge
        if verb.tag_ != "VBD" or subj.pos_ != "NOUN" or first.i <= self.sent.start or first.nbor(-1).text != ";":
            return None
        return next((t for t in self.sent if t.i < first.i and t.dep_ in ("nsubj", "nsubjpass")
                     and t.head.pos_ in ("VERB", "AUX") and t.head.i != verb.i), None)

    def subject_actors(self, subj: Token) -> tuple[tuple[str, ...], bool]:
        """Actors of every subject of the clause ("Biden ... and Kishida ... meet")."""
        if subj.dep_ not in SUBJ:  # whom the clause pleases ("It gives me great pleasure to ...": arguments.climb)
            a, n = self.np_actors(subj)
            return ordered(list(a)), n
        codes: list[str] = []
        named = False
        for c in subj.head.children:
            if c.dep_ in SUBJ:
                a, n = self.np_actors(c)
                codes.extend(a)
                named = named or n
        return ordered(codes), named

    # ---- modality -----------------------------------------------------------
    def modality(self, chain: list[Token], upper: list[Token]) -> str:
        lx = self.lex
        lemmas = {t.lemma_.lower() for t in chain + upper}
        aux = {c.lower_ for t in chain for c in t.children if c.dep_ in ("aux", "auxpass")}
        adverbs = {c.lower_ for t in chain + upper for c in t.children if c.dep_ == "advmod"}
        adjs = {c.lemma_.lower() for t in chain + upper for c in t.children if c.dep_ in ("acomp", "oprd")} | {
            t.lower_ for t in chain + upper if t.dep_ in ("acomp", "amod")}
        nouns = _nouns(chain + upper)
        # a commitment the actors welcome or note is another's ("we welcome the commitment of our partners")
        own_nouns = _nouns(chain + upper, besides=lx.regard_verbs)
        will = bool(aux & lx.commit_aux)
        if lemmas & lx.reaffirm_verbs:
            return "REAFFIRM"
        if lemmas & lx.reaffirm_unless_will and not will:
            return "REAFFIRM"
        if adjs & lx.reaffirm_adjectives:
            return "REAFFIRM"
        if lemmas & lx.standing_verbs and nouns & lx.standing_nouns and not will:
            return "REAFFIRM"
        if adverbs & lx.reaffirm_adverbs and lemmas & lx.standing_verbs:
            return "REAFFIRM"
        if will:
            return "COMMIT"
        if lemmas & lx.reaffirm_present_tense:
            cont = [t for t in chain + upper if t.lemma_.lower() in lx.reaffirm_present_tense]
            if any(t.tag_ in ("VBP", "VBZ") for t in cont):
                return "REAFFIRM"
            return "COMMIT" if any(t.tag_ in ("VB", "VBG") for t in cont) else "ASSERT"
        # (the noun "desire" promises nothing: "their sincere desire to uphold ...")
        if {t.lemma_.lower() for t in chain + upper if not _spent(t) and not (t.lemma_.lower() == "desire" and t.pos_ != "VERB")
            } & lx.commit_verbs:
            return "COMMIT"
        if lemmas & lx.commit_look_forward and any(c.lower_ == "forward" for t in chain + upper for c in t.children):
            return "COMMIT"
        if adjs & lx.commit_adjectives or lemmas & lx.commit_adjectives:
            return "COMMIT"
        if own_nouns & lx.commit_nouns:
            return "COMMIT"
        if self._obliged(chain, upper, aux, lemmas):
            return "COMMIT"
        if any(c.dep_ == "nsubj" and c.lemma_.lower() in lx.words.aim_nouns and any(p.dep_ == "poss" for p in c.children)
               for t in chain + upper for c in t.children):
            return "COMMIT"  # "Our aim is to begin disbursing the funds": a course set
        return "ASSERT"

    def _obliged(self, chain: list[Token], upper: list[Token], aux: set[str], lemmas: set[str]) -> bool:
        """"we must / should / need to <act>": the actors bind themselves (the guidelines'
        borderline for joint texts), but not "I should like to" nor "efforts are needed"."""
        lx = self.lex
        if lemmas & lx.not_after_obligation:
            return False
        if aux & lx.obligation:
            # "freedom of navigation must be respected": a norm stated in the passive binds no one
            bound = [t for t in chain + upper if any(c.dep_ == "aux" and c.lower_ in lx.obligation for c in t.children)]
            return not all(any(c.dep_ == "auxpass" for c in t.children) for t in bound)
        return any(t.lemma_.lower() in lx.obligation_verbs and not any(c.dep_ == "auxpass" for c in t.children)
                   and any(c.dep_ == "xcomp" for c in t.children) for t in chain + upper)


def _spent(tok: Token) -> bool:
    """A promise verb that reports no promise: money or assets committed ("the DFC has committed nearly
    $110 million in financing"), or an agreement reached on a text or a point ("have agreed to a
    Framework", "agreed on the importance of ..."); "agree to <act>" and "agreed that X will" do promise."""
    lem = tok.lemma_.lower()
    if lem == "commit":
        return tok.tag_ in ("VBD", "VBN") and any(
            c.dep_ == "dobj" and c.lower_ not in ("ourselves", "themselves", "itself", "himself", "herself")
            for c in tok.children)
    if lem == "agree":
        # (with "to a Framework" before it, an infinitive completes the text agreed, whatever the parse)
        to_text = any(c.dep_ == "prep" and c.lower_ in ("to", "on") and any(g.dep_ == "pobj" for g in c.children)
                      for c in tok.children)
        return to_text or not any(c.dep_ in ("xcomp", "ccomp") for c in tok.children)
    return False


def _nouns(tokens: list[Token], besides: frozenset[str] = frozenset()) -> set[str]:
    """The lemmas of the nouns on a chain and of its tokens' objects, but those governed by a
    verb in ``besides``."""
    objects = {c.lemma_.lower() for t in tokens if t.lemma_.lower() not in besides
               for c in t.children if c.dep_ in ("dobj", "pobj")}
    return objects | {t.lemma_.lower() for t in tokens if t.pos_ == "NOUN" and t.head.lemma_.lower() not in besides}


def semicolon_between(a: Token, b: Token) -> bool:
    """Whether a ";" stands between two tokens: items of a ";"-list ("They also discussed ...; support for ...;
    reaffirmed ...") are no clauses of one another, whatever the parser hangs on what."""
    lo, hi = sorted((a.i, b.i))
    return any(t.text == ";" for t in a.doc[lo:hi])


def has_child(tok: Token, deps: tuple[str, ...], lemmas: set[str] | None = None) -> Token | None:
    for c in tok.children:
        if c.dep_ in deps and (lemmas is None or c.lemma_.lower() in lemmas or c.lower_ in lemmas):
            return c
    return None


def purpose_child(tok: Token) -> Token | None:
    """The "to <goal>" clause of a verb, or of its object ("coordinate our efforts to meet ...")."""
    for c in tok.children:
        if c.dep_ in ("xcomp", "advcl") and c.pos_ in ("VERB", "AUX") and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux"):
            return c
    for obj in tok.children:
        if obj.dep_ == "dobj":
            for c in obj.children:
                if c.dep_ == "acl" and c.pos_ == "VERB" and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux"):
                    return c
    return None


def object_head(s: ParsedSentence, tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
            return c
    # "strive for X", "commit to X", "focus on X", "engage in X"
    lem, w = tok.lemma_.lower(), s.lex.words
    preps = [p for verbs, ps in ((w.goal_prep_verbs, ("to", "for")), (w.focus_verbs, ("on",)), (w.taking_part_verbs, ("in",)))
             if lem in verbs for p in ps]
    return next(prep_objects(tok, tuple(preps)), None)


def prep_objects(tok: Token, preps: tuple[str, ...], deps: tuple[str, ...] = ("pobj", "pcomp"),
                 arcs: tuple[str, ...] = ("prep",)) -> Iterator[Token]:
    """The objects of ``tok``'s prepositions among ``preps``, in text order ("work toward X": X);
    ``arcs`` also admits a preposition the parser labels otherwise ("provided support to X": dative)."""
    for p in tok.children:
        if p.dep_ in arcs and p.lower_ in preps:
            yield from (g for g in p.children if g.dep_ in deps)


def listed_infinitive(tok: Token) -> Token | None:
    """The first infinitive of a list of them that ``tok`` continues, or None. The small parser
    hangs each item of "resolve to ensure that democracy delivers ..., to uphold the rule of law,
    to defend human rights ..." under the item before it, as if it were that item's purpose; an
    infinitive after a comma is the list's next item, and no part of the one before."""
    if tok.dep_ != "advcl" or tok.tag_ not in ("VB", "VBG"):
        return None
    if tok.tag_ == "VBG":  # "committed to meeting the goals ..., achieving net zero ..."
        if tok.i == 0 or tok.doc[tok.i - 1].text not in (",", ";"):
            return None
        return next((a for a in tok.ancestors if a.tag_ == "VBG" and a.dep_ in ("pcomp", "xcomp")), None)
    to = next((c for c in tok.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is None or to.i == 0 or tok.doc[to.i - 1].text not in (",", ";"):
        return None
    for a in tok.ancestors:
        if a.tag_ == "VB" and a.i < tok.i and any(c.dep_ == "aux" and c.lower_ == "to" for c in a.children):
            return a
    return None
