"""Change points, linear trend and weekday effect on the real series."""

from __future__ import annotations

import datetime as dt
import time

from losswatch.analytics import trend as t
from losswatch.analytics.daily import daily
from losswatch.analytics.records import RECORDS_FROM
from losswatch.series import Series

D = dt.date.fromisoformat


def test_change_points_are_mondays_in_order_and_fast(series: Series) -> None:
    t.change_points(series, "tanks")  # imports ruptures once
    started = time.perf_counter()
    found = t.change_points(series, "personnel")
    assert time.perf_counter() - started < 0.5
    assert found, "personnel losses changed level more than once since 2022"
    weeks = [D(x["week_start"]) for x in found]
    assert weeks == sorted(weeks) and all(w.weekday() == 0 for w in weeks)
    assert all(RECORDS_FROM <= w <= series.latest_date for w in weeks)
    for before, after in zip(found, found[1:], strict=False):
        assert before["mean_after"] == after["mean_before"]
    # the autumn 2022 rise (mobilisation) is found within a few months
    assert any(D("2022-08-01") <= w <= D("2023-01-31") for w in weeks)


def test_weekly_sums_cover_only_complete_weeks(series: Series) -> None:
    weeks = t.weekly_sums(series, "personnel")
    values = daily(series, "personnel")
    monday, total = weeks[5]
    assert total == sum(values[monday + dt.timedelta(days=k)] for k in range(7))


def test_trend_and_weekday_effect(series: Series) -> None:
    found = t.trend(series, "personnel", as_of=D("2022-12-31"))
    assert found is not None and found["direction"] in ("rising", "falling", "flat")
    assert found["to"] == "2022-12-31" and found["days"] == 90
    effect = t.weekday_effect(series, "personnel")
    assert [e["weekday"] for e in effect][:2] == ["Monday", "Tuesday"]
    assert sum(e["days"] for e in effect) == len(daily(series, "personnel", start=RECORDS_FROM))
    assert all(0.5 < e["ratio"] < 1.5 for e in effect)
