"""A statement's text as HTML with every act's evidence highlighted.

Acts may overlap (a clause inside a sentence-wide act), so the text is cut at every
evidence boundary; each piece is escaped and wrapped in a span that lists the acts
covering it and takes the colour of the narrowest one.
"""
from __future__ import annotations

from markupsafe import Markup, escape

__all__ = ["highlight"]


def highlight(text: str, acts: list[dict]) -> Markup:
    cuts = {0, len(text)}
    for a in acts:
        cuts.update((max(0, a["start"]), min(len(text), a["end"])))
    points = sorted(cuts)
    out: list[str] = []
    started: set[int] = set()
    for lo, hi in zip(points, points[1:]):
        piece = text[lo:hi]
        covering = [a for a in acts if a["start"] <= lo and hi <= a["end"]]
        if not covering:
            out.append(str(escape(piece)).replace("\n\n", "</p><p>"))
            continue
        inner = min(covering, key=lambda a: a["end"] - a["start"])
        ids = " ".join(str(a["act_id"]) for a in covering)
        anchors = "".join(f'<a id="act-{a["act_id"]}" class="anchor"></a>' for a in covering if a["act_id"] not in started)
        started.update(a["act_id"] for a in covering)
        body = str(escape(piece)).replace("\n\n", "</p><p>")
        out.append(f'{anchors}<span class="ev t-{escape(inner["type"])}" data-acts="{ids}" tabindex="0">{body}</span>')
    return Markup("<p>" + "".join(out) + "</p>")
