"""Daily increases by loss day, rolling means, week/month/year totals and their shares.

Two kinds of "how many were lost" exist and both are kept on purpose:

* the **daily increase** of a loss day is the "(+N)" the next morning's report printed
  (:meth:`Series.increment`), which is what articles quote as "lost N on Tuesday";
* a **period total** is the difference of cumulative totals, value(report after the period)
  minus value(report of the period's first day), which is how newsrooms and the labelled claims
  count a month or a year. On the few official correction days the two differ (the report
  prints "+11" while the count moved by -14), and period totals follow the counts so that they
  always add up to the running total.

A category's first report opens its count. For the categories reported from the first days of
the invasion the count started at zero, so the opening value is attributed to the loss day before
that report; for categories added later (cruise missiles, ground robotic systems...) the opening
value is a balance of unknown dates and belongs to no period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any, Literal

from losswatch.categories import START
from losswatch.series import Series

ONE_DAY = dt.timedelta(days=1)
Period = Literal["week", "month", "year"]
PERIODS: tuple[Period, ...] = ("week", "month", "year")
#: Categories whose first report is this close to the start counted from zero.
OPENING_GRACE = dt.timedelta(days=7)


def daily(
    series: Series, category: str, *, start: dt.date | None = None, end: dt.date | None = None
) -> dict[dt.date, int]:
    """Daily increases keyed by loss day (report date - 1), optionally within [start, end]."""
    return {
        day: inc
        for day, inc in series.daily_by_loss_day(category).items()
        if (start is None or day >= start) and (end is None or day <= end)
    }


def rolling_mean(values: Mapping[dt.date, int], window: int) -> dict[dt.date, float]:
    """Trailing mean over ``window`` calendar days, only where all of those days have a value.

    Calendar days rather than positions, so a gap in the series cannot silently stretch the
    window over more days than it says.
    """
    if window < 1:
        raise ValueError("window must be at least 1")
    out: dict[dt.date, float] = {}
    for day in values:
        span = [values.get(day - dt.timedelta(days=k)) for k in range(window)]
        if all(v is not None for v in span):
            out[day] = sum(v for v in span if v is not None) / window
    return out


def mean_before(series: Series, category: str, loss_day: dt.date, days: int) -> float | None:
    """Mean daily increase of the ``days`` loss days ending on ``loss_day`` (None if any lacks)."""
    incs = [
        series.increment(category, loss_day + ONE_DAY - dt.timedelta(days=k)) for k in range(days)
    ]
    if any(v is None for v in incs):
        return None
    return sum(v for v in incs if v is not None) / days


def counts_from_zero(series: Series, category: str) -> bool:
    """Whether the category's count started at zero with the invasion (see module docstring)."""
    dates = series.dates(category)
    return bool(dates) and dates[0] <= START + OPENING_GRACE


def loss_day_changes(series: Series, category: str) -> dict[dt.date, int]:
    """Change of the cumulative count attributed to each loss day (corrections included).

    The change between two consecutive reports goes to the loss day before the later one; the
    sum over any run of days telescopes to the difference of the bounding reports.
    """
    out: dict[dt.date, int] = {}
    previous: int | None = 0 if counts_from_zero(series, category) else None
    for report_date in series.dates(category):
        value = series.value(category, report_date)
        assert value is not None  # dates() lists only cells with a value
        if previous is not None:
            out[report_date - ONE_DAY] = value - previous
        previous = value
    return out


def total_between(series: Series, category: str, first: dt.date, last: dt.date) -> int | None:
    """Losses of loss days ``first``..``last``: value(report last+1) - value(report first).

    Uses the newest report on or before each bound, so a period still running ends at the
    latest report. None when the series has nothing for the period.
    """
    end = series.value_on_or_before(category, last + ONE_DAY)
    if end is None or end[0] <= first:
        return None
    begin = series.value_on_or_before(category, first)
    if begin is None:
        if not counts_from_zero(series, category):
            return None
        return end[1]
    return end[1] - begin[1]


def period_start(day: dt.date, period: Period) -> dt.date:
    """First day of the ISO week (Monday), month or year containing ``day``."""
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    if period == "year":
        return day.replace(month=1, day=1)
    raise ValueError(f"period must be one of {PERIODS}, got {period!r}")


def period_end(start: dt.date, period: Period) -> dt.date:
    """Last day of the period that begins on ``start``."""
    if period == "week":
        return start + dt.timedelta(days=6)
    if period == "month":
        following = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return following - ONE_DAY
    return start.replace(month=12, day=31)


def period_label(start: dt.date, period: Period) -> str:
    """``2024-W05``, ``2024-02`` or ``2024``: stable keys for tables and charts."""
    if period == "week":
        iso = start.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if period == "month":
        return f"{start:%Y-%m}"
    return f"{start:%Y}"


@dataclass(frozen=True)
class PeriodTotal:
    """Losses of one week, month or year, counted by loss day."""

    category: str
    period: str
    label: str
    start: dt.date
    end: dt.date
    total: int
    days: int
    complete: bool

    def to_dict(self) -> dict[str, Any]:
        row = asdict(self)
        row["start"], row["end"] = self.start.isoformat(), self.end.isoformat()
        return row


def period_totals(
    series: Series, category: str, period: Period = "month", *, as_of: dt.date | None = None
) -> list[PeriodTotal]:
    """Totals per week, month or year by loss day, up to the loss day ``as_of`` (inclusive).

    ``complete`` is False for a period the series does not cover from its first to its last day
    (the current month, or the month the category started in).
    """
    changes = loss_day_changes(series, category)
    if as_of is not None:
        changes = {d: v for d, v in changes.items() if d <= as_of}
    if not changes:
        return []
    first_day, last_day = min(changes), max(changes)
    grouped: dict[dt.date, list[int]] = {}
    for day, change in changes.items():
        grouped.setdefault(period_start(day, period), []).append(change)
    out = []
    for start in sorted(grouped):
        end = period_end(start, period)
        out.append(
            PeriodTotal(
                category,
                period,
                period_label(start, period),
                start,
                end,
                sum(grouped[start]),
                len(grouped[start]),
                start >= first_day and end <= last_day,
            )
        )
    return out
