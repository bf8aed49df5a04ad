"""Incremental reconciliation after a sync equals a full recomputation, and touches only the
dates from the first changed one on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from losswatch.pipeline import sync
from losswatch.reconcile import reconcile_store
from losswatch.settings import Settings
from losswatch.store.engine import open_store
from losswatch.store.queries import canonical_values

D = dt.date.fromisoformat


def snapshot(engine) -> dict:  # type: ignore[no-untyped-def,type-arg]
    return {
        (cv.report_date, cv.category): (cv.value, cv.status, cv.increment)
        for cv in canonical_values(engine)
    }


def test_incremental_equals_full(recorded_subset: Path, tmp_path: Path) -> None:
    engine = open_store(f"sqlite:///{tmp_path / 'inc.db'}")
    sync(engine, Settings(), from_dir=recorded_subset)
    changed = tmp_path / "changed" / "official_en"
    changed.mkdir(parents=True)
    text = (recorded_subset / "official_en" / "2022-10-27.txt").read_text(encoding="utf-8")
    assert "2631 (+3)" in text
    (changed / "2022-10-27.txt").write_text(
        text.replace("2631 (+3)", "2632 (+4)"), encoding="utf-8"
    )
    summary = sync(engine, Settings(), from_dir=changed.parent, sources=["official_en"])
    assert summary.touched_dates == {D("2022-10-27")}
    # only the cells from the touched date on are rewritten, not the whole history
    assert 0 < summary.reconciled_cells < 20_000
    incremental = snapshot(engine)
    reconcile_store(engine)
    assert snapshot(engine) == incremental
    # 2631 is what PetroIvaniuk and orc-losses say: the single changed official text loses
    assert incremental[(D("2022-10-27"), "tanks")][0] == 2631


def _copy(real_store_path: Path, tmp_path: Path) -> str:
    import sqlite3

    target = tmp_path / "copy.db"
    with sqlite3.connect(real_store_path) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return f"sqlite:///{target}"


def test_incremental_from_any_date_equals_full_on_the_real_store(
    real_store_path: Path, tmp_path: Path
) -> None:
    from losswatch.store.queries import data_version

    engine = open_store(_copy(real_store_path, tmp_path))
    full = snapshot(engine)
    before = data_version(engine)
    # 2025-10-26: personnel there leans on the "moves every day" rule, which looks a week back
    for start in ("2025-10-26", "2024-10-05", "2023-05-27", "2022-05-01"):
        reconcile_store(engine, dates={D(start)})
        assert snapshot(engine) == full, start
    assert data_version(engine) != before  # every rewrite is a new version, for ETags


def test_a_quarantined_future_row_does_not_stop_a_source(tmp_path: Path) -> None:
    from losswatch.models import ParsedFigure
    from losswatch.sources.base import RawDocument
    from losswatch.store.queries import latest_report_date
    from losswatch.store.writes import IngestResult, insert_snapshot, upsert_figures

    engine = open_store(f"sqlite:///{tmp_path / 'q.db'}")
    with engine.begin() as conn:
        sid = insert_snapshot(
            conn, "minfin", RawDocument(url="https://x.test/", content=b"x"), status="ok"
        )
        upsert_figures(
            conn,
            "minfin",
            sid,
            [
                ParsedFigure(D("2026-08-01"), "tanks", 12_000),
                ParsedFigure(D("2203-03-25"), "tanks", 12_010),
            ],  # a typo'd year
            IngestResult("minfin"),
            today=D("2026-08-02"),
        )
    assert latest_report_date(engine, "minfin") == D("2026-08-01")
