"""The store on real recorded data, the same tests on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from losswatch.errors import SyncLocked
from losswatch.pipeline import sync
from losswatch.settings import Settings
from losswatch.store import schema as s
from losswatch.store.engine import open_store, schema_version
from losswatch.store.lock import store_lock
from losswatch.store.queries import day_observations, load_series, revisions

D = dt.date.fromisoformat


def _count(engine, table) -> int:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def test_migrations_bring_an_empty_store_to_head(store_url: str) -> None:
    engine = open_store(store_url)
    current, head = schema_version(engine)
    assert current == head == "0002"
    open_store(store_url)  # a second upgrade is a no-op
    assert schema_version(engine)[0] == "0002"


def test_sync_loads_each_source_and_shows_2022_10_26(store_url: str, recorded_subset: Path) -> None:
    engine = open_store(store_url)
    summary = sync(engine, Settings(), from_dir=recorded_subset)
    assert summary.ok, [r.errors for r in summary.results]
    loaded = {r.source for r in summary.results if r.new_observations}
    assert loaded == {"official_en", "petroivaniuk", "orc_losses", "russianwarship"}
    obs = day_observations(engine, D("2022-10-26"))
    by = {(o.source, o.category): o for o in obs}
    for source in ("official_en", "petroivaniuk", "orc_losses"):
        assert by[(source, "personnel")].value == 68_900
        assert by[(source, "tanks")].value == 2_628
        assert by[(source, "vehicles_fuel_tanks")].value == 4_076
    assert by[("official_en", "personnel")].stated_increment == 480
    series = load_series(engine)
    assert series.value("personnel", D("2022-10-26")) == 68_900
    assert series.increment("personnel", D("2022-10-26")) == 480


def test_resync_of_unchanged_data_adds_nothing(store_url: str, recorded_subset: Path) -> None:
    engine = open_store(store_url)
    sync(engine, Settings(), from_dir=recorded_subset)
    before = {
        t.name: _count(engine, t) for t in (s.snapshots, s.observations, s.canonical, s.revisions)
    }
    again = sync(engine, Settings(), from_dir=recorded_subset)
    assert all(r.snapshots == 0 and r.new_observations == 0 for r in again.results)
    after = {
        t.name: _count(engine, t) for t in (s.snapshots, s.observations, s.canonical, s.revisions)
    }
    assert after == before


def test_a_broken_download_is_a_failed_snapshot_and_loses_nothing(
    store_url: str, recorded_subset: Path, tmp_path: Path
) -> None:
    engine = open_store(store_url)
    sync(engine, Settings(), from_dir=recorded_subset)
    stored = _count(engine, s.observations)
    broken = tmp_path / "broken" / "orc-losses"
    broken.mkdir(parents=True)
    good = (recorded_subset / "orc-losses" / "russian-losses.json").read_bytes()
    (broken / "russian-losses.json").write_bytes(good[: len(good) // 2])  # truncated
    summary = sync(engine, Settings(), from_dir=broken.parent, sources=["orc_losses"])
    [result] = summary.results
    assert result.failed == 1 and "parse-error" in result.errors[0]
    assert _count(engine, s.observations) == stored
    with engine.connect() as conn:
        row = conn.execute(select(s.snapshots).where(s.snapshots.c.status == "failed")).one()
    assert row.error_code == "parse-error" and row.size == len(good) // 2
    assert load_series(engine).value("personnel", D("2022-10-26")) == 68_900


def test_a_changed_value_is_a_revision_and_as_of_answers_the_past(
    store_url: str, recorded_subset: Path, tmp_path: Path
) -> None:
    engine = open_store(store_url)
    sync(engine, Settings(), from_dir=recorded_subset, sources=["official_en"])
    before_change = dt.datetime.now(dt.UTC)
    changed = tmp_path / "changed" / "official_en"
    changed.mkdir(parents=True)
    text = (recorded_subset / "official_en" / "2022-10-26.txt").read_text(encoding="utf-8")
    (changed / "2022-10-26.txt").write_text(
        text.replace("2628 (+17)", "2629 (+18)"), encoding="utf-8"
    )
    sync(engine, Settings(), from_dir=changed.parent, sources=["official_en"])
    [rev] = [r for r in revisions(engine, report_date=D("2022-10-26")) if r["category"] == "tanks"]
    assert (rev["old_value"], rev["new_value"]) == (2628, 2629)
    assert rev["old_snapshot_id"] != rev["new_snapshot_id"]
    now = {o.category: o.value for o in day_observations(engine, D("2022-10-26"))}
    past = {
        o.category: o.value for o in day_observations(engine, D("2022-10-26"), as_of=before_change)
    }
    assert (now["tanks"], past["tanks"]) == (2629, 2628)


def test_two_syncs_at_once_are_serialized(store_url: str) -> None:
    engine = open_store(store_url)
    with store_lock(engine), pytest.raises(SyncLocked), store_lock(engine):
        pass
    with store_lock(engine):  # released after the block
        pass


def test_a_from_dir_sync_quarantines_reports_after_the_day_it_runs_as(
    tmp_path: Path, sources_dir: Path
) -> None:
    """``sync(today=...)`` decides what is "from the future" for recorded files too: a sync
    run as of 2022-10-20 keeps the later October reports out of the canonical series."""
    root = tmp_path / "sources"
    (root / "official_en").mkdir(parents=True)
    for f in sorted((sources_dir / "official_en").glob("2022-10-1*.txt"))[-3:] + sorted(
        (sources_dir / "official_en").glob("2022-10-2[5-6]*.txt")
    ):
        (root / "official_en" / f.name).symlink_to(f)
    engine = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    summary = sync(engine, Settings(data_dir=tmp_path), from_dir=root, today=dt.date(2022, 10, 20))
    with engine.connect() as conn:
        held = {
            r.report_date
            for r in conn.execute(
                select(s.observations.c.report_date).where(s.observations.c.quarantined)
            )
        }
        canonical = {r.report_date for r in conn.execute(select(s.canonical.c.report_date))}
    assert summary.results[0].quarantined > 0
    assert held == {dt.date(2022, 10, 25), dt.date(2022, 10, 26)}
    assert max(canonical) <= dt.date(2022, 10, 21)
