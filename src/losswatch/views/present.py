"""Read models of the API that the dashboard renders too, so both always show the same numbers.

Pure functions over a :class:`~losswatch.series.Series` (no I/O): the latest report with its
freshness, one category's rows, the category table with lineage.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from losswatch import categories
from losswatch.errors import NotFound, UsageError
from losswatch.models import Status
from losswatch.series import Series
from losswatch.timefmt import utc_stamp
from losswatch.views import cell_dict

WAR_START = categories.WAR_START
SERIES_FIELDS = (
    "report_date",
    "loss_day",
    "value",
    "increment",
    "status",
    "rule",
    "supporting",
    "dissent",
    "flags",
)


def public_url(url: str | None) -> str | None:
    """A URL as the API and the dashboard show it: a ``file://`` URL (a recorded copy read from
    this machine's disk) becomes ``recorded file <name>``, so no local path is published."""
    if url is None or url[:7].lower() != "file://":
        return url
    name = PurePosixPath(unquote(urlsplit(url).path)).name
    return f"recorded file {name}" if name else "recorded file"


def public(payload: Any) -> Any:
    """``payload`` with every ``file://`` string in it passed through :func:`public_url`."""
    if isinstance(payload, str):
        return public_url(payload)
    if isinstance(payload, dict):
        return {key: public(value) for key, value in payload.items()}
    if isinstance(payload, list | tuple):
        return [public(value) for value in payload]
    return payload


def war_day(report_date: dt.date) -> int:
    """The war's day number as russianwarship.rip counts it (2022-02-24 is day 1)."""
    return (report_date - WAR_START).days + 1


def label(cat: categories.Category, lang: str) -> str:
    return cat.label_uk if lang == "uk" else cat.label_en


def day_cards(series: Series, report_date: dt.date) -> list[dict[str, Any]]:
    """The categories of one report in the report's order: value, "(+N)", status, labels.

    A cell the sources disagree on and no rule settled is ``disputed``, with every value given
    in ``alternatives``; ``increment_disputed`` says the "(+N)" rests on such a cell (this
    report's or the one before), so no one headlines it."""
    from losswatch.analytics.records import disputed

    row = series.row(report_date)
    cards = []
    for cat in categories.CATEGORIES:
        cv = row.get(cat.key)
        if cv is None or cv.value is None:
            continue
        cards.append(
            {
                "category": cat.key,
                "label_en": cat.label_en,
                "label_uk": cat.label_uk,
                "unit": cat.unit_en,
                "main": cat.main,
                "value": cv.value,
                "increment": series.increment(cat.key, report_date),
                "status": cv.status.value,
                "disputed": cv.status is Status.CONFLICT,
                "alternatives": cv.alternatives if cv.status is Status.CONFLICT else [],
                "increment_disputed": disputed(series, cat.key, report_date),
            }
        )
    return cards


def latest_report(
    series: Series,
    today: dt.date,
    synced_at: dt.datetime | None,
    report_date: dt.date | None = None,
) -> dict[str, Any]:
    """The newest report (or the one of ``report_date``) and how fresh it is.

    ``todays_report_out`` compares with ``today`` in Kyiv, where the report is published each
    morning; ``age_days`` is how many days old the newest report is.
    """
    latest = series.latest_date
    if latest is None:
        raise NotFound("the store holds no canonical values yet: run `losswatch sync`")
    date = report_date or latest
    cards = day_cards(series, date)
    if not cards:
        raise NotFound(
            f"no report for {date.isoformat()}; reports run "
            f"{(series.first_date or latest).isoformat()}..{latest.isoformat()}"
        )
    return {
        "report_date": date.isoformat(),
        "loss_day": (date - dt.timedelta(days=1)).isoformat(),
        "war_day": war_day(date),
        "latest_report_date": latest.isoformat(),
        "today_kyiv": today.isoformat(),
        "todays_report_out": latest >= today,
        "age_days": (today - latest).days,
        "synced_at": utc_stamp(synced_at) if synced_at else None,
        "report_url": public_url(series.report_urls.get(date)),
        "values": cards,
    }


def parse_fields(fields: str | None) -> tuple[str, ...]:
    """The ``fields`` query parameter (comma separated) checked against what a row has."""
    if not fields:
        return SERIES_FIELDS
    chosen = tuple(f.strip() for f in fields.split(",") if f.strip())
    unknown = [f for f in chosen if f not in SERIES_FIELDS]
    if unknown or not chosen:
        raise UsageError(
            f"unknown field(s) {', '.join(unknown) or '(none)'}; "
            f"choose from {', '.join(SERIES_FIELDS)}"
        )
    return chosen


def series_rows(
    series: Series,
    category: str,
    *,
    start: dt.date | None,
    end: dt.date | None,
    fields: tuple[str, ...],
) -> list[dict[str, Any]]:
    """One category's cells in date order, each restricted to ``fields``."""
    categories.get(category)
    if start and end and start > end:
        raise UsageError(f"from ({start}) is after to ({end})")
    rows = []
    for report_date, cv in series.cells.get(category, {}).items():
        if (start and report_date < start) or (end and report_date > end):
            continue
        cell = cell_dict(cv) | {"increment": series.increment(category, report_date)}
        rows.append({k: cell[k] for k in fields})
    return rows


def category_dict(cat: categories.Category, counts: dict[str, int] | None = None) -> dict[str, Any]:
    """A category with its labels and lineage, as the categories endpoint returns it."""
    return {
        "key": cat.key,
        "label_en": cat.label_en,
        "label_uk": cat.label_uk,
        "labels_en": list(cat.en),
        "labels_uk": list(cat.uk),
        "unit": cat.unit_en,
        "main": cat.main,
        "first_report": cat.first_report.isoformat(),
        "last_report": cat.last_report.isoformat() if cat.last_report else None,
        "retired": cat.retired,
        "merged_into": cat.merged_into,
        "replaced_by": cat.replaced_by,
        "merged_parts": list(categories.merged_parts(cat.key)),
        "source_keys": {k: list(v) for k, v in cat.source_keys.items()},
        "cells": (counts or {}).get(cat.key, 0),
    }
