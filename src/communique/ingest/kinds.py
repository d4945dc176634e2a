"""Infer a document's kind (joint-statement, readout, ...) from its title."""
from __future__ import annotations

import re

__all__ = ["infer_kind", "KINDS"]

KINDS = ("joint-statement", "communique", "readout", "fact-sheet", "speech", "press-statement")

_RULES = (
    (re.compile(r"\bfact ?sheet\b", re.I), "fact-sheet"),
    (re.compile(r"\breadout\b", re.I), "readout"),
    (re.compile(r"\bcommuniqu[eé]\b|\bleaders[’']? declaration\b", re.I), "communique"),
    (re.compile(r"\bjoint (leaders[’']? )?(statement|declaration|vision)\b|\bjoint\b.*\bstatement\b", re.I), "joint-statement"),
    (re.compile(r"\bremarks\b|\baddress\b|\bspeech\b", re.I), "speech"),
    (re.compile(r"\bstatement\b", re.I), "press-statement"),
)
_CATEGORY = {"speeches-remarks": "speech", "fact-sheets": "fact-sheet"}


def infer_kind(title: str | None, category: str | None = None) -> str | None:
    for pattern, kind in _RULES:
        if title and pattern.search(title):
            return kind
    return _CATEGORY.get(category or "")
