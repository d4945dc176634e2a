"""Predicates that name acts: verbs and governed nouns typed by the lexicon, and
the rule that an act inside another act's object is not a second act."""
from __future__ import annotations

import re

from spacy.tokens import Token

from .arguments import coagents, has_complement, with_partners
from .clause import (NESTING, ParsedSentence, has_child, listed_infinitive, object_head, prep_objects, purpose_child,
                     semicolon_between)
from .records import Trigger

__all__ = ['Trigger', 'find_triggers', 'noun_type', 'content_of_noun', 'verb_type']


def noun_type(s: ParsedSentence, noun: Token) -> tuple[str, str, str] | None:
    lx = s.lex
    lem = noun.lemma_.lower()
    if lem in ("call", "appeal") and any(c.dep_ == "prep" and c.lower_ in ("on", "upon", "for") for c in noun.children):
        return "REQUEST", "020", f"noun:{lem}-on"  # "our call on Belarus to release ..."
    for key in (noun.lower_, lem):
        if key in lx.nouns:
            t, c = lx.nouns[key]
            return t, c, f"noun:{key}"
    return None


def content_of_noun(s: ParsedSentence, noun: Token, depth: int = 0) -> tuple[str, str, str, Token] | None:
    """The act a governed noun phrase names: "commitment to X", "importance of X", "support for Y"."""
    if depth > 3:
        return None
    lem = noun.lemma_.lower()
    if (lem in s.lex.words.goal_nouns or lem in s.lex.words.abstract_goals) and _asked_of_others(s, noun):
        # "the importance of all countries using their influence to prevent escalation", "the responsibility of
        # all nations to respect their human rights commitments": what others are to do is asked of them
        return "REQUEST", "020", f"noun:{lem}-of-others", noun
    if lem == "centrality":
        # "remain committed to ASEAN centrality", "our commitment to ASEAN centrality": a body's standing backed,
        # as "support for ASEAN centrality" is (the gold: SUPPORT)
        return "SUPPORT", "051", "noun:centrality", noun
    if lem in s.lex.words.goal_nouns:  # "a shared ambition to support Australia"
        for c in noun.children:
            if c.dep_ in ("acl", "relcl", "xcomp") and c.pos_ == "VERB":
                vt = _goal_type(s, c)
                if vt:
                    return vt[0], vt[1], vt[2], c
    if lem in s.lex.words.containers:  # "the full range of its capabilities", "pursuit of dialogue"
        for p in noun.children:
            if p.dep_ == "prep" and p.lower_ == "of":
                for g in p.children:
                    if g.dep_ == "pobj":
                        return content_of_noun(s, g, depth + 1)
        return None
    if lem == "agreement" and any(c.dep_ in ("acl", "ccomp") for c in noun.children):
        return "PURSUE", "030", "noun:agreement-that", noun  # a shared position, not a signed text
    if lem in ("commitment", "commitments", "pledge", "dedication") and _guarantee(s, noun):
        return "AID", "074", f"noun:{lem}-guarantee", noun  # a security guarantee is AID (the guidelines)
    if lem in ("commitment", "pledge", "dedication") or lem in s.lex.words.abstract_goals:
        preps = sorted((p for p in noun.children if p.dep_ == "prep" and p.lower_ in ("to", "of", "for")),
                       key=lambda p: p.lower_ != "to")
        for p in preps:
            if any(g.dep_ == "pobj" and s.tok_hit.get(g.i) is not None and s.tok_hit[g.i].kind in ("state", "org", "person")
                   for g in p.children):
                continue  # "commitment of the United States": whose, not what
            for g in p.children:
                if g.dep_ == "pobj":
                    inner = content_of_noun(s, g, depth + 1)
                    if inner and inner[0] == "AGREE" and lem in s.lex.words.abstract_goals:
                        # "highlighted the importance of the Los Angeles Declaration", "recognized the importance of a
                        # ... framework": an instrument upheld, not one agreed (the gold: PURSUE)
                        return "PURSUE", "030", f"noun:{lem}-of-instrument", g
                    if inner:
                        return inner
                    return "PURSUE", "030", f"noun:{lem}-to", g
                if g.dep_ == "pcomp" and g.pos_ == "VERB":
                    vt = _goal_type(s, g)
                    if vt:
                        return vt[0], vt[1], vt[2], g
                    return "PURSUE", "030", f"noun:{lem}-to", g
        return None
    if lem in s.lex.words.measure_nouns:  # "a new visa restriction policy", "a sanctions package": a sanction's kind
        for c in noun.children:
            ct = noun_type(s, c) if c.dep_ == "compound" else None
            if ct and ct[0] == "SANCTION":
                return ct[0], ct[1], f"{ct[2]}+{lem}", noun
    nt = noun_type(s, noun)
    if nt:
        return nt[0], nt[1], nt[2], noun
    return None


def _asked_of_others(s: ParsedSentence, noun: Token) -> bool:
    """Whether a noun of importance or responsibility names others who are to act: "of" others
    ("all countries", "African governments", a state no participant is) with a verb of their own, or
    with the noun's to-infinitive."""
    to_inf = any(c.dep_ == "acl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in noun.children)
    for g in prep_objects(noun, ("of",), ("pobj",)):
        if any(s.names_participant(c) for c in g.children if c.dep_ in ("compound", "amod", "poss", "nmod")):
            continue  # "the importance of G7 members maintaining sanctions" in the G7's statement: its own
        hit = s.tok_hit.get(g.i)
        others = _others(s, g, generic=True) or (hit is not None and hit.kind == "third_party" and _generic_others(s, g))
        if others and (to_inf or any(c.dep_ == "acl" and c.pos_ == "VERB" for c in g.children)):
            return True
    return False


def _goal_type(s: ParsedSentence, verb: Token, depth: int = 0) -> tuple[str, str, str] | None:
    """The act a verb completing a noun names, its object's where it is a light verb ("our commitment
    to expand cooperation": COOPERATE), its goal's where it works toward a typed goal ("the importance
    of working together to accelerate efforts to tackle the climate crisis": the goal's PURSUE, not
    the cooperation "work" alone names), else its own."""
    t = _verb_trigger(s, verb)
    if t is not None:
        return t.type, t.cameo, t.rule
    goal = purpose_child(verb) if verb.lemma_.lower() in s.lex.purpose_verbs and depth < 3 else None
    if goal is not None and goal.pos_ in ("VERB", "AUX"):
        typed = _goal_type(s, goal, depth + 1)
        if typed is not None:
            return typed
    return verb_type(s, verb)


_TOWARD = ("toward", "towards", "for", "against")  # "work toward / for / against X": what it works toward
_GUARANTEES = frozenset({"deterrence", "defense", "defence", "security"})


def _guarantee(s: ParsedSentence, noun: Token) -> bool:
    """A commitment to another state's defense or security, or to (extended) deterrence: "the U.S.
    extended deterrence commitment", "the commitment of the United States to Israel's security".
    Not "our commitment to Europe's energy security": a qualified security is a goal."""
    if any(c.dep_ == "compound" and c.lemma_.lower() in ("deterrence", "defense", "defence") for c in noun.children):
        return True
    if any(c.dep_ == "compound" and c.lemma_.lower() in ("alliance", "treaty") for c in noun.children) and any(
            (h := s.tok_hit.get(g.i)) is not None and h.kind == "state" for g in prep_objects(noun, ("to",), ("pobj",))):
        return True  # "the ironclad U.S. alliance commitment to the Philippines" (the gold: AID)
    for p in noun.children:
        if p.dep_ == "prep" and p.lower_ == "to":
            for g in (x for g in p.children if g.dep_ == "pobj" for x in (g, *g.conjuncts)):
                if g.lower_ == "article" and any(c.lower_ in ("5", "v", "five") for c in g.children):
                    return True  # "commitment to the transatlantic bond and Article 5 of the Washington Treaty"
            for g in p.children:
                if g.dep_ == "pobj" and g.lemma_.lower() in _GUARANTEES and not any(
                        c.dep_ in ("amod", "compound") for c in g.children):
                    owner = [c for c in g.children if c.dep_ == "poss"]
                    if owner and s.tok_hit.get(owner[0].i) is not None and s.tok_hit[owner[0].i].kind == "state":
                        return True
    return False


def _eases_trade(s: ParsedSentence, obj: Token) -> bool:
    """Is the object a barrier to trade (or a market opened)? Its head or a modifier of it:
    "tariff barriers", "import restrictions", "its market to U.S. cattle"."""
    eased = s.lex.words.eased_objects
    for k in range(3):  # "99 percent of tariff barriers", "the application of the rate of duty"
        if obj.lemma_.lower() in eased or obj.lower_ in eased:
            if k and obj.lower_ in ("control", "controls"):
                return False  # "streamline the implementation of export controls": the controls kept, run better
            break
        if any(c.dep_ == "compound" and c.lower_ in s.lex.words.eased_compounds for c in obj.children):
            break  # "eliminate existing HTS tariff lines": the tariff is what is eased
        of = next((g for p in obj.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                   if g.dep_ == "pobj"), None)
        if of is None:
            return False
        obj = of
    else:
        return False
    if obj.lemma_.lower() in s.lex.words.trade_bound_objects or obj.lower_ in s.lex.words.trade_bound_objects:
        # "market access", "requirements on imports": trade only where the clause says so, by a
        # trade word or by the partner whose goods it concerns ("requirements on U.S. beef");
        # a market opened is trade by itself
        partners = {i for i, h in s.tok_hit.items() if h.kind == "state"}
        return any(t.lower_ in s.lex.words.trade_words or t.i in partners for t in obj.head.subtree)
    return True


def _money(obj: Token) -> bool:
    """Is the object a sum of money ("$500 million", "US$77 million", "nearly $110 million in financing")?"""
    return (obj.ent_type_ == "MONEY" or obj.lower_ in ("billions", "millions", "usd", "eur", "dollars", "euros")
            or any(c.text in ("$", "US$", "€", "£", "¥") for c in obj.subtree if c.i <= obj.i))


def _given(s: ParsedSentence, obj: Token) -> bool:
    """Does the object name goods or money handed over ("vaccines", "$3.8 billion", "50,000 metric tons of
    wheat", "multiple tranches of medicines")? A measure's goods are named under its "of"."""
    goods = s.lex.words.given_goods

    def named(t: Token) -> bool:  # the small model lemmatizes "doses" as "dos"
        return t.lemma_.lower() in goods or t.lower_ in goods or t.lower_.removesuffix("s") in goods

    if _money(obj) or named(obj):
        return True
    if obj.lemma_.lower() not in s.lex.words.quantity_nouns:
        return False  # "give an overview of the funding": no gift
    return any(g.dep_ == "pobj" and named(g) for p in obj.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children)


def _kept_restriction(s: ParsedSentence, obj: Token) -> bool:
    """Is the object a restriction on trade or on another actor ("the reciprocal tariffs", "our
    sanctions on Russia", "export controls")? Keeping one in place is a SANCTION (the guidelines)."""
    kept = s.lex.words.kept_objects
    return obj.lemma_.lower() in kept or obj.lower_ in kept


def _prolonged_easing(s: ParsedSentence, obj: Token) -> bool:
    """Is the object an easing of trade kept or prolonged ("its suspension of heightened reciprocal
    tariffs", "the expiration of certain Section 301 tariff exclusions")?"""
    head = obj
    if obj.lemma_.lower() in ("expiration", "expiry", "term", "duration", "period"):
        head = next((g for p in obj.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                     if g.dep_ == "pobj"), obj)
    kept = s.lex.words.kept_easings
    # "certain Section 301 tariff exclusions": the parser may hang the easing on a name as its apposition
    head = next((t for t in (head, *(c for c in head.children if c.dep_ == "appos"))
                 if t.lemma_.lower() in kept or t.lower_ in kept), None)
    if head is None:
        return False
    # what is suspended or excluded is a restriction on trade: "of tariffs", "tariff exclusions"
    return any(t.lower_ in s.lex.words.eased_objects or t.lower_ in s.lex.words.trade_words
               for t in head.subtree if t.i != head.i)


# whom defending helps (AID): a state, itself, its allies or people (any other object is a cause upheld)
_DEFENDED = frozenset({"itself", "themselves", "ourselves", "himself", "herself", "ally", "allies", "partner", "partners",
                       "people", "peoples", "citizen", "citizens", "nation", "nations", "country", "countries", "territory",
                       "homeland", "border", "borders", "skies", "sky", "population", "populations", "civilian", "civilians"})


def verb_type(s: ParsedSentence, v: Token) -> tuple[str, str, str] | None:
    """Type of a verb predicate by the lexicon, with the object-dependent rules."""
    lx = s.lex
    lem = v.lemma_.lower()
    obj = object_head(s, v)
    obj_lem = obj.lemma_.lower() if obj is not None else ""
    if lem in s.lex.words.easing_verbs and obj is not None and _eases_trade(s, obj):
        return "RETREAT", "085", f"verb:{lem}-easing"
    if lem in s.lex.words.money_verbs and obj is not None and _money(obj):
        return "AID", "071", f"verb:{lem}-money"  # "the DFC will invest $30 million of equity in ...", "mobilized billions"
    if lem in s.lex.words.financing_verbs and obj is not None and (obj_lem in s.lex.words.finance_nouns or obj.lower_ in s.lex.words.finance_nouns):
        return "AID", "071", f"verb:{lem}-financing"  # "mobilize greater climate financing"
    if lem == "provide" and obj is None and any(p.dep_ == "prep" and p.lower_ == "for" for p in v.children):
        return "PURSUE", "030", "verb:provide-for"  # "provide for a return to the path of democracy": no aid given
    if lem == "give" and obj is not None and obj.lower_ == "floor":
        return None  # "I would like to give the floor to Prime Minister Abe": the chair's formula
    if lem in s.lex.words.prolonging_verbs and any(  # the parser may make the easing a second object
            _prolonged_easing(s, o) for o in (obj, *(c for c in v.children if c.dep_ == "dobj")) if o is not None):
        return "RETREAT", "085", f"verb:{lem}-easing-kept"
    if lem in s.lex.words.kept_verbs and obj is not None and _kept_restriction(s, obj):
        return "SANCTION", "172", f"verb:{lem}-restriction"  # "will maintain at 19 percent the reciprocal tariffs"
    if lem == "accept" and obj is not None and obj.lower_ in s.lex.words.accepted_objects:
        return "RETREAT", "085", "verb:accept-goods"
    if lem in s.lex.words.opening_verbs and obj is not None and obj_lem == "access" and _eases_trade(s, obj):
        return "RETREAT", "085", f"verb:{lem}-access"
    if lem in ("close", "secure", "reach", "strike", "achieve") and obj is not None and obj_lem in lx.agree_objects:
        return "AGREE", "057", f"verb:{lem}+{obj_lem}"  # "closed a landmark deal", "reached an agreement"
    if lem == "target" and obj is not None and obj_lem in s.lex.words.sanctioned_persons:
        return "SANCTION", "163", "verb:target-persons"  # "target Russian elites and their family members"
    if lem == "cut" and obj is not None and has_child(v, ("prt",), {"off"}):
        return "SANCTION", "160", "verb:cut-off"  # "cuts them off from the U.S. financial system"
    if lem == "share":
        if obj is not None and (obj_lem in s.lex.words.share_objects or obj.lower_ in s.lex.words.share_objects):
            return "COOPERATE", "064", "verb:share-information"
        return None
    if lem == "stand":
        for p in v.children:  # "stood together in firm opposition to X"
            if p.dep_ == "prep" and p.lower_ == "in":
                for g in p.children:
                    nt = noun_type(s, g) if g.dep_ == "pobj" else None
                    if nt:
                        return nt[0], nt[1], f"verb:stand-in+{nt[2]}"
        if has_child(v, ("advmod",), {"together"}):
            return "COOPERATE", "060", "verb:stand-together"
        for p in v.children:
            if p.dep_ == "prep" and p.lower_ == "with":
                return "SUPPORT", "051", "verb:stand-with"
        return None
    if lem == "speak" and has_child(v, ("prt",), {"out"}):
        return "ACCUSE", "111", "verb:speak-out"  # "spoke out against apartheid", "speak out regarding ... abuses"
    if lem == "call":
        for p in v.children:
            if p.dep_ in ("prep", "prt") and p.lower_ in ("on", "upon", "for"):
                return "REQUEST", "020", f"verb:call-{p.lower_}"
        return None
    if lem == "invite" and obj is not None and has_child(v, ("xcomp", "ccomp")):
        return "REQUEST", "020", "verb:invite-to"  # "We invite other coastal Atlantic countries to join us"
    if lem == "encourage":
        if obj is not None and has_child(v, ("xcomp", "ccomp")):
            return "REQUEST", "020", "verb:encourage-to"
        return "SUPPORT", "051", "verb:encourage"
    if lem == "release" and not any(g.dep_ == "pobj" and g.lemma_.lower() in ("prison", "detention", "custody", "captivity", "jail")
                                    for p in v.children if p.dep_ == "prep" and p.lower_ == "from" for g in p.children) and not (
            obj is not None and (s.tok_hit.get(obj.i) is not None and s.tok_hit[obj.i].kind == "person")) and (
            obj is None or (obj_lem not in s.lex.words.released_persons and obj.lower_ not in s.lex.words.released_persons)):
        return None  # "released the first ever U.S.-Pacific Partnership Strategy", "released the following joint statement"
    if lem in ("deploy", "station") and obj is not None and obj_lem not in s.lex.words.military_objects and obj.lower_ not in s.lex.words.military_objects:
        return "PURSUE", "030", f"verb:{lem}-nonmilitary"  # "deploying an innovative weather intelligence platform"
    if lem == "give" and obj is not None and not _given(s, obj):
        # "I should like to give some indication of ...", "give proper attention to", "give the floor to": no gift
        # (the gold: none of its untyped objects of "give" is an act; support or assistance given is typed above)
        return None
    if lem == "extend" and not (obj is not None and (_given(s, obj) or obj_lem in s.lex.words.finance_nouns
                                                       or obj_lem == "credit")):
        # "extended an invitation to visit", "our partnership extends to space", "extend the scope of the
        # Agreement", "extend a word of thanks": no aid; what "extend" gives as aid is named ("extend credits",
        # "extend $1 billion in loans"), and support or assistance extended is typed above, by its noun
        return None
    if lem in ("send", "ship") and not (obj is not None and (_given(s, obj) or obj_lem in ("assistance", "aid", "help"))):
        # "we send 50,000 metric tons of wheat ... to Afghanistan" gives; "send a firm message", "sent to London
        # down a telephone line" do not (support or assistance sent is typed above, by its noun)
        return None
    if lem == "meet" and obj is not None and obj_lem in ("requirement", "need"):
        return "AID", "070", "verb:meet-needs"  # "to meet Ukraine's requirements for defense equipment"
    if lem == "meet" and obj is None:
        # "Twenty-three Allies now meet or exceed their defense spending commitment": the object is the pair's
        obj = next((o for c in v.children if c.dep_ == "conj" and c.pos_ == "VERB" and c.lemma_.lower() in ("exceed", "surpass")
                    for o in (object_head(s, c),) if o is not None), None)
    if lem == "meet" and obj is not None and s.tok_hit.get(obj.i) is None:
        return None  # "meet the challenges", "fully meeting the goal of jointly mobilizing $100 billion": no meeting
    if lem == "renounce" and (has_child(v, ("neg",)) or any(c.lower_ in ("never",) for c in v.children)
                              or v.head.lower_ == "without"):
        return None  # "a fundamental objective that we will never renounce", "without renouncing its aims"
    if lem == "provide" and obj is not None and obj_lem in s.lex.words.briefing_nouns:
        return None  # "Sherwood-Randall provided an overview of the Administration's ongoing work": a briefing, no aid
    if lem == "end" and has_child(v, ("prt",), {"up"}):
        return None  # "if we end up being divided": an outcome, no end put to anything
    if lem == "found" and (has_child(v, ("auxpass",)) or any(p.dep_ == "prep" and p.lower_ in ("on", "upon") for p in v.children)):
        return None  # "They are founded on our shared values": what the ties rest on, no body founded
    if lem == "raise" and obj is not None and obj_lem in s.lex.words.raised_levels:
        # "raise the level of ambition", "raise international interest in Somalia": a goal pursued; what is raised
        # with someone as a topic ("raised Russia's brutal war against Ukraine") is talk (CONSULT, the lexicon's)
        return "PURSUE", "030", "verb:raise-level"
    if lem == "lift" and has_child(v, ("prt",), {"up"}):
        return None  # "lifted up the global fight against corruption as a shared priority": raised, not eased
    if lem == "defend" and obj is not None and s.tok_hit.get(obj.i) is None and obj.lemma_.lower() not in _DEFENDED:
        # "France will staunchly defend cultural diversity", "defending the rules-based economic order": a cause
        # upheld (the gold: PURSUE), not a state or people helped to defend itself (AID)
        return "PURSUE", "030", "verb:defend-cause"
    if lem == "support" and _by_aid_agency(s, v):
        return "AID", "070", "verb:support-by-agency"  # "USAID is supporting a ... learning initiative"
    if lem in lx.support_aid_verbs and obj is not None and obj.dep_ == "dobj":
        h = s.tok_hit.get(obj.i)
        if h is not None and h.kind in ("state", "person"):
            return "AID", "070", f"verb:{lem}-state"
        # a state's own cause ("support Ukraine's defense", "Indonesia's efforts") or those in
        # need ("supporting the people of Afghanistan", "host communities") is material help
        owner = next((c for c in obj.children if c.dep_ == "poss"), None)
        hit = s.tok_hit.get(owner.i) if owner is not None else None
        if hit is not None and hit.kind == "state" and obj.lemma_.lower() not in s.lex.words.claimed_objects:
            return "AID", "070", f"verb:{lem}-state-cause"
        if obj.lower_ in s.lex.words.needy and owner is None and not obj.text[:1].isupper():
            return "AID", "070", f"verb:{lem}-needy"
        if lem == "support" and obj.lower_ in s.lex.words.aided_objects and owner is None:
            return "AID", "070", "verb:support-aided"
    if lem in ("help", "assist") and (obj is None or (s.tok_hit.get(obj.i) is None and obj.lemma_.lower() not in s.lex.words.needy)):
        return None  # "will help sustain peace": an effect, not aid
    if lem == "raise" and obj is None:
        return None
    if lem == "hold" and obj is not None and _holds_accountable(v, obj_lem):
        return "THREATEN", "130", "verb:hold-accountable"
    if lem in s.lex.words.text_verbs:
        # "adopt and maintain high levels of protection": the object may be the next verb's
        what = obj if obj is not None else next(filter(None, (object_head(s, c) for c in v.conjuncts)), None)
        if what is not None and what.lemma_.lower() not in lx.agree_objects and what.lower_ not in lx.agree_objects:
            c = content_of_noun(s, what) if what.pos_ in ("NOUN", "PROPN") else None
            if c is not None:  # "adopt and implement a prohibition on the importation of ...": its act
                return c[0], c[1], f"verb:{lem}+{c[2]}"
            return "PURSUE", "030", f"verb:{lem}-policy"
    if lem in s.lex.words.curbing_verbs and obj is not None and (
            obj.lemma_.lower() in s.lex.words.curbed_flows or obj.lower_ in s.lex.words.curbed_flows):
        # "end the exportation of luxury items to any person located in the Russian Federation", "prevent the
        # leakage of sensitive emerging technologies ... to destinations of concern", "limit Russian revenue"
        return "SANCTION", "163", f"verb:{lem}-flow"
    if lem in lx.verbs:
        t, c = lx.verbs[lem]
        return t, c, f"verb:{lem}"
    return None


def _holds_accountable(v: Token, obj_lem: str) -> bool:
    """"hold X accountable / responsible", the adjective parsed as the object or, as for "hold Mexico,
    Canada, and China accountable", hung on the verb; not a passive ("He was held accountable": no one holds)."""
    adjectives = ("accountable", "responsible")
    if obj_lem in adjectives:
        return True
    return not any(c.dep_ == "auxpass" for c in v.children) and any(
        c.lemma_.lower() in adjectives and c.dep_ in ("acomp", "oprd", "ccomp", "xcomp", "conj") for c in v.children)


def _caps_label(sent) -> int:
    """The end (token index) of an upper-case label that opens a sentence before a colon
    ("BOOSTING DOMESTIC TIMBER PRODUCTION: President Trump is committed to ..."), or -1. A
    subtitle run into its paragraph, not a clause: its verbs hold no act."""
    for t in sent:
        if t.text == ":":
            return t.i if t.i > sent.start + 1 else -1
        if t.is_alpha and not t.is_upper:
            return -1
    return -1


# a Markdown link's address ("[released a joint statement](https://.../joint-statement-on-protecting-...)"): no words
_LINK_ADDRESS = re.compile(r"\]\((?:https?://|www\.)[^)\s]*\)")


def _in_link_address(s: ParsedSentence, tok: Token) -> bool:
    """Whether ``tok`` lies inside a Markdown link's address, whose slug's words are no clause."""
    at = tok.idx - s.sent.start_char
    return any(m.start() < at < m.end() for m in _LINK_ADDRESS.finditer(s.sent.text))


def find_triggers(s: ParsedSentence) -> list[Trigger]:
    lx = s.lex
    out: list[Trigger] = []
    label = _caps_label(s.sent)
    for tok in s.sent:
        if tok.i < label:
            continue
        lem = tok.lemma_.lower()
        if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and lem not in ("be", "have", "do", "will", "would", "shall", "should", "can", "could", "may", "might", "must")):
            if tok.dep_ in ("amod", "compound", "aux", "auxpass") or tok.tag_ == "VBN" and tok.dep_ in ("acl",):
                continue
            if tok.dep_ == "advcl" and tok.tag_ in ("VBG", "VBN") and s.subject_of(tok) is None and tok.i < tok.head.i:
                continue  # "Building on the progress, we will ...": framing participle
            if tok.dep_ == "prep":
                continue  # "Given its relevance to our theme, ...": a participle that is a preposition
            if (tok.dep_ == "advcl" and tok.tag_ == "VBN" and s.subject_of(tok) is None
                    and not any(c.dep_ in ("aux", "auxpass", "mark") for c in tok.children)):
                continue  # "a world, built on the values of the UN founders": a description, not an act
            if tok.lemma_.lower() == "speak" and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
                continue  # "As we speak, ...": now, no act
            if _subject_clause(tok):
                continue  # "Creating fair labor conditions strengthens our supply chains": a topic, not an act
            if tok.dep_ in ("relcl", "acl") and not (
                    tok.dep_ == "acl" and tok.head.lemma_.lower() in s.lex.words.abstract_goals | s.lex.words.goal_nouns) and not _own_relcl(s, tok):
                continue  # "which undermine peace": a description, not an act
            if _in_adjective_row(tok):
                continue  # "a free, open, inclusive, and secure Indo-Pacific", "natural and created disasters": an adjective
            if _in_link_address(s, tok):
                continue  # "[released policies](https://.../dod-releases-policies-to-ensure-access...)": an address
            trig = _verb_trigger(s, tok)
            if trig:
                out.append(trig)
        elif tok.pos_ in ("NOUN", "PROPN") and _governed_noun(s, tok):
            c = content_of_noun(s, tok)
            if c is not None:
                out.append(Trigger(c[3], c[0], c[1], c[2], targets_from=tok))
        elif tok.pos_ == "ADJ" and lem in s.lex.words.stance_adjectives and tok.dep_ in ("acomp", "ROOT"):
            # "remain steadfast in their pursuit of dialogue" (the parser may hang "in" on the verb)
            for p in [*tok.children, *(tok.head.children if tok.dep_ == "acomp" else ())]:
                if p.dep_ == "prep" and p.lower_ == "in":
                    for g in p.children:
                        c = content_of_noun(s, g) if g.dep_ == "pobj" else None
                        if c is not None:
                            out.append(Trigger(tok, c[0], c[1], f"adj:{lem}-in+{c[2]}", targets_from=c[3]))
        elif tok.pos_ in ("ADJ", "VERB") and tok.lower_ in s.lex.words.gladdened_adjectives and tok.dep_ in ("acomp", "ROOT"):
            if _gladdened(s, tok):
                out.append(Trigger(tok, "SUPPORT", "051", f"adj:{tok.lower_}", modality="ASSERT"))
        elif tok.pos_ in ("ADJ", "VERB") and tok.lower_ in s.lex.words.confident_adjectives and tok.dep_ in ("acomp", "ROOT"):
            if _confident(s, tok):
                out.append(Trigger(tok, "SUPPORT", "051", f"adj:{tok.lower_}-that", modality="ASSERT"))
        elif tok.pos_ == "ADJ" and lem in lx.commit_adjectives | {"concerned"} and tok.dep_ in ("acomp", "ROOT"):
            if lem == "concerned":
                if not any(c.lower_ in ("all", "those", "everyone") for c in tok.children):  # "We encourage all concerned to ...": the parties
                    out.append(Trigger(tok, "ACCUSE", "110", "adj:concerned"))
            else:
                for p in tok.children:  # "are committed to X"
                    if p.dep_ == "prep" and p.lower_ == "to":
                        for g in p.children:
                            if (g.dep_ == "pcomp" and g.pos_ == "VERB" and _verb_trigger(s, g) is None and lem != "ready"
                                    and not _carries_on(s, g)):
                                out.append(Trigger(tok, "PURSUE", "030", f"adj:{lem}-to-goal", targets_from=g))
                            if g.dep_ == "pobj":
                                c = content_of_noun(s, g) or ("PURSUE", "030", f"adj:{lem}-to", g)
                                out.append(Trigger(c[3], c[0], c[1], c[2] if c[2].startswith("adj") else f"adj:{lem}+{c[2]}", targets_from=g))
    # one act per token; an act nested in another act's object is not a second act
    uniq: dict[int, Trigger] = {}
    for t in out:
        uniq.setdefault(t.tok.i, t)
    for t in _coordinated(s, list(uniq.values())) + _other_objects(s, list(uniq.values())):
        uniq.setdefault(t.tok.i, t)
    return _resolve_nesting(s, _drop_shared_object_twins(list(uniq.values())))


def _coordinated(s: ParsedSentence, trigs: list[Trigger]) -> list[Trigger]:
    """Coordinated predicates are separate acts (the guidelines): a later verb coordinated with a
    verb trigger that has a complement of its own, in the same form (not a passive or a relative
    clause's verb the parser hung there), with no subject of its own, an object of its own, no
    lexicon entry and no act inside its own words, holds an act ("will work to finalize the text of the
    Agreement and undertake their respective domestic formalities": two AGREE; "to adopt and
    maintain high levels of environmental protection and to effectively enforce its environmental
    laws": two PURSUE). It is its object's act where that names one ("express their deep concern ...
    and reassert their commitment to counter this ancient hatred": a PURSUE); else the first verb's
    type where that is conduct a list continues (goals, easings, texts, aid, force), the verb's own or
    its direct object's ("prepare the Agreement for signature, and undertake domestic formalities"; not
    "highlighted the importance of the Los Angeles Declaration ..., and recognize the changes ..."); else
    none. The act model judges it as it judges any rule act."""
    have = {t.tok.i for t in trigs}
    out = []
    for t in trigs:
        if t.tok.pos_ != "VERB" or not t.rule.startswith(("verb:", "cue:")) or not has_complement(t.tok):
            continue
        for c in t.tok.children:
            if not _own_predicate(s, t.tok, c, have):
                continue
            lem = c.lemma_.lower()
            obj = object_head(s, c)
            own = content_of_noun(s, obj) if obj is not None and obj.pos_ in ("NOUN", "PROPN") else None
            if own is not None:
                out.append(Trigger(c, own[0], own[1], f"conj:{lem}+{own[2]}", targets_from=own[3]))
            elif t.type in _LIST_TYPES and ("+" not in t.rule or t.targets_from.i == getattr(object_head(s, t.tok), "i", -1)):
                out.append(Trigger(c, t.type, t.cameo, f"conj:{lem}+{t.rule}"))
            else:
                continue
            have.add(c.i)
    return out


def _own_predicate(s: ParsedSentence, verb: Token, c: Token, have: set[int]) -> bool:
    """Whether ``c`` is a later verb coordinated with ``verb`` that holds a predicate of its own (see
    :func:`_coordinated`)."""
    if c.dep_ != "conj" or c.pos_ != "VERB" or c.i < verb.i or _FORMS.get(c.tag_) != _FORMS.get(verb.tag_):
        return False  # not a coordinated verb of the same form ("... that incentives ... and lowers ...")
    lem = c.lemma_.lower()
    if lem in s.lex.verbs or lem in s.lex.words.untyped_conjuncts or lem in s.lex.cue_verbs and has_child(c, ("xcomp", "ccomp")):
        return False  # typed by the lexicon on its own, no conduct, or a cue whose clause holds the act
    if any(x.dep_ in ("nsubj", "nsubjpass", "auxpass") for x in c.children):
        return False  # a subject of its own, or a passive
    if any(d.i in have for x in c.children if x.dep_ != "conj" for d in x.subtree):
        return False  # an act inside its own words already
    return any(x.dep_ == "dobj" or x.dep_ == "prep" and has_child(x, ("pobj", "pcomp")) for x in c.children)


def _other_objects(s: ParsedSentence, trigs: list[Trigger]) -> list[Trigger]:
    """One verb with several objects is one act, unless the objects give different types (the
    guidelines): "reaffirm the unbreakable bonds between our two countries and the enduring
    commitment of the United States to Israel's security" is ties restated (COOPERATE) and an AID."""
    out = []
    for t in trigs:
        # a verb typed by its object ("reaffirm", "strengthen"): a stance verb's objects ("welcomed X, Y and
        # Z") are all one act of its own type
        if t.tok.pos_ not in ("VERB", "AUX") or not (t.rule.startswith("cue:") or "+noun:" in t.rule or "+obj:" in t.rule):
            continue
        obj = object_head(s, t.tok)
        if obj is None or obj.pos_ not in ("NOUN", "PROPN"):
            continue
        # the small parser often hangs the second object on a noun inside the first ("our support for ASEAN
        # centrality and our opposition to ..."): a determined noun coordinated there is one too
        for n in obj.subtree:
            if n.i <= obj.i or n.dep_ != "conj" or n.pos_ not in ("NOUN", "PROPN") or _governing_verb(n) != t.tok.i or not (
                    n.head.i == obj.i or _whole_phrase(n)):
                continue
            c = content_of_noun(s, n)
            if c is not None and c[0] != t.type:
                out.append(Trigger(n, c[0], c[1], f"object:{c[2]}", targets_from=c[3]))
    return out


def _whole_phrase(n: Token) -> bool:
    """A noun phrase of its own: "our opposition", "the enduring commitment of the United States to ..."
    (not "the Paris Agreement" after "the Framework Convention")."""
    return any(d.dep_ == "poss" for d in n.children) or (
        any(d.dep_ == "det" for d in n.children) and any(d.dep_ == "prep" for d in n.children))


def _governing_verb(tok: Token) -> int:
    """The token id of the nearest verb above ``tok``, or -1."""
    return next((a.i for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), -1)


# verb forms that coordinate: "finalize ... and undertake", "has launched ... rolled out" (the parser
# mixes the past tense and participle); not "implement an Arrangement that incentives ... and lowers ..."
_FORMS = {"VB": "base", "VBP": "present", "VBZ": "present", "VBD": "past", "VBN": "past", "VBG": "gerund"}

# the types whose conduct a coordinated verb continues in kind: "reduce the tariffs ... and identify
# commodities for a further reduction", "launched X ... and rolled out Y" (a restriction kept in place
# is followed as often by an easing: "maintain ... the reciprocal tariffs ... and will identify products ...
# to receive a zero percent reciprocal tariff rate")
_LIST_TYPES = frozenset({"PURSUE", "RETREAT", "AGREE", "AID", "MOBILIZE"})


def _subject_clause(tok: Token) -> bool:
    """Is ``tok`` (or the verb it is coordinated with) a clause that is a subject ("investing in and
    mainstreaming climate sustainability ... is good business"), or a verb whose subject is one
    ("Creating fair labor conditions strengthens our supply chains")? The first names a topic, done
    by no one; the second a predicted effect, which the guidelines read as no act."""
    if any(c.dep_ in ("csubj", "csubjpass") for c in tok.children):
        return True
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in ("csubj", "csubjpass") or (tok.dep_ in ("nsubj", "nsubjpass") and tok.tag_ == "VBG")


def _drop_shared_object_twins(trigs: list[Trigger]) -> list[Trigger]:
    """"expand and deepen coordination": one act, typed by the verb that holds the object."""
    by_tok = {t.tok.i: t for t in trigs}
    keep = []
    for t in trigs:
        siblings = [c for c in (*t.tok.children, t.tok.head) if c.i != t.tok.i and
                    (c.dep_ == "conj" and c.head.i == t.tok.i or t.tok.dep_ == "conj" and c.i == t.tok.head.i)]
        generic = t.type == "PURSUE" and t.rule.startswith("verb:") and not any(c.dep_ in ("dobj", "prep") for c in t.tok.children)
        if generic and any(c.i in by_tok and by_tok[c.i].type != "PURSUE" for c in siblings):
            continue
        keep.append(t)
    return keep


def _own_relcl(s: ParsedSentence, tok: Token) -> bool:
    """A clause under a noun that is an act of ours: "where we have deepened our
    cooperation", "a firm message that the United States and the ROK will stand together"."""
    subj = s.subject_of(tok)
    if subj is None:
        return False
    if tok.dep_ == "relcl":  # a relative pronoun as subject describes; a named actor acts
        return subj.lower_ in ("we", "i") or (
            subj.lower_ not in ("that", "which", "who", "whom", "whose") and bool(s.subject_actors(subj)[0]))
    is_content = any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children)
    return is_content and bool(s.subject_actors(subj)[0])


def _governed_noun(s: ParsedSentence, tok: Token) -> bool:
    """A noun names an act of its own only after "look forward to" ("the next meeting");
    every other governed noun is read at its verb (see ``_verb_trigger``)."""
    head = tok.head
    if tok.dep_ == "conj" and head.pos_ in ("NOUN", "PROPN"):
        return _governed_noun(s, head)
    return (tok.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_.lower() == "look"
            and any(c.lower_ == "forward" for c in head.head.children))


def _speakers_topic(s: ParsedSentence, tok: Token, lem: str, obj: Token) -> bool:
    """A speaker's "I would like to address another issue", "let me touch on a few questions"."""
    w = s.lex.words
    if s.ctx.kind != "speech" or lem not in w.topic_verbs or obj.lower_ not in w.topic_nouns:
        return False
    return any(c.lower_ in ("i", "me") and c.dep_ in ("nsubj", "dobj", "nsubjpass")
               for a in (tok, *tok.ancestors) for c in a.children)


def _speakers_frame(s: ParsedSentence, tok: Token, lem: str, obj: Token | None) -> bool:
    """A speaker's own course through the speech, with "I" or "me" (of "let me", "allow me", "for me to") as
    its subject: "let me conclude by ...", "allow me to address this Assembly", "let me turn to ..."."""
    w = s.lex.words
    if s.ctx.kind != "speech" or lem not in w.framing_verbs:
        return False
    if obj is not None and obj.lower_ not in w.topic_nouns and obj.lemma_.lower() not in w.framing_objects:
        return False  # "I concluded an agreement with ..."
    return any(c.lower_ in ("i", "me") and c.dep_ in ("nsubj", "dobj", "nsubjpass", "pobj")
               for a in (tok, *list(tok.ancestors)[:2]) for c in [*a.children, *([a] if a.dep_ == "nsubj" else [])])


def _noted_with(s: ParsedSentence, tok: Token, lem: str) -> Trigger | None:
    """"note / follow X with (deep) concern": ACCUSE; "note with satisfaction": SUPPORT."""
    w = s.lex.words
    if lem not in w.noting_verbs:
        return None
    for p in tok.children:
        if p.dep_ == "prep" and p.lower_ == "with":
            for g in p.children:
                feel = g.lemma_.lower()
                if g.dep_ == "pobj" and feel in w.noted_with_concern:
                    return Trigger(tok, "ACCUSE", "110", f"verb:{lem}-with-{feel}")
                if g.dep_ == "pobj" and feel in w.noted_with_approval:
                    return Trigger(tok, "SUPPORT", "051", f"verb:{lem}-with-{feel}")
    return None


def _held_by_speakers(s: ParsedSentence, verb: Token) -> bool:
    """Whether a verb of feeling ("value", "cherish", "desire", "favour", "sympathize") is held by the speakers
    or a named actor: "we continue to cherish our membership", "My country ... sympathizes" (a main clause whose
    subject the parser lost keeps it)."""
    holder = s.subject_of(verb) or (s.subject_of(verb.head) if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in (
        "continue", "remain") else None)
    if holder is None:
        return verb.dep_ in ("ROOT", "conj")
    if holder.lower_ in ("either", "neither", "each", "none", "any", "he", "she", "who", "one"):
        return False
    return (holder.lower_ in ("we", "i", "they")
            or any(c.dep_ == "poss" and c.lower_ in ("my", "our", "their") for c in holder.children)
            or any(t.i in s.tok_hit for t in holder.subtree))


def _complement_clause(tok: Token) -> Token | None:
    """The clause a verb reports or aims at ("resolve to deepen", "agree that ..."), not one of a ";"-list
    before it that the parser hung on it ("They also discussed ...; ...; reaffirmed their shared commitment")."""
    # (past-tense verbs only: "Indonesia commits to adopt ...; encourage a more resource efficient economy; ..."
    # keeps its infinitives, each an act of Indonesia's)
    return next((c for c in tok.children if c.dep_ in ("xcomp", "ccomp")
                 and not (tok.tag_ == "VBD" and c.i < tok.i and semicolon_between(c, tok))), None)


def _verb_trigger(s: ParsedSentence, tok: Token) -> Trigger | None:
    lx = s.lex
    lem = tok.lemma_.lower()
    felt = _noted_with(s, tok, lem)  # before "note that ...", whose clause would hold the act
    if felt is not None:
        return felt
    if tok.lower_ in lx.words.confident_adjectives and tok.tag_ == "VBN" and _confident(s, tok):
        return Trigger(tok, "SUPPORT", "051", f"adj:{tok.lower_}-that", modality="ASSERT")  # "The Bahamas is convinced that ..."
    obj0 = object_head(s, tok)
    if lem in lx.words.held_stance_verbs and not _held_by_speakers(s, tok):
        # "the principles he cherished so deeply", "while either of the sides ... desires the annihilation of the
        # other", "to favor de-escalation": another's stance, or no one's
        return None
    if lem in ("recognize", "recognise") and obj0 is not None and not has_child(tok, ("ccomp",)) and any(
            c.dep_ == "neg" or c.lower_ == "never" for c in tok.children):
        # "we will never recognise this illegal annexation", "does not recognize the so-called referendums": the
        # guidelines' REJECT cue
        return Trigger(tok, "REJECT", "120", "verb:not-recognize")
    if lem == "attach" and obj0 is not None and obj0.lemma_.lower() in lx.words.abstract_goals:
        # "attaches particular importance to strengthening the rights of women", "attaches great importance to the
        # work of the Conference on Disarmament": what is held important is pursued (PURSUE unless typed)
        for g in (g for p in (*tok.children, *obj0.children) if p.dep_ == "prep" and p.lower_ == "to" for g in p.children):
            typed = _goal_type(s, g) if g.dep_ == "pcomp" and g.pos_ == "VERB" else (
                content_of_noun(s, g) if g.dep_ == "pobj" else None)
            if typed is not None:
                return Trigger(tok, typed[0], typed[1], f"verb:attach-importance+{typed[2]}", targets_from=g)
            return Trigger(tok, "PURSUE", "030", "verb:attach-importance", targets_from=g)
    if lem in ("declare", "proclaim") and obj0 is not None and obj0.pos_ == "NOUN":
        stance = content_of_noun(s, obj0)
        if stance is not None and stance[0] in STANCES:  # "We declare once again our solidarity with Cuba"
            return Trigger(tok, stance[0], stance[1], f"verb:{lem}+{stance[2]}", targets_from=stance[3])
        # (not "declare our intention to adopt ..., to encourage ... and to advance ...": each goal is an act)
    if lem == "address" and obj0 is not None and obj0.lemma_.lower() in lx.words.audience_nouns:
        return None  # "the delegation of the Gambia addressed the Assembly": a speech given, no act
    if lem in ("establish", "create", "set") and obj0 is not None and obj0.lemma_.lower() in lx.words.practice_nouns:
        # "establish processes to notify financial institutions", "establish robust guardrails and procedures":
        # ways of working pursued, not a body or text founded (the gold: PURSUE)
        return Trigger(tok, "PURSUE", "030", f"verb:{lem}-practice")
    if lem == "confront" and any(c.dep_ == "auxpass" for c in tok.children):
        return None  # "Today we are confronted by events ...", "we continue to be confronted with ...": suffered, not done
    if lem == "wish" and any(c.dep_ == "dobj" and c.lemma_.lower() == "success" for c in tok.children):
        # "We wish you every success in discharging your new responsibilities" (a cue verb otherwise: "wish to")
        return Trigger(tok, "SUPPORT", "051", "verb:wish-success")
    # work/collaborate to <goal>: the goal is the act, unless outside co-agents make it COOPERATE
    if lem in lx.purpose_verbs and purpose_child(tok) is not None:
        if coagents(s, tok):
            return Trigger(tok, "COOPERATE", "060", f"verb:{lem}-with-coagents")
        if with_partners(s, tok):  # a typed goal still wins ("work with Congress to deny Russia ...")
            return Trigger(tok, "COOPERATE", "060", f"verb:{lem}-with-partners")
        goal = purpose_child(tok)
        if any(_typed_goal(s, g) for g in [goal, *goal.conjuncts] if g.pos_ in ("VERB", "AUX")):
            return None  # the goal is the act
        # whom the goal concerns is the act's target ("work closely together to deter Russian aggression": RUS)
        return Trigger(tok, "PURSUE", "030", f"verb:{lem}-to-goal", targets_from=goal)
    if lem in lx.purpose_verbs and lem not in lx.words.cooperation_verbs and not coagents(s, tok) and not with_partners(s, tok):
        # "committed to work on keeping a high level of LNG supplies to Europe", "work hand in hand in addressing
        # various challenges": a gerund worked on or in is the goal, as "work toward X" is ("cooperate on
        # facilitating the flow of data" stays cooperation)
        doing = next((g for g in prep_objects(tok, ("on", "in"), ("pcomp",)) if g.tag_ == "VBG"), None)
        if doing is not None:
            return None if _typed_goal(s, doing) else Trigger(tok, "PURSUE", "030", f"verb:{lem}-on-goal")
    if lem in lx.purpose_verbs and not coagents(s, tok):
        goal = next(prep_objects(tok, _TOWARD), None)
        if goal is not None:
            # "work toward(s) / for / against X" pursues X as "work together to X" does: the goal
            # is the act where it is typed ("work toward holding another Summit": its own trigger)
            if goal.pos_ in ("VERB", "AUX"):
                return None
            c = content_of_noun(s, goal) if goal.pos_ in ("NOUN", "PROPN") else None
            if c is not None:
                return Trigger(tok, c[0], c[1], f"verb:{lem}-toward+{c[2]}", targets_from=c[3])
            return Trigger(tok, "PURSUE", "030", f"verb:{lem}-toward-goal")
    request_verb = lx.verbs.get(lem, ("", ""))[0] == "REQUEST"
    if ((request_verb or lem in lx.words.asking_verbs) and has_child(tok, ("xcomp",))
            and _others(s, object_head(s, tok), generic=True)):
        # "we ask Iran to refrain from ...", "We encourage all economies to accelerate efforts ...":
        # asking another to act is a request ("ask our ministers to develop ..." tasks the
        # participants' own, and the infinitive holds their act)
        return Trigger(tok, "REQUEST", lx.verbs[lem][1] if request_verb else "020", f"verb:{lem}-other-to")
    if lem in lx.words.asking_verbs and not request_verb and tok.tag_ != "VBD" and not has_child(tok, ("neg",)):
        # "we need Russia to now take political action": the parser makes the one asked the subject of a
        # clause of its own (not "I want them to know ...": what others should know or see is no act asked)
        asked = next((sj for c in tok.children if c.dep_ == "ccomp" and any(a.lower_ == "to" for a in c.children)
                      and c.lemma_.lower() not in _COGNITION for sj in c.children if sj.dep_ == "nsubj"), None)
        if asked is not None and _others(s, asked, generic=True):
            return Trigger(tok, "REQUEST", "020", f"verb:{lem}-other-to", targets_from=asked)
    if lem in s.lex.words.hoping_verbs and _others_outcome(s, tok):
        # "We trust that the Committee will maintain its effectiveness", "France hopes that it will be
        # set up quickly": an outcome hoped for from others is backed, not done
        return Trigger(tok, "SUPPORT", "051", f"verb:{lem}-that")
    if (lem in ("agree", "concur") and tok.tag_ in ("VBP", "VBZ") and not has_child(tok, ("xcomp",))
            and not any(prep_objects(tok, ("on", "upon"))) and not any(t.lower_ == "to" and t.dep_ == "aux" for t in tok.subtree)):
        sided = next(filter(None, (_sided_with(s, w) for w in prep_objects(tok, ("with",), ("pobj",)))), None)
        if sided is not None:
            # "I concur with the comments made by the representative of New Zealand", "I agree with him
            # [the Secretary-General] that ...": a view shared is backed, now (SUPPORT toward whose it is);
            # agreeing with a participant to do something stays that act
            return Trigger(tok, "SUPPORT", "051", f"verb:{lem}-with", targets_from=sided, modality="ASSERT")
    if lem == "agree":
        text = next(filter(None, (_founded(s, g) for g in prep_objects(tok, ("to", "on", "upon"), ("pobj",)))), None)
        if text is not None:
            # "have agreed to a Framework to deepen bilateral trade and investment cooperation", "will agree to a
            # Climate Security Action Plan": a text agreed is AGREE (the guidelines), what it is for its content
            return Trigger(tok, "AGREE", "057", f"verb:agree-to+{text.lemma_.lower()}", targets_from=text)
    if lem in lx.cue_verbs and lem not in lx.light_verbs and _complement_clause(tok):
        return None  # "resolve to deepen", "agree that ...": the clause holds the act
    if lem == "build" and not has_child(tok, ("dobj",)):
        base = next(prep_objects(tok, ("on", "upon")), None)
        if base is not None:
            # "build on our longstanding bilateral ties": what is built on is continued, and is the act
            # where it names one (ties, cooperation: COOPERATE); "builds on existing efforts" is none
            c = content_of_noun(s, base) if base.pos_ in ("NOUN", "PROPN") else None
            if c is not None:
                return Trigger(tok, c[0], c[1], f"verb:build-on+{c[2]}", targets_from=c[3])
            return _ties_trigger(s, tok, base, "verb:build-on")
    obj = object_head(s, tok)
    if obj is not None and _speakers_topic(s, tok, lem, obj):
        return None  # "I would like to address another issue": what the speech turns to
    if _speakers_frame(s, tok, lem, obj):
        return None  # "Let me conclude by ...", "It is an honour for me to address the Assembly": the speech's course
    if (lem in ("give", "afford", "bring") and obj is not None and obj.lemma_.lower() in s.lex.words.feeling_frames
            and any(c.dep_ in ("dative", "dobj") and c.lower_ in ("me", "us") for c in tok.children)):
        return None  # "It gives me great pleasure to extend to you ... our congratulations": a frame
    if (lem in ("take", "seize", "use") and obj is not None and obj.lower_ in s.lex.words.opportunity_nouns
            and has_child(obj, ("det",), {"this", "the"})):  # not "she seized every opportunity to advance ...": a habit
        # "I take this opportunity to extend my sincere congratulations to ...": the act the opportunity is for
        act = next((c for c in obj.children if c.dep_ == "acl" and c.pos_ in ("VERB", "AUX")), None)
        own = _verb_trigger(s, act) if act is not None else None  # (no trigger is looked for under a noun)
        if own is not None:  # its modality is the infinitive's ("... to reaffirm our support": REAFFIRM)
            return Trigger(tok, own.type, own.cameo, f"verb:take-opportunity+{own.rule}",
                           targets_from=own.targets_from if own.targets_from is not act else act,
                           modality=own.modality or s.modality([act, tok], []))
    if lem in s.lex.words.welcoming_verbs:
        handled, welcomed = _welcomed(s, tok, obj)
        if handled:
            return welcomed
    if obj is not None and lem in s.lex.words.force_verbs and obj.lower_ in s.lex.words.force_objects:
        # "conducted joint strikes against Houthi targets" (the gold: MOBILIZE); "launch their aggression" founds nothing
        return Trigger(tok, "MOBILIZE", "150", f"verb:{lem}+{obj.lower_}", targets_from=obj)
    if obj is not None and (lem in s.lex.words.recognizing_verbs and obj.lower_ in s.lex.words.praised_objects
                            or lem in s.lex.words.role_verbs and obj.lower_ in s.lex.words.role_objects
                            and not any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in obj.children)):
        # "We recognize the sustained efforts of States ... in hosting refugees": praise, as "commend"
        return Trigger(tok, "SUPPORT", "051", f"verb:{lem}+{obj.lower_}", targets_from=obj)
    if lem == "assure" or (lem == "rest" and has_child(tok, ("acomp",), {"assured"})):
        assured = _assured_of(s, tok)  # "I assure you of my delegation's full cooperation": a promise of it
        if assured is not None:
            return assured
    if lem in ("extend", "offer", "stretch", "hold") and obj is not None and obj.lemma_.lower() == "hand" and _object_kind(s, obj) is None:
        # "We extend our hand to all countries, with an open mind ...": cooperation offered (the gold), not aid;
        # "a hand of friendship" is read by its "of" phrase below, as ties
        return Trigger(tok, "COOPERATE", "060", f"verb:{lem}-hand")
    if obj is not None and lem in s.lex.words.founding_verbs and obj.lemma_.lower() == "plan":
        # "announced plans to provide over $8 billion in support to the region": the act planned, no plan founded
        act = next((c for c in obj.children if c.dep_ == "acl" and c.pos_ in ("VERB", "AUX") and has_child(c, ("aux",), {"to"})), None)
        own = _verb_trigger(s, act) if act is not None else None
        if own is not None:
            return Trigger(tok, own.type, own.cameo, f"verb:{lem}-plans+{own.rule}",
                           targets_from=own.targets_from if own.targets_from is not act else act, modality="COMMIT")
    founded = _founded(s, obj) if obj is not None and lem in s.lex.words.founding_verbs else None
    if founded is not None:
        # "launched a new partnership", "launch a ... strategic dialogue", "establish a working group": a
        # body or text founded is AGREE (the guidelines), before what the body is for (partnership: COOPERATE);
        # so is one named beside it ("announced AUKUS, an enhanced trilateral security partnership") or a
        # set of them ("launch an ambitious set of initiatives")
        return Trigger(tok, "AGREE", "030", f"verb:{lem}+{founded.lemma_.lower()}")
    if obj is not None and lem in lx.light_verbs | lx.cue_verbs:
        c = content_of_noun(s, obj) if obj.pos_ in ("NOUN", "PROPN") else None
        if c is None and obj.pos_ == "NOUN" and lem in lx.light_verbs and any(
                k.dep_ == "compound" and k.lemma_.lower() in ("assistance", "aid") for k in obj.children):
            # "has implemented over 60 technical assistance activities", "delivered aid shipments": help given
            c = ("AID", "070", "noun:assistance-compound", obj)
        if c is not None:
            if (lem in lx.verbs and lx.verbs[lem][0] == "AGREE" and c[0] not in ("AGREE", "REQUEST")
                    and obj.lemma_.lower() not in lx.agree_objects):
                pass  # (but "launch an appeal to the international community" asks)
            elif not (lem in lx.verbs and lem not in lx.light_verbs) or (
                    # "shared concerns about ...", "share their support for ...": a stance, not sharing
                    lem in s.lex.words.stance_sharing_verbs and c[0] in ("ACCUSE", "SUPPORT")):
                type_, cameo = c[0], c[1]
                # "provide support for Ukraine" is AID; "extend our congratulations / thanks" stays SUPPORT,
                # as does support given to a proposal, a conference or a process
                if type_ == "SUPPORT" and c[2] in ("noun:support", "noun:backing") and (
                        lem in s.lex.words.material_verbs and _material(s, tok, obj)
                        # "advance military, political, and financial support to Ukraine": of a material kind,
                        # whatever the verb
                        or lem in lx.light_verbs and lem not in s.lex.words.voicing_verbs and _of_material_kind(s, obj)):
                    type_, cameo = "AID", "070"
                return Trigger(tok, type_, cameo, f"verb:{lem}+{c[2]}", targets_from=c[3] if c[3] is not obj else obj)
        ties = _ties_trigger(s, tok, obj, f"verb:{lem}") if lem in lx.light_verbs else None
        if ties is not None:
            return ties
    if lem in lx.cue_verbs and lem not in lx.verbs:
        # ("We have undertaken major reforms of the party and electoral systems": Benin, 2019)
        # (not "finalize the text of the Agreement ... and undertake their respective domestic formalities": the
        # coordinated verb takes the act of the verb it follows)
        if (lem in ("recommit", "commit", "pledge", "strive", "resolve", "reaffirm")
                or lem == "undertake" and tok.dep_ not in ("conj", "relcl", "csubj", "advcl")
                and not has_child(tok, ("auxpass",))) and not _complement_clause(tok):
            if obj is not None and obj.dep_ == "pcomp" and obj.pos_ == "VERB":
                return None  # "commit to strengthening X": the gerund carries the act
            if obj is not None and lem in s.lex.words.money_verbs and _money(obj):
                # "has committed nearly $110 million in financing to projects", "commit $500 million to help ...":
                # money given is aid (the gold), not a goal pursued
                return Trigger(tok, "AID", "071", f"verb:{lem}-money")
            ties = _ties_trigger(s, tok, obj, f"cue:{lem}") if obj is not None else None
            if ties is not None:
                return ties  # "reaffirm the unbreakable bonds between our two countries": the ties restated
            held = next((t for c in obj.children if c.dep_ == "acl" and c.pos_ == "VERB"
                         for t in (_verb_trigger(s, c),) if t is not None and t.type in STANCES),
                        None) if obj is not None and obj.lemma_.lower() in ("position", "stance", "policy") else None
            if held is not None:  # "reaffirms its longstanding core position condemning all acts of terrorism"
                return Trigger(tok, held.type, held.cameo, f"cue:{lem}-position+{held.rule}", targets_from=held.tok)
            if obj is not None and obj.lemma_.lower() in s.lex.words.claimed_objects and any(
                    (h := s.tok_hit.get(c.i)) is not None and h.kind == "state" for c in obj.children if c.dep_ == "poss"):
                # "reaffirmed Israel's right to defend itself": a state's claim backed (the gold: SUPPORT)
                return Trigger(tok, "SUPPORT", "051", f"cue:{lem}-claim")
            if obj is not None or has_child(tok, ("prep",)):
                # reforms undertaken are done, not promised ("the undertaking" to do something is)
                done = lem == "undertake" and tok.tag_ in ("VBD", "VBN")
                return Trigger(tok, "PURSUE", "030", f"cue:{lem}-goal", modality="ASSERT" if done else None)
        if lem == "look" and has_child(tok, ("prt", "advmod"), {"forward"}):
            return _look_forward(s, tok)
        if lem == "take" and obj is not None and obj.lower_ == "part":
            # "took part in the meeting": what is taken part in, as "participate in" reads it
            where = next(prep_objects(tok, ("in",), ("pobj",)), None) or next(prep_objects(obj, ("in",), ("pobj",)), None)
            c = content_of_noun(s, where) if where is not None else None
            if c is not None and c[0] == "CONSULT":  # a meeting, not "an active part in such an exercise"
                return Trigger(tok, c[0], c[1], f"verb:take-part+{c[2]}", targets_from=where)
        return None
    if obj is None and lem in lx.light_verbs:
        stray = _stray_object(s, tok)
        c = content_of_noun(s, stray) if stray is not None else None
        if c is not None:
            return Trigger(tok, c[0], c[1], f"verb:{lem}+{c[2]}", targets_from=c[3] if c[3] is not stray else stray)
    vt = verb_type(s, tok)
    if vt is None:
        return None
    return Trigger(tok, vt[0], vt[1], vt[2])


def _assured_of(s: ParsedSentence, verb: Token) -> Trigger | None:
    """"I assure you of my delegation's full cooperation", "you may rest assured of our full co-operation"
    (about one General Debate speech in fourteen): the speaker promises what it assures of (the gold: COOPERATE,
    COMMIT, toward the Assembly)."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "acomp" and c.lower_ == "assured")]
    for p in (c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "of"):
        nouns = [g for g in p.children if g.dep_ == "pobj"]
        if any(g.lower_ == "co" for g in nouns):  # "co-operation", split by the tokenizer
            return Trigger(verb, "COOPERATE", "060", "verb:assure-of+noun:cooperation", modality="COMMIT")
        for g in nouns:
            c = content_of_noun(s, g) if g.pos_ in ("NOUN", "PROPN") else None
            if c is not None and c[0] in ("COOPERATE", "SUPPORT", "AID"):
                return Trigger(verb, c[0], c[1], f"verb:assure-of+{c[2]}", targets_from=verb, modality="COMMIT")
    return None


def _by_aid_agency(s: ParsedSentence, verb: Token) -> bool:
    """Whether the verb's subject names a development agency or lender (``aid_agencies``)."""
    subj = s.subject_of(verb)
    # the small parser takes a bare acronym before the verb for a modifier ("USAID is supporting ...": advmod)
    heads = [subj] if subj is not None else [c for c in verb.children if c.i < verb.i and c.dep_ in ("advmod", "npadvmod")]
    words = " ".join(t.text for h in heads for t in h.subtree)
    return any(f" {a} " in f" {words} " or f"({a})" in words for a in s.lex.words.aid_agencies)


def _stray_object(s: ParsedSentence, verb: Token) -> Token | None:
    """The object the parser hung elsewhere after a light verb that has none: "I would like to extend to you,
    Sir, my warm and heartfelt congratulations" (the congratulations an apposition to "Sir"), an opening of
    many General Debate speeches. The first noun after the verb, before another clause begins, that is an
    apposition or a loose modifier, not a preposition's object."""
    for t in s.sent[verb.i - s.sent.start + 1:]:
        if t.text in (";", ":") or (t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound")):
            return None
        if t.pos_ == "NOUN" and t.dep_ in ("appos", "npadvmod", "dobj"):
            return t
    return None


def _carries_on(s: ParsedSentence, verb: Token) -> bool:
    """Whether a verb's infinitive holds an act ("committed to continuing to work closely with the Russian
    Federation ...": the work with them, a COOPERATE, not a goal the commitment pursues)."""
    return any(c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") and _verb_trigger(s, c) is not None for c in verb.children)


def _welcomed(s: ParsedSentence, tok: Token, obj: Token | None) -> tuple[bool, Trigger | None]:
    """What "welcome" (``welcoming_verbs``) does where it is no stance (the guidelines), as (handled, trigger):
    the participants' own cooperation or its progress is COOPERATE ("welcomed the resumption of bilateral
    cooperation", "celebrate the accomplishments of our trilateral cooperation"; not "the cooperation between
    ASEAN and China"); guests welcomed to a place are hosted, CONSULT ("welcomed government and business leaders
    ... to San Francisco", "Welcome to Manila, Prime Minister Abe"); "welcome the opportunity to <act>" is that
    act (the infinitive's own trigger; "to engage with APEC Leaders" is CONSULT)."""
    w = s.lex.words
    if obj is None:
        if tok.dep_ == "ROOT" and s.subject_of(tok) is None and _to_place(s, tok):
            guest = next((c for c in tok.children if c.dep_ == "npadvmod" and c.pos_ == "PROPN"), None)
            return True, Trigger(tok, "CONSULT", "043", "verb:welcome-guest", targets_from=guest)
        return False, None
    if obj.lower_ in w.opportunity_nouns:
        act = next((c for c in obj.children if c.dep_ == "acl" and c.pos_ in ("VERB", "AUX")), None)
        if act is None:
            return False, None
        own = _verb_trigger(s, act)  # the parser hangs the infinitive on the noun, where no trigger is looked for
        if own is not None:
            return True, Trigger(tok, own.type, own.cameo, f"verb:welcome-opportunity+{own.rule}", targets_from=act)
        if act.lemma_.lower() == "engage" and next(prep_objects(act, ("with",), ("pobj",)), None) is not None:
            return True, Trigger(tok, "CONSULT", "040", "verb:welcome-opportunity-engage", targets_from=act)
        return False, None
    hit = s.tok_hit.get(obj.i)
    if (obj.lower_ in w.guest_nouns or (hit is not None and hit.kind == "person")) and (
            _to_place(s, tok) or tok.lemma_.lower() == "welcome" and any(
                g.lemma_.lower() in w.visit_nouns and not any(c.dep_ == "poss" for c in g.children)
                for g in prep_objects(tok, ("for",), ("pobj",)))):
        # "welcomed Prime Minister Kishida for an Official Visit": hosted, as "to the White House" is
        return True, Trigger(tok, "CONSULT", "043", "verb:welcome-guest", targets_from=obj)
    coop = obj
    if obj.lower_ in w.progress_nouns:
        # "progress in ...", also "the progress made in strengthening the global partnership with Japan"
        inner = next(prep_objects(obj, ("of", "in", "on")), None) or next(
            (g for c in obj.children if c.dep_ == "acl" for g in prep_objects(c, ("in", "on"))), None)
        if inner is not None and inner.dep_ == "pcomp":  # "progress in pursuing cooperation on ..."
            inner = object_head(s, inner)
        coop = inner
        kind = (_object_kind(s, coop) or "") if coop is not None else ""
    else:
        # the object itself must be the cooperation: not "the end / suspension of cooperation with Russia"
        kind = "" if obj.lemma_.lower() in w.ended_nouns else (_object_kind(s, obj) or "")
    if coop is None or kind not in w.welcomed_cooperation or any(_others_cooperation(s, c) for c in {obj, coop}):
        return False, None
    return True, Trigger(tok, "COOPERATE", "060", f"verb:{tok.lemma_.lower()}+own-cooperation")


def _to_place(s: ParsedSentence, tok: Token) -> bool:
    """Whether ``tok`` has a "to" or "in" phrase naming a place: a proper name that is no organisation ("to San
    Francisco", "in Tokyo", "to Manila"; not "to NATO"), also after a "from" phrase ("leaders from across the
    Asia-Pacific to San Francisco")."""
    heads = [tok, *(p for p in tok.children if p.dep_ == "prep" and p.lower_ == "from")]
    for g in (g for h in heads for g in prep_objects(h, ("to", "in"), ("pobj",))):
        hit = s.tok_hit.get(g.i)
        if g.pos_ == "PROPN" and (hit is None or hit.kind in ("state", "place")):
            return True
    return False


def _others_cooperation(s: ParsedSentence, coop: Token) -> bool:
    """Whether cooperation is others' ("between ASEAN and China", "China's cooperation", "made by the AU")."""
    heads = [g for g in prep_objects(coop, ("between", "among", "by", "of"), ("pobj",)) for g in (g, *g.conjuncts)]
    heads += [c for c in coop.children if c.dep_ in ("poss", "compound", "nmod")]  # "the ASEAN-China cooperation"
    heads += [g for c in coop.children if c.dep_ == "acl" for g in prep_objects(c, ("by",), ("pobj",))]
    # the whole phrase that names them: "the cooperation of the Government of Mexico"
    named = [t for h in heads for t in h.subtree if t.dep_ not in ("prep",) and not (t.dep_ == "pobj" and t.head.lower_ in ("with", "in", "on"))]
    if any(_others(s, g) for g in named):
        return True
    # others no gazetteer names: "among member states", "between the Government and the opposition", "the private sector"
    return any(_others(s, g, generic=True) and not any(s.names_participant(t) for t in g.subtree) for g in heads)


def _typed_goal(s: ParsedSentence, goal: Token) -> bool:
    """Whether a goal verb names an act of its own, by its own type or its object's."""
    if verb_type(s, goal) is not None:
        return True
    obj = object_head(s, goal)
    return obj is not None and content_of_noun(s, obj) is not None


def _founded(s: ParsedSentence, obj: Token) -> Token | None:
    """The body or text an object names (see :func:`_verb_trigger`): itself, its appositive, or
    what the range or set it is holds."""
    named = [obj, *(c for c in obj.children if c.dep_ == "appos")]
    if obj.lemma_.lower() in s.lex.words.containers:
        named += list(prep_objects(obj, ("of",), ("pobj",)))[:1]
    return next((t for t in named if t.lemma_.lower() in s.lex.agree_objects or t.lower_ in s.lex.agree_objects), None)


def _look_forward(s: ParsedSentence, tok: Token) -> Trigger | None:
    """"look forward to <own act>" is that act (COMMIT); "to <others' event>" is SUPPORT."""
    for p in tok.children:
        if p.dep_ == "prep" and p.lower_ == "to":
            for g in p.children:
                if g.dep_ == "pcomp" and g.pos_ == "VERB":
                    return None  # the gerund is its own trigger
                if g.dep_ == "pobj":
                    c = content_of_noun(s, g)
                    if c is not None and g.pos_ == "NOUN" and c[0] != "SUPPORT":
                        return None  # the governed noun is its own trigger
                    if g.pos_ == "VERB":
                        return None
                    if g.lemma_.lower() in ("future", "year", "years", "day", "days"):
                        return None
                    return Trigger(tok, "SUPPORT", "051", "verb:look-forward-event", modality="ASSERT")
    return None


def _civil_presence(s: ParsedSentence, obj: Token) -> bool:
    """Is a "presence" no force: USAID's anywhere in the sentence, or one its words or its holder's call
    diplomatic, humanitarian, development ... (`civil_presence`)?"""
    civil = s.lex.words.civil_presence
    return any(t.lower_ == "usaid" for t in obj.sent) or any(
        t.lower_ in civil for h in (obj, s.subject_of(obj.head)) if h is not None for t in h.subtree)


def _object_kind(s: ParsedSentence, obj: Token) -> str | None:
    """The word of ``lexicon.object_types`` an object is ("ties", lemmatised "tie", as well), or
    the ties its "of" phrase names ("our network of alliances and partnerships"; not "high levels
    of protection", which are no protection given)."""
    types = s.lex.object_types
    for w in (obj.lemma_.lower(), obj.lower_):
        if w == "presence" and _civil_presence(s, obj):
            return None  # "USAID will establish a permanent presence at US Embassy Seoul": no force
        if w in types:
            return w
    of = next(prep_objects(obj, ("of",), ("pobj",)), None)
    if of is None:
        return None
    return next((w for w in (of.lemma_.lower(), of.lower_) if types.get(w) == "COOPERATE"), None)


def _ties_trigger(s: ParsedSentence, tok: Token, obj: Token, rule: str) -> Trigger | None:
    """The act of an object that is ties or names them (see :func:`_object_kind`), or None."""
    kind = _object_kind(s, obj)
    if kind is None:
        return None
    t = s.lex.object_types[kind]
    return Trigger(tok, t, s.lex.nouns.get(kind, (t, "060"))[1], f"{rule}+obj:{kind}")


_COGNITION = frozenset({"know", "understand", "see", "hear", "feel", "believe", "remember", "realize", "recognize", "learn"})
_VIEWS = frozenset({"view", "views", "comment", "comments", "remark", "remarks", "position", "assessment", "statement",
                    "analysis", "proposal", "proposals", "appeal", "call"})


def _sided_with(s: ParsedSentence, w: Token) -> Token | None:
    """Whom "agree / concur with <w>" sides with, where it sides with another's view: another actor,
    a person ("him", "the Secretary-General"), or whoever said what it names ("the comments made by
    the representative of New Zealand": New Zealand)."""
    if w.lower_ in _VIEWS:
        return next((t for t in w.subtree if t.i != w.i and _others(s, t)), None)
    if w.lower_ in ("him", "her") or _others(s, w):
        return w
    return None


def _others(s: ParsedSentence, obj: Token | None, generic: bool = False) -> bool:
    """Whether an object names a state, organisation or person none of the participants is;
    with ``generic``, also others no gazetteer names ("all economies", "other countries", "them")."""
    if obj is None:
        return False
    hit = s.tok_hit.get(obj.i)
    if generic and hit is None and _generic_others(s, obj):
        return True
    if hit is None or hit.kind not in ("state", "org", "person"):
        return False
    return not s.names_participant(obj)


def _material(s: ParsedSentence, verb: Token, support: Token) -> bool:
    """Whether support given is material help: given to a state, a person, or partners or people
    in need ("provide unwavering support for Ukraine", "give Ukraine our full support", "provided
    support to some countries of the region", "support for Ukraine's defense"), or of a material
    kind ("humanitarian", "budget" support); not "give our full support to the world conference on
    racism" or "extend our unqualified support to the Ottawa process"."""
    if _of_material_kind(s, support):
        return True
    heads = (verb, support, *(m for m in support.children if m.dep_ == "amod"))  # "support necessary to ..."
    given_to = [g for h in heads for g in prep_objects(h, ("to", "for"), ("pobj",), ("prep", "dative"))]
    given_to += [c for c in verb.children if c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN")]  # "give Ukraine ..."
    for g in (x for g in given_to for x in (g, *g.conjuncts)):
        for t in (g, *(c for c in g.children if c.dep_ == "poss")):  # "for Ukraine's defense"
            h = s.tok_hit.get(t.i)
            if h is not None and h.kind in ("state", "person"):
                return True
        if g.lemma_.lower() in s.lex.words.needy or g.lower_ in s.lex.words.needy or _of_material_kind(s, g):
            return True  # "support necessary to ... humanitarian disasters"
    return False


def _of_material_kind(s: ParsedSentence, tok: Token) -> bool:
    return any(m.lemma_.lower() in s.lex.words.material_kinds for m in tok.children if m.dep_ in ("amod", "compound"))


def _in_adjective_row(tok: Token) -> bool:
    """Is a verb the parser coordinates with an adjective one of a row of adjectives ("natural and created
    disasters")? Not a predicate with its own subject, auxiliary or (after a predicative adjective) its own
    complement ("are committed to enhancing ... and welcome the Collaboration Action Plan")."""
    if tok.dep_ != "conj" or tok.head.tag_ != "JJ" or tok.head.dep_ == "ROOT":
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children):
        return False
    own_predicate = (_predicative(tok.head) and tok.tag_ != "VBN" and tok.lower_ not in _ADJECTIVE_VERBS
                     and any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in tok.children))
    return not own_predicate


# verbs that are adjectives too, read as such in a row of adjectives ("free, open, and secure Indo-Pacific")
_ADJECTIVE_VERBS = frozenset({"secure", "open", "free", "clean", "clear"})


def _predicative(adj: Token) -> bool:
    """Is the adjective (or the first of its conjuncts) said of a subject rather than of a noun it modifies?"""
    while adj.dep_ == "conj":
        adj = adj.head
    return adj.dep_ in ("acomp", "oprd", "ccomp", "advcl", "xcomp")


def _gladdened(s: ParsedSentence, adj: Token) -> bool:
    """Is ``adj`` ("pleased", "heartened") the speaker's gladness at others' doing: a "that" clause of
    others' outcome, news learned ("to note", "to see") or a cause ("by the fact", "with the outcome")?"""
    if adj.pos_ == "VERB" and adj.tag_ != "VBN":
        return False
    if any(c.dep_ == "neg" for t in (adj, adj.head) for c in t.children):
        return False  # "He was not satisfied by ...", "None of us can claim to be satisfied"
    subj = s.subject_of(adj) or (s.subject_of(adj.head) if adj.dep_ == "acomp" else None)
    if subj is None or not (subj.lower_ in ("we", "i") or set(s.subject_actors(subj)[0]) & set(s.ctx.taking_part)):
        return False  # "He was not satisfied ...", "anybody ... is satisfied": not the speakers' gladness
    if _others_outcome(s, adj):
        return True
    for c in adj.children:
        if c.dep_ == "xcomp" and c.lemma_.lower() in s.lex.words.gladdening_news:
            return True
        if (c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ in ("by", "with", "at")) and any(
                g.dep_ == "pobj" for g in c.children):
            return True
    return False


def _confident(s: ParsedSentence, adj: Token) -> bool:
    """Is ``adj`` the speakers' confidence in others' course ("I am confident that the Secretary-General's
    initiative ... will help address the current challenges", "The Bahamas is convinced that Esquipulas II
    remains the most effective mechanism"): backing, as "We believe that ..." is (the gold). Not confidence in
    their own course ("confident that our nations will continue to work ..."), nor in what "it" or "there" is."""
    if any(c.dep_ == "neg" for t in (adj, adj.head) for c in t.children):
        return False
    subj = s.subject_of(adj) or (s.subject_of(adj.head) if adj.dep_ == "acomp" else None)
    if subj is None or not (subj.lower_ in ("we", "i") or set(s.subject_actors(subj)[0]) & set(s.ctx.taking_part)):
        return False
    # the parser hangs the "that" clause on the adjective or on its "be"
    holder = adj if has_child(adj, ("ccomp",)) is not None or adj.dep_ != "acomp" else adj.head
    clause = has_child(holder, ("ccomp",))
    inner = s.subject_of(clause) if clause is not None else None
    if inner is None or inner.lower_ in ("it", "there", "this", "that") or not _others_outcome(s, holder):
        return False
    # "convinced that the rivalry ... constitutes a threat", "that the international community is not unaware that",
    # "that the tariffs ... must be removed", "that the racist regime will be forced to accept": no backing
    return not any(c.dep_ == "neg" or c.dep_ in ("aux", "auxpass") and c.lower_ in ("must", "should", "ought")
                   or c.dep_ in ("dobj", "attr", "acomp") and c.lemma_.lower() in s.lex.words.ominous_words
                   or c.lower_ == "forced" for c in clause.children) and clause.lower_ != "forced"


def _others_outcome(s: ParsedSentence, tok: Token) -> bool:
    """Whether ``tok`` has a "that" clause whose subject is none of the participants ("that the
    conclusions of the summit will provide ...", "that the two Koreas will persevere")."""
    clause = has_child(tok, ("ccomp",))
    if clause is None:
        return False
    subj = s.subject_of(clause)
    if subj is None or subj.lower_ in ("we", "i"):
        return False
    own = any(c.dep_ == "poss" and (h := s.tok_hit.get(c.i)) is not None and h.kind in ("parties", "participants", "speaker")
              for c in subj.children)  # "that our cooperation will deepen further": the speakers' own
    return not own and not set(s.subject_actors(subj)[0]) & set(s.ctx.taking_part)


def _generic_others(s: ParsedSentence, obj: Token) -> bool:
    """"them" in a speech, or a common noun of states or bodies not the speakers' own ("all
    economies", "other coastal Atlantic countries", "our partners"; not "our businesses")."""
    if obj.lower_ == "them":
        return s.ctx.kind == "speech"  # elsewhere "them" are the participants (np_actors)
    lemma = obj.lemma_.lower()
    own = any(c.dep_ == "poss" and c.lower_ in ("our", "my", "their") for c in obj.children)
    # "our partners", "our allies" are others still; "our businesses", "our ministers" are the speakers' own
    return obj.pos_ == "NOUN" and lemma in s.lex.words.coagent_nouns and (not own or lemma in s.lex.words.partner_nouns)


def _purpose_link(tok: Token) -> bool:
    """Is ``tok`` a purpose clause ("... to <goal>") of its head?"""
    return tok.dep_ in ("xcomp", "advcl", "acl") and any(a.lower_ == "to" and a.dep_ == "aux" for a in tok.children)


# the types of a stance (no deed): taken in a participle after a comma, one is an act of its own (_stance_participle)
STANCES = frozenset({"REQUEST", "ACCUSE", "SUPPORT", "REJECT", "THREATEN"})
# participles that describe a deed however the lexicon types them ("..., providing support for critical
# investments", "building on support put in place", "taking into account the call for diplomacy")
_DEED_PARTICIPLES = frozenset({"support", "provide", "build", "take", "give", "offer", "extend", "lend", "deliver",
                               "expand", "increase", "strengthen", "enhance", "deepen", "advance", "bolster", "boost",
                               "continue", "maintain", "mobilize", "make"})


def _stance_participle(s: ParsedSentence, t: Trigger, first: Token, head: Token) -> bool:
    """Whether ``t`` is a stance taken in a participle (``first``, or a conjunct of it) after a comma that
    follows its head, a verb with a subject of its own: an act of that subject's, not nested in the head's."""
    return (t is not None and t.type in STANCES and t.tok.lemma_.lower() not in _DEED_PARTICIPLES
            and first.dep_ == "advcl" and first.tag_ == "VBG" and head.i < first.i and first.i > 0
            and first.doc[first.i - 1].text == "," and not has_child(first, ("mark", "aux", "nsubj"))
            and (head.dep_ in ("ROOT", "conj") or s.subject_of(head) is not None or _own_infinitive(s, head))
            # "young people raise their voices, urging us to shoulder responsibilities": the urging is theirs
            and not any(c.dep_ == "dobj" and c.lower_ in ("us", "me") for c in t.tok.children))


def _own_infinitive(s: ParsedSentence, head: Token) -> bool:
    """Whether ``head`` is an infinitive describing the object of a verb with a subject, a noun that names
    no one else as its agent: "He conveyed the administration's intention to strengthen ... through NATO,
    expressing concern that ...": the concern is his, though "strengthen" has no subject of its own."""
    if head.dep_ != "acl" or not has_child(head, ("aux",), {"to"}):
        return False
    noun = head.head
    if any(c.dep_ == "prep" and c.lower_ in ("by", "of") for c in noun.children):
        return False  # "the decision by Russia to ...": Russia's
    gov = noun.head
    return noun.dep_ in ("dobj", "attr") and (gov.dep_ in ("ROOT", "conj") or s.subject_of(gov) is not None)


def _nesting_parent(s: ParsedSentence, t: Trigger, triggers: dict[int, Trigger]) -> tuple[Trigger | None, bool]:
    """The act whose object (or purpose) holds ``t``, and whether ``t`` is that act's
    own purpose clause ("work together to <goal>")."""
    cur = t.tok
    first = t.tok  # the first of the conjuncts t is one of ("condemning the attacks and calling on Russia to ...")
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    items: set[int] = set()  # goal verbs whose infinitive list ("to maintain ... and to continue ...") t's clause is an item of
    for _ in range(14):
        if cur.head.i == cur.i or cur.dep_ == "parataxis":
            return None, False
        if cur.dep_ == "conj":  # conjuncts share their head's attachment
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
                items.add(cur.head.i)
            cur = cur.head
            continue
        listed = listed_infinitive(cur)
        if listed is not None:  # an item of a list of goals shares the first item's attachment
            cur = listed
            continue
        if cur.dep_ == "ccomp":
            subj = s.subject_of(cur)
            if subj is not None and s.subject_actors(subj)[0]:
                return None, False  # an independent clause of an actor
        if _deed_told_when(s, cur):
            # "We do so when we send ... wheat ... to Afghanistan; when we extend credits ... to Sri Lanka": a
            # deed of its own, told in a clause of time with its own subject, is no object of the other
            return None, False
        if cur.lemma_.lower() in s.lex.words.speech_cues:
            return None, False  # "convened to reaffirm our commitment to X": X is its own act
        head = cur.head
        other = triggers.get(head.i)
        if other is not None and other.targets_from.i in items and other.targets_from is not other.tok:
            # "reiterated their resolve to maintain peace ... and to continue to impose costs on Russia": the
            # reporting act carries the list's first goal; each later item is an act of its own
            return None, False
        if other is not None and t.rule.startswith("object:") and head.i == _governing_verb(t.tok):
            cur = head  # another object of the verb, of a type of its own: nested only where the verb is
            continue
        if (cur.i == first.i and other is not None and _stance_participle(s, t, cur, head)
                and (first.i == t.tok.i or _stance_participle(s, triggers.get(first.i), cur, head))):
            # (a later conjunct only after a first participle that is a stance too: "..., expanding ... efforts,
            # expanding support for persons with disabilities" lists deeds)
            # "reaffirmed their commitment to the denuclearization of North Korea, urging North Korea to abide
            # by its obligations": a stance taken in a participle after a comma is the subject's next act, as a
            # conjunct is (not a deed: ", working hand-in-hand with ...", ", providing support for ..." say how
            # the main verb's act is done)
            return None, False
        if other is not None and other is not t and cur.dep_ in NESTING + ("xcomp", "advcl", "ccomp"):
            direct_purpose = cur is t.tok and _purpose_link(cur)
            return other, direct_purpose
        cur = head
    return None, False


def _deed_told_when(s: ParsedSentence, clause: Token) -> bool:
    """Is ``clause`` one of a row of "when we ..." clauses that tell what a pro-verb ("We do so") stands for?
    Only there (a review over 715 documents): "When we talk of international interdependence, ..." and "when we
    choose to stand together" set the time of the main clause's act and hold none of their own."""
    cur = clause
    for _ in range(8):
        if cur.dep_ != "advcl" or not any(c.dep_ in ("advmod", "mark") and c.lower_ == "when" for c in cur.children):
            return False
        subj = s.subject_of(cur)
        if subj is None or subj.head.i != cur.i or not s.subject_actors(subj)[0]:
            return False
        cur = cur.head
        if cur.lemma_.lower() == "do":
            return True
    return False


def _resolve_nesting(s: ParsedSentence, trigs: list[Trigger]) -> list[Trigger]:
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
