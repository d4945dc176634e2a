"""Routes of the web explorer and its JSON API. The store is opened read-only:
the server never writes. Every value from documents reaches HTML through Jinja2's
autoescaping or :func:`markupsafe.escape`."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..compare import diff_documents, find_lineages, lineage, trends
from ..errors import CommuniqueError
from ..storage import ActFilter, Store
from .highlight import highlight
from .svg import bar_chart

__all__ = ["create_app"]

HERE = Path(__file__).parent
TYPES = ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION",
         "MOBILIZE", "RETREAT", "PURSUE")


def _filters(request: Request, limit: int | None = None) -> ActFilter:
    q = request.query_params

    def get(name):
        v = q.get(name, "").strip()
        return v or None

    lim = get("limit")
    return ActFilter(actor=get("actor"), target=get("target"), type=get("type"), modality=get("modality"),
                     issue=get("issue"), party=get("party"), kind=get("kind"), since=get("since"), until=get("until"),
                     commitments=q.get("commitments") in ("1", "true", "on"),
                     limit=int(lim) if lim and lim.isdigit() else limit).validated()


def script_json(value: Any) -> Markup:
    """JSON safe inside <script>: no "<", ">" or "&" can close the tag or open a comment."""
    text = json.dumps(value, ensure_ascii=False)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def snippet_html(snippet: str) -> Markup:
    """An FTS5 snippet (matches between « and ») as escaped HTML with <mark>s."""
    parts = re.split(r"[«»]", snippet or "")
    return Markup("".join(f"<mark>{escape(p)}</mark>" if i % 2 else str(escape(p)) for i, p in enumerate(parts)))


def create_app(db: str | Path) -> Starlette:
    store = Store(db, readonly=True)
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]))
    env.globals["TYPES"] = TYPES
    env.filters["snippet"] = snippet_html

    def page(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        html = env.get_template(name).render(request=request, **ctx)
        return HTMLResponse(html, status_code=status)

    def doc_or_404(ref: str):
        row = store.conn.execute("SELECT * FROM documents WHERE id = ? OR name = ?", (ref, ref)).fetchone()
        if row is None:
            raise HTTPException(404, "no such statement")
        return row

    def acts_of(doc_id: str) -> list[dict]:
        lineages = store.lineages_in(doc_id)  # one query, not two per act
        rows = []
        for act_id, a in store.acts_of(doc_id):
            lid, size, _ = lineages.get(act_id, (None, 0, None))
            rows.append(a.__dict__ | {"act_id": act_id, "actors": list(a.actors), "targets": list(a.targets),
                                      "issues": list(a.issues), "lineage": lid, "lineage_size": size})
        return rows

    # ---- pages ----------------------------------------------------------------
    async def index(request: Request):
        f = _filters(request, limit=500)
        year = request.query_params.get("year", "").strip()
        if year.isdigit():
            f = ActFilter(**{**f.__dict__, "since": year, "until": year})
        order = "date ASC" if request.query_params.get("sort") == "asc" else "date DESC"
        docs = store.documents(f, text=request.query_params.get("q") or None, order=order)
        kinds = [r[0] for r in store.conn.execute("SELECT DISTINCT kind FROM documents WHERE kind IS NOT NULL ORDER BY 1")]
        years = [r[0] for r in store.conn.execute("SELECT DISTINCT substr(date,1,4) FROM documents WHERE date IS NOT NULL ORDER BY 1 DESC")]
        return page(request, "index.html", docs=docs, kinds=kinds, years=years, params=request.query_params)

    async def document(request: Request):
        row = doc_or_404(request.path_params["ref"])
        acts = acts_of(row["id"])
        body = highlight(row["text"], acts)
        ordered = sorted(acts, key=lambda a: (not a["commitment"], a["sentence"], a["start"]))
        return page(request, "document.html", doc=row, parties=json.loads(row["parties"]), body=body, acts=ordered,
                    acts_json=script_json({a["act_id"]: a for a in acts}))

    async def lineage_page(request: Request):
        lin = lineage(store, request.path_params["lid"])
        if lin is None:
            raise HTTPException(404, "no such lineage")
        return page(request, "lineage.html", lin=lin)

    async def diff_page(request: Request):
        a, b = request.query_params.get("a", ""), request.query_params.get("b", "")
        docs = store.documents(ActFilter(limit=2000))
        result = None
        if a and b:
            try:
                result = diff_documents(store, a, b)
            except CommuniqueError:
                raise HTTPException(404, "no such statement") from None
        return page(request, "diff.html", result=result, docs=docs, a=a, b=b)

    async def actor_page(request: Request):
        code = request.path_params["code"].upper()
        t = trends(store, code, None, request.query_params.get("by", "year") if request.query_params.get("by") in ("year", "quarter", "month") else "year")
        if not t["rows"]:
            raise HTTPException(404, "no acts by or toward this actor")
        counterparts = store.conn.execute(
            "SELECT c2.code, c2.role, COUNT(*) FROM act_codes c1 JOIN act_codes c2 ON c2.act_id = c1.act_id"
            " WHERE c1.code = ? AND c1.role IN ('actor','target') AND c2.role IN ('actor','target') AND c2.code != ?"
            " GROUP BY c2.code, c2.role ORDER BY 3 DESC LIMIT 12", (code, code)).fetchall()
        recent = store.conn.execute(
            "SELECT DISTINCT d.id, d.name, d.title, d.date FROM documents d JOIN acts a ON a.doc_id = d.id"
            " JOIN act_codes c ON c.act_id = a.id WHERE c.code = ? ORDER BY d.date DESC LIMIT 10", (code,)).fetchall()
        return page(request, "actor.html", code=code, trends=t, chart=bar_chart(t["rows"], code, t["by"]), counterparts=counterparts, recent=recent)

    async def report_page(request: Request):
        from ..report import report_html, summit_report

        row = doc_or_404(request.path_params["ref"])
        rep = summit_report(store, row["id"], series=request.query_params.get("series") or None)
        return HTMLResponse(report_html(rep, explorer=True))

    async def api_report(request: Request):
        from ..report import summit_report

        row = doc_or_404(request.path_params["ref"])
        return JSONResponse(summit_report(store, row["id"], series=request.query_params.get("series") or None))

    async def search_page(request: Request):
        q = request.query_params.get("q", "")
        rows, error = [], None
        if q.strip():
            try:
                rows = store.search(q, _filters(request, limit=50))
            except CommuniqueError as e:
                error = e.message
        return page(request, "search.html", q=q, rows=rows, error=error, params=request.query_params)

    # ---- JSON API ---------------------------------------------------------------
    async def api_documents(request: Request):
        return JSONResponse(store.documents(_filters(request, limit=500), text=request.query_params.get("q") or None))

    async def api_document(request: Request):
        row = doc_or_404(request.path_params["ref"])
        d = {k: row[k] for k in ("id", "name", "title", "date", "kind", "source_url", "text")}
        d["parties"] = json.loads(row["parties"])
        d["sentences"] = [s.__dict__ for s in store.sentences(row["id"])]
        d["acts"] = acts_of(row["id"])
        return JSONResponse(d)

    async def api_acts(request: Request):
        return JSONResponse(list(store.acts(_filters(request, limit=1000))))

    async def api_search(request: Request):
        return JSONResponse(store.search(request.query_params.get("q", ""), _filters(request, limit=50)))

    async def api_lineage(request: Request):
        lin = lineage(store, request.path_params["lid"])
        if lin is None:
            raise HTTPException(404, "no such lineage")
        return JSONResponse(lin)

    async def api_track(request: Request):
        return JSONResponse({"lineages": find_lineages(store, request.query_params.get("q", ""),
                                                       party=request.query_params.get("party") or None, limit=10)})

    async def api_diff(request: Request):
        return JSONResponse(diff_documents(store, request.query_params.get("a", ""), request.query_params.get("b", "")))

    async def api_trends(request: Request):
        by = request.query_params.get("by", "year")
        return JSONResponse(trends(store, request.path_params["code"], request.query_params.get("target") or None, by))

    async def api_stats(request: Request):
        return JSONResponse(store.stats())

    # ---- errors -------------------------------------------------------------------
    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    async def http_error(request: Request, exc: HTTPException) -> Response:
        if wants_json(request):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        return page(request, "error.html", status=exc.status_code, status_code=exc.status_code, message=exc.detail)

    async def input_error(request: Request, exc: CommuniqueError) -> Response:
        status = 404 if exc.__class__.__name__ == "NotFoundError" else 400
        if wants_json(request):
            return JSONResponse({"error": str(exc)}, status_code=status)
        return page(request, "error.html", status=status, status_code=status, message=exc.message)

    routes = [
        Route("/", index), Route("/doc/{ref}", document), Route("/lineage/{lid}", lineage_page),
        Route("/diff", diff_page), Route("/actor/{code}", actor_page), Route("/search", search_page),
        Route("/report/{ref}", report_page), Route("/api/report/{ref}", api_report),
        Route("/api/documents", api_documents), Route("/api/documents/{ref}", api_document), Route("/api/acts", api_acts),
        Route("/api/search", api_search), Route("/api/lineages/{lid}", api_lineage), Route("/api/track", api_track),
        Route("/api/diff", api_diff), Route("/api/actors/{code}/trends", api_trends), Route("/api/stats", api_stats),
        Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: http_error, CommuniqueError: input_error})
    app.state.store = store
    return app
