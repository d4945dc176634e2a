"""The Extractor: documents in, :class:`~communique.model.Extraction` records out.

One Extractor holds one spaCy pipeline and one rules configuration; build it once
per process (or per Dask worker) and feed it documents: it batches their sentences
through ``nlp.pipe`` and never lets a spaCy object out.
"""
from __future__ import annotations

import re
from dataclasses import replace
from itertools import islice
from typing import Iterable, Iterator

from ..errors import CommuniqueError, InputError
from ..model import Act, Document, Extraction, MainClause, Mention, ReadFailure, Sentence, confidence_floor, merge_same_evidence
from ..rules import Rules
from ..learn.decide import DocumentView, Piece, act_key, decide
from ..learn.features import piece_features, sentence_features
from ..learn.model import ActModel, load_act_model
from .arguments import conjunct_pieces
from .codes import Coder
from .component import CTX_KEY, ActsComponent
from .gazetteer import Hit
from .participants import addressee_of, bodies_of, forum_of, infer_participants
from .turns import subtitle_label, turn_label
from .pipeline import DEFAULT_MODEL, load_pipeline
from .records import Context, DocState
from .segment import segment

__all__ = ["Extractor"]

_LABEL_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_INITIATIVE = re.compile(
    r"\b((?:[A-Z][\w’'.-]*\s+){0,6}?(?:Partnership|Initiative|Framework|Working Group|Consultative Group|Group|Dialogue|Fund|"
    r"Agreement|Declaration|Strategy|Program|Programme|Council|Committee|Mechanism|Compact|Forum|Facility|Network|Plan|Principles)"
    r"(?:\s+(?:for|on|of|in)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,4})?)(?:\s+\((?P<abbr>[A-Z][\w&+-]{1,12})\))?"
)


MAX_BATCH_CHARS = 400_000  # characters of text parsed together: bounds memory however large the documents


def _draining(items: list):
    """Yield a list's items, dropping the list's reference to each as it goes."""
    for i in range(len(items)):
        item, items[i] = items[i], None
        yield item


def _bounded(it, chunk: int) -> list:
    """Up to ``chunk`` documents, fewer when their text passes MAX_BATCH_CHARS."""
    batch, chars = [], 0
    for doc in it:
        batch.append(doc)
        chars += len(doc.text)
        if len(batch) >= chunk or chars >= MAX_BATCH_CHARS:
            break
    return batch


BATCH_SIZE = 128  # the parser's default batch: sentences per nlp.pipe call


class Extractor:
    """Reads acts out of documents with one pipeline and one rules configuration."""

    def __init__(self, rules: Rules | str | None = None, model: str = DEFAULT_MODEL, batch_size: int | None = None,
                 learned: bool = True) -> None:
        self.rules = rules if isinstance(rules, Rules) else Rules(rules)
        self.model = model
        self.batch_size = batch_size or BATCH_SIZE  # sentences the parser takes at a time
        # the trained act models of this rules configuration decide; without them the rules alone do
        self.learned = learned
        self._nlp = None
        self._coder: Coder | None = None
        self._act_model: ActModel | None | bool = False  # False: not loaded yet

    @property
    def nlp(self):
        if self._nlp is None:
            nlp = load_pipeline(self.model)
            rules_dir = str(self.rules.directory) if self.rules.directory else None
            nlp.add_pipe("communique_acts", config={"rules_dir": rules_dir})
            self._nlp = nlp
        return self._nlp

    @property
    def act_model(self) -> ActModel | None:
        """The trained act model of this rules configuration, loaded once (None: rules alone)."""
        if self._act_model is False:
            self._act_model = load_act_model(self.rules)
        return self._act_model

    @property
    def component(self) -> ActsComponent:
        return self.nlp.get_pipe("communique_acts")

    @property
    def coder(self) -> Coder:
        if self._coder is None:
            self._coder = Coder(self.rules, self.component.lexicon)  # the component's, not a second compile
        return self._coder

    def extract(self, doc: Document) -> Extraction:
        return next(self.extract_many([doc]))

    def extract_many(self, docs: Iterable[Document], chunk: int = 16, errors: bool = False,
                     min_confidence: float | None = None) -> Iterator[Extraction | ReadFailure]:
        """Stream extractions, in order, parsing ``chunk`` documents' sentences per ``nlp.pipe``.

        With ``errors=True`` a document the rules fail on is yielded as a
        :class:`ReadFailure` and the stream goes on; otherwise the error is raised.
        With ``min_confidence`` each extraction keeps only the acts the deciding model is
        at least that sure of; a value outside 0..1 is refused here, before any document
        is read (a :class:`~communique.errors.ConfigError` naming ``min_confidence``).
        """
        floor = confidence_floor(min_confidence)  # the act filters' own check
        stream = self._extract_stream(docs, chunk, errors)
        if not floor:
            return stream
        return (x if isinstance(x, ReadFailure) else replace(x, acts=tuple(a for a in x.acts if a.confidence >= floor))
                for x in stream)

    def _extract_stream(self, docs: Iterable[Document], chunk: int, errors: bool) -> Iterator[Extraction | ReadFailure]:
        it = iter(docs)
        while True:
            batch = _bounded(it, chunk)
            if not batch:
                return
            try:
                yield from self._extract_batch(batch)
            except Exception as e:  # noqa: BLE001 - isolate the document at fault
                if not errors or isinstance(e, CommuniqueError) and not isinstance(e, InputError):
                    raise
                for doc in batch:  # one at a time, to name the document at fault
                    try:
                        yield from self._extract_batch([doc])
                    except Exception as inner:  # noqa: BLE001
                        yield ReadFailure(doc.path or doc.name, f"extraction failed: {type(inner).__name__}: {inner}", doc.line)

    def _extract_batch(self, batch: list[Document]) -> Iterator[Extraction]:
        model = self.act_model if self.learned else None
        for view in self._views(batch):
            if model is None:
                yield view.extraction
            else:
                yield decide(view, model, self.coder)

    def views(self, docs: Iterable[Document], chunk: int = 16) -> Iterator[DocumentView]:
        """What the rules read in each document, sentence by sentence, with the
        features the trained models see: the training set is built from these."""
        it = iter(docs)
        while batch := list(islice(it, chunk)):
            yield from self._views(batch)

    def _views(self, batch: list[Document]) -> list[DocumentView]:
        coder, comp = self.coder, self.component
        prepared = [self._prepare(d, comp) for d in batch]
        sent_docs = [sd for _, _, _, sds in prepared for sd in sds]
        prepared = [(d, sents, parts, len(sds)) for d, sents, parts, sds in prepared]
        # long sentences: smaller batches, so the parses held at once stay bounded
        chars = sum(len(sd.text) for sd in sent_docs) / max(len(sent_docs), 1)
        size = max(4, min(self.batch_size, int(self.batch_size * 400 / max(chars, 1))))
        # parse first (no state: any order, any process), then the rules, threading each
        # document's state through its sentences in order; a document's parses are freed
        # once its acts, mentions and features are read
        parsed = self.nlp.pipe(_draining(sent_docs), batch_size=size, disable=[comp.name])
        results = []
        for doc, sentences, participants, n in prepared:
            outs, state = [], DocState()
            for sd in islice(parsed, n):
                m = comp.match(sd, state)
                comp.set_annotations(sd, m)
                state = m.state
                outs.append(sd)
            results.append(self._collect(doc, sentences, participants, outs, coder))
        return results

    def _prepare(self, doc: Document, comp: ActsComponent):
        sentences = segment(doc, self.rules)
        parties, participants = infer_participants(doc, comp.gazetteer)
        ctx = Context(parties, participants, comp.gazetteer.group_members, comp.gazetteer.plan_nouns, kind=doc.kind,
                      forum=forum_of(doc, comp.gazetteer), titles=comp.gazetteer.titles,
                      bodies=bodies_of(doc, comp.gazetteer, parties),
                      leader_names=comp.gazetteer.leader_names,
                      addressee=addressee_of(doc, parties, participants), date=doc.date or None)
        sds = []
        title_hits, title_people = comp.gazetteer.scan(doc.title or "", {}, doc.date)  # whom a turn's label may name ("PRESIDENT SAMIA:")
        title_persons = tuple((h.text, h.code) for h in title_hits if h.kind == "person" and h.code)
        for s in sentences:
            # a transcript's speaker label ("THE PRESIDENT:  This weekend I spoke ...") is read for whose turn it
            # opens, and blanked for the parser, which took it for the sentence's head (the offsets stay)
            # (and so, elsewhere, is a run-in subtitle: "Child Protection Compact (CPC) Partnership: On December 7th, ...")
            label = turn_label(s.text) if doc.kind == "speech" else subtitle_label(s.text)
            sd = self.nlp.make_doc(" " * label + s.text[label:] if label else s.text)
            sd.user_data[CTX_KEY] = {"ctx": ctx, "n": s.n, "list_item": s.list_item, "lead_in": s.lead_in,
                                      "heading": s.heading, "title_people": title_people,
                                      "title_persons": title_persons, "label": s.text[:label]}
            sds.append(sd)
        return doc, sentences, participants, sds

    def _collect(self, doc: Document, sentences: list[Sentence], participants, outs, coder: Coder) -> DocumentView:
        acts: list[Act] = []
        mentions: list[Mention] = []
        features: list[list[str]] = []
        mains: list[MainClause] = []
        pieces: list[tuple[Piece, ...]] = []
        syntax: dict[tuple, tuple[str, ...]] = {}
        by_n = {s.n: s for s in sentences}
        ctx = outs[0].user_data[CTX_KEY]["ctx"] if outs else None
        for s, sd in zip(sentences, outs):
            label = len(sd.user_data[CTX_KEY].get("label", ""))  # a speaker's label is no act's evidence
            raws = [replace(raw, start=label) if raw.start < label else raw for raw in sd._.communique_acts or []]
            coded = [coder.act(doc, s, raw) for raw in raws]
            for a, raw in zip(coded, raws):
                syntax.setdefault(act_key(a), raw.syntax)
            mine = merge_same_evidence(coded)
            acts.extend(mine)
            lead = by_n.get(s.lead_in) if s.lead_in is not None else None
            features.append(sentence_features(sd, kind=doc.kind, list_item=s.list_item,
                                              lead_in_text=lead.text if lead else None,
                                              rule_acts=mine, participants=participants,
                                              keyword_issues=coder.lexicon.issues_of(s.text),
                                              main=sd._.communique_main, hits=sd._.communique_hits or ()))
            if label and doc.kind != "speech":  # a subtitle the parser did not read still says what the sentence is about
                features[-1].extend(f"w={w.lower()}" for w in _LABEL_WORD.findall(s.text[:label]))
            mains.append(sd._.communique_main or MainClause())
            pieces.append(tuple(Piece(a, b, tuple(piece_features(toks))) for a, b, toks in conjunct_pieces(sd)))
            hits: list[Hit] = sd._.communique_hits or []
            addressee = ctx.addressed(sd._.communique_state.speaking) if ctx is not None and sd._.communique_state else ()
            for h in hits:
                if h.code and h.kind in ("state", "org", "person"):
                    mentions.append(Mention(s.start + h.start, s.start + h.end, h.text, h.code, h.kind, f"gazetteer:{h.kind}", s.n))
                elif h.kind == "addressee" and len(addressee) == 1:  # "your predecessor": the person greeted, for whom they act
                    mentions.append(Mention(s.start + h.start, s.start + h.end, h.text, addressee[0], "person", "gazetteer:addressee", s.n))
            for m in _INITIATIVE.finditer(s.text):
                name = m.group(1).strip()
                if len(name.split()) >= 2:
                    mentions.append(Mention(s.start + m.start(1), s.start + m.start(1) + len(name), name,
                                            m.group("abbr") or name, "initiative", "pattern:initiative", s.n))
        # a document that names no parties carries those read for it (nlp.participants), so that a store's
        # --party filters and a series' issuers find it: a White House record is the United States'
        if not doc.parties and ctx is not None and ctx.parties:
            doc = replace(doc, parties=tuple(ctx.parties))
        extraction = Extraction(doc, tuple(sentences), tuple(acts), tuple(mentions), tuple(participants))
        return DocumentView(extraction, tuple(features), tuple(mains), self.component.gazetteer.group_members,
                            tuple(pieces), syntax)


