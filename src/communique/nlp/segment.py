"""Segmentation of a document's stored text into headings, paragraphs, list items
and sentences, with character offsets. Rule-based and deterministic: it needs no
model, so ``communique show`` works before spaCy is even loaded.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Document, Sentence
from ..rules import Rules

__all__ = ["segment", "split_sentences", "block_is_heading", "cap_spans", "MAX_SENTENCE"]

# A sentence end: punctuation, closing quotes, then space and a capital; or, where the
# source lost the space ("under the Treaty.President Biden"), a lower-case word's
# period glued to a capitalised word.
_CANDIDATE = re.compile(r"[.!?]+[\"”’'\)\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])|(?<=[a-z]{3}[.!?])(?=[A-Z][a-z]+\s)")
_TOKEN_BEFORE = re.compile(r"(\S+?)[.!?]+[\"”’'\)\]]*$")
_NEXT_WORD = re.compile(r"\s+[\"“‘'(\[]?([A-Za-z0-9]+)")
_INITIAL = re.compile(r"^(?:[A-Z]\.)*[A-Z]$")
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_TERMINAL = re.compile(r"[.!?:;][\"”’'\)\]]*$")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class _Splitter:
    titles: frozenset[str]
    abbrevs: frozenset[str]
    openers: frozenset[str]

    def boundaries(self, text: str) -> list[int]:
        """End offsets (exclusive) of all but the last sentence of ``text``."""
        cuts = []
        for m in _CANDIDATE.finditer(text):
            end = m.end()
            if m.start() == m.end():  # the glued case: the lookbehind already checked the word
                cuts.append(end)
                continue
            if text[m.start()] == ".":  # "?" and "!" always end a sentence
                tok = _TOKEN_BEFORE.search(text, max(0, m.start() - 40), m.end())
                word = tok.group(1) if tok else ""
                word = word.lstrip("(\"“‘'[")
                nxt = _NEXT_WORD.match(text, end)
                following = nxt.group(1) if nxt else ""
                if not self._ends(word, following):
                    continue
            cuts.append(end)
        return cuts

    def _ends(self, word: str, following: str) -> bool:
        if word in self.titles or word.lower() in self.titles:
            return False
        base = word.rsplit("-", 1)[-1]  # "EU-U.S.", "the Indo-U.S.": the abbreviation is the last part
        if word in self.abbrevs or base in self.abbrevs or _INITIALISM.match(base):  # "U.S.", "D.C.": only before an opener
            return following in self.openers
        if _INITIAL.match(word):  # "Joseph R. Biden"
            return False
        return True


def _splitter(rules: Rules) -> _Splitter:
    data = rules.abbreviations
    return _Splitter(frozenset(data["title"]) | frozenset(w.lower() for w in data["title"]),
                     frozenset(data["abbrev"]), frozenset(data["opener"]))


def split_sentences(text: str, rules: Rules) -> list[tuple[int, int]]:
    """Sentence spans of one block of text, whitespace trimmed."""
    return _split(text, _splitter(rules))


def _split(text: str, splitter: _Splitter) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for cut in splitter.boundaries(text) + [len(text)]:
        seg = text[start:cut]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg.rstrip())
        if trail > lead:
            spans.append((start + lead, start + trail))
        start = cut
    return spans


MAX_SENTENCE = 1500  # characters: about 250 words, longer than any real sentence of a statement


def cap_spans(text: str, spans: list[tuple[int, int]], limit: int = MAX_SENTENCE) -> list[tuple[int, int]]:
    """Split any span longer than ``limit`` characters (text with no sentence ends, a
    table) into pieces of at most ``limit``, at the last ``;``/``:``, then ``,``, then
    space of each window, so parsing cost stays linear in the length of the text."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        while end - start > limit:
            window = text[start : start + limit]
            cut = 0
            for pattern in (r"[;:]\s", r",\s", r"\s"):
                hits = [m.end() for m in re.finditer(pattern, window[limit // 2 :])]
                if hits:
                    cut = limit // 2 + hits[-1]
                    break
            cut = cut or limit
            piece = text[start : start + cut]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                out.append((start + lead, start + len(piece.rstrip())))
            start += cut
            while start < end and text[start].isspace():
                start += 1
        if end > start:
            out.append((start, end))
    return out


def block_is_heading(text: str, kind: str, marked: bool) -> bool:
    """Headings: Markdown headings, wholly bold or italic lines, short lines with no
    sentence-final punctuation (subtitles, datelines, bylines)."""
    if kind == "heading":
        return True
    if kind == "item":
        return False
    if marked:
        return True
    words = _WORD.findall(text)
    return len(words) <= 14 and not _TERMINAL.search(text.rstrip())


def segment(doc: Document, rules: Rules) -> list[Sentence]:
    """Split a document into sentences; headings set the ``heading`` of what follows."""
    blocks = doc.meta.get("blocks") or [[0, len(doc.text), "paragraph", 0, 0]]
    sentences: list[Sentence] = []
    heading: str | None = None
    # (level, number of the block's last sentence): what a list item hangs from
    stack: list[tuple[int, int | None]] = []
    splitter = _splitter(rules)
    for para, (b_start, b_end, kind, level, marked, *more) in enumerate(blocks):
        block = doc.text[b_start:b_end]
        if block_is_heading(block, kind, bool(marked)):
            heading = block.strip().rstrip(":").strip() or heading
            stack.clear()
            continue
        runin = more[0] if more else 0  # a bold run-in subtitle heads its own block only
        own_heading = block[:runin].strip().rstrip(".:").strip() or heading if runin else heading
        lead_in = None
        if kind == "item":
            while stack and stack[-1][0] >= level:  # siblings and their children
                stack.pop()
            parent = stack[-1][1] if stack else None
            if parent is not None and sentences[parent].text.rstrip().endswith(":"):
                lead_in = parent
        else:
            stack.clear()
        first = len(sentences)
        for s, e in cap_spans(block[runin:], _split(block[runin:], splitter)):
            s, e = s + runin, e + runin
            sentences.append(Sentence(
                n=len(sentences), start=b_start + s, end=b_start + e, text=block[s:e],
                paragraph=para, list_item=kind == "item", heading=own_heading, lead_in=lead_in,
            ))
        if len(sentences) > first:
            stack.append((-1 if kind != "item" else level, len(sentences) - 1))
    return sentences
