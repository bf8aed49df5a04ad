"""GET /api/v1/latest: freshness in Kyiv time, caching headers, the memoised fast path, CORS."""

from __future__ import annotations

import datetime as dt

from fastapi import FastAPI

from losswatch.api import create_app
from losswatch.settings import Settings
from tests.api.lw_api_support import LATEST, TestClient


def test_latest_is_the_newest_report_with_its_freshness(client: TestClient) -> None:
    response = client.get("/api/v1/latest")
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["report_date"] == LATEST.isoformat()
    assert data["loss_day"] == "2026-08-21"
    assert data["war_day"] == (LATEST - dt.date(2022, 2, 24)).days + 1
    assert data["today_kyiv"] == "2026-08-22"
    assert data["todays_report_out"] is True
    assert data["age_days"] == 0
    cards = {c["category"]: c for c in data["values"]}
    assert cards["personnel"]["value"] == 1_475_270
    assert cards["personnel"]["increment"] == 1240
    assert cards["tanks"]["label_uk"] == "танків"
    assert response.json()["meta"]["data_version"]


def test_kyiv_midnight_decides_whether_todays_report_is_due(
    settings: Settings, app: FastAPI
) -> None:
    # 22:30 UTC on 22 August is already 23 August in Kyiv (UTC+3 in summer).
    late = dt.datetime(2026, 8, 22, 22, 30, tzinfo=dt.UTC)
    other = create_app(settings, engine=app.state.cache.engine, clock=lambda: late)
    with TestClient(other) as c:
        data = c.get("/api/v1/latest").json()["data"]
    assert data["today_kyiv"] == "2026-08-23"
    assert data["todays_report_out"] is False
    assert data["age_days"] == 1


def test_etag_and_if_none_match_give_304(client: TestClient) -> None:
    first = client.get("/api/v1/latest")
    etag = first.headers["etag"]
    assert first.headers["cache-control"].startswith("public")
    assert "GMT" in first.headers["last-modified"]
    again = client.get("/api/v1/latest", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    assert client.get("/api/v1/latest", headers={"If-None-Match": '"other"'}).status_code == 200


def test_latest_is_kept_once_per_data_version_and_kyiv_day(
    client: TestClient, app: FastAPI
) -> None:
    client.get("/api/v1/latest")
    first = client.get("/api/v1/latest")
    snapshot = app.state.cache.current()
    key = ("/api/v1/latest", (), ("http", b"testserver", ""), False, dt.date(2026, 8, 22), None)
    kept = snapshot.kept(key)
    assert kept is not None and kept[2] == first.content
    assert client.get("/api/v1/latest").content == first.content
    assert snapshot.kept(key) is kept


def test_cors_allows_reads_from_any_origin_but_no_writes(client: TestClient) -> None:
    origin = {"Origin": "https://newsroom.example"}
    read = client.get("/api/v1/latest", headers=origin)
    assert read.headers["access-control-allow-origin"] == "*"
    assert "ETag" in read.headers["access-control-expose-headers"]
    preflight = client.options(
        "/api/v1/check", headers=origin | {"Access-Control-Request-Method": "POST"}
    )
    assert preflight.status_code == 400  # Starlette's CORSMiddleware: "Disallowed CORS method"
    assert "POST" not in preflight.headers["access-control-allow-methods"]
    write = client.post("/api/v1/check", json={"text": "x"}, headers=origin)
    assert "access-control-allow-origin" not in write.headers
