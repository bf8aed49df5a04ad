"""The API on a PostgreSQL store: the schemathesis run, the escaping checks and a broken
source, as on SQLite (same code, other backend)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from pydantic import SecretStr

from losswatch.api import create_app
from losswatch.pipeline import sync
from losswatch.settings import Settings
from losswatch.store.engine import open_store
from losswatch.store.queries import canonical_values
from tests.api.lw_api_support import FIXED_NOW, TOKEN, TestClient, go_offline
from tests.api.test_api_errors import PAYLOAD
from tests.api.test_api_schema import check_schema
from tests.conftest import _fresh_pg_database

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_url(postgres_url: str, sources_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A PostgreSQL store synced from a small recorded subset (orc-losses, the russianwarship
    samples and October 2022 of the official English texts)."""
    root = tmp_path_factory.mktemp("pg-sources")
    for name in ("orc-losses", "russianwarship"):
        (root / name).symlink_to(sources_dir / name, target_is_directory=True)
    (root / "official_en").mkdir()
    for f in sorted((sources_dir / "official_en").glob("2022-10-*.txt")):
        (root / "official_en" / f.name).symlink_to(f)
    url = _fresh_pg_database(postgres_url, "t_api_pg")
    summary = sync(open_store(url), Settings(), from_dir=root)
    assert summary.ok, [r.errors for r in summary.results]
    return url


@pytest.fixture(scope="module")
def pg_app(pg_url: str, tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    settings = Settings(
        database_url=pg_url, data_dir=tmp_path_factory.mktemp("pg-data"), api_token=SecretStr(TOKEN)
    )
    return go_offline(create_app(settings, clock=lambda: FIXED_NOW))


@pytest.fixture(scope="module")
def pg_client(pg_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(pg_app) as client:
        yield client


def test_the_record_of_2022_10_26_on_postgres(pg_client: TestClient) -> None:
    rows = {
        r["category"]: r
        for r in pg_client.get("/api/v1/reports/2022-10-26").json()["data"]["values"]
    }
    assert rows["personnel"]["value"] == 68_900 and rows["personnel"]["increment"] == 480


def test_api_conforms_to_its_schema_on_postgres(pg_app: FastAPI) -> None:
    check_schema(pg_app, examples=8)


@pytest.mark.parametrize(
    "url",
    [
        f"/?date={PAYLOAD}",
        f"/explore?kind={PAYLOAD}",
        f"/audit?since={PAYLOAD}",
        f"/check/{PAYLOAD}",
    ],
)
def test_payloads_never_reflect_unescaped_on_postgres(pg_client: TestClient, url: str) -> None:
    response = pg_client.get(url, headers={"Accept": "text/html"})
    assert 400 <= response.status_code < 500
    assert "<script>alert" not in response.text


def test_api_errors_stay_json_on_postgres(pg_client: TestClient) -> None:
    response = pg_client.get(f"/api/v1/series/{PAYLOAD}")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.headers["x-content-type-options"] == "nosniff"


def test_check_form_escapes_a_script_on_postgres(pg_client: TestClient) -> None:
    text = f"Russia lost 2,628 tanks {PAYLOAD} since the start of the invasion."
    response = pg_client.post("/check", data={"text": text, "article_date": "2022-10-26"})
    assert response.status_code == 200
    assert "<script>alert" not in response.text and "&lt;script&gt;" in response.text


def test_a_broken_source_on_postgres_keeps_the_series(pg_url: str, tmp_path: Path) -> None:
    engine = open_store(pg_url)
    before = [(cv.report_date, cv.category, cv.value) for cv in canonical_values(engine)]
    broken = tmp_path / "orc-losses"
    broken.mkdir()
    (broken / "russian-losses.json").write_bytes(b'[{"date": "2022-10-26", "tanks": 26')
    summary = sync(engine, Settings(), from_dir=tmp_path, sources=["orc_losses"])
    assert summary.results[0].failed == 1 and "parse-error" in summary.results[0].errors[0]
    after = [(cv.report_date, cv.category, cv.value) for cv in canonical_values(engine)]
    assert after == before
