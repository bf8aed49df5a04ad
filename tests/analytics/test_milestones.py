"""Round-number milestones and the forecast of the next one, on the real series."""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest

from losswatch.analytics import milestones as m
from losswatch.analytics.forecast import forecast_crossing
from losswatch.errors import UnknownCategory
from losswatch.series import Series

D = dt.date.fromisoformat
ONE_DAY = dt.timedelta(days=1)


def test_every_crossing_is_the_first_report_at_or_above_the_threshold(series: Series) -> None:
    for key in ("personnel", "tanks", "uav", "ships"):
        for c in m.crossings(series, key):
            assert c.value >= c.threshold
            before = [series.value(key, d) for d in series.dates(key) if d < c.report_date]
            assert all(v is not None and v < c.threshold for v in before) or c.opening


def test_personnel_and_tank_milestone_dates(series: Series) -> None:
    personnel = {c.threshold: c.report_date for c in m.crossings(series, "personnel")}
    assert personnel[100_000] == D("2022-12-22")
    assert (
        series.value("personnel", D("2022-12-21"))
        < 100_000
        <= series.value("personnel", D("2022-12-22"))
    )
    assert sorted(personnel)[:3] == [100_000, 200_000, 300_000]
    assert 1_000_000 in personnel
    tanks = {c.threshold: c.report_date for c in m.crossings(series, "tanks")}
    assert {1_000, 5_000, 10_000} <= set(tanks)
    assert tanks[1_000] < tanks[5_000] < tanks[10_000]
    assert m.crossed_in_report(series, "personnel", D("2022-12-22"))[0].threshold == 100_000
    assert m.crossed_in_report(series, "personnel", D("2022-12-23")) == []


def test_milestones_list_the_next_one_with_a_forecast_quickly(series: Series) -> None:
    m.milestones(series, "personnel")  # imports statsmodels once
    started = time.perf_counter()
    forecast_crossing(series, "personnel", 2_000_000)
    assert time.perf_counter() - started < 0.5
    started = time.perf_counter()
    found = m.milestones(series)
    assert time.perf_counter() - started < 2.0  # every category, on a busy CI machine too
    json.dumps(found)
    upcoming = [x for x in found if x["crossed_on"] is None]
    assert {x["category"] for x in upcoming} >= {"personnel", "tanks", "uav"}
    personnel = next(x for x in upcoming if x["category"] == "personnel")
    latest = series.value("personnel", series.latest_date)
    assert personnel["threshold"] == (latest // 100_000 + 1) * 100_000
    f = personnel["forecast"]
    assert f["low"] <= f["expected"] <= f["high"]
    assert f["expected"] > f["as_of"] and f["level"] == 0.9


def test_a_forecast_made_before_100000_brackets_the_real_date(series: Series) -> None:
    f = forecast_crossing(series, "personnel", 100_000, as_of=D("2022-11-22"))
    assert f is not None and f.low is not None and f.high is not None
    assert f.low <= D("2022-12-22") <= f.high
    assert forecast_crossing(series, "personnel", 100_000, as_of=D("2023-01-01")) is None
    again = forecast_crossing(series, "personnel", 100_000, as_of=D("2022-11-22"))
    assert again == f  # seeded: the same series gives the same answer


def test_unknown_category_is_a_coded_error(series: Series) -> None:
    with pytest.raises(UnknownCategory):
        m.milestones(series, "dragons")
