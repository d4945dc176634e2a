"""The act rules: from a parsed sentence to acts, as the annotation guidelines define them.

The engine first *matches* (``find_acts``: predicates, their subjects, modality,
targets, evidence spans, as plain tuples), and the component then *annotates*.
Decisions follow the guidelines' borderlines; each rule is named in the act's
``rule`` field so every act can be traced to what produced it.
"""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .arguments import (
    clause_span,
    climb,
    restating_beside,
    coagents,
    goal_owner,
    has_complement,
    infinitive_of_noun,
    plan_subject,
    reporter,
    sentence_actors,
    sentence_modality,
    targets_of,
    trigger_syntax,
)
from .clause import ParsedSentence, has_child, ordered, semicolon_between
from .gazetteer import Hit
from .lexicon import Lexicon
from ..model import MainClause
from .records import Context, DocState, RawAct
from .triggers import STANCES, find_triggers

__all__ = ['Context', 'DocState', 'RawAct', 'find_acts', 'main_clause']


# A question ("Will we take on global challenges like climate change?") asks and binds no one, and a
# speech's closing thanks ("Thank you.") is a formula: neither holds an act (the gold has none in any
# of its questions)
_THANKS = re.compile(r"^\W*(?:i\s+)?thank\s+you(?:\s+(?:very\s+much|so\s+much|all))?\W*$", re.I)


def asks_or_thanks(text: str) -> bool:
    """Is a sentence a question or a closing "Thank you"?"""
    t = text.rstrip().rstrip("\"'”’)").rstrip()
    return t.endswith("?") or bool(_THANKS.match(t))


def find_acts(sent: Span, hits: list[Hit], ctx: Context, lex: Lexicon, *, state: DocState = DocState(),
              list_item: bool = False, lead_in: int | None = None, n: int = 0) -> tuple[list[RawAct], DocState]:
    """All acts of one parsed sentence, and the state it leaves to the next sentence.

    A pure function: it reads the sentence, the document ``ctx`` and the ``state``
    left by the sentences before (last person and group named, list lead-ins) and
    changes none of them."""
    s = ParsedSentence(sent, hits, ctx, lex, list_item, lead_in, state)
    lead = state.lead_of(lead_in) if list_item else None
    triggers = find_triggers(s)
    # the predicates whose clauses are acts of their own: not the first of a verb pair, whose act
    # is read from the second ("We have imposed and will continue to impose" is one clause)
    open_verb = _empty_lead_in(sent)
    if open_verb is not None:  # "The United States is providing:": its list items give, not the lead-in
        triggers = [t for t in triggers if t.tok.i != open_verb.i]
    trig_ids = {t.tok.i for t in triggers if not _shares_object(t, triggers)}
    # stances taken in a participle after a comma (", expressing concern that ..."): no part of another act's words
    stance_ids = {t.tok.i for t in triggers if t.type in STANCES and t.tok.dep_ == "advcl"
                  and t.tok.tag_ == "VBG" and t.tok.i > 0 and t.tok.doc[t.tok.i - 1].text == ","}
    acts: list[RawAct] = []
    root_actors: tuple[str, ...] = ()
    root_modality = "ASSERT"
    for trig in triggers:
        if _shares_object(trig, triggers):
            continue  # "We have imposed and will continue to impose further costs": one act, read from the later verb
        chain, upper, subj = climb(s, trig.tok)
        owner = goal_owner(s, trig.tok)
        if owner:
            chain, upper, subj = [trig.tok, trig.tok.head], list(trig.tok.head.ancestors), None
        actors, named = (s.subject_actors(subj) if subj is not None else ((), False))
        third = subj is not None and not actors and named
        if trig.rule.startswith("verb:assure-of") and subj is not None and subj.lower_ == "you":
            actors, named, third = ctx.own, True, False  # "you may rest assured of our full co-operation": ours
        if subj is not None and not named:
            actors = plan_subject(s, subj)
        if owner:
            actors = owner
        elif subj is None:
            if lead is not None:
                actors = lead[0]
            elif subj is None:  # ours; in a speaker's turn, a main verb with no subject is the speaker's ("Thank you, Joe")
                # (a verb in the present or the imperative: "Promoting a secure 5G network ..." lists joint work)
                actors = (s.state.speaking if s.state.speaker and trig.tok.dep_ == "ROOT"
                          and trig.tok.tag_ in ("VB", "VBP") else ctx.own)
        if third:
            continue  # a third party's conduct, reported ("we note that companies are withdrawing"): no act
        by = _agent(s, trig.tok)
        if by is not None:
            if not any(a in ctx.taking_part for a in by):
                # "These initiatives have been supported and approved by the General Assembly", "..., co-hosted by
                # Indonesia": another's deed, told in the passive
                continue
            actors = by  # "launched by the United States and Japan": theirs, whatever the subject (a joint act)
        reported = not actors
        if reported:  # a subject that is no agent ("this competition"): the reporting clause's act
            rep = reporter(s, trig.tok)
            # no act where the reporting clause is itself an act and this clause what it is about
            # ("... commitment to Article 5 – an attack on one ... will be met with a collective
            # response": no meeting; the guidelines: an act inside another act's object is not a
            # second act); a reporting verb that is no act ("He reiterated that this competition
            # should not veer into conflict") leaves the clause's act to its reporter
            if rep is None or any(t.tok.i == rep[0].i for t in triggers):
                continue
            if trig.tok.dep_ == "pcomp" and trig.tok.head.head.pos_ in ("NOUN", "PROPN"):
                # "The Bahamas is convinced that Esquipulas II remains the most effective mechanism for achieving
                # lasting peace": what the mechanism is for describes it; no deed of the reporter's
                continue
            actors = rep[1]
        modality = trig.modality or s.modality(chain, upper)
        if subj is None and lead is not None and modality == "ASSERT":
            modality = lead[1]
        if any(a not in ctx.taking_part for a in actors):
            req = _request_of_others(s, chain, upper, actors)
            if req is not None:
                acts.append(req)
                continue
            if by is None and (reported or subj is None or not _names_participant(s, subj)):
                continue  # a third party's conduct
            # a participant acting with others is a joint act of them all ("This past summer, the five permanent
            # members of the Security Council and Germany concluded an agreement with Iran": Germany's and theirs)
        type_, cameo, rule = trig.type, trig.cameo, trig.rule + ("+reported" if reported else "")
        # "no longer accept": the parser hangs "no" on "longer"
        negated = any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "longer" and any(
            n.dep_ == "neg" for n in c.children)) for t in chain for c in t.children)
        if negated and reported:
            continue  # "ensure the investments ... do not impose debt burdens": what the subject is not, no act
        if negated and type_ in ("AGREE", "SUPPORT", "COOPERATE", "AID", "CONSULT"):
            type_, cameo, rule = "REJECT", "120", rule + "+negated"
        elif type_ == "SANCTION" and any(c.dep_ == "neg" for c in trig.tok.children):
            # a sanction verb negated is no sanction ("do not impose unsustainable debt burdens");
            # a restriction forgone is an easing ("agreed not to restrict market access")
            if trig.tok.lemma_.lower() not in s.lex.words.forgone_restrictions:
                continue
            type_, cameo, rule = "RETREAT", "085", rule + "+negated"
        if _exhortation(ctx, subj, chain, trig.tok, lex):
            continue  # "We must keep the 1.5 degree goal alive": the membership exhorted, no act
        if any(c.lower_ in lex.request_modals for t in chain for c in t.children if c.dep_ == "aux"):
            req = _request_of_others(s, chain, upper, actors)
            if req is not None:
                acts.append(req)
                continue
            if subj is not None and subj.lower_ not in ("we", "i") and not upper:
                continue  # "They should promote ...": a norm described, not an act
            if reported and subj is not None and subj.pos_ in ("PROPN", "NOUN") and subj.text[:1].isupper():
                # "We consider that KFOR should strengthen its border control activities": what the speaker asks of
                # a body no gazetteer knows, not the speaker's own deed
                type_, cameo, rule, modality = "REQUEST", "020", rule + "+should", "ASSERT"
        if type_ == "PURSUE" and coagents(s, trig.tok):
            type_, cameo, rule = "COOPERATE", "060", rule + "+coagents"
        targets = targets_of(s, trig, actors)
        # the evidence starts at the subject, but not across a noun the act completes ("efforts to
        # reduce methane emissions" is the act's own wording, whoever makes the efforts)
        # nor back over the verb's first object, where the act is another of its objects ("our opposition to ...")
        spans_subject = (subj is not None and subj.i < trig.tok.i and subj.dep_ != "dative" and subj.lower_ != "me"
                         # a later item of a ";"-list shares the first clause's subject, not its words
                         and not semicolon_between(subj, trig.tok)
                         and not any(infinitive_of_noun(t) for t in chain[:-1])
                         and not trig.rule.startswith("object:")
                         and not any(restating_beside(s, t) for t in chain[:-1])
                         # ", urging X to ...", after an act of its subject's: the participle's own words
                         and not (trig.tok.dep_ == "advcl" and trig.tok.tag_ == "VBG" and trig.tok.head.i in trig_ids))
        start, end = clause_span(s, trig, subj if spans_subject else None, trig_ids, stance_ids)
        acts.append(RawAct(type_, modality, actors, targets, start, end, cameo, rule, trig.tok.lemma_.lower(), negated,
                           trigger_syntax(trig.tok, chain, upper, subj)))
        if trig.tok.dep_ == "ROOT" or not root_actors:
            root_actors, root_modality = actors, modality
    # a pattern act is the participants' ("Houthis will bear the consequences": a warning by the issuers)
    speakers = tuple(a for a in sentence_actors(s) if a in ctx.taking_part)
    acts.extend(_pattern_acts(s, acts, speakers or root_actors or ctx.own))
    if sent.text.rstrip().endswith(":"):
        lead_actors = root_actors
        lead_mod = root_modality
        root = next((t for t in sent if t.dep_ == "ROOT"), None)
        if root is not None:
            chain, upper, subj = climb(s, root)
            if subj is not None:
                a, named = s.np_actors(subj)
                lead_actors = a or plan_subject(s, subj) or ctx.own
            lead_mod = s.modality(chain, upper)
        new_lead = tuple((k, v) for k, v in state.lead if k != n) + ((n, (lead_actors or ctx.own, lead_mod)),)
    else:
        new_lead = state.lead
    if asks_or_thanks(sent.text):
        acts = []
    last_person = next(((h.code,) for h in hits if h.kind == "person" and h.code), state.last_person)
    return acts, state.evolve(last_person=last_person, last_group=s.last_group, lead=new_lead)


def _agent(s: ParsedSentence, verb: Token) -> tuple[str, ...] | None:
    """The actors who do a passive verb's deed ("were launched by Japan", ", co-hosted by Indonesia"): empty where
    the agent names someone no gazetteer knows; None where the verb has no agent that names anyone (a thing:
    "is supported by our strong people-to-people ties")."""
    if verb.tag_ != "VBN":
        return None
    # conjuncts share the agent ("have been supported and approved by the General Assembly")
    verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.tag_ == "VBN")]
    if verb.dep_ == "conj" and verb.head.tag_ == "VBN":
        verbs.append(verb.head)
    for a in (c for v in verbs for c in v.children):
        if a.dep_ == "agent":
            for g in a.children:
                # someone, not a thing that names someone ("implemented by the launch of a ... Quad Vaccine
                # Experts Group")
                if g.dep_ == "pobj" and (g.i in s.tok_hit or g.pos_ in ("PRON", "PROPN") or g.lower_ in s.lex.words.people_nouns
                                         or any(c.dep_ in ("compound", "conj") and c.i in s.tok_hit for c in g.children)):
                    actors, named = s.np_actors(g)
                    return actors if named else None
    return None


def _names_participant(s: ParsedSentence, subj: Token) -> bool:
    """Whether a participant is itself one of the subject's coordinated heads ("the five permanent members
    of the Security Council and Germany"), not a word inside one ("Russia and China, which Japan opposes",
    "Japan's neighbors and China")."""
    return any(s.names_participant(t) for t in subj.subtree
               if t.i == subj.i or t.dep_ == "conj" and _coordinated_under(t, subj))


def _coordinated_under(tok: Token, subj: Token) -> bool:
    """Whether ``tok`` hangs from ``subj`` by coordination and prepositions only (the small parser hangs
    "and Germany" on "the Security Council" in "the five permanent members of the Security Council and Germany")."""
    cur = tok
    while cur.i != subj.i:
        if cur.dep_ not in ("conj", "pobj", "prep") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return True


def _thing(s: ParsedSentence, subj: Token) -> bool:
    """Whether a subject is a common noun naming no one: no word of it a mention, nor a noun of people
    or bodies ("The review will focus on ...", "International cooperation and partnerships are flourishing")."""
    if subj.pos_ != "NOUN" or subj.lemma_.lower() in s.lex.words.coagent_nouns:
        return False
    return not any(t.i in s.tok_hit for n in (subj, *subj.conjuncts) for t in n.subtree)


def _impersonal(subj: Token, root: Token, lex: Lexicon) -> bool:
    """Whether a main clause says what is to be done with no one to do it: "Much remains to be done to ensure
    stable peace", "It will be necessary to overcome ..." (the gold: no act, as the guidelines read "it is
    important that countries ...")."""
    if subj.lower_ in ("much", "more", "lot", "everything"):
        return True
    return subj.lower_ == "it" and any(c.dep_ == "acomp" and c.lower_ in lex.words.necessity_adjectives
                                        for c in root.children)


def _empty_lead_in(sent: Span) -> Token | None:
    """The verb a lead-in leaves open for its list ("We intend to:", "The United States is providing:", "Key
    elements of the deal will include:"): the items are the acts, the lead-in none (the gold). None where the
    lead-in names its own deed ("We will establish a new Quad Climate Working Group focused on:")."""
    words = [t for t in sent if not t.is_punct]
    if not words or not sent.text.rstrip().endswith(":"):
        return None
    last = words[-1]
    if last.lower_ == "to" and last.head.pos_ in ("VERB", "AUX"):  # "We intend to:" (the parser: PART or ADP)
        if any(c.dep_ in ("dobj", "attr") for c in last.head.children):
            return None  # "President Biden will sign a National Security Memorandum to:": its own deed
        return last.head
    return last if last.pos_ in ("VERB", "AUX") else None


def _unknown_name(s: ParsedSentence, subj: Token) -> bool:
    """Whether a subject is a bare proper name, or names joined, of which no word is a mention the
    gazetteer knows nor a leader's name (firms: "HD Hyundai and Cerberus Capital Management")."""
    names = [subj, *subj.conjuncts]
    if not all(n.pos_ == "PROPN" and n.text[:1].isupper() for n in names):
        return False
    words = [t for n in names for t in n.subtree]
    # a bare name: "The Summit", "This Declaration", "the three National Security Advisors" are the
    # statement's own, an acronym alone ("USTDA", "CTEN") is as often an agency or programme of theirs,
    # and a leader's surname without a title ("Kishida and Biden condemned ...") is the leader's
    if any(t.dep_ in ("det", "poss") or t.text in s.ctx.leader_names for t in words) or all(
            t.is_upper or not t.is_alpha for t in words):
        return False
    return not any(t.i in s.tok_hit for t in words)


def main_clause(sent: Span, hits: list[Hit], ctx: Context, lex: Lexicon, *, state: DocState = DocState(),
                list_item: bool = False, lead_in: int | None = None) -> MainClause:
    """Whose sentence it is and how it binds them, as its main clause says: the actors of the
    root verb's subject ("The United States and Mexico will ...") or the participants' own
    plan ("These efforts will ..."), and the root's modality; for a list item without a
    subject, its lead-in's. Empty actors where none is named. The trained model gives a
    sentence-level act these. A pure function, as find_acts."""
    s = ParsedSentence(sent, hits, ctx, lex, list_item, lead_in, state)
    root = next((t for t in sent if t.dep_ == "ROOT"), None)
    if root is None:
        return MainClause()
    if root.pos_ not in ("VERB", "AUX"):  # "MCC Compact: The United States and Indonesia have concluded ..."
        root = next((t for t in sent if t.pos_ in ("VERB", "AUX") and t.dep_ != "aux" and s.subject_of(t) is not None),
                    root)
    for t in sent:  # "We note that international companies are withdrawing": the conduct is theirs
        h = s.tok_hit.get(t.i)
        if t.dep_ in ("nsubj", "nsubjpass") and t.i != root.i and h is not None and h.kind in ("third", "third_party"):
            return MainClause(third_party=True)
    chain, upper, _ = climb(s, root)
    modality = s.modality(chain, upper)
    subj = s.subject_of(root)
    if _exhortation(ctx, subj, chain, root, lex):
        return MainClause(exhortation=True)  # the same reading as find_acts': no act of the speaker's
    if asks_or_thanks(sent.text) or _empty_lead_in(sent) is not None:
        return MainClause(framing=True)
    if subj is not None:
        actors, named = s.subject_actors(subj)
        if named and not actors:  # a subject naming others ("They continue to violate ..." in a speech)
            return MainClause((), modality, third_party=True)
        if not actors and not named:
            actors = plan_subject(s, subj)
            if not actors and (_thing(s, subj) or _impersonal(subj, root, lex)):
                return MainClause((), modality, described=True)
            if not actors and _unknown_name(s, subj):
                # "Korean Air will purchase 103 new Boeing aircraft", "LS Group pledged to invest ...":
                # a firm or body no gazetteer knows acts for itself, not for the statement's participants
                return MainClause((), modality, third_party=True)
        return MainClause(actors, modality)
    if any(c.dep_ == "csubj" for c in root.children):
        # "Building our resilience to ransomware attacks requires effective policies and cooperation": what a
        # deed takes or brings, said of the deed, is a description (the guidelines)
        return MainClause((), modality, described=True)
    lead = state.lead_of(lead_in) if list_item else None
    if lead is None:
        return MainClause((), modality)
    return MainClause(lead[0], lead[1] if modality == "ASSERT" else modality)




def _exhortation(ctx: Context, subj, chain, verb, lex: Lexicon) -> bool:
    """A speech's clause that exhorts its audience rather than stating the speaker's act: "we"
    under a modal of obligation, "we" assembled, or "let us" (find_acts and main_clause alike)."""
    if ctx.kind != "speech":
        return False
    if subj is not None and subj.lower_ == "we" and (_exhorted(chain, lex) or _assembled(verb, lex)):
        return True
    return any(_lets_us(t, ctx) for t in chain)


def _exhorted(chain, lex: Lexicon) -> bool:
    """A verb chain under a modal of obligation ("must", "should", "need"): said of a speech's
    "we", the membership exhorted."""
    if any(c.lower_ in lex.request_modals for t in chain for c in t.children if c.dep_ == "aux"):
        return True
    # "Where possible, we can resolve conflicts one by one", "We can strengthen the building blocks of peace": what
    # the membership is able to do (not "we can no longer accept ...", a refusal, nor "We can only welcome ...", a
    # stance)
    can = next((c for c in chain[-1].children if c.dep_ == "aux" and c.lower_ in ("can", "could")), None)
    if can is not None and not any(t.lower_ in ("not", "n't", "no", "never", "cannot", "only")
                                   for t in can.doc[can.i:chain[-1].i]) and lex.verbs.get(
            chain[-1].lemma_.lower(), ("",))[0] not in ("SUPPORT", "ACCUSE", "REJECT"):
        return True
    # "we will have to defend together ...", "we are obliged to ensure ...": obligation in other words (the gold: four
    # of the speeches' five present "we have to" hold no act); "we had to resort to the General Assembly" reports a deed
    # "we also need to promote a continuing process of dialogue among faiths" (Indonesia, 2012)
    return any(t.lemma_.lower() in ("have", "need") and t.tag_ != "VBD" or t.lower_ in ("obliged", "bound", "compelled")
               for t, below in zip(chain[1:], chain) if below.dep_ == "xcomp" and has_child(below, ("aux",), {"to"}))


def _lets_us(verb, ctx: Context) -> bool:
    """"Let us commit ourselves to ...", "let us not waste it" in one state's speech: the audience
    exhorted, as by "we must" (the gold reads no act in any of the UN speeches' seven). Where two
    leaders speak together ("Let us continue to work together", Duterte and Abe), "us" are they."""
    if len(ctx.parties) != 1:
        return False
    let = verb if verb.lemma_.lower() == "let" else verb.head if verb.head.lemma_.lower() == "let" else None
    return let is not None and any(
        c.dep_ == "nsubj" and c.lower_ == "us" for v in let.children if v.dep_ in ("ccomp", "xcomp") for c in v.children)


def _assembled(verb, lex: Lexicon) -> bool:
    """A verb of assembling with no one met ("We meet at a challenging time", "as we gather
    here"): said of a speech's "we", the Assembly in session, the membership's, not a meeting
    of the speaker's ("we met with President X" names whom)."""
    return verb.lemma_.lower() in lex.words.assembly_verbs and not any(
        c.dep_ in ("dobj", "attr") or (c.dep_ == "prep" and c.lower_ == "with") for c in verb.children)


def _shares_object(trig, triggers) -> bool:
    """A predicate with no complement of its own, coordinated with a predicate of the same
    type that has one, shares that one's object: two verbs, one act (the guidelines' verb pairs)."""
    tok = trig.tok
    if tok.pos_ != "VERB" or trig.targets_from is not tok or has_complement(tok):
        return False
    later = {t.tok.i for t in triggers if t.type == trig.type and t.tok.i > tok.i}
    return any(d.i in later for c in tok.children if c.dep_ == "conj" for d in c.subtree)


def _request_of_others(s: ParsedSentence, chain: list[Token], upper: list[Token], clause_actors: tuple[str, ...]) -> RawAct | None:
    """"X underscored that Y must ...": a REQUEST by X toward Y (Y beyond X)."""
    if not any(c.lower_ in s.lex.request_modals for t in chain for c in t.children if c.dep_ == "aux"):
        return None
    for t in upper:
        subj = s.subject_of(t)
        if subj is None:
            continue
        reporters, _ = s.np_actors(subj)
        if not reporters:
            # a clause about a thing between ("He reiterated that this competition should not veer into conflict
            # and underscored that the United States and China must ...": the parser hangs "underscored" on "veer")
            continue
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


def _pattern_acts(s: ParsedSentence, acts: list[RawAct], actors: tuple[str, ...]) -> list[RawAct]:
    out = []
    text = s.sent.text
    for p in s.lex.patterns:
        m = p.regex.search(text)
        if not m or any(a.type == p.type and a.start < m.end() and m.start() < a.end for a in acts):
            continue
        targets: tuple[str, ...] = ()
        if "target" in p.regex.groupindex and m.group("target"):
            ts, te = m.span("target")
            targets = ordered(c for h in s.hits if ts <= h.start < te for c in (s.resolve(h) or ()))
        elif p.type == "AID" and s.ctx.kind in ("joint-statement",):
            targets = tuple(c for c in s.ctx.parties if c not in actors)
        modality = p.modality or sentence_modality(s)
        # evidence: the sentence up to the end of the matched clause, and not into another act's
        # ("... remain unchanged and reiterate the importance of ...")
        stop = re.search(r"[,;]\s", text[m.end():])
        end = m.end() + stop.start() if stop else len(text.rstrip())
        end = min([end] + [a.start for a in acts if a.start >= m.end()])
        end = len(text[:end].rstrip().removesuffix(" and").removesuffix(" but").rstrip(" ,;"))
        out.append(RawAct(p.type, modality, actors, targets, 0, end, p.cameo, f"pattern:{p.name}", p.name))
    return out
