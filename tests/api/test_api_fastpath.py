"""The in-memory fast path: repeated public GETs answered before routing, never stale."""

from __future__ import annotations

from fastapi import FastAPI

from tests.api.lw_api_support import TestClient


def _asgi_keys(app: FastAPI) -> list[tuple[object, ...]]:
    snapshot = app.state.cache.fresh()
    assert snapshot is not None
    return [k for k in snapshot._memo if isinstance(k, tuple) and k[:1] == ("asgi",)]


def test_a_repeated_get_is_replayed_with_every_header(app: FastAPI, client: TestClient) -> None:
    url = "/api/v1/series/tanks?from=2023-01-01&to=2023-01-31"
    client.get("/api/v1/latest")  # a request that has just checked the data version
    first = client.get(url)
    assert first.status_code == 200
    assert any(k[1] == "/api/v1/series/tanks" for k in _asgi_keys(app))
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
    paths = {k[1] for k in _asgi_keys(app)}
    assert "/api/v1/series/nope" not in paths and "/healthz" not in paths
