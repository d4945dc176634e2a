"""Routes of the web explorer and its JSON API. The store is opened read-only:
the server never writes. Every value from documents reaches HTML through Jinja2's
autoescaping or :func:`markupsafe.escape`."""
from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..compare import diff_documents, find_lineages, lineage, lineage_record, trends
from ..compare.trends import PERIODS
from ..errors import CommuniqueError, ConfigError, NotFoundError
from ..model import ACT_TYPES
from ..resolve import resolve_filter
from ..rules import Rules
from ..schema import DOCUMENT_FIELDS, act_record, search_record
from ..storage import ActFilter, Store
from .highlight import highlight
from .svg import bar_chart

__all__ = ["create_app", "DOCUMENT_ACT_EXTRAS", "PRIVATE_DOCUMENT_FIELDS"]

HERE = Path(__file__).parent
# Every act the JSON API returns is its act record (communique.schema.act_record); a statement's
# acts (/api/documents/{ref}, and the explorer's page) add these keys for its lineage links.
DOCUMENT_ACT_EXTRAS = ("lineage_size",)
# A statement's record less what only the machine that ingested it should see: the file path there.
PRIVATE_DOCUMENT_FIELDS = ("path",)
TYPES = ACT_TYPES


MAX_LIMIT = 10_000
MAX_Q = 1000
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "[::1]")
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                 b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]


class BadParameter(HTTPException):
    """A 400 for one query parameter; the JSON API returns its ``field``."""

    def __init__(self, field: str, detail: str) -> None:
        super().__init__(400, detail)
        self.field = field


def bad(field: str, problem: str) -> HTTPException:
    """A 400 naming the parameter at fault (a problem that opens with the field's name is said as it is)."""
    return BadParameter(field, problem if problem.startswith(field + " ") else f"{field}: {problem}")


def _param(request: Request, name: str, max_len: int = 200) -> str | None:
    v = request.query_params.get(name, "").strip()
    if len(v) > max_len:
        raise bad(name, f"is {len(v)} characters long; the limit is {max_len}")
    return v or None


def _limit(request: Request, default: int | None) -> int | None:
    v = _param(request, "limit")
    if v is None:
        return default
    if not (v.isascii() and v.isdigit()) or int(v) > MAX_LIMIT:
        raise bad("limit", f"must be a whole number from 0 to {MAX_LIMIT:,}")
    return int(v)


def _confidence(request: Request) -> float | None:
    v = _param(request, "min_confidence")
    if v is None:
        return None
    try:
        p = float(v) if v.isascii() else float("nan")
    except ValueError:
        p = float("nan")
    if not 0.0 <= p <= 1.0:  # NaN fails too
        raise bad("min_confidence", "must be a number from 0 to 1")
    return p


def _choice(request: Request, name: str, choices: tuple[str, ...], default: str) -> str:
    v = _param(request, name)
    if v is None:
        return default
    if v not in choices:
        raise bad(name, f"must be one of {', '.join(choices)}")
    return v


def _q(request: Request) -> str | None:
    return _param(request, "q", MAX_Q)


def _filters(request: Request, limit: int | None = None, store: Store | None = None,
             rules: Rules | None = None) -> ActFilter:
    get = lambda name: _param(request, name)  # noqa: E731
    flag = _choice(request, "commitments", ("1", "0", "true", "false", "on", "off", "yes", "no"), "0")
    f = ActFilter(actor=get("actor"), target=get("target"), type=get("type"), modality=get("modality"),
                  issue=get("issue"), party=get("party"), kind=get("kind"), since=get("since"), until=get("until"),
                  commitments=flag in ("1", "true", "on", "yes"), limit=_limit(request, limit),
                  min_confidence=_confidence(request))
    try:
        f = f.validated()
        if store is not None:
            f, _ = resolve_filter(f, store.codes(), rules)
    except ConfigError as e:  # the library names the field at fault, as the API does
        raise bad(e.field or "filter", e.message) from None
    return f


def safe_url(url: Any) -> str | None:
    """A link target only for http(s) URLs: a stored ``javascript:`` URL is never a link."""
    if not isinstance(url, str):
        return None
    u = url.strip()
    return u if re.match(r"^https?://[^\s/?#]+", u, re.I) and not re.search(r"[\x00-\x20]", u) else None


class SecurityHeaders:
    """Adds the Content-Security-Policy and no-sniff / no-framing headers to every answer."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in SECURITY_HEADERS if h[0] not in names]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def script_json(value: Any) -> Markup:
    """JSON safe inside <script>: no "<", ">" or "&" can close the tag or open a comment."""
    text = json.dumps(value, ensure_ascii=False)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def snippet_html(snippet: str) -> Markup:
    """An FTS5 snippet (matches between « and ») as escaped HTML with <mark>s."""
    parts = re.split(r"[«»]", snippet or "")
    return Markup("".join(f"<mark>{escape(p)}</mark>" if i % 2 else str(escape(p)) for i, p in enumerate(parts)))


def create_app(db: str | Path, allowed_hosts: list[str] | tuple[str, ...] | None = None,
               rules: Rules | str | Path | None = None) -> Starlette:
    """The explorer over ``db``, read-only. Requests for any Host but ``allowed_hosts``
    (always with localhost and the loopback addresses) are refused: no DNS rebinding.
    Actor names and issues in filters are read with ``rules`` (a folder; None: the packaged
    rules), those the store was ingested with."""
    rules = rules if isinstance(rules, Rules) else Rules(rules)  # first: a missing folder opens no store
    store = Store(db, readonly=True)
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]))
    env.globals["TYPES"] = TYPES
    env.filters["snippet"] = snippet_html
    env.filters["safe_url"] = safe_url

    def page(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        html = env.get_template(name).render(request=request, **ctx)
        return HTMLResponse(html, status_code=status)

    def doc_or_404(ref: str):
        row = store.document_by_id_or_name(ref)
        if row is None:
            raise HTTPException(404, "no such statement")
        return row

    def acts_of(doc_id: str) -> list[dict]:
        """A document's acts: each its act record (as every act the API returns) and, for the
        explorer's lineage links, ``lineage_size``: how many acts its lineage holds (0: none)."""
        sizes = store.lineages_in(doc_id)  # one query, not one per act
        return [act_record(r) | {"lineage_size": sizes.get(r["act_id"], (None, 0, None))[1]}
                for r in store.act_rows_of(doc_id)]

    # ---- pages ----------------------------------------------------------------
    # Plain functions: every handler blocks on SQLite, so Starlette runs them in its thread
    # pool instead of on the event loop. One read-only connection serves all threads
    # (check_same_thread=False; the sqlite3 module is built serialised, threadsafety 3).
    def index(request: Request):
        f = _filters(request, limit=500, store=store, rules=rules)
        year = _param(request, "year")
        if year is not None:
            if not re.fullmatch(r"[0-9]{4}", year):
                raise bad("year", "must be a year like 2023")
            f = ActFilter(**{**f.__dict__, "since": year, "until": year})
        order = "date ASC" if _choice(request, "sort", ("asc", "desc"), "desc") == "asc" else "date DESC"
        docs = store.documents(f, text=_q(request), order=order)
        return page(request, "index.html", docs=docs, kinds=store.document_kinds(), years=store.document_years(),
                    params=request.query_params)

    def document(request: Request):
        row = doc_or_404(request.path_params["ref"])
        acts = acts_of(row["id"])
        body = highlight(row["text"], acts)
        ordered = sorted(acts, key=lambda a: (not a["commitment"], a["sentence"], a["start"]))
        return page(request, "document.html", doc=row, parties=row["parties"], body=body, acts=ordered,
                    acts_json=script_json({a["act_id"]: a for a in acts}))

    def lineage_page(request: Request):
        lin = lineage(store, request.path_params["lid"])
        if lin is None:
            raise HTTPException(404, "no such lineage")
        return page(request, "lineage.html", lin=lin)

    def diff_page(request: Request):
        a, b = _param(request, "a") or "", _param(request, "b") or ""
        docs = store.documents(ActFilter(limit=2000))
        result = None
        if a and b:
            try:
                result = diff_documents(store, a, b)
            except CommuniqueError:
                raise HTTPException(404, "no such statement") from None
        return page(request, "diff.html", result=result, docs=docs, a=a, b=b)

    def actor_page(request: Request):
        code = request.path_params["code"].upper()
        t = trends(store, code, None, _choice(request, "by", PERIODS, "year"))
        if not t["rows"]:
            raise HTTPException(404, "no acts by or toward this actor")
        counterparts = store.counterparts(code, limit=12)
        recent = store.documents_with_code(code, limit=10)
        return page(request, "actor.html", code=code, trends=t, chart=bar_chart(t["rows"], code, t["by"]), counterparts=counterparts, recent=recent)

    def report_page(request: Request):
        from ..report import report_html, summit_report

        row = doc_or_404(request.path_params["ref"])
        rep = summit_report(store, row["id"], series=request.query_params.get("series") or None)
        return HTMLResponse(report_html(rep, explorer=True))

    def api_report(request: Request):
        from ..report import summit_report

        row = doc_or_404(request.path_params["ref"])
        return JSONResponse(summit_report(store, row["id"], series=request.query_params.get("series") or None))

    def search_page(request: Request):
        q = _q(request) or ""
        f = _filters(request, limit=50, store=store, rules=rules)
        rows, error = [], None
        if q.strip():
            try:
                rows = store.search(q, f)
            except CommuniqueError as e:
                error = e.message
        return page(request, "search.html", q=q, rows=rows, error=error, params=request.query_params)

    # ---- JSON API ---------------------------------------------------------------
    def api_documents(request: Request):
        return JSONResponse(store.documents(_filters(request, limit=500, store=store, rules=rules), text=_q(request)))

    def api_document(request: Request):
        row = doc_or_404(request.path_params["ref"])
        # the row is the document's record (communique.schema.document_record) and the store's own columns
        d = {k: row[k] for k in DOCUMENT_FIELDS if k not in PRIVATE_DOCUMENT_FIELDS}
        d["sentences"] = [dataclasses.asdict(s) for s in store.sentences(row["id"])]
        d["acts"] = acts_of(row["id"])
        return JSONResponse(d)

    def api_acts(request: Request):
        return JSONResponse([act_record(r) for r in store.acts(_filters(request, limit=1000, store=store, rules=rules))])

    def api_search(request: Request):
        rows = store.search(_q(request) or "", _filters(request, limit=50, store=store, rules=rules))
        return JSONResponse([search_record(r) for r in rows])

    def api_lineage(request: Request):
        lin = lineage(store, request.path_params["lid"])
        if lin is None:
            raise HTTPException(404, "no such lineage")
        return JSONResponse(lineage_record(lin))

    def api_track(request: Request):
        found = find_lineages(store, _q(request) or "", party=_param(request, "party"), limit=10)
        return JSONResponse({"lineages": [lineage_record(x) for x in found]})

    def api_diff(request: Request):
        return JSONResponse(diff_documents(store, _param(request, "a") or "", _param(request, "b") or ""))

    def api_trends(request: Request):
        by = _choice(request, "by", PERIODS, "year")
        # the acts counted may be narrowed as /api/acts narrows them (type, issue, since ...)
        f = _filters(request, store=store, rules=rules)
        return JSONResponse(trends(store, request.path_params["code"], f.target, by, where=f))

    def api_stats(request: Request):
        return JSONResponse(store.stats())

    # ---- errors -------------------------------------------------------------------
    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    async def http_error(request: Request, exc: HTTPException) -> Response:
        if wants_json(request):
            field = {"field": exc.field} if isinstance(exc, BadParameter) else {}
            return JSONResponse({"error": exc.detail} | field, status_code=exc.status_code)
        return page(request, "error.html", status=exc.status_code, status_code=exc.status_code, message=exc.detail)

    async def input_error(request: Request, exc: CommuniqueError) -> Response:
        status = 404 if isinstance(exc, NotFoundError) else 400
        if wants_json(request):
            return JSONResponse({"error": str(exc)} | ({"field": exc.field} if exc.field else {}), status_code=status)
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
    hosts = sorted({*(allowed_hosts or ()), *LOCAL_HOSTS} - {"0.0.0.0", "::"})
    middleware = [Middleware(SecurityHeaders), Middleware(TrustedHostMiddleware, allowed_hosts=hosts)]
    app = Starlette(routes=routes, middleware=middleware,
                    exception_handlers={HTTPException: http_error, CommuniqueError: input_error})
    app.state.store = store
    return app
