"""The spaCy component that finds acts: ``match()`` computes, ``set_annotations()``
writes the results to ``doc.spans["acts"]`` and ``doc.spans["actors"]``.

It reads the document context (issuers, participants, list lead-ins) that the
:class:`~communique.nlp.extractor.Extractor` puts in ``doc.user_data``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..rules import Rules
from .acts import Context, RawAct, find_acts
from .gazetteer import Gazetteer, Hit
from .lexicon import Lexicon

__all__ = ["ActsComponent", "CTX_KEY"]

CTX_KEY = "communique"


def _register_extensions() -> None:
    # Doc-level values: span extension values are keyed by character offsets in
    # spaCy, so two acts over the same clause would overwrite each other.
    for name in ("communique_acts", "communique_hits"):
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

    def match(self, doc: Doc) -> tuple[list[Hit], list[RawAct]]:
        info = doc.user_data.get(CTX_KEY)
        if info is None:  # used on its own: the text's own "we" are its issuers
            info = {"ctx": Context((), (), self.gazetteer.group_members, self.gazetteer.plan_nouns), "people": {}}
        ctx: Context = info["ctx"]
        hits = self.gazetteer.find(doc.text, info.setdefault("people", {}))
        sent = doc[:]
        acts = find_acts(sent, hits, ctx, self.lexicon, list_item=info.get("list_item", False),
                         lead_in=info.get("lead_in"), n=info.get("n", 0))
        return hits, acts

    def set_annotations(self, doc: Doc, matches: tuple[list[Hit], list[RawAct]]) -> None:
        hits, acts = matches
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

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc


@Language.factory("communique_acts", default_config={"rules_dir": None})
def make_acts_component(nlp: Language, name: str, rules_dir: str | None) -> ActsComponent:
    return ActsComponent(nlp, name, rules_dir)
