"""One report date at a glance: per main category its total, increase, means and record flags.

This is what the API's summary endpoint, the dashboard header and the brief read, so the three
cannot disagree. Every figure is computed as known on that report's morning.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from losswatch import categories
from losswatch.analytics.daily import mean_before, total_between
from losswatch.analytics.records import day_flags
from losswatch.errors import NotFound
from losswatch.series import Series

ONE_DAY = dt.timedelta(days=1)


def resolve_report_date(series: Series, report_date: dt.date | None) -> dt.date:
    """``report_date`` if the series has it, the latest one when None; NotFound otherwise."""
    if report_date is None:
        latest = series.latest_date
        if latest is None:
            raise NotFound("the canonical series is empty; run `losswatch sync` first")
        return latest
    if not series.row(report_date) or series.value("personnel", report_date) is None:
        first, last = series.first_date, series.latest_date
        raise NotFound(
            f"no report for {report_date.isoformat()} (the series covers {first} to {last})",
            detail={"report_date": report_date.isoformat()},
        )
    return report_date


def comparison(
    series: Series, category: str, report_date: dt.date, days: int = 30
) -> dict[str, Any] | None:
    """Losses of the ``days`` loss days to the report against the ``days`` before them.

    Totals are differences of cumulative counts (see :mod:`losswatch.analytics.daily`); None
    when the series does not reach back 2 x ``days``.
    """
    loss_day = report_date - ONE_DAY
    recent_first = loss_day - dt.timedelta(days=days - 1)
    earlier_last = recent_first - ONE_DAY
    earlier_first = earlier_last - dt.timedelta(days=days - 1)
    recent = total_between(series, category, recent_first, loss_day)
    earlier = total_between(series, category, earlier_first, earlier_last)
    if recent is None or earlier is None or series.value(category, earlier_first) is None:
        return None
    change = (recent - earlier) / earlier if earlier else None
    return {
        "days": days,
        "from": recent_first.isoformat(),
        "to": loss_day.isoformat(),
        "total": recent,
        "mean": recent / days,
        "previous_from": earlier_first.isoformat(),
        "previous_to": earlier_last.isoformat(),
        "previous_total": earlier,
        "previous_mean": earlier / days,
        "change": change,
    }


def category_summary(series: Series, key: str, report_date: dt.date) -> dict[str, Any] | None:
    """The summary of one category on one report date (None when it has no value then)."""
    cell = series.cell(key, report_date)
    if cell is None or cell.value is None:
        return None
    loss_day = report_date - ONE_DAY
    return {
        "category": key,
        "label": categories.get(key).label_en,
        "value": cell.value,
        "increment": series.increment(key, report_date),
        "status": cell.status.value,
        "mean_7": mean_before(series, key, loss_day, 7),
        "mean_30": mean_before(series, key, loss_day, 30),
        "record": day_flags(series, key, loss_day),
    }


def latest_summary(series: Series, report_date: dt.date | None = None) -> dict[str, Any]:
    """The summary of ``report_date`` (default: the latest report), JSON-ready, for the API.

    ``categories`` maps each main category with a value that day to its value, increment,
    status, 7- and 30-day mean daily increase and record flags
    (:func:`~losswatch.analytics.records.day_flags`).
    """
    day = resolve_report_date(series, report_date)
    per_category = {}
    for key in categories.MAIN_KEYS:
        found = category_summary(series, key, day)
        if found is not None:
            per_category[key] = found
    return {
        "report_date": day.isoformat(),
        "loss_day": (day - ONE_DAY).isoformat(),
        "source_url": series.report_urls.get(day),
        "categories": per_category,
    }
