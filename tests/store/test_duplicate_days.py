"""A conflicting duplicate day does not defeat the quarantine (issue 14, point 2), and one
source's fall below the canonical series never becomes canonical without corroboration."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from tests.api.lw_api_support import TestClient
from typer.testing import CliRunner

from losswatch.api import create_app
from losswatch.cli import _register, app
from losswatch.models import Status
from losswatch.pipeline import sync
from losswatch.reconcile import Evidence, reconcile
from losswatch.settings import Settings
from losswatch.store import schema as s
from losswatch.store.engine import open_store
from losswatch.store.queries import sources_status

ORC = "russian-losses.json"
MORNING = dt.datetime(2026, 8, 23, 9, 0, tzinfo=dt.UTC)
_register()


def _tree(root: Path, records: list[dict[str, Any]]) -> Path:
    (root / "orc-losses").mkdir(parents=True)
    (root / "orc-losses" / ORC).write_text(json.dumps(records), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def orc_records(sources_dir: Path) -> list[dict[str, Any]]:
    return list(json.loads((sources_dir / "orc-losses" / ORC).read_bytes()))


def test_a_new_bad_day_hidden_behind_a_repeated_bad_day_is_quarantined(
    store_url: str, orc_records: list[dict[str, Any]], tmp_path: Path
) -> None:
    """The file adds 2026-08-23 with personnel 100 and states 2026-08-22 twice, the second
    time with the same 100: the new day used to be tested against the bad copy and pass."""
    newest = orc_records[0]
    assert newest["date"] == "2026-08-22" and newest["personnel"] == 1_475_270
    engine = open_store(store_url)
    assert sync(engine, Settings(), from_dir=_tree(tmp_path / "clean", orc_records)).ok
    new_day = dict(newest, date="2026-08-23", personnel=100)
    broken = [new_day, newest, dict(newest, personnel=100), *orc_records[1:]]
    sync(engine, Settings(), from_dir=_tree(tmp_path / "broken", broken))

    with engine.connect() as conn:
        obs = conn.execute(
            select(s.observations.c.value, s.observations.c.quarantined).where(
                s.observations.c.report_date == dt.date(2026, 8, 23),
                s.observations.c.category == "personnel",
            )
        ).one()
        warnings = conn.execute(
            select(s.snapshots.c.warnings).order_by(s.snapshots.c.id.desc()).limit(1)
        ).scalar_one()
    assert tuple(obs) == (100, True)
    # the duplicate is a finding on the snapshot, naming both statements and where they stand
    [finding] = [w for w in warnings if "stated twice" in w]
    assert "2026-08-22 personnel" in finding and "1475270 ($[1].personnel)" in finding
    assert "100 ($[2].personnel)" in finding
    [orc] = [r for r in sources_status(engine) if r["source"] == "orc_losses"]
    assert orc["last_status"] == "partial" and "stated twice" in orc["last_error"]

    settings = Settings(database_url=store_url, data_dir=tmp_path)
    with TestClient(create_app(settings, clock=lambda: MORNING)) as client:
        latest = client.get("/api/v1/latest").json()["data"]
        day = client.get("/api/v1/reports/2026-08-23").json()["data"]
    personnel = {c["category"]: c for c in latest["values"]}["personnel"]
    assert (personnel["value"], latest["report_date"]) == (1_475_270, "2026-08-22")
    assert all((c["increment"] or 0) >= 0 for c in latest["values"])
    assert "personnel" not in {c["category"] for c in day["values"]}
    assert day["report_date"] == "2026-08-23"

    doctor = CliRunner().invoke(app, ["--db", store_url, "doctor"])
    assert "warn  withheld" in doctor.stdout and "stated twice" in doctor.stdout
    assert "orc_losses personnel 2026-08-23: 100 falls" in doctor.stdout


def _evidence(cells: dict[str, dict[str, int]]) -> Evidence:
    evidence = Evidence()
    for day, by_source in cells.items():
        for source, value in by_source.items():
            evidence.add(source, dt.date.fromisoformat(day), "personnel", value, None)
    return evidence


def test_one_sources_fall_below_the_canonical_series_is_withheld() -> None:
    """Two days in a row below the series from one source: neither becomes canonical (the
    second is not tested against the withheld first); a fall two sources agree on is taken."""
    evidence = _evidence(
        {
            "2026-08-20": {"orc_losses": 1_474_000, "petroivaniuk": 1_474_000},
            "2026-08-21": {"orc_losses": 1_475_000, "petroivaniuk": 1_475_000},
            "2026-08-22": {"orc_losses": 1_475_100},
            "2026-08-23": {"orc_losses": 1_475_050},
            "2026-08-24": {"orc_losses": 1_475_080},
            "2026-08-25": {"orc_losses": 1_476_000},
        }
    )
    cells = {
        cv.report_date.isoformat(): cv for cv in reconcile(evidence) if cv.category == "personnel"
    }
    for day in ("2026-08-22", "2026-08-25"):
        assert cells[day].status is Status.SINGLE_SOURCE
    for day, value in (("2026-08-23", 1_475_050), ("2026-08-24", 1_475_080)):
        withheld = cells[day]
        assert withheld.value is None and withheld.rule == "uncorroborated-fall"
        assert [(d.source, d.value) for d in withheld.dissent] == [("orc_losses", value)]

    agreed = _evidence(
        {
            "2026-08-21": {"orc_losses": 1_475_000, "petroivaniuk": 1_475_000},
            "2026-08-22": {"orc_losses": 1_474_990, "petroivaniuk": 1_474_990},
        }
    )
    [last] = [
        cv
        for cv in reconcile(agreed)
        if cv.category == "personnel" and cv.report_date == dt.date(2026, 8, 22)
    ]
    assert last.value == 1_474_990
