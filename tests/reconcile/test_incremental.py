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
    return {(cv.report_date, cv.category): (cv.value, cv.status, cv.increment)
            for cv in canonical_values(engine)}


def test_incremental_equals_full(recorded_subset: Path, tmp_path: Path) -> None:
    engine = open_store(f"sqlite:///{tmp_path / 'inc.db'}")
    sync(engine, Settings(), from_dir=recorded_subset)
    changed = tmp_path / "changed" / "official_en"
    changed.mkdir(parents=True)
    text = (recorded_subset / "official_en" / "2022-10-27.txt").read_text(encoding="utf-8")
    assert "2631 (+3)" in text
    (changed / "2022-10-27.txt").write_text(text.replace("2631 (+3)", "2632 (+4)"),
                                            encoding="utf-8")
    summary = sync(engine, Settings(), from_dir=changed.parent, sources=["official_en"])
    assert summary.touched_dates == {D("2022-10-27")}
    # only the cells from the touched date on are rewritten, not the whole history
    assert 0 < summary.reconciled_cells < 20_000
    incremental = snapshot(engine)
    reconcile_store(engine)
    assert snapshot(engine) == incremental
    # 2631 is what PetroIvaniuk and orc-losses say: the single changed official text loses
    assert incremental[(D("2022-10-27"), "tanks")][0] == 2631
