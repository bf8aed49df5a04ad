"""Daily increases, rolling means and period totals on the real series."""

from __future__ import annotations

import datetime as dt
import statistics

from losswatch.analytics import daily as d
from losswatch.series import Series

D = dt.date.fromisoformat


def test_2024_personnel_total_is_the_difference_of_new_year_reports(series: Series) -> None:
    expected = series.value("personnel", D("2025-01-01")) - series.value(
        "personnel", D("2024-01-01")
    )
    assert expected == 430_790
    assert d.total_between(series, "personnel", D("2024-01-01"), D("2024-12-31")) == 430_790
    (year,) = [t for t in d.period_totals(series, "personnel", "year") if t.label == "2024"]
    assert (year.total, year.days, year.complete) == (430_790, 366, True)


def test_daily_increase_is_keyed_by_loss_day(series: Series) -> None:
    values = d.daily(series, "personnel")
    assert values[D("2022-10-25")] == 480 == series.increment("personnel", D("2022-10-26"))
    assert D("2022-10-26") not in d.daily(series, "personnel", end=D("2022-10-25"))


def test_rolling_means_match_a_hand_computed_mean(series: Series) -> None:
    values = d.daily(series, "personnel")
    means = {w: d.rolling_mean(values, w) for w in (7, 30)}
    day = D("2024-06-30")
    week = [values[day - dt.timedelta(days=k)] for k in range(7)]
    month = [values[day - dt.timedelta(days=k)] for k in range(30)]
    assert means[7][day] == statistics.fmean(week)
    assert means[30][day] == statistics.fmean(month)
    assert d.mean_before(series, "personnel", day, 30) == statistics.fmean(month)
    first = min(values)
    assert first + dt.timedelta(days=5) not in means[7]  # no partial windows


def test_period_totals_add_up_to_the_running_total(series: Series) -> None:
    latest = series.latest_date
    assert latest is not None
    for period in d.PERIODS:
        totals = d.period_totals(series, "personnel", period)
        assert sum(t.total for t in totals) == series.value("personnel", latest)
    months = d.period_totals(series, "tanks", "month")
    by_year: dict[int, int] = {}
    for m in months:
        by_year[m.start.year] = by_year.get(m.start.year, 0) + m.total
    years = {t.start.year: t.total for t in d.period_totals(series, "tanks", "year")}
    assert by_year == years


def test_a_month_total_is_counted_by_loss_day(series: Series) -> None:
    (october,) = [t for t in d.period_totals(series, "personnel", "month") if t.label == "2022-10"]
    assert october.total == (
        series.value("personnel", D("2022-11-01")) - series.value("personnel", D("2022-10-01"))
    )
    weeks = d.period_totals(series, "personnel", "week")
    assert all(w.start.weekday() == 0 and w.label.count("-W") == 1 for w in weeks)
    full = [w for w in weeks if w.complete]
    assert all(w.days == 7 for w in full)
    assert full[10].total == d.total_between(series, "personnel", full[10].start, full[10].end)


def test_a_category_added_later_opens_with_a_balance(series: Series) -> None:
    first = series.dates("cruise_missiles")[0]
    opening = series.value("cruise_missiles", first)
    totals = d.period_totals(series, "cruise_missiles", "month")
    latest = series.value("cruise_missiles", series.dates("cruise_missiles")[-1])
    assert sum(t.total for t in totals) == latest - opening
    assert not d.counts_from_zero(series, "cruise_missiles")
    assert d.counts_from_zero(series, "tanks")
