"""What is news in one report: the facts the daily brief turns into sentences.

Kept apart from the wording (:mod:`losswatch.brief`) so every language says the same thing,
and so the API can serve the facts themselves. Pure over the series, like all analytics.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from losswatch import categories
from losswatch.analytics.milestones import crossed_in_report
from losswatch.analytics.records import highest_since, rank_of_day
from losswatch.analytics.summary import comparison, latest_summary
from losswatch.models import Status
from losswatch.series import Series

ONE_DAY = dt.timedelta(days=1)
#: A "highest since" shorter than this is not news; the day's rank is given instead.
MIN_SINCE_DAYS = 7
#: Records are announced only once this many days of daily figures exist to compare with.
MIN_RECORD_HISTORY = 30


def report_highlights(series: Series, report_date: dt.date) -> dict[str, Any]:
    """What is news in one report, language-neutral and JSON-ready (what a brief says).

    ``summary`` (:func:`~losswatch.analytics.summary.latest_summary`), ``standing`` of the
    day's personnel loss (None before a month of daily figures exists), ``rank`` in its month
    (or year) when "highest since" would be trivial, ``equipment_records`` (categories whose
    day set an all-time high), ``milestones`` first reached by this report, ``month_to_date``
    personnel losses, ``comparison_30`` and ``conflicts`` (main categories the sources
    disagree on and no rule resolved).
    """
    loss_day = report_date - ONE_DAY
    summary = latest_summary(series, report_date)
    cats = summary["categories"]
    standing = highest_since(series, "personnel", loss_day)
    mature = standing is not None and (loss_day - standing.first_day).days >= MIN_RECORD_HISTORY
    if not mature:
        standing = None
    rank = None
    if (
        standing is not None
        and not standing.is_record
        and not standing.ties_record
        and (standing.days_since or 0) < MIN_SINCE_DAYS
    ):
        rank = rank_of_day(series, "personnel", loss_day, "month", as_of=loss_day)
        if rank is not None and rank.of < MIN_SINCE_DAYS:
            rank = rank_of_day(series, "personnel", loss_day, "year", as_of=loss_day)
    equipment_records = [
        key
        for key, c in cats.items()
        if key != "personnel"
        and mature
        and c["record"]["is_record"]
        and (c["increment"] or 0) > 0
        and (c["record"]["rank_all_of"] or 0) >= MIN_RECORD_HISTORY
    ]
    milestones = [
        {"category": c.category, "threshold": c.threshold, "value": c.value}
        for key in cats
        for c in crossed_in_report(series, key, report_date)
        if not c.opening
    ]
    month_start = report_date.replace(day=1)
    month_total = None
    if report_date.day >= 3 and series.value("personnel", month_start) is not None:
        month_total = cats["personnel"]["value"] - series.value("personnel", month_start)
    conflicts = [
        {
            "category": cv.category,
            "value": cv.value,
            "supporting": list(cv.supporting),
            "dissent": [{"source": d.source, "value": d.value} for d in cv.dissent],
        }
        for cv in series.row(report_date).values()
        if cv.status is Status.CONFLICT and cv.category in categories.MAIN_KEYS
    ]
    return {
        "summary": summary,
        "standing": standing.to_dict() if standing else None,
        "rank": rank.to_dict() if rank else None,
        "equipment_records": equipment_records,
        "milestones": milestones,
        "month_to_date": month_total,
        "comparison_30": comparison(series, "personnel", report_date, 30),
        "conflicts": conflicts,
    }
