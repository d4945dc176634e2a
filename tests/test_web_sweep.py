"""The web surface has no holes: every route swept with hostile parameter values
(Hypothesis) never answers 500; bad values get a 400 naming the field; stored
``javascript:`` URLs are never links; foreign Host headers are refused; every answer
carries the CSP, no-sniff and no-framing headers."""
from __future__ import annotations

import sqlite3
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.routing import Route
from starlette.testclient import TestClient

from communique.web import create_app

from .conftest import sample_store_with

HOSTILE = ["-1", "abc", "99999999999999999999999", "²", "٣", "1e3", "0x10", "", " ", "\x00", "\x7f", "x" * 12_001,
           "'; DROP TABLE acts; --", "%", "_", "*", '"', '"unclosed', "NEAR(", "AND OR", "((", "a:b:c", "2023-13-45",
           "yesterday", "2023-02-30", "javascript:alert(1)", "../../etc/passwd", "..%2F..%2Fetc", "<script>alert(1)</script>",
           "true", "maybe", "Lffffffffff", "USA", "United States", "defence", "REQUEST", "COMMIT", "quarter", "asc",
           "\u202e\u0645", "\U0001f600" * 100, "nan", "inf", "-0", "007", "1" * 400]
PARAMS = ["limit", "q", "since", "until", "type", "modality", "issue", "actor", "target", "party", "kind", "commitments",
          "year", "sort", "by", "a", "b", "min_confidence", "series"]


@pytest.fixture(scope="module")
def db(tmp_path_factory, sample_db, extractor):
    db = sample_store_with(sample_db, tmp_path_factory.mktemp("sweep"), {"js-link.md":
        "---\ntitle: Link test\ndate: 2024-02-02\nparties: [USA]\nsource_url: 'javascript:alert(document.domain)'\n---\n"
        "We will cooperate with Japan on space.\n"}, extractor)
    con = sqlite3.connect(db)  # dates stored by an older communique, before they were validated
    con.execute("UPDATE documents SET date = 'yesterday' WHERE name = '2021-09-15_aukus_joint-statement'")
    con.execute("UPDATE documents SET date = '2023.5' WHERE name = '2022-10-11_g7_joint-statement_ukraine-11-october-2022'")
    con.commit()
    con.close()
    return db


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db), base_url="http://localhost", raise_server_exceptions=False)


def _routes(app) -> list[str]:
    return [r.path for r in app.routes if isinstance(r, Route)]


def test_every_route_is_in_the_sweep(client):
    paths = set(_routes(client.app))
    assert {"/", "/search", "/api/acts", "/api/documents", "/api/search", "/doc/{ref}", "/actor/{code}"} <= paths


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_no_parameter_value_gives_a_500(client, data):
    path = data.draw(st.sampled_from(_routes(client.app)))
    value = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40))
    for name in ("ref", "lid", "code"):
        v = data.draw(value.filter(lambda v: v.strip() and v not in (".", "..")), label=name)
        path = path.replace("{" + name + "}", quote(v, safe=""))
    params = data.draw(st.dictionaries(st.sampled_from(PARAMS), value, max_size=4), label="params")
    r = client.get(path, params=params)
    assert r.status_code < 500, (path, params, r.text[:300])
    assert "Traceback" not in r.text


@pytest.mark.parametrize("url,field", [
    ("/?limit=99999999999999999999999", "limit"), ("/?limit=%C2%B2", "limit"), ("/search?q=x&limit=-1", "limit"),
    ("/api/acts?limit=abc", "limit"), ("/api/documents?limit=-1", "limit"), ("/api/acts?commitments=maybe", "commitments"),
    ("/api/acts?since=2023-13-45", "since"), ("/?q=" + "x" * 50_001, "q"), ("/search?q=" + "x" * 50_001, "q"),
    ("/api/acts?type=FOO", "type"), ("/api/acts?issue=nothing", "issue"), ("/api/acts?actor=Nowhereland", "actor"),
    ("/?year=20x3", "year"), ("/api/acts?min_confidence=2", "min_confidence"), ("/api/acts?min_confidence=nan", "min_confidence"), ("/?sort=sideways", "sort"), ("/actor/JPN?by=week", "by"), ("/api/actors/JPN/trends?by=week", "by"),
])
def test_invalid_parameters_get_a_400_naming_the_field(client, url, field):
    r = client.get(url)
    assert r.status_code == 400, (url, r.status_code)
    assert field in r.text


@pytest.mark.parametrize("url,field,opens", [
    ("/api/acts?since=soon", "since", "since must be a date"), ("/api/documents?until=2021-13", "until", "until must be a date"),
    ("/api/acts?type=HUG", "type", "type: unknown act type"), ("/api/acts?limit=x", "limit", "limit: must be"),
    ("/api/search?q=AND+OR", "query", "malformed search query"),
])
def test_api_errors_name_the_field_never_a_flag(client, url, field, opens):
    r = client.get(url)
    assert r.status_code == 400
    body = r.json()
    assert body["field"] == field and opens in body["error"] and "--" not in body["error"]


def test_names_resolve_in_filters(client):
    by_name = client.get("/api/acts?actor=United+States&limit=5").json()
    by_code = client.get("/api/acts?actor=USA&limit=5").json()
    assert by_name and by_name == by_code


def test_bad_stored_dates_do_not_break_pages(client):
    for url in ("/actor/USA?by=quarter", "/actor/GBR", "/api/actors/USA/trends?by=month", "/", "/api/documents"):
        assert client.get(url).status_code == 200, url


def test_javascript_urls_are_never_links(client):
    html = client.get("/doc/js-link").text
    assert 'href="javascript:' not in html.lower() and "javascript:alert" in html  # shown as text only
    real = client.get("/doc/2023-01-13_us-japan_joint-statement").text
    assert 'href="https://bidenwhitehouse.archives.gov/' in real


def test_foreign_hosts_are_refused(db):
    app = create_app(db, allowed_hosts=["127.0.0.1"])
    assert TestClient(app, base_url="http://evil.example").get("/").status_code == 400
    assert TestClient(app, base_url="http://localhost:8000").get("/").status_code == 200
    assert TestClient(app, base_url="http://127.0.0.1:8000").get("/api/stats").status_code == 200
    named = create_app(db, allowed_hosts=["explorer.internal"])
    assert TestClient(named, base_url="http://explorer.internal").get("/").status_code == 200


def test_security_headers_on_every_answer(client):
    for url in ("/", "/api/stats", "/doc/nope", "/static/style.css", "/api/acts?limit=abc"):
        h = client.get(url).headers
        assert "frame-ancestors 'none'" in h["content-security-policy"] and "script-src 'self'" in h["content-security-policy"]
        assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"
