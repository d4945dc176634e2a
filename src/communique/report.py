"""A summit report on one statement, as the G7 and G20 Research Groups publish by hand:
its commitments counted and listed by issue area and by type, each with its status
against the previous statement of the series (new, repeated, reworded; and what the
previous statement held that this one dropped), the word-level change, charts, and a
link from every line to its evidence in the explorer.

``summit_report`` builds the data (JSON-ready); ``report_html`` (printable and
self-contained: inline CSS and inline SVG, nothing fetched), ``report_markdown`` and
``charts`` render it. Charts are drawn by matplotlib (Agg/SVG backends).
"""
from __future__ import annotations

import io
import re
from collections import Counter, defaultdict
from typing import Any

from .compare.diff import diff_documents
from .compare.lineage import continuation
from .compare.series import previous_statement, series_of
from .errors import NotFoundError
from .storage import Store

__all__ = ["summit_report", "report_html", "report_markdown", "charts", "STATUSES"]

STATUSES = ("new", "repeated", "reworded")
TOP_TARGETS = 5


def _link(base: str, doc_id: str, act_id: int | None = None) -> str:
    return f"{base}/doc/{doc_id}" + (f"#act-{act_id}" if act_id is not None else "")


def summit_report(store: Store, ref: str, *, series: str | None = None, base_url: str = "") -> dict[str, Any]:
    row = store.document_row(ref)
    if row is None:
        raise NotFoundError("no such statement in the store (give a doc id, a name, or the file)", path=ref)
    base = base_url.rstrip("/")
    doc_id = row["id"]
    docs = series_of(store, doc_id, series)
    prev = previous_statement(store, doc_id, series)
    lineages = store.lineages_in(doc_id)
    status: dict[int, dict[str, Any]] = {}
    dropped: list[dict[str, Any]] = []
    if prev is not None:
        d = diff_documents(store, prev["id"], doc_id)
        for group in d["issues"].values():
            for kind in ("repeated", "reworded"):
                for e in group[kind]:
                    status[e["b"]["act_id"]] = {"status": kind, "previous": e["a"]["evidence"],
                                                "previous_link": _link(base, prev["id"], e["a"]["act_id"]),
                                                "changes": e.get("changes"), "attribution_changes": e.get("attribution_changes")}
            for e in group["dropped"]:
                a = e["a"]
                if not a["commitment"]:
                    continue
                # never dropped where the commitment continues, less closely worded, in this statement
                if continuation(store, doc_id, [(a["evidence"], set(a["actors"]))]) is not None:
                    continue
                dropped.append({"issue": (a["issues"] or ("other",))[0], "type": a["type"], "evidence": a["evidence"],
                                "actors": list(a["actors"]), "targets": list(a["targets"]),
                                "link": _link(base, prev["id"], a["act_id"])})
    commitments = []
    for act_id, a in store.acts_of(doc_id):
        if not a.commitment:
            continue
        lid = lineages.get(act_id, (None, 0, None))
        st = status.get(act_id, {"status": "new"} if prev is not None else {"status": "first"})
        commitments.append({"act_id": act_id, "issue": (a.issues or ("other",))[0], "issues": list(a.issues), "type": a.type,
                            "modality": a.modality, "actors": list(a.actors), "targets": list(a.targets), "evidence": a.evidence,
                            "sentence": a.sentence, "start": a.start, "end": a.end, "link": _link(base, doc_id, act_id),
                            "lineage": lid[0], "lineage_size": lid[1],
                            "lineage_link": f"{base}/lineage/{lid[0]}" if lid[0] else None} | st)
    by_issue: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in commitments:
        by_issue[c["issue"]].append(c)
    issues = sorted(by_issue, key=lambda k: (k == "other", -len(by_issue[k]), k))
    totals = Counter(c["status"] for c in commitments)
    totals["dropped"] = len(dropped)
    return {
        "doc": {"id": doc_id, "name": row["name"], "title": row["title"], "date": row["date"], "kind": row["kind"],
                "link": _link(base, doc_id)},
        "previous": ({"id": prev["id"], "name": prev["name"], "title": prev["title"], "date": prev["date"],
                      "link": _link(base, prev["id"])} if prev else None),
        "series": [{"id": d["id"], "name": d["name"], "date": d["date"], "kind": d["kind"], "main": d["main"]} for d in docs],
        "commitments": commitments,
        "dropped": dropped,
        "issues": [{"issue": k, "count": len(by_issue[k]), "commitments": by_issue[k],
                    "by_status": dict(Counter(c["status"] for c in by_issue[k]))} for k in issues],
        "types": dict(Counter(c["type"] for c in commitments).most_common()),
        "totals": {"commitments": len(commitments), **{k: totals.get(k, 0) for k in ("first", "new", "repeated", "reworded", "dropped")}},
        "positions": _positions(store, docs, row),
    }


def _positions(store: Store, docs: list[dict[str, Any]], row) -> dict[str, Any]:
    """Per statement of the series, the mean Goldstein value of the issuers' acts toward each
    of their main targets (the most frequent over the series)."""
    actors = set(row["parties"])
    per_doc: dict[str, dict[str, list[float]]] = {}
    counts: Counter[str] = Counter()
    for d in docs:
        if not d["main"]:
            continue
        toward: dict[str, list[float]] = defaultdict(list)
        for _, a in store.acts_of(d["id"]):
            if not set(a.actors) & actors:
                continue
            for t in a.targets:
                if t not in actors and a.goldstein is not None:
                    toward[t].append(a.goldstein)
                    counts[t] += 1
        per_doc[d["date"] or d["name"]] = toward
    targets = [t for t, _ in counts.most_common(TOP_TARGETS)]
    return {"actors": sorted(actors), "targets": targets, "statements": list(per_doc),
            "mean_goldstein": {t: [round(sum(v[t]) / len(v[t]), 2) if v.get(t) else None for v in per_doc.values()] for t in targets},
            "acts": {t: [len(v.get(t, ())) for v in per_doc.values()] for t in targets}}


# ---- charts ---------------------------------------------------------------------

COLOURS = {"first": "#6b7280", "new": "#2563eb", "repeated": "#9ca3af", "reworded": "#f59e0b", "dropped": "#dc2626"}


def _svg(fig) -> str:
    import matplotlib.pyplot as plt

    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": "communique (matplotlib)"})
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg"):]  # no XML prolog or doctype: the SVG goes inline into HTML


def charts(report: dict[str, Any]) -> dict[str, str]:
    """The report's charts as inline SVG: commitments by issue, new vs carried over, and the
    issuers' positions toward their main targets over the series."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "communique", "font.size": 9,
                         "axes.spines.top": False, "axes.spines.right": False})
    out: dict[str, str] = {}
    issues = [i["issue"] for i in report["issues"]][::-1]
    counts = [i["count"] for i in report["issues"]][::-1]
    fig, ax = plt.subplots(figsize=(6.4, 0.3 * len(issues) + 1.0))
    ax.barh(issues, counts, color="#2563eb")
    ax.set_xlabel("commitments")
    ax.set_title("Commitments by issue area")
    for y, v in enumerate(counts):
        ax.text(v, y, f" {v}", va="center")
    out["by_issue"] = _svg(fig)

    statuses = ["new", "repeated", "reworded"] if report["previous"] else ["first"]
    fig, ax = plt.subplots(figsize=(6.4, 0.3 * len(issues) + 1.4))
    left = [0] * len(issues)
    by = {i["issue"]: i["by_status"] for i in report["issues"]}
    for s in statuses:
        vals = [by[i].get(s, 0) for i in issues]
        ax.barh(issues, vals, left=left, color=COLOURS[s], label=s)
        left = [a + b for a, b in zip(left, vals)]
    dropped = Counter(d["issue"] for d in report["dropped"])
    if report["previous"]:
        ax.barh(issues, [-dropped.get(i, 0) for i in issues], color=COLOURS["dropped"], label="dropped")
        extra = [i for i in dropped if i not in issues]
        if extra:
            ax.barh(extra, [-dropped[i] for i in extra], color=COLOURS["dropped"])
        ax.axvline(0, color="#111", linewidth=0.6)
        from matplotlib.ticker import FuncFormatter

        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{abs(v):g}"))
    prev = report["previous"]
    ax.set_xlabel("commitments (dropped to the left)" if prev else "commitments")
    ax.set_title(f"New vs carried over from {prev['date']}" if prev else "First statement of its series")
    ax.legend(loc="lower right", frameon=False)
    out["carried"] = _svg(fig)

    pos = report["positions"]
    fig, ax = plt.subplots(figsize=(6.4, 3.0))
    xs = list(range(len(pos["statements"])))
    for t in pos["targets"]:
        ys = pos["mean_goldstein"][t]
        ax.plot([x for x, y in zip(xs, ys) if y is not None], [y for y in ys if y is not None], marker="o", label=t)
    ax.set_xticks(xs, pos["statements"], rotation=20)
    ax.axhline(0, color="#111", linewidth=0.6)
    ax.set_ylim(-10.5, 10.5)
    ax.set_xlabel("statement of the series")
    ax.set_ylabel("mean Goldstein value (−10 hostile … +10 cooperative)")
    ax.set_title(f"{'/'.join(pos['actors'])} toward their main targets")
    if pos["targets"]:
        ax.legend(title="target", frameon=False, loc="center left", bbox_to_anchor=(1.0, 0.5))
    else:
        ax.text(0.5, 0.5, "no acts toward other actors", transform=ax.transAxes, ha="center")
    out["positions"] = _svg(fig)
    return out


# ---- HTML and Markdown ------------------------------------------------------------------

def report_html(report: dict[str, Any], *, explorer: bool = False) -> str:
    """The report as one self-contained, printable HTML page (``explorer``: with a link back
    to the explorer's statement list)."""
    from jinja2 import Environment, PackageLoader, select_autoescape
    from markupsafe import Markup

    env = Environment(loader=PackageLoader("communique", "web/templates"), autoescape=select_autoescape(["html"]))
    svgs = {k: Markup(v) for k, v in charts(report).items()}
    return env.get_template("report.html").render(r=report, charts=svgs, explorer=explorer, colours=COLOURS)


def _md(text: str | None) -> str:
    return re.sub(r"([\\|*_`\[\]<>])", r"\\\1", " ".join((text or "").split()))


def _md_changes(ops) -> str:
    return " ".join(f"~~{_md(w)}~~" if op == "-" else f"**{_md(w)}**" if op == "+" else _md(w) for op, w in ops or ())


def report_markdown(report: dict[str, Any]) -> str:
    d, prev, t = report["doc"], report["previous"], report["totals"]
    lines = [f"# Summit report: {_md(d['title'] or d['name'])}", "",
             f"[{d['date']}]({d['link']}) · {d['kind'] or 'statement'} · series of {len(report['series'])} statements",
             ""]
    if prev:
        lines += [f"Compared with the previous statement of the series: [{_md(prev['title'] or prev['name'])}]({prev['link']}) "
                  f"({prev['date']}).", "",
                  f"**{t['commitments']} commitments**: {t['new']} new, {t['repeated']} repeated, {t['reworded']} reworded; "
                  f"{t['dropped']} of the previous statement's commitments dropped.", ""]
    else:
        lines += [f"**{t['commitments']} commitments**; the first statement of its series.", ""]
    lines += ["## Commitments by issue area", "", "| issue | commitments | " + " | ".join(STATUSES) + " |",
              "|---|---:|" + "---:|" * len(STATUSES)]
    for i in report["issues"]:
        lines.append(f"| {i['issue']} | {i['count']} | " + " | ".join(str(i["by_status"].get(s, 0)) for s in STATUSES) + " |")
    lines += ["", "## Commitments by type", "", "| type | commitments |", "|---|---:|"]
    lines += [f"| {k} | {v} |" for k, v in report["types"].items()]
    for i in report["issues"]:
        lines += ["", f"## {i['issue']} ({i['count']})", ""]
        for c in i["commitments"]:
            who = ",".join(c["actors"]) + (" → " + ",".join(c["targets"]) if c["targets"] else "")
            lines.append(f"- **{c['status']}** · {c['type']} · {who}: [{_md(c['evidence'])}]({c['link']})")
            if c.get("changes"):
                lines.append(f"  - change: {_md_changes(c['changes'])}")
            if c.get("attribution_changes"):
                lines.append(f"  - attribution: {_md_changes(c['attribution_changes'])}")
    if report["dropped"]:
        lines += ["", f"## Dropped since {prev['date']} ({len(report['dropped'])})", ""]
        lines += [f"- {x['issue']} · {x['type']}: [{_md(x['evidence'])}]({x['link']})" for x in report["dropped"]]
    lines.append("")
    return "\n".join(lines)
