"""/healthz: data freshness and the last sync result, and what a broken source looks like."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from losswatch.api import create_app
from losswatch.pipeline import sync
from losswatch.settings import Settings
from losswatch.store.engine import open_store
from tests.api.lw_api_support import FIXED_NOW, TestClient, copy_store, make_settings


def test_healthz_reports_freshness_and_sources(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["newest_report_date"] == "2026-08-22"
    assert body["age_days"] == 0  # the fixed clock is 09:00 Kyiv on 2026-08-22
    assert body["last_sync"]["status"] in ("ok", "unchanged", "partial")
    assert {s["source"] for s in body["sources"]} >= {"petroivaniuk", "orc_losses"}
    # the official 2024-02-27 artillery "1009" is quarantined, so the state is not plain ok
    assert body["status"] == "degraded" and body["quarantined"]["official_en"] >= 1


def test_healthz_shows_a_failing_source_and_staleness(
    store_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = copy_store(store_path, tmp_path_factory.mktemp("health"))
    broken = tmp_path_factory.mktemp("broken") / "orc-losses"
    broken.mkdir()
    (broken / "russian-losses.json").write_text("<html>502 Bad Gateway</html>")
    sync(
        open_store(f"sqlite:///{path}"), Settings(), from_dir=broken.parent, sources=["orc_losses"]
    )
    later = FIXED_NOW + dt.timedelta(days=10)
    app = create_app(make_settings(path), clock=lambda: later)
    with TestClient(app) as client:
        body = client.get("/healthz").json()
    assert body["status"] == "stale" and body["age_days"] == 10
    assert body["failing_sources"] == ["orc_losses"]
    orc = next(s for s in body["sources"] if s["source"] == "orc_losses")
    assert "parse-error" in orc["last_error"]
