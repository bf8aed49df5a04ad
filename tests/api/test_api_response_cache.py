"""The one response cache: repeated public GETs answered before routing, never stale."""

from __future__ import annotations

from fastapi import FastAPI

from losswatch.api import create_app
from losswatch.settings import Settings
from tests.api.lw_api_support import FIXED_NOW, TestClient


def _keys(app: FastAPI) -> list[tuple[object, ...]]:
    return list(app.state.cache.current()._kept)  # the same snapshot while the data stays


def test_a_repeated_get_is_replayed_with_every_header(app: FastAPI, client: TestClient) -> None:
    url = "/api/v1/series/tanks?from=2023-01-01&to=2023-01-31"
    client.get("/api/v1/latest")  # a request that has just checked the data version
    first = client.get(url)
    assert first.status_code == 200
    assert any(k[0] == "/api/v1/series/tanks" for k in _keys(app))
    second = client.get(url)
    assert second.content == first.content
    for name in (
        "etag",
        "cache-control",
        "content-security-policy",
        "x-frame-options",
        "content-type",
    ):
        assert second.headers[name] == first.headers[name]
    again = client.get(url, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == first.headers["etag"]


def test_what_varies_is_part_of_the_key(client: TestClient) -> None:
    url = "/api/v1/series/tanks?limit=1"
    local = client.get(url)
    cors = client.get(url, headers={"Origin": "https://newsroom.example"})
    assert "access-control-allow-origin" not in local.headers
    assert cors.headers["access-control-allow-origin"] == "*"
    foreign = client.get(url, headers={"Host": "evil.example"})
    assert "evil.example" not in foreign.text


def test_errors_and_uncacheable_answers_are_not_kept(app: FastAPI, client: TestClient) -> None:
    client.get("/api/v1/latest")
    assert client.get("/api/v1/series/nope").status_code == 404
    assert client.get("/healthz").status_code == 200
    paths = {k[0] for k in _keys(app)}
    assert "/api/v1/series/nope" not in paths and "/healthz" not in paths


def test_the_key_is_the_normalised_request_not_the_host(app: FastAPI, client: TestClient) -> None:
    """Parameter order and foreign Host headers do not make new entries; a cross-origin read
    (any Origin) is one more, with its CORS headers."""
    client.get("/api/v1/latest")
    url = "/api/v1/series/afv?from=2023-01-01&to=2023-01-31"
    first = client.get("/api/v1/series/afv?to=2023-01-31&from=2023-01-01")
    count = len(_keys(app))
    same = client.get(url)
    assert len(_keys(app)) == count and same.content == first.content
    # a non-local Host publishes relative links: one entry for every such host
    foreign = client.get(url, headers={"Host": "evil.example"})
    count = len(_keys(app))
    other = client.get(url, headers={"Host": "other.example"})
    assert len(_keys(app)) == count and other.content == foreign.content
    assert "access-control-allow-origin" not in other.headers
    for origin in ("https://a.example", "https://b.example"):
        cors = client.get(url, headers={"Host": "other.example", "Origin": origin})
        assert cors.headers["access-control-allow-origin"] == "*"
        assert cors.content == other.content
    assert len(_keys(app)) == count + 1


def test_dashboard_pages_are_kept_too(app: FastAPI, client: TestClient) -> None:
    client.get("/api/v1/latest")
    page = client.get("/audit?lang=uk")
    assert page.status_code == 200 and page.headers["cache-control"].startswith("public")
    assert ("/audit", (("lang", "uk"),)) in {k[:2] for k in _keys(app)}
    assert client.get("/audit?lang=uk").text == page.text


def test_an_answer_made_while_the_version_was_due_for_a_check_is_kept(settings: Settings) -> None:
    """With the version checked on every request (ttl 0), the answer is still kept on the
    snapshot the route used, as long as no reload happened meanwhile."""
    app = create_app(settings, clock=lambda: FIXED_NOW, cache_ttl=0)
    with TestClient(app) as client:
        client.get("/api/v1/latest")  # loads the first snapshot
        first = client.get("/api/v1/series/tanks?limit=3")
        assert first.status_code == 200
        kept = [k for k in app.state.cache.loaded()._kept if k[0] == "/api/v1/series/tanks"]
        assert kept
        assert client.get("/api/v1/series/tanks?limit=3").content == first.content


def test_answers_that_vary_with_the_host_are_kept_per_host(client: TestClient) -> None:
    """The russianwarship.rip layer links on the request's own base (``Vary: Host``): each host
    gets its own links, from the cache too."""
    url = "/api/v2/statistics?limit=2"
    for _ in range(2):
        for host in ("a.example", "b.example"):
            answer = client.get(url, headers={"Host": host})
            assert "Host" in answer.headers["vary"]
            links = [v for v in answer.json()["data"]["paging"].values() if v]
            assert links and all(link.startswith(f"http://{host}/") for link in links)
