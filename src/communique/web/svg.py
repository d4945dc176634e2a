"""Small inline SVG charts (no JavaScript library, nothing fetched)."""
from __future__ import annotations

from markupsafe import Markup, escape

__all__ = ["bar_chart"]


def bar_chart(rows: list[dict], width: int = 640, height: int = 180) -> Markup:
    """Grouped bars per period: acts *by* the actor and *toward* it."""
    periods = sorted({r["period"] for r in rows})
    if not periods:
        return Markup('<p class="muted">No acts.</p>')
    values = {(r["period"], r["direction"]): r["acts"] for r in rows}
    peak = max(values.values()) or 1
    slot = (width - 40) / len(periods)
    bar = max(2.0, slot / 2 - 4)
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height + 30}" role="img" aria-label="acts per period">']
    for i, p in enumerate(periods):
        x0 = 30 + i * slot
        for j, direction in enumerate(("by", "toward")):
            v = values.get((p, direction), 0)
            h = (height - 10) * v / peak
            x = x0 + j * (bar + 2)
            parts.append(f'<rect class="bar-{direction}" x="{x:.1f}" y="{height - h:.1f}" width="{bar:.1f}" height="{h:.1f}">'
                         f'<title>{escape(p)} {direction}: {v}</title></rect>')
        parts.append(f'<text x="{x0 + bar:.1f}" y="{height + 16}" text-anchor="middle">{escape(p)}</text>')
    parts.append(f'<text x="2" y="12">{peak}</text></svg>')
    return Markup("".join(parts))
