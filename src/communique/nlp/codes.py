"""From a raw act to a coded :class:`~communique.model.Act`: issues, the most
specific CAMEO code the evidence supports, PLOVER event, Goldstein value, quad class."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..model import Act, Document, Sentence
from ..rules import Rules
from .acts import RawAct
from .lexicon import Lexicon

__all__ = ["Coder", "PLOVER_TYPES"]

PLOVER_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})

# Refinements by issue: (type, base code, issue) -> more specific code
_REFINE = {
    ("AID", "070", "defense"): "074", ("AID", "070", "development"): "071", ("AID", "070", "economy"): "071",
    ("AID", "070", "health"): "073", ("AID", "070", "food"): "073",
    ("COOPERATE", "060", "economy"): "061", ("COOPERATE", "060", "defense"): "062",
    ("COOPERATE", "060", "technology"): "064",
    ("REQUEST", "020", "conflict"): "027", ("REQUEST", "020", "health"): "021",
}
_LEADING = frozenset(" ,;:—–-")
_TRAILING = frozenset(" ,;:—–-")
_ISSUE_ORDER = ("defense", "conflict", "economy", "development", "health", "food", "technology")


class Coder:
    """Codes raw acts with the CAMEO table and the issue lexicon of one configuration."""

    def __init__(self, rules: Rules, lexicon: Lexicon) -> None:
        self.table = rules.cameo
        self.lexicon = lexicon
        # a type's base code: the one its lexicon entries use most
        by_type: dict[str, Counter] = {}
        for type_, cameo in list(lexicon.verbs.values()) + list(lexicon.nouns.values()):
            by_type.setdefault(type_, Counter())[cameo] += 1
        self.base = {t: c.most_common(1)[0][0] for t, c in by_type.items()}

    def _row(self, cameo: str) -> dict | None:
        return self.table.get(cameo) or self.table.get(cameo[:3]) or self.table.get(cameo[:2])

    def recode(self, act: Act, *, type_: str, modality: str, issues: tuple[str, ...], rule: str,
               confidence: float) -> Act:
        """The act with a decided type, modality and issues, and the codes that follow from them."""
        cameo = act.cameo if type_ == act.type and act.cameo else self.base.get(type_, "010")
        cameo = self.refine_by_text(type_, self.code(type_, cameo, issues), act.evidence)
        row = self._row(cameo)
        return replace(
            act, type=type_, modality=modality, issues=issues, cameo=cameo,
            commitment=modality in ("COMMIT", "REAFFIRM") and type_ != "REQUEST",
            plover=type_ if type_ in PLOVER_TYPES else "", goldstein=row["goldstein"] if row else 0.0,
            quad_class=row["quad_class"] if row else 0, rule=rule, confidence=min(1.0, max(0.0, confidence)),
        )

    def code(self, type_: str, cameo: str, issues: tuple[str, ...]) -> str:
        for issue in _ISSUE_ORDER:
            if issue in issues and (type_, cameo, issue) in _REFINE:
                return _REFINE[(type_, cameo, issue)]
        return cameo

    def refine_by_text(self, type_: str, cameo: str, evidence: str) -> str:
        """The most specific CONSULT code the wording supports: by phone, a visit, hosting."""
        if type_ == "CONSULT" and cameo == "040":
            low = evidence.lower()
            if any(w in low for w in ("by phone", "phone call", "by telephone", "video call", "virtually", "spoke by")):
                return "041"
        return cameo

    def act(self, doc: Document, s: Sentence, raw: RawAct) -> Act:
        start, end = s.start + raw.start, s.start + min(raw.end, len(s.text))
        while start < end and doc.text[start] in _LEADING:  # ", the two leaders ..." starts at "the"
            start += 1
        while end > start and doc.text[end - 1] in _TRAILING:
            end -= 1
        for conj in (" and", " or", " as well as", " while"):  # a clause cut before its coordinated sibling
            if doc.text[start:end].endswith(conj):
                end -= len(conj)
                while end > start and doc.text[end - 1] in _TRAILING:
                    end -= 1
        evidence = doc.text[start:end]
        issues = self.lexicon.issues_of(evidence)
        cameo = self.refine_by_text(raw.type, self.code(raw.type, raw.cameo, issues), evidence)
        row = self._row(cameo)
        goldstein = row["goldstein"] if row else 0.0
        quad = row["quad_class"] if row else 0
        plover = raw.type if raw.type in PLOVER_TYPES else ""
        commitment = raw.modality in ("COMMIT", "REAFFIRM") and raw.type != "REQUEST"
        return Act(
            doc=doc.name, sentence=s.n, start=start, end=end, evidence=evidence, type=raw.type,
            modality=raw.modality, actors=raw.actors, targets=raw.targets, issues=issues,
            commitment=commitment, cameo=cameo, plover=plover, goldstein=goldstein, quad_class=quad,
            rule=raw.rule, predicate=raw.predicate, negated=raw.negated,
        )
