"""Charts for the explorer, drawn with matplotlib as inline SVG (nothing fetched)."""
from __future__ import annotations

import io

from markupsafe import Markup

__all__ = ["bar_chart"]


def bar_chart(rows: list[dict], code: str = "", by: str = "year") -> Markup:
    """Grouped bars per period: acts *by* the actor and acts *toward* it, with axes, labels
    and a legend."""
    periods = sorted({r["period"] for r in rows})
    if not periods:
        return Markup('<p class="muted">No acts.</p>')
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "communique", "font.size": 9,
                         "axes.spines.top": False, "axes.spines.right": False})
    values = {(r["period"], r["direction"]): r["acts"] for r in rows}
    fig, ax = plt.subplots(figsize=(7.6, 2.8))
    xs = range(len(periods))
    width = 0.4
    for k, (direction, colour, label) in enumerate((("by", "#1f4e9c", f"acts by {code}"),
                                                   ("toward", "#9db7e6", f"acts toward {code}"))):
        ax.bar([x + (k - 0.5) * width for x in xs], [values.get((p, direction), 0) for p in periods], width, color=colour,
               label=label)
    ax.set_xticks(list(xs), periods, rotation=30 if len(periods) > 8 else 0)
    ax.set_xlabel(by)
    ax.set_ylabel("acts")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(frameon=False)
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):].replace("<svg ", '<svg class="chart" role="img" aria-label="acts per period" ', 1)
    return Markup(svg)
