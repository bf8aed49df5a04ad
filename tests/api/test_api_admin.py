"""POST /api/v1/sync needs the API token; GET /api/v1/sources is public."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI

from losswatch.api import create_app
from losswatch.api.routes.admin import get_sync_runner
from losswatch.pipeline import SyncSummary, sync
from tests.api.lw_api_support import (
    FIXED_NOW,
    TOKEN,
    TestClient,
    assert_problem,
    copy_store,
    make_settings,
)


@pytest.fixture(scope="module")
def writable(
    store_path: Path, sources_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[FastAPI, TestClient]]:
    """An app on a private copy of the store whose sync reads the recorded files."""
    settings = make_settings(copy_store(store_path, tmp_path_factory.mktemp("sync")))
    app = create_app(settings, clock=lambda: FIXED_NOW)

    def recorded_runner() -> object:
        engine = app.state.cache.engine

        def run(sources: list[str] | None) -> SyncSummary:
            return sync(engine, settings, sources=sources, from_dir=sources_dir)

        return run

    app.dependency_overrides[get_sync_runner] = recorded_runner
    with TestClient(app) as client:
        yield app, client


def test_sync_without_a_token_is_401(writable: tuple[FastAPI, TestClient]) -> None:
    _, client = writable
    response = client.post("/api/v1/sync")
    assert_problem(response, 401, "unauthorized")
    assert response.headers["www-authenticate"] == "Bearer"
    wrong = client.post("/api/v1/sync", headers={"Authorization": "Bearer nope"})
    assert_problem(wrong, 401, "unauthorized")
    basic = client.post("/api/v1/sync", headers={"Authorization": f"Basic {TOKEN}"})
    assert_problem(basic, 401, "unauthorized")


def test_sync_with_the_token_runs_and_refreshes_the_data_version(
    writable: tuple[FastAPI, TestClient],
) -> None:
    _, client = writable
    before = client.get("/api/v1/latest").json()["meta"]["data_version"]
    response = client.post(
        "/api/v1/sync",
        json={"sources": ["russianwarship"]},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert data["ok"] is True and data["mode"] == "from-dir"
    assert [r["source"] for r in data["results"]] == ["russianwarship"]
    after = response.json()["meta"]["data_version"]
    assert after != before  # a new sync run is part of the version, so caches turn over
    assert client.get("/api/v1/latest").json()["meta"]["data_version"] == after


def test_unknown_source_is_404(writable: tuple[FastAPI, TestClient]) -> None:
    _, client = writable
    response = client.post(
        "/api/v1/sync", json={"sources": ["nope"]}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert_problem(response, 404, "unknown-source")


def test_writes_are_off_when_no_token_is_configured(store_path: Path) -> None:
    app = create_app(make_settings(store_path, api_token=None))
    with TestClient(app) as client:
        body = assert_problem(
            client.post("/api/v1/sync", headers={"Authorization": "Bearer anything"}),
            401,
            "unauthorized",
        )
    assert "disabled" in body["detail"]


def test_sources_status_is_public(client: TestClient) -> None:
    rows = {r["source"]: r for r in client.get("/api/v1/sources").json()["data"]}
    assert rows["official_en"]["observations"] > 0
    assert rows["russianwarship"]["last_status"] in ("ok", "unchanged")
