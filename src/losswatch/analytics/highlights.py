"""What is news in one report: the facts the daily brief turns into sentences.

Kept apart from the wording (:mod:`losswatch.brief`) so every language says the same thing,
and so the API can serve the facts themselves. Pure over the series, like all analytics.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from losswatch import categories
from losswatch.analytics.milestones import crossed_in_report
from losswatch.analytics.records import Rank, disputed, highest_since, rank_of_day
from losswatch.analytics.summary import comparison, latest_summary
from losswatch.models import Status
from losswatch.series import Series

ONE_DAY = dt.timedelta(days=1)
#: A "highest since" shorter than this is not news; the day's rank is given instead.
MIN_SINCE_DAYS = 7
#: Records are announced only once this many days of daily figures exist to compare with.
MIN_RECORD_HISTORY = 30
#: A rank is news only among the first this many (or as the lowest so far), never for its own
#: sake ("the joint 128th-highest" is not news).
TOP_RANK = 10


def _is_news(rank: Rank) -> bool:
    lowest = rank.rank == rank.of and rank.of > 1 and not rank.tied
    return rank.rank <= TOP_RANK or lowest


def report_highlights(series: Series, report_date: dt.date) -> dict[str, Any]:
    """What is news in one report, language-neutral and JSON-ready (what a brief says).

    ``summary`` (:func:`~losswatch.analytics.summary.latest_summary`), ``standing`` of the
    day's personnel loss (None before a month of daily figures exists), ``rank`` in its month
    (or year) when "highest since" would be trivial, ``equipment_records`` (categories whose
    day set an all-time high), ``milestones`` first reached by this report, ``month_to_date``
    personnel losses, ``comparison_30``, ``conflicts`` (main categories the sources
    disagree on and no rule resolved, with every value given) and ``disputed_increments``
    (categories whose day's increase rests on such a cell, this report's or the one before).
    A disputed personnel increase gets no standing, no rank and no record.
    """
    loss_day = report_date - ONE_DAY
    summary = latest_summary(series, report_date)
    cats = summary["categories"]
    unsettled = [key for key in cats if disputed(series, key, report_date)]
    standing = highest_since(series, "personnel", loss_day)
    mature = standing is not None and (loss_day - standing.first_day).days >= MIN_RECORD_HISTORY
    if not mature or "personnel" in unsettled:
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
        if rank is None or not _is_news(rank):  # "highest since three days ago": no news
            standing = rank = None
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
        if not c.opening and key not in unsettled  # crossed today, or on the disputed day?
    ]
    month_start = report_date.replace(day=1)
    month_total = None
    ends = [series.cell("personnel", d) for d in (month_start, report_date)]
    if report_date.day >= 3 and all(
        c is not None and c.value is not None and c.status is not Status.CONFLICT for c in ends
    ):  # a total between two figures the sources agree on (or a rule settled)
        month_total = cats["personnel"]["value"] - series.value("personnel", month_start)
    conflicts = [
        {
            "category": cv.category,
            "value": cv.value,
            "supporting": list(cv.supporting),
            "dissent": [{"source": d.source, "value": d.value} for d in cv.dissent],
            "values": cv.alternatives,
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
        "disputed_increments": unsettled,
    }
