"""No command loses data (issue 18): a rebuild never ends with less than it started with, a
``--db`` typo creates no folder, and ``show`` says when there is nothing to show."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select, update
from typer.testing import CliRunner

from losswatch.bundled import load_bundled_if_empty
from losswatch.cli import _register, app
from losswatch.pipeline import sync
from losswatch.settings import Settings
from losswatch.store import schema as s
from losswatch.store.engine import open_store

_register()


def invoke(*args: str, db: str) -> Any:
    return CliRunner().invoke(app, ["--db", db, *args], catch_exceptions=True)


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
            for t in (s.snapshots, s.observations, s.canonical)
        }


def test_rebuild_of_a_store_loaded_from_the_bundled_snapshot_is_refused(store_url: str) -> None:
    """`make run` offline fills the store from the bundled snapshot; `rebuild` emptied it."""
    engine = open_store(store_url)
    assert load_bundled_if_empty(engine) > 20_000
    before = counts(engine)
    result = invoke("rebuild", db=store_url)
    assert result.exit_code == 5, result.output
    assert "rebuild-refused" in result.output and "nothing was changed" in result.output
    assert counts(engine) == before
    shown = invoke("show", "2022-10-26", "--json", db=store_url)
    assert shown.exit_code == 0 and '"value": 68900' in shown.stdout


def test_a_rebuild_that_would_lose_observations_changes_nothing(
    store_url: str, recorded_subset: Path
) -> None:
    """A stored raw file that no longer parses (here: its bytes damaged in the store) would
    drop its observations: the rebuild is rolled back whole."""
    engine = open_store(store_url)
    assert sync(engine, Settings(), from_dir=recorded_subset).ok
    before = counts(engine)
    with engine.begin() as conn:
        victim = conn.execute(
            select(s.snapshots.c.id).where(s.snapshots.c.source == "orc_losses")
        ).scalar_one()
        conn.execute(
            update(s.snapshots).where(s.snapshots.c.id == victim).values(content=b"not json")
        )
    result = invoke("rebuild", db=store_url)
    assert result.exit_code == 5, result.output
    assert "rebuild-refused" in result.output
    assert counts(engine) == before
    with engine.connect() as conn:
        status = conn.execute(
            select(s.snapshots.c.status).where(s.snapshots.c.id == victim)
        ).scalar_one()
    assert status == "ok"  # the rolled-back re-parse marked nothing failed


def test_db_in_a_missing_folder_is_a_config_error_and_creates_nothing(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "store.db"
    result = invoke("sources", db=str(target))
    assert result.exit_code == 3, result.output
    assert "config-error" in result.output and "does not exist" in result.output
    assert not target.parent.exists()
    url = invoke("sources", db=f"sqlite:///{target}")
    assert url.exit_code == 3 and not target.parent.exists()


def test_show_a_date_without_a_report_names_the_nearest(real_store_url: str) -> None:
    for day, nearest in (
        ("2021-06-01", "2022-02-25"),  # before the war
        ("2031-01-01", None),  # the future: the newest stored report
    ):
        result = invoke("show", day, db=real_store_url)
        assert result.exit_code == 2, result.output
        assert "not-found" in result.output and f"no report for {day}" in result.output
        assert nearest is None or nearest in result.output
    typo = invoke("show", "2022-13-01", db=real_store_url)
    assert typo.exit_code == 2 and "invalid-date" in typo.output


def test_show_on_an_empty_store_is_an_error(tmp_path: Path) -> None:
    result = invoke("show", dt.date(2022, 10, 26).isoformat(), db=str(tmp_path / "e.db"))
    assert result.exit_code == 2, result.output
    assert "holds no reports" in result.output
