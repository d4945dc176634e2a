"""The web explorer: read-only, escaped, no traversal, clean 404s; and in a real
browser (Debian's Chromium driven by Playwright): open a statement, click an act,
check the details, follow a lineage, save screenshots."""
from __future__ import annotations

import hashlib
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from communique.web import create_app

from .conftest import ROOT, sample_store_with

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
HOSTILE_TITLE = 'Joint Statement <script>alert("title")</script> "onerror=alert(2)'


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory, extractor, sample_db):
    return sample_store_with(sample_db, tmp_path_factory.mktemp("hostile"), {
        "2024-01-01_us-japan_joint-statement_hostile.md":
            "---\ntitle: '" + HOSTILE_TITLE.replace("'", "''") + "'\ndate: '2024-01-01'\nparties: [USA, JPN]\n"
            "kind: joint-statement\n---\n"
            "We will support &lt;script&gt;alert(3)&lt;/script&gt; and \"onerror=alert(4) with Japan.\n\n"
            "We call on China to stop <b>bold</b> &lt;img src=x onerror=alert(5)&gt; now.\n",
        "raw_html_in_text.txt":
            'We welcome the <img src=x onerror=alert(6)> initiative and </textarea><svg onload=alert(7)>.\n',
    }, extractor)


@pytest.fixture(scope="module")
def client(hostile_db):
    return TestClient(create_app(hostile_db), base_url="http://localhost")


def test_pages_answer(client):
    for url in ("/", "/search?q=%22status+quo%22", "/diff", "/actor/JPN", "/api/stats", "/api/acts?type=REQUEST&target=CHN",
                "/doc/2023-01-13_us-japan_joint-statement", "/api/documents/2023-01-13_us-japan_joint-statement"):
        r = client.get(url)
        assert r.status_code == 200, url


def test_everything_from_documents_is_escaped(client):
    r = client.get("/doc/2024-01-01_us-japan_joint-statement_hostile")
    assert r.status_code == 200
    html = r.text
    assert "<script>alert" not in html and "<img src=x" not in html and "<svg onload" not in html
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in html  # shown as text
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in html or "&lt;script&gt;alert(&quot;title&quot;)" in html
    assert _injected(html) == []
    assert "\\u003cscript\\u003e" in html  # the act data in <script type=application/json> cannot close the tag
    listing = client.get("/").text
    assert "<script>alert" not in listing and "&lt;script&gt;" in listing
    txt = client.get("/doc/raw_html_in_text").text
    assert "<img src=x" not in txt and "&lt;img src=x onerror=alert(6)&gt;" in txt
    assert _injected(txt) == [] and _injected(listing) == []
    s = client.get("/search?q=onerror").text
    assert "<img" not in s and "onerror" in s


def _injected(html: str) -> list:
    """Elements or event-handler attributes that only an injection could have put there."""
    from html.parser import HTMLParser

    found = []

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag in ("img", "svg", "iframe", "object"):
                found.append(tag)
            found.extend(name for name, _ in attrs if name.startswith("on"))
            if tag == "script" and ("type", "application/json") not in attrs and not any(n == "src" for n, _ in attrs):
                found.append("inline script")

    P().feed(html)
    return found


def test_server_is_read_only(hostile_db):
    before = hashlib.sha256(Path(hostile_db).read_bytes()).hexdigest()
    app = create_app(hostile_db)
    c = TestClient(app, base_url="http://localhost")
    for url in ("/", "/doc/2023-01-13_us-japan_joint-statement", "/api/track?q=Article+V", "/search?q=Senkaku"):
        c.get(url)
    import sqlite3

    with pytest.raises(sqlite3.OperationalError):  # the store's own connection refuses a write
        app.state.store.clear_lineages()
    assert hashlib.sha256(Path(hostile_db).read_bytes()).hexdigest() == before


@pytest.mark.parametrize("url", ["/doc/nope", "/lineage/Lffffffffff", "/actor/ZZZ", "/static/../../pyproject.toml",
                                 "/static/%2e%2e/%2e%2e/pyproject.toml", "/doc/..%2F..%2Fetc%2Fpasswd", "/api/documents/nope",
                                 "/diff?a=nope&b=nothere"])
def test_unknown_ids_and_traversal_give_clean_404(client, url):
    r = client.get(url)
    assert r.status_code == 404
    assert "Traceback" not in r.text and "[build-system]" not in r.text and "root:" not in r.text


def test_bad_filters_and_queries_are_clean(client):
    assert client.get("/api/acts?since=yesterday").status_code == 400
    r = client.get("/search?q=%22unclosed")
    assert r.status_code == 200 and "malformed search query" in r.text
    assert client.get("/api/search?q=AND+OR").status_code == 400


def test_json_api_shapes(client):
    d = client.get("/api/documents/2023-01-13_us-japan_joint-statement").json()
    assert {"id", "name", "title", "date", "parties", "text", "sentences", "acts"} <= set(d)
    for a in d["acts"]:
        assert d["text"][a["start"]:a["end"]] == a["evidence"]
    lin = client.get("/api/track?q=Article+V+applies+to+the+Senkaku+Islands").json()["lineages"][0]
    assert client.get(f"/api/lineages/{lin['id']}").json() == lin
    t = client.get("/api/actors/JPN/trends?by=year").json()
    assert t["actor"] == "JPN" and t["rows"]
    # narrowed as /api/acts narrows: only SUPPORT acts, from 2023
    n = client.get("/api/actors/JPN/trends?by=year&type=support&since=2023").json()
    assert n["filters"] == {"type": "support", "since": "2023"}
    assert n["rows"] and all(set(r["types"]) == {"SUPPORT"} and r["period"] >= "2023" for r in n["rows"])
    assert client.get("/api/actors/JPN/trends?type=bogus").status_code == 400


def test_search_hits_and_lineages_are_the_librarys_records(client):
    """A search hit is communique.schema.search_record and a lineage
    communique.compare.lineage_record, in the API as in the CLI's JSON."""
    from communique.compare import lineage_record
    from communique.compare.lineage import LINEAGE_FIELDS, MEMBER_EXTRAS, MEMBER_FIELDS
    from communique.schema import SEARCH_FIELDS

    hits = client.get("/api/search", params={"q": "Senkaku"}).json()
    assert hits and all(list(h) == list(SEARCH_FIELDS) + ["acts"] for h in hits)
    found = client.get("/api/track", params={"q": "Senkaku Islands"}).json()["lineages"]
    assert found
    for lin in found:
        assert list(lin) == list(LINEAGE_FIELDS) + ["documents"] and lineage_record(lin) == lin
        assert all(set(MEMBER_FIELDS) <= set(m) <= set(MEMBER_FIELDS) | set(MEMBER_EXTRAS) for m in lin["documents"])


def test_every_act_the_api_returns_is_its_act_record(client):
    """/api/acts, /api/search and /api/documents/{ref} give each act as communique.schema.act_record
    does (the CLI's JSON Lines and the exports too): exactly its keys, in order, with the same
    values for the same act; a statement's acts add only the documented extras."""
    from communique.schema import ACT_FIELDS
    from communique.web.app import DOCUMENT_ACT_EXTRAS

    listed = client.get("/api/acts", params={"limit": 5000}).json()
    assert listed and all(list(a) == list(ACT_FIELDS) for a in listed)
    by_id = {a["act_id"]: a for a in listed}
    assert any(a["lineage"] and a["status"] for a in listed)  # the lineage is part of the record
    found = [a for r in client.get("/api/search", params={"q": "Senkaku", "limit": 50}).json() for a in r["acts"]]
    assert found and all(list(a) == list(ACT_FIELDS) for a in found)
    assert all(a == by_id[a["act_id"]] for a in found)
    assert any(a["lineage"] for a in found)
    doc = client.get("/api/documents/2023-01-13_us-japan_joint-statement").json()
    assert doc["acts"] and all(list(a) == list(ACT_FIELDS) + list(DOCUMENT_ACT_EXTRAS) for a in doc["acts"])
    for a in doc["acts"]:
        assert {k: a[k] for k in ACT_FIELDS} == by_id[a["act_id"]]
        assert a["doc_id"] == doc["id"] and a["doc"] == doc["name"] and a["date"] == doc["date"]
    assert any(a["lineage_size"] > 1 for a in doc["acts"])


def test_a_document_from_the_api_is_its_record(client):
    """/api/documents/{ref} is the document's record (communique.schema.document_record, as
    ``show --format json`` and the store) with its sentences and acts, less the file path on
    the machine that ingested it."""
    from communique.schema import DOCUMENT_FIELDS
    from communique.web.app import PRIVATE_DOCUMENT_FIELDS

    d = client.get("/api/documents/2023-01-13_us-japan_joint-statement").json()
    assert PRIVATE_DOCUMENT_FIELDS == ("path",) and "path" not in d
    assert list(d) == [k for k in DOCUMENT_FIELDS if k != "path"] + ["sentences", "acts"]
    assert d["parties"] == ["USA", "JPN"] and isinstance(d["meta"], dict) and isinstance(d["offsets"], list)
    for s in d["sentences"]:
        assert d["text"][s["start"]:s["end"]] == s["text"]


# ---- in a real browser ----------------------------------------------------------

def test_handlers_are_plain_functions_run_off_the_event_loop(hostile_db):
    """Every route blocks on SQLite, so none is ``async``: Starlette runs them in its thread pool.
    Requests answered at once from many threads give what one at a time gives."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from starlette.routing import Route

    app = create_app(hostile_db)
    routes = [r for r in app.routes if isinstance(r, Route)]
    assert len(routes) >= 15 and not [r.path for r in routes if asyncio.iscoroutinefunction(r.endpoint)]
    urls = ["/api/acts?target=CHN&limit=50", "/api/search?q=Senkaku", "/api/track?q=Article+V", "/actor/JPN",
            "/api/documents/2023-01-13_us-japan_joint-statement", "/api/stats"] * 4
    with TestClient(app, base_url="http://localhost") as c:
        alone = [c.get(u).text for u in urls]
        with ThreadPoolExecutor(8) as pool:
            together = list(pool.map(lambda u: c.get(u).text, urls))
    assert together == alone


@pytest.fixture(scope="module")
def live_server(hostile_db):
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    server = uvicorn.Server(uvicorn.Config(create_app(hostile_db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (make browser)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


def _page(browser, width: int, height: int):
    """A new page of that size, and the list its JavaScript errors are collected in."""
    page = browser.new_page(viewport={"width": width, "height": height})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    return page, errors


@pytest.mark.browser
def test_open_statement_click_act_follow_lineage(browser, live_server):
    ARTIFACTS.mkdir(exist_ok=True)
    page, errors = _page(browser, 1400, 900)
    page.goto(f"{live_server}/")
    assert page.locator("#statements tbody tr").count() >= 16
    page.click("text=Joint Statement of the United States and Japan >> nth=0")
    page.wait_for_selector("#text .ev")
    page.screenshot(path=str(ARTIFACTS / "statement.png"), full_page=False)
    # click the highlighted Article V passage and read the details panel
    page.locator("#text .ev", has_text="Article V applies to the Senkaku Islands").first.click()
    details = page.inner_text("#details")
    assert "AID" in details and "REAFFIRM" in details and "074" in details and "JPN" in details
    assert "pattern:article-applies" in details
    page.screenshot(path=str(ARTIFACTS / "act-details.png"))
    # the side list scrolls the text to an act's evidence
    page.locator("#acts .jump").nth(3).click()
    assert page.locator("#acts li.active").count() == 1
    # follow the Article V commitment's lineage across the five summits
    page.locator("#text .ev", has_text="Article V applies to the Senkaku Islands").first.click()
    page.click("#details a.lineage-link")
    page.wait_for_selector("#timeline li")
    items = page.locator("#timeline li")
    assert items.count() >= 5
    assert "2021-04-16" in items.first.inner_text() and page.locator("#timeline ins").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "lineage.png"), full_page=True)
    # and back to a statement, at the evidence
    page.locator("#timeline li a").last.click()
    page.wait_for_selector("#details h3")
    assert "AID" in page.inner_text("#details")
    assert not errors, errors
    page.close()


@pytest.mark.browser
def test_hostile_statement_renders_as_text_in_the_browser(browser, live_server):
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{live_server}/doc/2024-01-01_us-japan_joint-statement_hostile")
    page.wait_for_selector("#text")
    assert "<script>alert(3)</script>" in page.inner_text("#text")
    assert page.locator("#text script, #text img, h1 script").count() == 0
    page.locator("#text .ev").first.click()
    page.screenshot(path=str(ARTIFACTS / "hostile.png"))
    page.goto(f"{live_server}/doc/raw_html_in_text")
    assert dialogs == []
    page.close()


def test_report_page_and_api(client):
    r = client.get("/report/2023-01-13_us-japan_joint-statement")
    assert r.status_code == 200
    html = r.text
    assert "<link" not in html and "<script" not in html and "@media print" in html  # self-contained, printable
    assert html.count("<svg") == 3 and 'id="previous-date">2022-05-23<' in html
    assert 'href="/doc/' in html and "#act-" in html
    j = client.get("/api/report/2023-01-13_us-japan_joint-statement").json()
    assert j["previous"]["date"] == "2022-05-23" and j["totals"]["commitments"] == len(j["commitments"])
    assert client.get("/report/nope").status_code == 404


@pytest.mark.browser
def test_report_renders_with_charts_in_the_browser(browser, live_server):
    ARTIFACTS.mkdir(exist_ok=True)
    page, errors = _page(browser, 1300, 1000)
    page.goto(f"{live_server}/doc/2023-01-13_us-japan_joint-statement")
    page.click("#report-link")
    page.wait_for_selector("#chart-issues svg")
    assert "2022-05-23" in page.inner_text("#summary")
    for chart in ("#chart-issues", "#chart-carried", "#chart-positions"):
        box = page.locator(f"{chart} svg").bounding_box()
        assert box and box["width"] > 200 and box["height"] > 100, chart  # drawn, with a real size
    issue_rows = page.locator("#by-issue tbody tr")
    assert issue_rows.count() >= 3 and "defense" in page.inner_text("#by-issue")
    statuses = set(page.locator("li.commitment").evaluate_all("els => els.map(e => e.dataset.status)"))
    assert {"new", "reworded"} <= statuses and statuses <= {"new", "repeated", "reworded"}
    assert "Article V" in page.inner_text("#issue-defense")
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
    # every line links to its evidence in the explorer
    page.locator("#issue-defense a.evidence", has_text="Article V applies").first.click()
    page.wait_for_selector("#details h3")
    assert "AID" in page.inner_text("#details")
    # the actor chart has axes, labels and a legend; the statement list shows evidence; dates do not wrap
    page.goto(f"{live_server}/actor/USA")
    chart = page.locator("svg.chart").inner_html()
    assert "acts by USA" in chart and "acts toward USA" in chart and ">acts<" in chart.replace("\n", "")
    page.screenshot(path=str(ARTIFACTS / "actor.png"), full_page=False)
    page.goto(f"{live_server}/doc/2023-01-13_us-japan_joint-statement")
    assert "Article V" in page.inner_text("#acts")
    page.set_viewport_size({"width": 700, "height": 900})
    page.goto(f"{live_server}/")
    lines = page.locator("#statements tbody tr").evaluate_all("""rows => rows.map(r => [0, 2].map(i => {
        const range = document.createRange(); range.selectNodeContents(r.cells[i]);
        return new Set(Array.from(range.getClientRects()).map(x => Math.round(x.top))).size; }))""")
    assert lines and all(n <= 1 for row in lines for n in row), [x for x in lines if max(x) > 1]  # date and kind on one line each
    page.screenshot(path=str(ARTIFACTS / "statements-narrow.png"))
    assert not errors, errors
    page.close()
