"""The spaCy component that finds acts: ``match()`` computes, ``set_annotations()``
writes the results to ``doc.spans["acts"]`` and ``doc.spans["actors"]``.

``match()`` is pure: it reads the sentence Doc and two values the
:class:`~communique.nlp.extractor.Extractor` puts in ``doc.user_data[CTX_KEY]``,
the document's :class:`~communique.nlp.records.Context` (issuers, participants) and
the :class:`~communique.nlp.records.DocState` left by the sentences before (persons
named, list lead-ins), or an explicit ``state``; it returns the state after the
sentence instead of changing anything held on the component or the Doc. The
caller threads that state from one sentence to the next.
"""
from __future__ import annotations

from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..model import MainClause
from ..rules import Rules
from .acts import find_acts, main_clause
from .gazetteer import Gazetteer, Hit
from .lexicon import Lexicon
from .records import Context, DocState, RawAct
from .turns import turn_speaker

__all__ = ["ActsComponent", "CTX_KEY", "Match"]

CTX_KEY = "communique"


class Match(NamedTuple):
    hits: list[Hit]
    acts: list[RawAct]
    state: DocState  # the state after this sentence, for the next one
    main: MainClause = MainClause()  # whose sentence, and how it binds them (acts.main_clause)


def _register_extensions() -> None:
    # Doc-level values: span extension values are keyed by character offsets in
    # spaCy, so two acts over the same clause would overwrite each other.
    for name in ("communique_acts", "communique_hits", "communique_state", "communique_main"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


class ActsComponent:
    """Finds the acts of one sentence Doc."""

    def __init__(self, nlp: Language, name: str, rules_dir: str | None = None) -> None:
        _register_extensions()
        self.name = name
        self.rules = Rules(rules_dir)
        self.gazetteer = Gazetteer(self.rules)
        self.lexicon = Lexicon.from_rules(self.rules)

    def match(self, doc: Doc, state: DocState | None = None) -> Match:
        """The acts of one parsed sentence. ``state`` defaults to the one in the
        Doc's context; neither it nor the context is changed."""
        info = doc.user_data.get(CTX_KEY) or {}
        ctx: Context = info.get("ctx") or Context((), (), self.gazetteer.group_members, self.gazetteer.plan_nouns)
        if state is None:  # used on its own: the text's own "we" are its issuers
            state = info.get("state") or DocState()
        heading = info.get("heading")
        speaker = turn_speaker(self.gazetteer, ctx, info.get("label") or doc.text, heading, state.heading,
                               {**info.get("title_people", {}), **state.people_map()}, info.get("title_persons", ()))
        # a new turn in a speech of several participants' turns (nlp.turns); the heading, to open a turn once
        state = state.evolve(heading=heading, **({"speaker": speaker} if speaker is not None else {}))
        hits, people = self.gazetteer.scan(doc.text, state.people_map(), ctx.date)
        list_item, lead_in = info.get("list_item", False), info.get("lead_in")
        acts, after = find_acts(doc[:], hits, ctx, self.lexicon, state=state, list_item=list_item,
                                lead_in=lead_in, n=info.get("n", 0))
        main = main_clause(doc[:], hits, ctx, self.lexicon, state=state, list_item=list_item, lead_in=lead_in)
        return Match(hits, acts, after.evolve(people=tuple(people.items())), main)

    def set_annotations(self, doc: Doc, matches: Match) -> None:
        hits, acts, state, main = matches
        act_spans, hit_spans = [], []
        for i, a in enumerate(acts):  # span_id indexes doc._.communique_acts
            span = doc.char_span(a.start, a.end, alignment_mode="expand")
            if span is not None:
                act_spans.append(Span(doc, span.start, span.end, label=a.type, span_id=str(i)))
        for i, h in enumerate(hits):
            span = doc.char_span(h.start, h.end, alignment_mode="expand")
            if span is not None:
                hit_spans.append(Span(doc, span.start, span.end, label=h.kind, span_id=str(i)))
        doc.spans["acts"] = act_spans
        doc.spans["actors"] = hit_spans
        doc._.communique_acts = acts
        doc._.communique_hits = hits
        doc._.communique_state = state
        doc._.communique_main = main

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc


@Language.factory("communique_acts", default_config={"rules_dir": None})
def make_acts_component(nlp: Language, name: str, rules_dir: str | None) -> ActsComponent:
    return ActsComponent(nlp, name, rules_dir)
