"""The arguments of an act: its subject (climbing the parse), the reporting clause,
its targets and co-agents, and the character span of its evidence."""
from __future__ import annotations

import re

from spacy.tokens import Token

from .clause import CLIMB, ParsedSentence, listed_infinitive, ordered, prep_objects, semicolon_between
from .records import Trigger

__all__ = ['has_complement', 'conjunct_pieces', 'coagents', 'with_partners', 'targets_of', 'clause_span', 'goal_owner', 'climb', 'trigger_syntax', 'restating_beside', 'infinitive_of_noun', 'plan_subject', 'reporter', 'sentence_actors', 'sentence_modality']


def coagents(s: ParsedSentence, tok: Token, besides: tuple[str, ...] | None = None) -> list[str]:
    """Codes of co-agents named with "with X" / "together with X" / "in coordination with X",
    other than ``besides`` (by default the issuers)."""
    besides = s.ctx.parties if besides is None else besides
    codes: list[str] = []
    if tok.lemma_.lower() in s.lex.words.rivalry:
        return codes  # "compete with the PRC": a rival, not a co-agent
    for t in tok.subtree:
        if t.dep_ == "prep" and t.lower_ == "with" and (t.head.i == tok.i or t.head.lemma_.lower() in s.lex.words.coagent_heads):
            if t.head.dep_ == "conj" and t.head.i != tok.i and t.head.head.i != tok.i:
                continue
            for g in _phrase(t):
                h = s.tok_hit.get(g.i)
                if h is not None and h.kind in ("state", "org", "person"):
                    r = s.resolve(h)
                    if r and not set(r) <= set(besides):
                        codes.extend(r)
    return list(ordered(codes))


def with_partners(s: ParsedSentence, tok: Token) -> bool:
    """Whether ``tok`` is done "with" partners that no gazetteer names ("work with all like-minded
    parties to ...", "with financers and production facilities", "with EU Member States"): co-agents
    outside the participants, as :func:`coagents`' are, though they have no code."""
    if tok.lemma_.lower() in s.lex.words.rivalry:
        return False
    nouns = s.lex.words.coagent_nouns
    for t in tok.children:
        if t.dep_ == "prep" and t.lower_ == "with":
            for g in t.children:
                if g.dep_ == "pobj" and any(x.lemma_.lower() in nouns for x in (g, *g.conjuncts) if x.pos_ in ("NOUN", "PROPN")):
                    return True
    return False


_CLAUSES = ("relcl", "acl", "advcl", "ccomp", "xcomp", "pcomp")
_WHERE = ("in", "at", "during", "near")  # prepositions of place and occasion: where, not whom
_EASED_FOR = ("on", "for", "to", "from", "against")  # a barrier eased on, for, to ... a partner's goods


def _phrase(tok: Token) -> list[Token]:
    """The tokens of the phrase under ``tok`` short of the clauses it embeds: in "with our
    companies that are seeking a withdrawal from the Russian market" the market is no co-agent."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        # nor is a place the phrase is in ("met with Prime Minister Kishida in Phnom Penh, Cambodia")
        stack.extend(c for c in t.children if c.dep_ not in _CLAUSES and not (c.dep_ == "prep" and c.lower_ in _WHERE))
    return out


_REGISTRY_CODE = re.compile(r"[A-Z][A-Z0-9+_]*")


# what a concern is over, besides the target prepositions every act reads ("concern over the PRC's support for ...")
_CONCERN_PREPS = frozenset({"over", "regarding", "concerning", "by"})


def _venue(s: ParsedSentence, trig: Trigger, np: Token) -> bool:
    """Is ``np`` where the act takes place, in a phrase on its verb (or on the verb's object, after a light
    verb): "on the margins of ...", "at / during the ... Summit"? A venue deeper in the object stays: "on
    your election ... at the twenty-second session" congratulates the Assembly's President."""
    if np.dep_ != "pobj":
        return False
    on = np.head.head
    if not (on.i == trig.tok.i or on.dep_ in ("dobj", "attr") and on.head.i == trig.tok.i):
        return False
    words = s.lex.words
    lemma = np.lemma_.lower()
    return lemma in words.venue_nouns or np.lower_ in words.venue_nouns or (
        np.head.lower_ in ("at", "during") and lemma in words.event_nouns)


def targets_of(s: ParsedSentence, trig: Trigger, actors: tuple[str, ...]) -> tuple[str, ...]:
    """Whom the act addresses: its objects and their possessors, "of"-complements and
    apposed lists; the agent of an addressed action ("opposition to any attempts by the
    PRC"); co-agents named with "with X". Deeper phrases ("war against
    Ukraine" under "opposition to") describe, and do not address."""
    codes: list[str] = []
    direct: set[str] = set()

    def collect(np: Token, is_direct: bool) -> None:
        if _venue(s, trig, np):
            return  # "met ... on the margins of the UN General Assembly", "at the G20 Summit": where, not whom
        h = s.tok_hit.get(np.i)
        if h is not None and h.kind in ("state", "org", "person", "principal", "addressee"):
            r = s.resolve(h)
            if r and r != s.ctx.parties:
                codes.extend(r)
                if is_direct:
                    direct.update(r)
        for c in np.children:
            if c.dep_ in ("poss", "compound", "nmod", "appos", "conj"):
                # "welcomed the EU's ongoing efforts": whose efforts are welcomed is addressed too
                # (and "We welcome U.S. efforts to implement ...": the compound state as the possessor)
                collect(c, is_direct and (c.dep_ in ("conj", "appos") or c.dep_ == "poss" and trig.type == "SUPPORT"
                                          or c.dep_ == "compound" and trig.type == "SUPPORT" and c.i in s.tok_hit
                                          and s.tok_hit[c.i].kind == "state"))
            elif c.dep_ == "amod" and trig.type != "CONSULT" and (h := s.tok_hit.get(c.i)) is not None and h.kind == "state":
                collect(c, False)  # "deter Russian aggression": whose aggression, as "Russia's" would say
            elif c.dep_ == "prep" and c.lower_ == "as" and any(x.lower_ == "such" for x in c.children):
                # "its relations with regional groupings such as the Gulf Cooperation Council": the examples named
                for g in c.children:
                    if g.dep_ == "pobj":
                        n = len(codes)
                        collect(g, is_direct)
                        # only the bodies and states a registry codes ("initiatives such as the Rettig Commission")
                        codes[n:] = [x for x in codes[n:] if _REGISTRY_CODE.fullmatch(x)]
            elif c.dep_ == "prep" and c.lower_ in ("of", "including", "among", "between", "by") or (
                    c.dep_ == "prep" and c.lower_ == "in" and np.dep_ == "pobj" and np.head.lower_ == "of"):  # "the victims in Poland"
                for g in c.children:
                    if g.dep_ == "pobj":
                        collect(g, False)

    if trig.predicate_only_topic:
        return ()
    if trig.rule.endswith("noun:centrality"):  # "committed to ASEAN centrality": whose standing is backed
        for c in trig.targets_from.children:
            if c.dep_ in ("compound", "poss"):
                collect(c, True)
    roots = [trig.tok, trig.targets_from, *(trig.targets_from.conjuncts if trig.targets_from is not trig.tok else ())]
    for root in sorted({t.i: t for t in roots}.values(), key=lambda t: t.i):  # text order: the same output every run
        for c in root.children:
            if c.dep_ in ("dobj", "dative", "attr", "oprd") and c.pos_ != "ADP":
                collect(c, True)
                if trig.type == "RETREAT" or trig.rule.endswith(("-restriction", "+noun:tariff", "+noun:tariffs")):
                    # "eliminate tariffs on U.S. goods", "implementing a 25% additional tariff on imports from Canada":
                    # whose goods the barrier held (or holds) back
                    for g in prep_objects(c, _EASED_FOR, ("pobj",)):
                        collect(g, True)
                    # "accept importation of vehicles manufactured in the United States": whose goods they are
                    for t in c.subtree:
                        h = s.tok_hit.get(t.i)
                        if t.dep_ == "pobj" and t.head.lower_ in ("in", "of", "from") and h is not None and h.kind == "state":
                            collect(t, True)
                if trig.type == "CONSULT":  # "chaired a ministerial session with China, Germany, India": whom it met
                    for g in prep_objects(c, ("with",), ("pobj",)):
                        collect(g, True)
            elif c.dep_ in ("prep", "prt", "dative") and c.lower_ in s.lex.words.target_preps:  # "extend congratulations to you": a dative "to" 
                for g in c.children:
                    if g.dep_ == "pobj":
                        collect(g, c.lower_ in ("to", "for", "on", "upon", "with"))
                    elif g.dep_ == "pcomp":
                        for gg in g.children:
                            if gg.dep_ in ("dobj", "pobj"):
                                collect(gg, False)
            elif c.dep_ == "conj" and trig.rule == "verb:hold-accountable" and c.lemma_.lower() in ("accountable", "responsible"):
                for g in c.children:  # "hold Mexico, Canada, and China accountable": the last one held, as parsed
                    if g.dep_ == "nsubj":
                        collect(g, True)
            elif c.dep_ == "prep" and trig.type == "ACCUSE" and c.lower_ in _CONCERN_PREPS:
                for g in c.children:  # "expressed grave concern over troop deployments by the DPRK", "concern regarding ..."
                    if g.dep_ != "pobj" or g.lemma_.lower() in s.lex.words.victim_nouns:
                        continue  # "concern over the untold suffering of the Syrian population": no one accused
                    h = s.tok_hit.get(g.i)
                    if c.lower_ == "by" and h is not None and h.kind == "org":
                        continue  # "attacks by Hamas": a non-state armed group is no target (the guidelines)
                    collect(g, True)
            elif c.dep_ == "ccomp" or c.dep_ == "acl" and trig.type == "ACCUSE" and root.pos_ == "NOUN" and any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
                # "welcomed that X ...": the clause's subject; "concern that Turkey's acquisition ... undermines ..."
                subj = s.subject_of(c)
                if subj is not None:
                    collect(subj, False)
    if trig.targets_from is not trig.tok and (trig.tok.lemma_.lower() in s.lex.words.taking_part_verbs
                                              or trig.rule in ("verb:welcome-guest", "verb:agree-with", "verb:concur-with")):
        # "will participate ... in the NATO Summit": whose summit it is; "Welcome to Manila, Prime Minister Abe":
        # the guest (an npadvmod, no child of the verb's that the loop above reads); "I concur with the comments
        # made by the representative of New Zealand": whose view it is
        collect(trig.targets_from, True)
    codes.extend(coagents(s, trig.tok, besides=actors))  # "India will expand its cooperation with the United States"
    # an actor is its own target only when addressed directly ("support Australia")
    return ordered(c for c in codes if c not in actors or c in direct)


# the dependents by which a predicate has a complement of its own (a bare verb of a pair has none)
_OWN_COMPLEMENTS = ("dobj", "dative", "attr", "oprd", "prep", "xcomp", "ccomp", "acomp", "pcomp", "agent")


def has_complement(tok: Token) -> bool:
    """Whether a predicate has a complement of its own: "condemn" in "We condemn and reject X" has none."""
    # (a complement follows its verb: a fronted "In addition," is no complement of "adopt")
    return any(c.dep_ in _OWN_COMPLEMENTS and c.i > tok.i for c in tok.children)


def clause_span(s: ParsedSentence, trig: Trigger, subj: Token | None, conj_acts: set[int],
                stances: frozenset[int] | set[int] = frozenset()) -> tuple[int, int]:
    """The act's evidence: its predicate's clause, with its subject unless it is a later
    conjunct after another act's. ``conj_acts`` are the sentence's predicates that have
    clauses of their own (token ids); ``stances``, those of them that are stances taken in a participle
    (", expressing concern that ...": no part of the act they follow, however deep they hang).

    A coordinated verb phrase that leads to another act is that act's evidence, not this one's:
    in "We firmly condemn violence ..., and commit to continue taking action to press for
    ..." the ACCUSE ends before "and commit", and the REQUEST is "commit to ... press for ...",
    without the "We" that would stretch it back over the ACCUSE."""
    others = conj_acts - {trig.tok.i}
    top, later = _own_conjunct(trig.tok, subj, others)
    toks = []
    stack = [top]
    fences: list[Token] = []  # other acts' conjuncts: the span stays on its side of each
    while stack:
        t = stack.pop()
        toks.append(t)
        for c in t.children:
            if c.i in others:
                continue
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and _leads_to(c, others):
                fences.append(c)
                continue
            stack.append(c)
    if trig.targets_from is not trig.tok:
        # less another object's act inside it ("our support for ASEAN centrality and our opposition to ...")
        # and less a stance taken in a participle of its own ("... intention to strengthen ..., expressing concern that ...")
        skip = {x.i for d in trig.targets_from.subtree if d.i in others and (
                d.dep_ == "conj" and d.pos_ in ("NOUN", "PROPN") or d.i in stances)
                for x in d.subtree}
        toks.extend(t for t in trig.targets_from.subtree if t.i not in skip)
    if not has_complement(trig.tok):
        # a bare verb of a pair of two types takes its partner's object: "We condemn and reject X"
        for c in trig.tok.children:
            if c.dep_ == "conj" and c.i in others:
                toks.append(c)
                toks.extend(t for cc in c.children if cc.dep_ in _OWN_COMPLEMENTS for t in cc.subtree)
    if subj is not None and not later and abs(subj.i - trig.tok.i) < 40:
        toks.extend(subj.subtree)
    # punctuation and a dangling "and" bound the span only where they touch the clause's words: the
    # sentence's final period, hanging from the first verb, must not stretch "welcomed X" over "and encouraged Y."
    ids = {t.i for t in toks}
    doc = s.sent.doc
    words = [t.i for t in toks if not (t.is_punct or t.dep_ == "cc")] or sorted(ids)
    # a word the parser hung past another act's conjunct is not this clause's; a conjunct before the
    # predicate takes what precedes it too ("We, having X and agreed to Y, welcome Z" loses its "We": rare)
    for f in fences:
        kept = [i for i in words if (i < f.left_edge.i if f.i > trig.tok.i else i > f.right_edge.i)]
        words = kept or words
    first, last = min(words), max(words)
    while first - 1 in ids and doc[first - 1].is_punct:
        first -= 1
    while last + 1 in ids and doc[last + 1].is_punct:
        last += 1
    base = s.sent.start_char
    return doc[first].idx - base, doc[last].idx + len(doc[last].text) - base


def _leads_to(tok: Token, ids: set[int]) -> bool:
    return any(d.i in ids for d in tok.subtree)


def _own_conjunct(tok: Token, subj: Token | None, others: set[int]) -> tuple[Token, bool]:
    """Where a predicate's clause is a later conjunct after another act's ("..., and commit to
    ... press for"), that conjunct's head ("commit") and True; else the predicate and False.
    Only the coordinates before it count: "will continue to strengthen and expand our support"
    after "We condemn ..., and" is cut at "will continue", not at "expand"."""
    if subj is None or not others:
        return tok, False
    cur = tok
    for _ in range(12):  # a clause is a few links deep; a parse loop must not hang us
        if cur.dep_ == "conj":
            # a bare verb before it shares its object: "We condemn and reject X" is one clause
            before = range(cur.head.left_edge.i, cur.left_edge.i)
            if any(i in others and not (subj.left_edge.i <= i <= subj.right_edge.i) and has_complement(tok.doc[i])
                   for i in before):
                return cur, True
        if cur.head.i == cur.i or cur.head.i in others:
            return tok, False
        if cur.dep_ != "conj" and cur.head.i == subj.head.i:
            return tok, False  # its own subject's clause: nothing before it to leave out
        cur = cur.head
    return tok, False


def goal_owner(s: ParsedSentence, tok: Token) -> tuple[str, ...]:
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
    return ordered(codes)


def climb(s: ParsedSentence, tok: Token) -> tuple[list[Token], list[Token], Token | None]:
    """Walk up from a predicate to the first subject. ``chain`` holds the tokens up to
    the clause with the subject; ``upper`` the reporting verbs above it (for modality)."""
    chain = [tok]
    cur = tok
    subj = s.subject_of(cur)
    while subj is None and (cur.dep_ in CLIMB or infinitive_of_noun(cur)) and cur.head.i != cur.i:
        if restating_beside(s, cur):  # the reporting clause's own second verb: its subject is that clause's
            cur = cur.head  # (and the clause it was hung on says nothing of its modality)
        cur = listed_infinitive(cur) or cur.head  # a list's items share the first one's subject
        chain.append(cur)
        if cur.pos_ in ("NOUN", "PROPN") and cur.dep_ not in ("dobj", "pobj", "attr"):
            break
        subj = s.subject_of(cur)
    upper: list[Token] = []
    up = cur
    while up.dep_ in ("ccomp", "xcomp", "conj") and up.head.i != up.i and len(upper) < 3:
        if up.dep_ == "ccomp" and up.i < up.head.i and semicolon_between(up, up.head):
            break  # "They also discussed ...; ...; reaffirmed ...": a clause of the list, reported by no one
        up = up.head
        upper.append(up)
    if subj is None:
        return chain, upper, None
    if subj.lower_ == "it" and len(chain) > 1:
        # "It gives me great pleasure to extend to you ... our congratulations": the speaker it pleases acts
        felt = next((c for c in cur.children if c.dep_ == "dative" and c.lower_ in ("me", "us")), None)
        if felt is not None:
            return chain, upper, felt
    if subj.lower_ in ("it", "this", "that", "there") and upper:
        rep_subj = s.subject_of(upper[0])
        if rep_subj is not None:
            return chain, upper, rep_subj
    return chain, upper, subj


def trigger_syntax(tok: Token, chain: list[Token], upper: list[Token], subj: Token | None) -> tuple[str, ...]:
    """Where a predicate sits in the parse, as features for the act head: its dependency and tag,
    what it hangs from, how far it climbed to its subject and how many reporting clauses stand
    above it, and whether it lies inside a noun's description (a relative clause or participle,
    a gerund after a noun's preposition: "the largest solar project EXIM has financed", "Africa's
    role in addressing food insecurity"), where a verb states no act of its own."""
    feats = [f"a:dep={tok.dep_}", f"a:tag={tok.tag_}", f"a:climb={min(len(chain) - 1, 3)}", f"a:upper={len(upper)}",
             "a:subj=" + ("none" if subj is None else "pron" if subj.pos_ == "PRON" else "name")]
    if tok.dep_ != "ROOT":
        feats += [f"a:hpos={tok.head.pos_}", f"a:dephead={tok.dep_}_{tok.head.dep_}"]
    first = tok
    while first.dep_ == "conj" and first.head.i != first.i:  # conjuncts stand where their first stands
        first = first.head
    if first.dep_ in ("relcl", "acl") or (first.dep_ == "pcomp" and first.head.head.pos_ in ("NOUN", "PROPN")):
        feats.append(f"a:in_noun={first.dep_}")
    return tuple(feats)


def restating_beside(s: ParsedSentence, tok: Token) -> bool:
    """"We emphasize that our basic positions on Taiwan remain unchanged, and reiterate the importance
    of ...": the small parser hangs "reiterate" on "remain", whose subject, a thing ("positions"), cannot
    reiterate. A verb of restating (reaffirm, reiterate ...) coordinated with a reported clause whose
    subject is no one's name nor pronoun is the reporting clause's second verb."""
    head = tok.head
    if tok.dep_ != "conj" or head.dep_ != "ccomp" or head.head.i == head.i:
        return False
    if tok.lemma_.lower() not in s.lex.reaffirm_verbs:  # (things "reinforce", "stand" or "highlight")
        return False
    subj = s.subject_of(head)
    return subj is not None and subj.pos_ == "NOUN" and subj.i not in s.tok_hit


def infinitive_of_noun(tok: Token) -> bool:
    """"opportunities to work together", "our determination to address", "efforts to reduce": an
    infinitive that completes a noun belongs to the clause the noun is in, whose subject acts."""
    # (the parser leaves some such infinitives unlabelled, "dep": "intend to work together – with
    # partners – to counter threats")
    return tok.dep_ in ("acl", "dep") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def plan_subject(s: ParsedSentence, subj: Token) -> tuple[str, ...]:
    """A subject naming the participants' own plan ("These initial efforts will ...")."""
    text = " ".join(t.lower_ for t in subj.subtree)
    head = subj.lemma_.lower()
    if head in s.lex.words.aim_nouns and any(t.dep_ == "poss" and t.lower_ in ("our", "my") for t in subj.children):
        return s.ctx.own  # "Our main objective is to double that figure by 2030": our own course
    if subj.lower_ in s.ctx.plan_nouns or head in s.ctx.plan_nouns or any(p in text for p in s.ctx.plan_nouns if " " in p):
        if any(t.lower_ in ("these", "this", "our", "the", "such") for t in subj.children):
            return s.ctx.own
    return ()


def reporter(s: ParsedSentence, tok: Token) -> tuple[Token, tuple[str, ...]] | None:
    """The nearest clause above ``tok`` whose subject is an actor: its verb and its actors
    ("He reiterated that this competition ...": reiterated, He)."""
    cur = tok
    for _ in range(12):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        subj = s.subject_of(cur)
        if subj is not None:
            a, named = s.subject_actors(subj)
            if a:
                return cur, a
            if named:  # a third party reports it
                return None
    return None


def sentence_actors(s: ParsedSentence) -> tuple[str, ...]:
    root = next((t for t in s.sent if t.dep_ == "ROOT"), None)
    if root is None:
        return ()
    subj = s.subject_of(root)
    if subj is None:
        return ()
    return s.subject_actors(subj)[0]


def sentence_modality(s: ParsedSentence) -> str:
    root = next((t for t in s.sent if t.dep_ == "ROOT"), None)
    if root is None:
        return "ASSERT"
    chain, upper, _ = climb(s, root)
    return s.modality(chain, upper)



def conjunct_pieces(sent, min_words: int = 3) -> list[tuple[int, int, list[Token]]]:
    """A sentence cut at its verbal coordinations: each coordinated verb phrase ("to reinforce its
    own defense capabilities", "and to enhance its close coordination with the United States") is a
    piece, and each stretch of what none of them holds is one too. Each piece is ``(start, end,
    tokens)``, characters relative to the sentence, in text order. An act the model finds in a
    sentence, but no rule placed on a clause, rests on the piece that carries its type rather than
    on the whole sentence. A verb pair sharing its object ("will strengthen and support the work of
    the WHO") is not cut, nor a coordination inside a relative or adjectival clause; a sentence with
    no other coordination gives no pieces (the whole sentence is the one)."""
    toks = list(sent)
    heads = [t for t in toks if t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") and t.head.pos_ in ("VERB", "AUX")
             and t.head.dep_ not in ("relcl", "amod") and not _bare_pair(t)]
    if not heads:
        return []
    owner = _owners(toks, {t.i for t in heads})
    words: dict[int, list[int]] = {}  # piece head (-1: the main clause) -> its words, in order
    for t in toks:
        if not (t.is_punct or t.is_space or t.dep_ == "cc"):
            words.setdefault(owner[t.i], []).append(t.i)
    base = sent[0].idx
    out = []
    for h, ws in words.items():
        for run in _runs(ws, owner, h):
            if len(run) >= min_words:
                first, last = sent.doc[run[0]], _closed(sent.doc, run)
                out.append((first.idx - base, last.idx + len(last.text) - base, [sent.doc[i] for i in run]))
    out.sort(key=lambda p: p[0])
    return out if len(out) > 1 else []


def _owners(toks: list[Token], head_ids: set[int]) -> dict[int, int]:
    """Each token's piece: its nearest ancestor (or itself) among ``head_ids``, else -1 (the main
    clause). Each token is settled once, from its head's answer."""
    owner: dict[int, int] = {}
    for t in toks:
        path = []
        cur = t
        # a path up a tree is never longer than the tree: a longer walk is a parse loop
        while cur.i not in owner and cur.i not in head_ids and cur.head.i != cur.i and len(path) <= len(toks):
            path.append(cur.i)
            cur = cur.head
        found = owner.get(cur.i, cur.i if cur.i in head_ids else -1)
        owner[cur.i] = found
        for i in path:
            owner[i] = found
    return owner


# what may stand between the first verb of a pair and the second without giving the first an object of its own
_PAIR_GAP = ("cc", "punct", "advmod", "neg", "prt")


def _bare_pair(c: Token) -> bool:
    """Whether conjunct ``c``'s head verb has nothing of its own before ``c`` ("strengthen and support
    X", "listen to and be guided by X"): the two verbs share one object and make one phrase."""
    h = c.head
    return all(ch.dep_ in _PAIR_GAP or (ch.dep_ in ("prep", "aux") and not any(True for _ in ch.children))
               for ch in h.children if h.i < ch.i < c.i)


def _runs(words: list[int], owner: dict[int, int], h: int) -> list[list[int]]:
    """A piece's words in contiguous stretches (punctuation and "and" of its own between them allowed)."""
    runs: list[list[int]] = []
    for i in words:
        if runs and all(owner.get(j) == h for j in range(runs[-1][-1] + 1, i)):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _closed(doc, run: list[int]) -> Token:
    """The run's last token, or past it the closing brackets and quotes of those it opens: "(DICAS)"."""
    opened = sum(doc[k].is_left_punct for k in range(run[0], run[-1] + 1)) - \
        sum(doc[k].is_right_punct for k in range(run[0], run[-1] + 1))
    last, j = doc[run[-1]], run[-1] + 1
    while opened > 0 and j < len(doc) and doc[j].is_right_punct:
        last, j, opened = doc[j], j + 1, opened - 1
    return last
