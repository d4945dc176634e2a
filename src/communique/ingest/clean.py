"""Markdown-to-plain-text cleaning that remembers where every character came from.

The stored text of a document is its body with Markdown marks dropped, hard line
wraps joined, no-break spaces turned into spaces and runs of whitespace collapsed.
Blocks (paragraphs, list items, headings) are separated by a blank line. Every
stored character keeps the offset of the raw character it came from, so a span
in the stored text can be shown in the original file.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..model import OffsetMap

__all__ = ["Block", "CleanText", "clean_markdown"]

# Inline marks, in priority order. Text between matches is copied verbatim.
_INLINE = re.compile(
    r"""
     (?P<br><br\s*/?>)
    |(?P<tag></?[A-Za-z][^<>\n]{0,200}>|<!--.*?-->)
    |(?P<ent>&(?:[A-Za-z]{2,8}|\#\d{1,6}|\#x[0-9A-Fa-f]{1,6});)
    |(?P<esc>\\[\\`*_{}\[\]()#+\-.!<>|~"'])
    |(?P<link>\[(?P<ltext>[^\]\n[]{0,500})\]\((?P<lurl>[^)\s[]{0,1000})(?:\s+"[^"]{0,500}")?\))
    |(?P<strong>\*\*|__)
    |(?P<em>(?<![\w*\\])\*(?=\S)|(?<=\S)\*(?![\w*])|(?<![\w\\])_(?=\S)|(?<=[^\s\\])_(?!\w))
    |(?P<zw>[\u200b\u2060\ufeff\u00ad])
    """,
    re.X,
)
_BULLET = re.compile(
    r"^(?P<indent>[ \t]*)(?P<marker>[-*+\u2022\u25cf\u25aa\u25e6\u00b7\u2013]|\d{1,3}\\?[.)]|\([a-zA-Z0-9]{1,4}\))[ \t]+(?=\S)"
)
_ATX = re.compile(r"^[ \t]{0,3}(?P<hashes>#{1,6})[ \t]+")
_END_MARK = re.compile(r"^\s*(?:(\\#|#){3}|\u25cf)\s*$")  # end-of-release marks: "###", a lone "●"
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")  # a horizontal rule
_SPACES = {0x00A0: " ", 0x202F: " ", 0x2007: " ", 0x2009: " ", 0x3000: " "}  # no-break and thin spaces
_WS = re.compile(r"\s+")
# A bold run-in subtitle opening a block: "**Ban Export of Luxury Goods to Russia.** The United States…",
# "**Full blocking Sanctions on … Members**. This includes…"
_RUNIN = re.compile(r"^(\*\*|__)(?P<title>(?:(?!\*\*|__)[^\n])+?)(?:\1(?P<out>[.])|(?<=[.])\s*\1)\s*(?=\S)")
_ITALIC_SENTENCE = re.compile(r"^\s*[*_](?![\"“‘'*_])(?=(?:\S+\s+){4})[^*_]+?[.!?:][\"”’'\)\]]*\s*[*_]\s*$", re.S)
# A page's running head or foot in a UN verbatim record, alone on its line: a page number ("23"), the
# document number with the page ("15-29431 11/51", "38/55 15-29658": either order, as pages alternate) or the record's symbol and date
# ("A/70/PV.16 29/09/2015"). The page break falls anywhere, mid-sentence too, so the line is dropped and
# the blank lines around it end no block that has not ended its clause.
_PAGE = r"\d{1,3}(?:/\d{1,3})?"  # "23", "11/51"
_DOC_NO = r"\d{2}-\d{5}"  # "15-29431"
_SYMBOL = r"A/\d{2,3}/PV\.\d{1,3}"  # "A/70/PV.16"
_DAY = r"\d{2}/\d{2}/\d{4}"  # "29/09/2015"
_PAGE_MARK = re.compile(
    rf"^\s*(?:{_PAGE}|{_DOC_NO}(?:\s+{_PAGE})?|{_PAGE}\s+{_DOC_NO}|{_SYMBOL}(?:\s+{_DAY})?|{_DAY}\s+{_SYMBOL})\s*$"
)
# a short citation closing a sentence or quotation: "… .” (A/53/1, para. 171)"
_CITATION = re.compile(r"(?<=[.!?][”\"’)])\s*\([^()]{1,40}\)$|(?<=[.!?])\s*\([^()]{1,40}\)$")
_WRAPPED = re.compile(r"^\s*(\*\*|__)(?P<in>(?:(?!\*\*|__).)+)(\*\*|__)\s*[.:]?\s*$|^\s*([*_])(?P<in2>[^*_][^*_]*)\4\s*$", re.S)


@dataclass(frozen=True)
class Block:
    """A paragraph, list item or heading of the stored text."""

    start: int
    end: int
    kind: str  # paragraph | item | heading
    level: int = 0  # list nesting level (indent) or heading level
    marked: bool = False  # wholly bold or italic in the source
    runin: int = 0  # length in the stored text of a bold run-in subtitle that opens the block


@dataclass(frozen=True)
class CleanText:
    text: str
    blocks: tuple[Block, ...]
    offsets: OffsetMap


class _Builder:
    """Accumulates stored text and its offset segments, collapsing whitespace."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.segments: list[tuple[int, int, int, bool]] = []
        self.pos = 0
        self.pending: tuple[str, int] | None = None  # a separator to emit before the next text

    def _emit(self, s: str, raw: int, verbatim: bool) -> None:
        if not s:
            return
        if self.pending is not None and self.pos > 0:
            sep, sraw = self.pending
            self.parts.append(sep)
            self.segments.append((self.pos, sraw, len(sep), False))
            self.pos += len(sep)
        self.pending = None
        self.parts.append(s)
        last = self.segments[-1] if self.segments else None
        if verbatim and last and last[3] and last[0] + last[2] == self.pos and last[1] + last[2] == raw:
            self.segments[-1] = (last[0], last[1], last[2] + len(s), True)
        else:
            self.segments.append((self.pos, raw, len(s), verbatim))
        self.pos += len(s)

    def space(self, raw: int) -> None:
        if self.pending is None:  # a block break already pending wins over a space
            self.pending = (" ", raw)

    def block_break(self, raw: int) -> None:
        self.pending = ("\n\n", raw) if self.pos else None

    def text(self, s: str, raw: int) -> None:
        """Copy ``s`` (whose first character is at ``raw``), collapsing whitespace."""
        i = 0
        for m in _WS.finditer(s):
            if m.start() > i:
                self._emit(s[i : m.start()], raw + i, True)
            self.space(raw + m.start())
            i = m.end()
        if i < len(s):
            self._emit(s[i:], raw + i, True)

    def synthetic(self, s: str, raw: int) -> None:
        self._emit(s, raw, False)


def _inline(b: _Builder, line: str, raw: int, markdown: bool) -> None:
    if not markdown:
        b.text(line, raw)
        return
    i = 0
    for m in _INLINE.finditer(line):
        if m.start() > i:
            b.text(line[i : m.start()], raw + i)
        if m.group("br"):
            b.space(raw + m.start())
        elif m.group("ent"):
            ch = html.unescape(m.group("ent"))
            if ch.isspace():
                b.space(raw + m.start())
            else:
                b.synthetic(ch, raw + m.start())
        elif m.group("esc"):
            b.text(m.group("esc")[1], raw + m.start() + 1)
        elif m.group("link") is not None:
            _inline(b, m.group("ltext"), raw + m.start("ltext"), markdown)
        i = m.end()
    if i < len(line):
        b.text(line[i:], raw + i)


def _lines(body: str):
    pos = 0
    for line in body.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        yield content, pos
        pos += len(line)


def _is_blank(line: str) -> bool:
    return not line.translate(_SPACES).strip()


def clean_markdown(body: str, base: int = 0, *, markdown: bool = True) -> CleanText:
    """Clean ``body`` (whose first character sits at ``base`` in the raw file)."""
    b = _Builder()
    blocks: list[Block] = []
    cur: dict | None = None  # the block being built

    def close() -> None:
        nonlocal cur
        if cur is not None and b.pos > cur["start"]:
            raw_block = cur["raw"]
            # wholly bold or italic: a heading, unless an italic paragraph reads as a sentence
            marked = bool(markdown and _WRAPPED.match(raw_block) and not _ITALIC_SENTENCE.match(raw_block))
            runin = _runin(raw_block, b, cur["start"]) if markdown and not marked else 0
            blocks.append(Block(cur["start"], b.pos, cur["kind"], cur["level"], marked, runin))
        cur = None

    def open_block(kind: str, level: int, raw_pos: int) -> None:
        nonlocal cur
        close()
        b.block_break(raw_pos)
        cur = {"kind": kind, "level": level, "start": b.pos + (2 if b.pos else 0), "raw": ""}

    blank = page_break = False  # since the last text line: a blank line; a page mark
    lines = list(_lines(body))
    for i, (line, off) in enumerate(lines):
        raw = base + off
        line = line.translate(_SPACES)  # same length: offsets are unchanged
        if _PAGE_MARK.match(line) and (not line.strip().isdigit() or _beside_blank(lines, i)):
            page_break = True
            continue
        if _is_blank(line):
            blank = True  # the block ends here, unless a page mark follows mid-sentence
            continue
        if blank and not (page_break and cur is not None and not _ends_clause(cur["raw"])):
            close()
        blank = page_break = False
        if markdown and (_END_MARK.match(line) or _RULE.match(line)):
            close()
            continue
        content, cpos, kind, level = line, 0, None, 0
        if markdown and (m := _ATX.match(line)):
            kind, level, cpos = "heading", len(m.group("hashes")), m.end()
        elif (m := _BULLET.match(line)) and not (
            cur is not None and m.group("marker").startswith("(") and not _ends_clause(cur["raw"])
        ):  # "(GCM) anchored in…" continuing a line is an acronym, not an item "(a)"
            kind, level, cpos = "item", len(m.group("indent").expandtabs(4)), m.end()
        if kind is not None or cur is None:
            open_block(kind or "paragraph", level, raw)
        else:
            b.space(raw - 1 if raw > base else raw)
        text = content[cpos:]
        if markdown and kind == "heading":
            text = re.sub(r"[ \t]+#+[ \t]*$", "", text)
        _inline(b, text.rstrip(" \t\\"), raw + cpos, markdown)
        cur["raw"] += (" " if cur["raw"] else "") + text.strip()
        hard_break = line.endswith("  ") or line.endswith("\\")
        if kind == "heading" or (hard_break and _ends_block(cur["raw"])):
            close()
    close()
    text = "".join(b.parts)
    # A block opened but emitting nothing can leave a start past its end; drop such blocks.
    fixed = [bl for bl in blocks if bl.end > bl.start and text[bl.start : bl.end].strip()]
    return CleanText(text, tuple(fixed), OffsetMap(tuple(b.segments)))


def _beside_blank(lines: list[tuple[str, int]], i: int) -> bool:
    """A bare page number stands beside a blank line or another mark; a number alone on a line of a wrapped
    paragraph ("across\n17\nDepartments", once in 9,806 White House records) is text."""
    near = [lines[j][0] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
    return not near or any(_is_blank(n) or _PAGE_MARK.match(n) for n in near)


def _ends_block(raw_block: str) -> bool:
    """A hard line break ends a block after a whole sentence or a bold/italic line."""
    s = raw_block.rstrip()
    return bool(_WRAPPED.match(s)) or s.endswith((".", ":", "!", "?", ".”", '."', ";"))


def _ends_clause(raw_block: str) -> bool:
    """A line that could be followed by a "(a)" list item: it closes a clause or a lead-in."""
    raw_block = _CITATION.sub("", raw_block.rstrip())
    return raw_block.rstrip().endswith((".", ":", ";", "!", "?", ".”", '."', "*"))


def _runin(raw_block: str, b: _Builder, start: int) -> int:
    """Length in the stored text of the bold run-in subtitle that opens a block, or 0.

    A run-in is a bold phrase that ends with a period (inside the marks or just after
    them) and is followed by more text: a heading of its block. A bold label ending with
    a colon ("**Transparency:** Improving…") stays part of its sentence, as annotated."""
    m = _RUNIN.match(raw_block.lstrip())
    if not m:
        return 0
    title = " ".join(re.sub(r"<[^>]*>|[*_]", "", m.group("title")).split()) + (m.group("out") or "")
    if not title.rstrip(".:").strip() or len(title.split()) > 20:
        return 0
    stored = "".join(b.parts)[start : start + len(title)]
    return len(title) if stored == title else 0
