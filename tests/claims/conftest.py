"""A real canonical series for the claim tests: the session's shared real store."""

from __future__ import annotations

import pytest

from losswatch.series import Series


@pytest.fixture(scope="session")
def series(real_series: Series) -> Series:
    return real_series
