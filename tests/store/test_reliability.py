"""Reliability of the store (issue 8): rebuild from raw bytes, broken sources, two syncs at once,
readers during a sync, and the ``--every`` loop. Crash safety is in test_crash.py."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, func, select
from tests.conftest import child_env
from typer.testing import CliRunner

from losswatch.cli import _register, app
from losswatch.cli.data import _duration
from losswatch.errors import UsageError
from losswatch.pipeline import sync
from losswatch.settings import Settings
from losswatch.sources import NAMES
from losswatch.sources.orc_losses import URL as ORC_URL
from losswatch.store import schema as s
from losswatch.store.engine import open_store
from losswatch.store.integrity import check_integrity

D = dt.date.fromisoformat
ORC = "russian-losses.json"

_register()


# --- helpers ----------------------------------------------------------------------------------


def invoke(*args: str, db: str) -> Any:
    """The CLI in-process (as tests/test_cli.py does), on the store ``db``."""
    return CliRunner().invoke(app, ["--db", db, *args], catch_exceptions=True)


def losswatch(url: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "losswatch", "--db", url, *args]


def count(engine: Engine, table: Any) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def series(engine: Engine) -> dict[tuple[dt.date, str], tuple[int | None, int | None]]:
    """The canonical series: value and increment per cell."""
    with engine.connect() as conn:
        return {
            (r.report_date, r.category): (r.value, r.increment)
            for r in conn.execute(
                select(
                    s.canonical.c.report_date,
                    s.canonical.c.category,
                    s.canonical.c.value,
                    s.canonical.c.increment,
                )
            )
        }


def small_subset(sources_dir: Path, root: Path) -> Path:
    """Two years of orc-losses and October 2022 of the official texts: a sync of a second."""
    (root / "official_en").mkdir(parents=True)
    (root / "orc-losses").mkdir()
    records = json.loads((sources_dir / "orc-losses" / ORC).read_bytes())
    (root / "orc-losses" / ORC).write_text(
        json.dumps([r for r in records if "2022-07-01" <= r["date"] <= "2024-06-30"]),
        encoding="utf-8",
    )
    for f in sorted((sources_dir / "official_en").glob("2022-10-*.txt"))[:30]:
        (root / "official_en" / f.name).symlink_to(f)
    return root


def aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def runs(engine: Engine) -> list[Any]:
    with engine.connect() as conn:
        return list(conn.execute(select(s.sync_runs).order_by(s.sync_runs.c.started_at)))


# --- 1. rebuild -------------------------------------------------------------------------------


def derived_state(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """What rebuild recomputes (observations, revisions, corrections, canonical) and the
    snapshots' parse status, without the wall-clock columns."""
    obs, rev, snap = s.observations.c, s.revisions.c, s.snapshots.c
    dump = lambda v: json.dumps(v, sort_keys=True)  # noqa: E731
    with engine.connect() as conn:
        state = {
            "snapshots": [
                tuple(r)
                for r in conn.execute(select(snap.id, snap.status, snap.error_code, snap.figures))
            ],
            "observations": [
                tuple(r)
                for r in conn.execute(
                    select(
                        obs.source,
                        obs.report_date,
                        obs.category,
                        obs.value,
                        obs.stated_increment,
                        obs.snapshot_id,
                        obs.location,
                        obs.source_url,
                        obs.quarantined,
                        obs.quarantine_reason,
                    )
                )
            ],
            "revisions": [
                tuple(r)
                for r in conn.execute(
                    select(
                        rev.source,
                        rev.report_date,
                        rev.category,
                        rev.old_value,
                        rev.new_value,
                        rev.old_increment,
                        rev.new_increment,
                        rev.old_snapshot_id,
                        rev.new_snapshot_id,
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
                        s.corrections.c.snapshot_id,
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
                    dump(r.supporting),
                    dump(r.dissent),
                    dump(r.flags),
                )
                for r in conn.execute(select(s.canonical))
            ],
        }
    return {name: sorted(rows, key=repr) for name, rows in state.items()}


def test_rebuild_recomputes_the_same_store_from_the_raw_bytes(
    store_url: str, recorded_subset: Path, tmp_path: Path
) -> None:
    engine = open_store(store_url)
    assert sync(engine, Settings(), from_dir=recorded_subset).ok
    # Synced second: a changed official text (a revision, and a slipped digit that is
    # quarantined without displacing the stored value) and a text that does not parse.
    changed = tmp_path / "changed" / "official_en"
    changed.mkdir(parents=True)
    text = (recorded_subset / "official_en" / "2022-10-26.txt").read_text(encoding="utf-8")
    assert "2628 (+17)" in text and "1686 (+12)" in text
    (changed / "2022-10-26.txt").write_text(
        text.replace("2628 (+17)", "2629 (+18)").replace("1686 (+12)", "16860 (+12)"),
        encoding="utf-8",
    )
    (changed / "2022-10-31.txt").write_text("<html>Service unavailable</html>", encoding="utf-8")
    second = sync(engine, Settings(), from_dir=changed.parent, sources=["official_en"])
    [result] = second.results
    assert (result.changed_observations, result.failed) == (1, 1)
    assert len(result.rejected) == 1 and "16860" in result.rejected[0]

    before = derived_state(engine)
    assert [r[3:5] for r in before["revisions"]] == [(2628, 2629)]
    assert any(r[8] for r in before["observations"]), "the subset holds a quarantined cell"
    assert [r[1:3] for r in before["snapshots"] if r[1] != "ok"] == [("failed", "parse-error")]
    assert len(before["canonical"]) > 20_000

    rebuilt = invoke("rebuild", db=store_url)
    assert rebuilt.exit_code == 0, rebuilt.output
    after = derived_state(engine)
    for name in before:
        assert after[name] == before[name], name


# --- 3. broken sources ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def clean_store(
    sources_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[tuple[dt.date, str], tuple[int | None, int | None]]]:
    """A SQLite store synced from clean data (three JSON sources and October 2022 of the
    official texts), copied per test, and its canonical series."""
    base = tmp_path_factory.mktemp("clean")
    root = base / "sources"
    root.mkdir()
    for name in ("petroivaniuk", "orc-losses", "russianwarship"):
        (root / name).symlink_to(sources_dir / name, target_is_directory=True)
    (root / "official_en").mkdir()
    for f in sorted((sources_dir / "official_en").glob("2022-10-2*.txt")):
        (root / "official_en" / f.name).symlink_to(f)
    path = base / "clean.db"
    engine = open_store(f"sqlite:///{path}")
    assert sync(engine, Settings(), from_dir=root).ok
    canonical = series(engine)
    engine.dispose()  # checkpoints the WAL into the file, so a plain copy is the whole store
    return path, canonical


def _records(raw: bytes) -> list[dict[str, Any]]:
    return list(json.loads(raw))


def _dump(records: list[dict[str, Any]]) -> bytes:
    return json.dumps(records, indent=2).encode()


def _scaled(
    records: list[dict[str, Any]], index: slice | int, factor: float
) -> list[dict[str, Any]]:
    """Every count of the records at ``index`` multiplied by ``factor`` (rounded down)."""
    chosen = records[index] if isinstance(index, slice) else [records[index]]
    for record in chosen:
        for key, value in record.items():
            if isinstance(value, int):
                record[key] = int(value * factor)
    return records


def _future(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    newest = dict(records[0], date=(dt.date.today() + dt.timedelta(days=30)).isoformat())
    return [{k: v + 100 if isinstance(v, int) else v for k, v in newest.items()}, *records]


def _oversized(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    records[0]["personnel"], records[5]["tanks"] = 2**63, 10**30
    return records


def _renamed(records: list[dict[str, Any]], old: str, new: str) -> list[dict[str, Any]]:
    return [{(new if k == old else k): v for k, v in r.items()} for r in records]


def _suffixed(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A schema change: every count field renamed ("tanks" -> "tanksTotal")."""
    return [
        {(k if k in ("date", "sourceUri") else f"{k}Total"): v for k, v in r.items()}
        for r in records
    ]


HTML_ERROR = (
    b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>"
    b"<body><h1>502 Bad Gateway</h1></body></html>"
)

# name -> (the broken copy of orc-losses from the good bytes, the expected outcome): one of
# ("failed", error code, message part), ("quarantined", reason part, new cells kept out),
# ("rejected", reason part, restated cells not stored) or ("unnoticed", renamed field, 0): the
# stored cells stand and the snapshot's warnings name the unknown field
BROKEN: dict[str, tuple[Callable[[bytes], bytes], tuple[str, str, Any]]] = {
    "garbage bytes": (lambda raw: random.Random(8).randbytes(4096), ("failed", "parse-error", "")),
    "empty list": (lambda raw: b"[]", ("failed", "parse-error", "non-empty JSON list")),
    "truncated": (lambda raw: raw[: len(raw) // 2], ("failed", "parse-error", "invalid JSON")),
    "html error page": (
        lambda raw: HTML_ERROR,
        ("failed", "parse-error", "invalid JSON (looks like HTML)"),
    ),
    "renamed date field": (
        lambda raw: _dump(_renamed(_records(raw), "date", "reportDate")),
        ("failed", "parse-error", "record without a date"),
    ),
    "renamed count fields": (
        lambda raw: _dump(_suffixed(_records(raw))),
        ("failed", "parse-error", "no known category fields"),
    ),
    # one field renamed: the other fields still parse, personnel is no longer stated
    "one renamed field": (
        lambda raw: _dump(_renamed(_records(raw), "personnel", "killed")),
        ("unnoticed", "killed", 0),
    ),
    # the newest three days fall to a tenth: restatements, rejected; the stored values stand
    "values going backwards": (
        lambda raw: _dump(_scaled(_records(raw), slice(0, 3), 0.1)),
        ("rejected", "falls to under a fifth", 3 * 14),
    ),
    "a future report date": (
        lambda raw: _dump(_future(_records(raw))),
        ("quarantined", "future report date", 14),
    ),
    # restated counts too large for the database (2^63, 10^30): the stored values stand, the
    # run is partial with a coded error instead of a crash (issue 14)
    "numbers beyond 64 bits": (
        lambda raw: _dump(_oversized(_records(raw))),
        ("out-of-range", "[value-out-of-range]", 2),
    ),
    # one day in May 2026 (petroivaniuk reports it too) at ten times its neighbours
    "ten times its neighbours": (
        lambda raw: _dump(_scaled(_records(raw), 100, 10)),
        ("rejected", "over five times its neighbours", 13),
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_source_is_coded_or_quarantined_and_the_canonical_series_holds(
    case: str, clean_store: tuple[Path, dict[Any, Any]], sources_dir: Path, tmp_path: Path
) -> None:
    clean_path, clean_series = clean_store
    shutil.copy(clean_path, tmp_path / "store.db")
    url = f"sqlite:///{tmp_path / 'store.db'}"
    engine = open_store(url)
    with engine.connect() as conn:
        quarantined_before = conn.execute(
            select(func.count()).where(
                s.observations.c.source == "orc_losses", s.observations.c.quarantined
            )
        ).scalar()
    mutate, (kind, code_or_reason, detail) = BROKEN[case]
    broken = tmp_path / "broken" / "orc-losses"
    broken.mkdir(parents=True)
    (broken / ORC).write_bytes(mutate((sources_dir / "orc-losses" / ORC).read_bytes()))

    summary = sync(engine, Settings(), from_dir=broken.parent, sources=["orc_losses"])
    [result] = summary.results
    assert series(engine) == clean_series
    [run] = [r for r in runs(engine) if r.source == "orc_losses"][-1:]
    [status] = [
        r
        for r in json.loads(invoke("sources", "--json", db=url).stdout)
        if r["source"] == "orc_losses"
    ]
    if kind == "failed":
        assert result.failed == 1 and not summary.ok
        with engine.connect() as conn:
            snap = conn.execute(select(s.snapshots).where(s.snapshots.c.status == "failed")).one()
        assert snap.error_code == code_or_reason and detail in snap.error_message
        assert snap.content == (broken / ORC).read_bytes()  # the bytes are kept for audit
        assert (run.status, run.error_code) == ("partial", code_or_reason)
        assert status["last_status"] == "partial" and status["failed_snapshots"] == 1
        assert status["last_error"].startswith(f"[{code_or_reason}]")
    elif kind == "out-of-range":  # restatements that cannot be stored: kept out, run partial
        assert not summary.ok and len(result.rejected) == detail == result.out_of_range
        assert all(code_or_reason in note for note in result.rejected)
        assert (run.status, run.error_code) == ("partial", "value-out-of-range")
        assert status["last_error"].startswith(f"[value-out-of-range] {detail} figures")
    elif kind == "unnoticed":  # the stored cells stand; the unknown field is reported
        assert summary.ok and (result.new_observations, result.changed_observations) == (0, 0)
        with engine.connect() as conn:
            warnings = conn.execute(
                select(s.snapshots.c.warnings).order_by(s.snapshots.c.id.desc()).limit(1)
            ).scalar_one()
        assert any(f".{code_or_reason}: unknown field" in w for w in warnings), warnings[:3]
    else:
        assert summary.ok and result.quarantined == detail
        with engine.connect() as conn:
            held = (
                conn.execute(
                    select(s.observations.c.quarantine_reason).where(
                        s.observations.c.source == "orc_losses", s.observations.c.quarantined
                    )
                )
                .scalars()
                .all()
            )
        new_cells = len(held) - quarantined_before
        if kind == "rejected":  # restatements: the clean stored values stand, the run says so
            assert new_cells == 0 and len(result.rejected) == detail
            assert all(code_or_reason in note for note in result.rejected)
            assert (run.status, run.error_code) == ("partial", "data-error")
            assert status["last_status"] == "partial"
            assert status["last_error"].startswith(f"[data-error] {detail} restated")
        else:  # new cells: stored, flagged with the reason, kept out of the series
            assert not result.rejected and new_cells == detail
            assert sum(code_or_reason in (r or "") for r in held) == detail
            assert status["quarantined"] == quarantined_before + detail
    assert [f for f in check_integrity(engine) if f.level == "error"] == []


def test_quarantine_judges_each_day_against_the_last_value_that_passed(tmp_path: Path) -> None:
    """New cells, in document order newest first: a spike, the good day after it, and a run
    of three broken days; only the broken days are quarantined, each with its reason."""
    from losswatch.models import ParsedFigure
    from losswatch.sources.base import RawDocument
    from losswatch.store.writes import IngestResult, insert_snapshot, upsert_figures

    engine = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    values = {
        "2024-03-01": 1000,
        "2024-03-02": 10100,
        "2024-03-03": 1020,
        "2024-03-04": 1030,
        "2024-03-05": 103,
        "2024-03-06": 104,
        "2024-03-07": 105,
        "2024-03-08": 1080,
    }
    figures = [ParsedFigure(D(day), "tanks", value) for day, value in reversed(values.items())]
    result = IngestResult("orc_losses")
    with engine.begin() as conn:
        snapshot = insert_snapshot(
            conn, "orc_losses", RawDocument("file:///x.json", b"[]"), status="ok"
        )
        upsert_figures(conn, "orc_losses", snapshot, figures, result, today=D("2024-03-08"))
    with engine.connect() as conn:
        held = {
            r.report_date.isoformat(): r.quarantine_reason
            for r in conn.execute(select(s.observations).where(s.observations.c.quarantined))
        }
    assert held == {
        "2024-03-02": "10100 is over five times its neighbours [1000, 1020]",
        "2024-03-05": "103 falls to under a fifth of the day before (1030)",
        "2024-03-06": "104 falls to under a fifth of the day before (1030)",
        "2024-03-07": "105 falls to under a fifth of the day before (1030)",
    }
    assert result.quarantined == 4 and result.new_observations == 8


@pytest.mark.parametrize(
    "content_type, code",
    [
        ("text/html; charset=utf-8", "bad-content-type"),  # refused before parsing
        ("text/plain; charset=utf-8", "parse-error"),  # raw.githubusercontent's type
    ],
)
def test_an_html_error_page_served_live_with_status_200(
    content_type: str, code: str, clean_store: tuple[Path, dict[Any, Any]], tmp_path: Path
) -> None:
    clean_path, clean_series = clean_store
    shutil.copy(clean_path, tmp_path / "store.db")
    url = f"sqlite:///{tmp_path / 'store.db'}"
    engine = open_store(url)
    snapshots = count(engine, s.snapshots)
    asked: list[str] = []

    def serve(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return httpx.Response(200, content=HTML_ERROR, headers={"content-type": content_type})

    with httpx.Client(transport=httpx.MockTransport(serve)) as client:
        summary = sync(engine, Settings(http_retries=0), client=client, sources=["orc_losses"])
    assert asked == [ORC_URL] and not summary.ok
    assert series(engine) == clean_series
    [run] = runs(engine)[-1:]
    [status] = [
        r
        for r in json.loads(invoke("sources", "--json", db=url).stdout)
        if r["source"] == "orc_losses"
    ]
    assert run.mode == "live" and run.error_code == code
    assert status["last_error"].startswith(f"[{code}]")
    if code == "bad-content-type":  # nothing fetched: the run failed, no snapshot
        assert run.status == status["last_status"] == "failed"
        assert count(engine, s.snapshots) == snapshots
    else:  # stored as a failed snapshot with its status and bytes
        assert run.status == status["last_status"] == "partial"
        with engine.connect() as conn:
            snap = conn.execute(select(s.snapshots).where(s.snapshots.c.status == "failed")).one()
        assert (snap.url, snap.http_status, snap.content) == (ORC_URL, 200, HTML_ERROR)
        assert "looks like HTML" in snap.error_message


# --- 4. concurrency ---------------------------------------------------------------------------


@pytest.fixture
def subset(sources_dir: Path, tmp_path: Path) -> Path:
    return small_subset(sources_dir, tmp_path / "sources")


@pytest.fixture
def texts(sources_dir: Path, tmp_path: Path) -> Path:
    """October 2022 of the official texts alone: a sync that is mostly start-up."""
    root = tmp_path / "texts"
    (root / "official_en").mkdir(parents=True)
    for f in sorted((sources_dir / "official_en").glob("2022-10-*.txt"))[:30]:
        (root / "official_en" / f.name).symlink_to(f)
    return root


def test_two_syncs_at_once_are_serialized_and_both_complete(
    store_url: str, subset: Path, tmp_path: Path
) -> None:
    engine = open_store(store_url)
    children = [
        subprocess.Popen(
            losswatch(store_url, "sync", "--from-dir", str(subset)),
            cwd=tmp_path,
            env=child_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    outcomes = [(child.wait(timeout=120), child.communicate()[1]) for child in children]
    assert [code for code, _ in outcomes] == [0, 0], [err.decode() for _, err in outcomes]

    done = runs(engine)
    assert len(done) == 2 * len(NAMES)
    first, second = done[: len(NAMES)], done[len(NAMES) :]
    assert {r.source for r in first} == {r.source for r in second} == set(NAMES)
    # one sync after the other: the second started after the first had finished, and found
    # everything stored already
    assert max(aware(r.finished_at) for r in first) <= min(aware(r.started_at) for r in second)
    assert sum(r.snapshots for r in first) == 31
    assert {r.status for r in second} == {"unchanged"} and sum(r.snapshots for r in second) == 0
    assert count(engine, s.snapshots) == 31
    with engine.connect() as conn:
        cells = conn.execute(
            select(func.count()).select_from(
                select(
                    s.observations.c.source, s.observations.c.report_date, s.observations.c.category
                )
                .distinct()
                .subquery()
            )
        ).scalar_one()
    assert cells == count(engine, s.observations) > 7_000
    assert [f for f in check_integrity(engine) if f.level == "error"] == []


def test_sync_waits_for_the_lock_and_wait_0_fails_fast(
    store_url: str, texts: Path, tmp_path: Path
) -> None:
    from losswatch.store.lock import store_lock

    engine = open_store(store_url)
    with store_lock(engine):  # another sync is running
        fast, patient = (
            subprocess.Popen(
                losswatch(store_url, "sync", "--from-dir", str(texts), "--wait", wait),
                cwd=tmp_path,
                env=child_env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            for wait in ("0", "60")
        )
        assert fast.wait(timeout=60) == 5
        assert b"sync-locked" in fast.communicate()[1]
        time.sleep(0.5)  # the patient one, started at the same moment, is waiting too
        assert patient.poll() is None
        released = dt.datetime.now(dt.UTC)
    assert patient.wait(timeout=60) == 0, patient.communicate()[1].decode()
    patient.communicate()
    assert min(aware(r.started_at) for r in runs(engine)) >= released
    assert count(engine, s.snapshots) == 30


def test_readers_see_the_old_or_the_new_canonical_series_never_a_mix(
    store_url: str, subset: Path, tmp_path: Path
) -> None:
    engine = open_store(store_url)
    assert sync(engine, Settings(), from_dir=subset, sources=["orc_losses"]).ok
    revised = tmp_path / "revised" / "orc-losses"
    revised.mkdir(parents=True)
    records = _records((subset / "orc-losses" / ORC).read_bytes())
    for record in records:
        record["personnel"] += 7
    (revised / ORC).write_bytes(_dump(records))
    query = select(func.count(), func.sum(s.canonical.c.value))

    def fingerprint() -> tuple[int, int]:
        with engine.connect() as conn:
            n, total = conn.execute(query).one()
        return int(n), int(total)

    before = fingerprint()
    seen: list[tuple[int, int]] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            seen.append(fingerprint())

    reader = threading.Thread(target=read)
    reader.start()
    try:
        while not seen:
            time.sleep(0.001)
        summary = sync(engine, Settings(), from_dir=revised.parent, sources=["orc_losses"])
        during = len(seen)
    finally:
        stop.set()
        reader.join()
    after = fingerprint()
    assert summary.results[0].changed_observations == len(records)
    assert summary.reconciled_cells == before[0] and after[0] == before[0]
    assert after[1] - before[1] == 7 * len(records)
    assert during > 20, "the reader must have read while the sync ran"
    assert set(seen) <= {before, after}, [fp for fp in set(seen) if fp not in (before, after)]


# --- 5. scheduled operation -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, seconds",
    [("1s", 1), ("45s", 45), ("30m", 1800), ("1h", 3600), ("1.5h", 5400), ("1d", 86400)],
)
def test_every_accepts_durations(text: str, seconds: float) -> None:
    assert _duration(text) == seconds


@pytest.mark.parametrize("text", ["", "10", "h", "1w", "-1h", "0s", "nanm", "infs"])
def test_every_refuses_what_is_not_a_positive_duration(text: str) -> None:
    with pytest.raises(UsageError, match="duration must look like"):
        _duration(text)


def test_every_refuses_a_bad_duration_before_syncing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    result = invoke("sync", "--from-dir", str(tmp_path), "--every", "-5m", db=url)
    assert result.exit_code == 2 and "duration must look like" in result.output
    assert runs(open_store(url)) == []


def test_sync_every_keeps_syncing(subset: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    engine = open_store(url)
    child = subprocess.Popen(
        losswatch(url, "sync", "--from-dir", str(subset), "--every", "1s"),
        cwd=tmp_path,
        env=child_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and child.poll() is None:
            if all(sum(r.source == n for r in runs(engine)) >= 2 for n in NAMES):
                break
            time.sleep(0.1)
    finally:
        child.kill()
        child.wait()
    done = runs(engine)
    by_source = {n: [r for r in done if r.source == n] for n in NAMES}
    assert all(len(r) >= 2 for r in by_source.values()), {n: len(r) for n, r in by_source.items()}
    for first, again in (r[:2] for r in by_source.values()):
        assert first.status in ("ok", "unchanged") and again.status == "unchanged"
        assert aware(again.started_at) - aware(first.finished_at) >= dt.timedelta(seconds=0.9)
