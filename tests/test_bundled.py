"""The bundled offline snapshot: small, made by our own pipeline, and loaded only when empty."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from losswatch.bundled import bundled_path, load_bundled_if_empty, read_bundled
from losswatch.series import Series
from losswatch.store.engine import open_store
from losswatch.store.queries import load_series


def test_bundled_snapshot_is_small_and_is_our_pipelines_output(real_series: Series) -> None:
    assert bundled_path().stat().st_size < 2_000_000
    values, payload = read_bundled()
    assert payload["made_by"] == "losswatch"
    bundled = {(cv.report_date, cv.category): cv.value for cv in values}
    current = {(cv.report_date, cv.category): cv.value for cv in real_series}
    differ = {k for k in bundled.keys() | current.keys() if bundled.get(k) != current.get(k)}
    assert not differ, (
        f"{len(differ)} cells differ from the pipeline, e.g. "
        f"{sorted(differ)[:3]}: regenerate with `losswatch snapshot-write`"
    )


def test_bundled_snapshot_loads_into_an_empty_store_only(tmp_path: Path) -> None:
    engine = open_store(f"sqlite:///{tmp_path / 'b.db'}")
    loaded = load_bundled_if_empty(engine)
    assert loaded > 20_000
    assert load_bundled_if_empty(engine) == 0
    series = load_series(engine)
    assert series.value("personnel", dt.date(2022, 10, 26)) == 68_900
    assert series.report_urls  # primary-source links survive the round trip
