"""A real canonical series for the claim tests: the session's shared real store."""

from __future__ import annotations

from pathlib import Path

import pytest

from losswatch.series import Series


@pytest.fixture(scope="session")
def series(real_series: Series) -> Series:
    return real_series


@pytest.fixture(scope="session")
def huffpost(shared_dir: Path) -> str:
    return (shared_dir / "articles" / "huffpost-russian-losses-480-in-one-day.txt").read_text(
        encoding="utf-8")
