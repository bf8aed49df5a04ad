"""The stand-in series built straight from PetroIvaniuk agrees with the one the tests use."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from losswatch.series import Series

from .conftest import _fallback_series


@pytest.mark.parametrize("day", [dt.date(2022, 4, 17), dt.date(2022, 10, 26),
                                 dt.date(2024, 11, 29)])
def test_fallback_agrees_on_main_figures(sources_dir: Path, series: Series, day: dt.date) -> None:
    fallback = _fallback_series(sources_dir)
    for cat in ("personnel", "tanks", "afv", "artillery"):
        assert fallback.value(cat, day) == series.value(cat, day), (cat, day)
