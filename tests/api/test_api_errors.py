"""One error shape everywhere, security headers on every response, nothing reflected raw."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI

from losswatch.api import create_app
from tests.api.lw_api_support import TestClient, assert_problem, make_settings

PAYLOAD = '<script>alert("x")</script>'
HEADERS = (
    "content-security-policy",
    "x-content-type-options",
    "referrer-policy",
    "x-frame-options",
)


def test_unknown_route_and_wrong_method(client: TestClient) -> None:
    assert_problem(client.get("/api/v1/nothing"), 404, "not-found")
    body = assert_problem(client.delete("/api/v1/latest"), 405, "bad-request")
    assert body["status"] == 405


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/latest",
        "/api/v1/nothing",
        "/",
        "/explore",
        "/static/app.css",
        "/docs",
        "/openapi.json",
        "/?date=bad",
        "/api/v2/statistics/latest",
    ],
)
def test_security_headers_on_every_response(client: TestClient, url: str) -> None:
    response = client.get(url)
    for name in HEADERS:
        assert name in response.headers, (url, name)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"


def test_dashboard_csp_allows_no_inline_script(client: TestClient) -> None:
    csp = client.get("/explore").headers["content-security-policy"]
    script = next(p for p in csp.split(";") if p.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script
    assert "frame-ancestors 'none'" in csp
    docs = client.get("/docs").headers["content-security-policy"]
    assert "'sha256-" in docs and "'unsafe-inline'" not in docs


def test_an_unexpected_error_is_a_500_problem_without_traceback(store_path: Path) -> None:
    app: FastAPI = create_app(make_settings(store_path))

    @app.get("/api/v1/boom")
    def boom() -> None:
        raise RuntimeError("secret internals at /srv/losswatch/db.py line 42")

    with TestClient(app) as client:
        response = client.get("/api/v1/boom")
        page = client.get("/api/v1/boom", headers={"Accept": "text/html"})
    body = assert_problem(response, 500, "losswatch-error")
    assert "secret" not in response.text and "RuntimeError" not in response.text
    assert body["detail"].startswith("an unexpected error")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "secret" not in page.text


def test_html_errors_for_pages_json_for_the_api(client: TestClient) -> None:
    page = client.get("/?date=2022-13-40")
    assert page.status_code == 400
    assert page.headers["content-type"].startswith("text/html")
    assert "invalid-date" in page.text
    api = client.get("/api/v1/reports/2022-13-40", headers={"Accept": "text/html"})
    assert_problem(api, 400, "invalid-date")


@pytest.mark.parametrize(
    "url",
    [
        f"/?date={PAYLOAD}",
        f"/?lang={PAYLOAD}",
        f"/explore?category={PAYLOAD}",
        f"/explore?kind={PAYLOAD}",
        f"/explore?from={PAYLOAD}",
        f"/audit?since={PAYLOAD}",
        f"/audit?status={PAYLOAD}",
        f"/check?lang={PAYLOAD}",
        f"/check/{PAYLOAD}",
        f"/nothing/{PAYLOAD}",
    ],
)
def test_query_payloads_never_reflect_unescaped(client: TestClient, url: str) -> None:
    response = client.get(url, headers={"Accept": "text/html"})
    assert response.status_code < 500
    assert "<script>alert" not in response.text


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/series/{PAYLOAD}",
        f"/api/v1/series/tanks?fields={PAYLOAD}",
        f"/api/v2/terms/{PAYLOAD[:5]}",
    ],
)
def test_api_errors_are_json_never_html(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert 400 <= response.status_code < 500
    # the russianwarship.rip layer answers JSON as the upstream does (see api/compat.py)
    json_type = "application/json" if url.startswith("/api/v2/") else "application/problem+json"
    assert response.headers["content-type"].startswith(json_type)
    assert response.headers["x-content-type-options"] == "nosniff"


DATE_URLS = [
    "/api/v1/days/{d}",
    "/api/v1/days/2022-11-24?as_of={d}T00:00:00+05:00",
    "/api/v1/reports/{d}",
    "/api/v1/series/tanks?from={d}",
    "/api/v1/series/tanks?to={d}",
    "/api/v1/explore?from={d}",
    "/api/v1/explore?to={d}&kind=daily",
    "/api/v1/explore?from={d}&kind=monthly",
    "/api/v1/summary?date={d}",
    "/api/v1/brief?date={d}",
    "/api/v1/brief?date={d}&lang=uk",
    "/api/v1/audit?since={d}",
    "/api/v1/charts/tanks?from={d}",
    "/api/v1/charts/tanks?to={d}",
    "/api/v2/statistics/{d}",
    "/api/v2/statistics?date_from={d}",
    "/api/v2/statistics?date_to={d}",
    "/?date={d}",
    "/explore?from={d}",
    "/explore?to={d}&kind=monthly",
    "/audit?since={d}",
    "POST /api/v1/check",
    "POST /check",
]


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "2022-02-30"])
@pytest.mark.parametrize("url", DATE_URLS)
def test_every_date_input_out_of_range_or_invalid_is_a_4xx_problem(
    client: TestClient, url: str, day: str
) -> None:
    text = "Russia lost 480 troops yesterday."
    if url == "POST /api/v1/check":
        response = client.post("/api/v1/check", json={"text": text, "article_date": day})
    elif url == "POST /check":
        response = client.post("/check", data={"text": text, "article_date": day})
    else:
        response = client.get(url.format(d=day))
    if url.startswith("/api/v2/"):  # the upstream's validation error, with our code
        assert response.status_code == 422, (url, response.text[:300])
        body = response.json()
        assert (body["status"], body["code"]) == (422, "invalid-date")
        assert body["message"] == "The given data was invalid." and body["errors"]
    elif url.startswith(("/api/", "POST /api/")):
        body = assert_problem(response, 400, "invalid-date")
        assert body["detail"] == "a date must be YYYY-MM-DD, from 1900-01-01 to 2999-12-31"
    else:  # the dashboard: the same problem as an HTML page
        assert response.status_code == 400, (url, response.text[:300])
        assert "<code>invalid-date</code>" in response.text


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/latest",
        "/api/v1/days/2022-11-24",
        "/feed.atom",
        "/api/v2/statistics/latest",
        "/",
        "/explore",
        "/static/app.css",
        "/openapi.json",
        "/healthz",
    ],
)
def test_head_answers_like_get_without_a_body(client: TestClient, url: str) -> None:
    get = client.get(url)
    head = client.head(url)
    assert (head.status_code, get.status_code) == (200, 200)
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers.get("content-length") == get.headers.get("content-length")
    assert head.headers.get("etag") == get.headers.get("etag")
    assert head.headers["x-content-type-options"] == "nosniff"


def test_head_with_cors_and_its_errors(client: TestClient) -> None:
    cors = client.head("/api/v1/latest", headers={"Origin": "https://newsroom.example"})
    assert cors.status_code == 200 and cors.headers["access-control-allow-origin"] == "*"
    preflight = client.options(
        "/api/v1/latest",
        headers={"Origin": "https://newsroom.example", "Access-Control-Request-Method": "HEAD"},
    )
    assert "HEAD" in preflight.headers["access-control-allow-methods"]
    etag = client.get("/api/v1/latest").headers["etag"]
    assert client.head("/api/v1/latest", headers={"If-None-Match": etag}).status_code == 304
    missing = client.head("/api/v1/nothing")
    assert (missing.status_code, missing.content) == (404, b"")
    assert missing.headers["content-type"].startswith("application/problem+json")
    assert client.head("/api/v1/check").status_code == 405  # POST only: no GET, no HEAD


def test_the_docs_page_works_offline(client: TestClient) -> None:
    page = client.get("/docs")
    assert "/docs-assets/swagger-ui-bundle.js" in page.text and "cdn." not in page.text
    assert "cdn.jsdelivr.net" not in page.headers["content-security-policy"]
    script = client.get("/docs-assets/swagger-ui-bundle.js")
    assert (
        script.status_code == 200
        and script.headers["content-type"].startswith("text/javascript")
        and len(script.content) > 100_000
    )
    assert client.get("/docs-assets/swagger-ui.css").status_code == 200
    assert client.get("/docs-assets/secrets.txt").status_code == 404
