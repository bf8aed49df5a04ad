"""A real canonical series for the claim tests.

Until the store pipeline lands, the series is built straight from the recorded PetroIvaniuk JSON
(single_source cells, keys mapped through ``categories.for_source_key``) with the report URLs of
orc-losses' ``sourceUri``. Once ``losswatch.pipeline.build_series_from_dir`` exists it is used
instead, unchanged tests and all.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from losswatch import categories
from losswatch.models import CanonicalValue, Status
from losswatch.series import Series

NOT_FIGURES = {"date", "day", "greatest losses direction", "personnel*"}


def _fallback_series(sources_dir: Path) -> Series:
    folder = sources_dir / "petroivaniuk"
    values: list[CanonicalValue] = []
    for name in ("russia_losses_equipment.json", "russia_losses_personnel.json"):
        for record in json.loads((folder / name).read_text(encoding="utf-8")):
            day = dt.date.fromisoformat(record["date"])
            for key, value in record.items():
                if key in NOT_FIGURES or not isinstance(value, int):
                    continue
                cat = categories.for_source_key("petroivaniuk", key, day)
                if cat is not None:
                    values.append(CanonicalValue(day, cat.key, value, Status.SINGLE_SOURCE,
                                                 "fallback:petroivaniuk"))
    urls: dict[dt.date, str] = {}
    orc = sources_dir / "orc-losses" / "russian-losses.json"
    if orc.exists():
        for row in json.loads(orc.read_text(encoding="utf-8")):
            if row.get("sourceUri"):
                urls[dt.date.fromisoformat(row["date"])] = row["sourceUri"]
    return Series.from_values(values, urls)


@pytest.fixture(scope="session")
def series(sources_dir: Path) -> Series:
    try:
        from losswatch.pipeline import build_series_from_dir  # type: ignore[import-not-found]
    except ImportError:
        return _fallback_series(sources_dir)
    return build_series_from_dir(sources_dir)


@pytest.fixture(scope="session")
def huffpost(shared_dir: Path) -> str:
    return (shared_dir / "articles" / "huffpost-russian-losses-480-in-one-day.txt").read_text(
        encoding="utf-8")
