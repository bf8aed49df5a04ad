"""Crash safety: a sync SIGKILLed at any moment leaves a store that the next sync completes.

A reference store is synced once without kills; then the same sync runs in a subprocess that is
killed at several moments spread over the reference run's duration, a new sync runs, and the
store must hold exactly the reference's snapshots, observations, revisions, corrections and
canonical rows (no duplicate, partial or lost rows), with no lock left behind.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, delete, func, select
from tests.conftest import child_env

from losswatch.pipeline import sync
from losswatch.settings import Settings
from losswatch.store import schema as s
from losswatch.store.engine import open_store
from losswatch.store.integrity import check_integrity
from losswatch.store.writes import reconcile_pending

pytestmark = pytest.mark.slow

KILLS = 6
OFFICIAL_TEXTS = 30
ORC_FROM, ORC_TO = "2022-07-01", "2024-06-30"


@pytest.fixture
def crash_subset(sources_dir: Path, tmp_path: Path) -> Path:
    """Two years of orc-losses (one JSON of ~8,000 cells: a long transaction) and 30 official
    texts of October 2022 (many small ones, symlinked), so one sync takes a second or two."""
    root = tmp_path / "crash-sources"
    (root / "official_en").mkdir(parents=True)
    (root / "orc-losses").mkdir()
    records = json.loads((sources_dir / "orc-losses" / "russian-losses.json").read_bytes())
    (root / "orc-losses" / "russian-losses.json").write_text(
        json.dumps([r for r in records if ORC_FROM <= r["date"] <= ORC_TO], indent=2),
        encoding="utf-8",
    )
    for f in sorted((sources_dir / "official_en").glob("2022-10-*.txt"))[:OFFICIAL_TEXTS]:
        (root / "official_en" / f.name).symlink_to(f)
    return root


def losswatch(url: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "losswatch", "--db", url, *args]


def _json(value: object) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def fingerprint(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored row that a sync writes, without ids and wall-clock times."""
    snap = s.snapshots.c
    obs = s.observations.c
    with engine.connect() as conn:
        key = {
            r.id: (r.url, r.sha256) for r in conn.execute(select(snap.id, snap.url, snap.sha256))
        }
        tables = {
            "snapshots": [
                tuple(r)
                for r in conn.execute(
                    select(
                        snap.source,
                        snap.url,
                        snap.sha256,
                        snap.size,
                        snap.status,
                        snap.error_code,
                        snap.figures,
                        snap.hint_date,
                    )
                )
            ],
            "observations": [
                (*r[:-1], key[r[-1]])
                for r in conn.execute(
                    select(
                        obs.source,
                        obs.report_date,
                        obs.category,
                        obs.value,
                        obs.stated_increment,
                        obs.location,
                        obs.source_url,
                        obs.quarantined,
                        obs.quarantine_reason,
                        obs.snapshot_id,
                    )
                )
            ],
            "revisions": [
                tuple(r)
                for r in conn.execute(
                    select(
                        s.revisions.c.source,
                        s.revisions.c.report_date,
                        s.revisions.c.category,
                        s.revisions.c.old_value,
                        s.revisions.c.new_value,
                    )
                )
            ],
            "corrections": [
                tuple(r)
                for r in conn.execute(
                    select(
                        s.corrections.c.source,
                        s.corrections.c.report_date,
                        s.corrections.c.category,
                        s.corrections.c.delta,
                    )
                )
            ],
            "canonical": [
                (
                    r.report_date,
                    r.category,
                    r.loss_day,
                    r.value,
                    r.increment,
                    r.status,
                    r.rule,
                    _json(r.supporting),
                    _json(r.dissent),
                    _json(r.flags),
                )
                for r in conn.execute(select(s.canonical))
            ],
            "locks": [tuple(r) for r in conn.execute(select(s.locks.c.name))],
        }
    return {name: sorted(rows, key=repr) for name, rows in tables.items()}


def empty_store(engine: Engine) -> None:
    """Back to a freshly migrated, empty store (children first, for the foreign keys)."""
    with engine.begin() as conn:
        for table in (
            s.canonical,
            s.revisions,
            s.corrections,
            s.observations,
            s.snapshots,
            s.sync_runs,
            s.locks,
            s.meta,
        ):
            conn.execute(delete(table))


def where_it_stopped(engine: Engine) -> str:
    with engine.connect() as conn:
        counts = {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (s.locks, s.snapshots, s.observations, s.canonical)
        }
    pending = reconcile_pending(engine)
    return (
        ("mid-sync, " if counts.pop("locks") else "before the lock, ")
        + ", ".join(f"{n} {name}" for name, n in counts.items())
        + (f", reconcile pending from {pending}" if pending else "")
    )


def _locked(engine: Engine) -> bool:
    with engine.connect() as conn:
        return conn.execute(select(s.locks.c.name)).first() is not None


def start_sync(
    url: str, subset: Path, cwd: Path, engine: Engine
) -> tuple[subprocess.Popen[bytes], float]:
    """Start ``losswatch sync`` in a child and return once it holds the store lock (or has
    ended), with that moment: kill times count from there, not from the interpreter's start."""
    child = subprocess.Popen(
        losswatch(url, "sync", "--from-dir", str(subset)),
        cwd=cwd,
        env=child_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    while child.poll() is None and not _locked(engine):
        time.sleep(0.005)
    return child, time.monotonic()


def test_a_sync_killed_at_any_moment_is_completed_by_the_next(
    store_url: str, crash_subset: Path, tmp_path: Path
) -> None:
    engine = open_store(store_url)  # migrated once: a kill during migrations is not this test
    child, locked = start_sync(store_url, crash_subset, tmp_path, engine)
    while child.poll() is None and _locked(engine):
        time.sleep(0.005)
    span = time.monotonic() - locked  # how long the reference sync held the lock
    _, stderr = child.communicate()
    assert child.returncode == 0, stderr.decode()
    reference = fingerprint(engine)
    assert len(reference["snapshots"]) == 1 + OFFICIAL_TEXTS
    assert len(reference["observations"]) > 7_000 and len(reference["canonical"]) > 7_000
    assert reference["locks"] == []

    stops: list[str] = []
    for i in range(KILLS):
        empty_store(engine)
        child, locked = start_sync(store_url, crash_subset, tmp_path, engine)
        at = span * 0.95 * i / (KILLS - 1)
        time.sleep(max(0.0, locked + at - time.monotonic()))
        child.kill()
        code = child.wait()
        child.stderr.close()  # type: ignore[union-attr]
        stopped = "the sync had ended" if code == 0 else where_it_stopped(engine)
        stops.append(f"kill {at:.2f}s after the lock (span {span:.2f}s): {stopped}")
        if not stopped.startswith("mid-sync"):
            span = max(at, 0.1)  # this run was quicker than the reference: spread the rest
        if "reconcile pending" in stopped:  # doctor tells what to do about it
            assert {(f.check, f.level) for f in check_integrity(engine)} >= {
                ("reconcile", "warn")
            }, stops[-1]

        summary = sync(engine, Settings(), from_dir=crash_subset)
        assert summary.ok, (stops[-1], [r.errors for r in summary.results])
        assert fingerprint(engine) == reference, stops[-1]

    # The kills must have hit syncs at work, not only ones that had ended.
    assert sum("mid-sync" in stop for stop in stops) >= KILLS // 2, stops
    doctor = subprocess.run(
        losswatch(store_url, "doctor"),
        cwd=tmp_path,
        env=child_env(),
        capture_output=True,
        text=True,
    )
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert "error" not in doctor.stdout.split(), doctor.stdout


# A child that migrates a new store and SIGKILLs itself right after creating one of the tables.
_KILLED_MID_MIGRATION = """
import os, signal, sys
from alembic.operations import Operations
create = Operations.create_table
def create_then_die(self, name, *args, **kwargs):
    table = create(self, name, *args, **kwargs)
    if name == "snapshots":
        os.kill(os.getpid(), signal.SIGKILL)
    return table
Operations.create_table = create_then_die
from losswatch.store.engine import open_store
open_store(sys.argv[1])
"""


def test_a_store_killed_during_its_first_migration_can_be_opened_again(
    store_url: str, tmp_path: Path
) -> None:
    # On SQLite this needs store/engine.py's own BEGIN: pysqlite alone runs the CREATE TABLEs
    # outside a transaction and a kill leaves tables without alembic_version behind.
    child = subprocess.run(
        [sys.executable, "-c", _KILLED_MID_MIGRATION, store_url],
        cwd=tmp_path,
        env=child_env(),
        capture_output=True,
    )
    assert child.returncode == -signal.SIGKILL
    engine = open_store(store_url)
    (tmp_path / "sources" / "official_en").mkdir(parents=True)  # a tree with nothing new in it
    assert sync(engine, Settings(), from_dir=tmp_path / "sources").ok
