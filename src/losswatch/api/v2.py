"""A drop-in for the russianwarship.rip API v2, served from the reconciled series.

Clients written for ``https://russianwarship.rip/api/v2`` (bots, widgets, apps) can point at
losswatch and get the same JSON: ``{"message", "data": {date, day, resource, stats, increase}}``
(see shared/data/sources/russianwarship/API.md). Field names come from
``categories.source_keys["russianwarship"]``; :func:`~losswatch.categories.for_source_key` picks
the category a field means on a date (``vehicles_fuel_tanks`` is military auto alone before the
2022-05-01 merge). The API's quirks are kept on purpose, because its clients expect them:

* the categories the General Staff dropped stay in, frozen at their last value with a zero
  increase (``atgm_srbm_systems`` stays 4), and the post-merge ones read 0 before they existed
  (``cruise_missiles`` before May 2022): the API's first field set is the report of May 2022;
* fields the report added later (``submarines``, ``ground_robotic_systems``) appear from the
  day they were first reported;
* ``day`` is the war day number (2022-02-24 is day 1).

Where the series has a gap in an active category, the last known value is carried and the
increase is null rather than an invented 0. ``resource`` is the official report page we hold
(not the Facebook post the original linked), null when we have none; term icons are null.
Errors keep losswatch's problem shape, plus the API's ``message`` (see
:mod:`losswatch.api.problems`).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel
from starlette.responses import Response

from losswatch import categories
from losswatch.api.deps import SnapshotDep, cached_response, link_base, page_link
from losswatch.api.models import Day
from losswatch.api.problems import responses
from losswatch.errors import NotFound, UsageError
from losswatch.series import Series
from losswatch.views.present import public_url, war_day

SOURCE = "russianwarship"
MESSAGE = "The data were fetched successfully."
#: The first field set of the API: the report's categories as of this date.
FIRST_FIELDS_DATE = categories.MERGE_DAY
LANGS = {"en": "en", "ua": "uk", "uk": "uk"}

router = APIRouter(prefix="/api/v2", tags=["russianwarship.rip v2 compatibility"])


class V2Record(BaseModel):
    date: str
    day: int
    resource: str | None
    stats: dict[str, int | None]
    increase: dict[str, int | None]


class V2One(BaseModel):
    message: str
    data: V2Record


class V2Paging(BaseModel):
    next_url: str | None
    prev_url: str | None
    first_url: str
    last_url: str


class V2Page(BaseModel):
    records: list[V2Record]
    paging: V2Paging


class V2List(BaseModel):
    message: str
    data: V2Page


class V2Term(BaseModel):
    title: str
    icon: str | None


class V2Terms(BaseModel):
    message: str
    data: dict[str, V2Term]


def v2_keys() -> tuple[str, ...]:
    """The API's field names, once each, in the order of the category table."""
    keys = (k for c in categories.CATEGORIES for k in c.source_keys.get(SOURCE, ()))
    return tuple(dict.fromkeys(keys))


def _candidates(key: str) -> list[categories.Category]:
    return [c for c in categories.CATEGORIES if key in c.source_keys.get(SOURCE, ())]


def _included(key: str, report_date: dt.date) -> bool:
    horizon = max(report_date, FIRST_FIELDS_DATE)
    return any(c.first_report <= horizon for c in _candidates(key))


def _figures(
    series: Series, cat: categories.Category, report_date: dt.date
) -> tuple[int | None, int | None]:
    if cat.last_report is not None and report_date > cat.last_report:
        last = series.value_on_or_before(cat.key, cat.last_report)
        return (last[1] if last else 0), 0
    if report_date < cat.first_report:
        return 0, 0
    value = series.value(cat.key, report_date)
    if value is not None:
        return value, series.increment(cat.key, report_date)
    carried = series.value_on_or_before(cat.key, report_date)
    return (carried[1] if carried else None), None


def v2_record(series: Series, report_date: dt.date) -> dict[str, Any]:
    """One day in the API's shape; NotFound when the series has no report that day."""
    if series.value("personnel", report_date) is None:
        raise NotFound(f"no report for {report_date.isoformat()}")
    stats: dict[str, int | None] = {}
    increase: dict[str, int | None] = {}
    for key in v2_keys():
        if not _included(key, report_date):
            continue
        cat = categories.for_source_key(SOURCE, key, report_date)
        assert cat is not None  # every key comes from the category table
        stats[key], increase[key] = _figures(series, cat, report_date)
    return {
        "date": report_date.isoformat(),
        "day": war_day(report_date),
        "resource": public_url(series.report_urls.get(report_date)),
        "stats": stats,
        "increase": increase,
    }


def v2_terms(lang: str) -> dict[str, dict[str, str | None]]:
    """Each field's title in English or Ukrainian (the current category it names)."""
    out: dict[str, dict[str, str | None]] = {}
    for key in v2_keys():
        cat = categories.for_source_key(SOURCE, key, dt.date.max)
        assert cat is not None
        title = cat.label_uk if lang == "uk" else cat.label_en
        out[key] = {"title": title[:1].upper() + title[1:], "icon": None}
    return out


@router.get("/statistics/latest", response_model=V2One, responses=responses(304, 404))
def latest(request: Request, snapshot: SnapshotDep) -> Response:
    """The newest day, as russianwarship.rip's ``/api/v2/statistics/latest``."""
    day = snapshot.series.latest_date
    if day is None:
        raise NotFound("the store holds no canonical values yet")
    return cached_response(
        request,
        snapshot,
        ("v2-latest",),
        lambda: {"message": MESSAGE, "data": v2_record(snapshot.series, day)},
    )


@router.get("/statistics/{report_date}", response_model=V2One, responses=responses(304, 400, 404))
def one_day(
    request: Request,
    snapshot: SnapshotDep,
    report_date: Annotated[Day, Path(description="YYYY-MM-DD")],
) -> Response:
    """One day, as ``/api/v2/statistics/{YYYY-MM-DD}``."""
    return cached_response(
        request,
        snapshot,
        ("v2-day", report_date),
        lambda: {"message": MESSAGE, "data": v2_record(snapshot.series, report_date)},
    )


@router.get("/statistics", response_model=V2List, responses=responses(304, 400))
def statistics(
    request: Request,
    snapshot: SnapshotDep,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    date_from: Annotated[Day | None, Query()] = None,
    date_to: Annotated[Day | None, Query()] = None,
) -> Response:
    """Days newest first with the API's paging links (next/prev/first/last URLs; absolute
    only on a trusted base, see :func:`~losswatch.api.deps.link_base`, else relative)."""
    if date_from and date_to and date_from > date_to:
        raise UsageError(f"date_from ({date_from}) is after date_to ({date_to})")
    query = {k: v.isoformat() for k, v in (("date_from", date_from), ("date_to", date_to)) if v}

    def build() -> dict[str, Any]:
        series = snapshot.series
        days = [
            d
            for d in reversed(series.dates("personnel"))
            if (date_from is None or d >= date_from) and (date_to is None or d <= date_to)
        ]

        def link(at: int) -> str:
            return page_link(request, offset=at, limit=limit, **query)

        last = max(0, (len(days) - 1) // limit * limit)
        paging = {
            "next_url": link(offset + limit) if offset + limit < len(days) else None,
            "prev_url": link(max(0, offset - limit)) if offset > 0 else None,
            "first_url": link(0),
            "last_url": link(last),
        }
        records = [v2_record(series, d) for d in days[offset : offset + limit]]
        return {"message": MESSAGE, "data": {"records": records, "paging": paging}}

    return cached_response(
        request, snapshot, ("v2-list", link_base(request), offset, limit, date_from, date_to), build
    )


@router.get("/terms/{lang}", response_model=V2Terms, responses=responses(304, 404))
def terms(
    request: Request,
    snapshot: SnapshotDep,
    lang: Annotated[str, Path(max_length=5, description="en or ua (uk accepted)")],
) -> Response:
    """The fields' titles, as ``/api/v2/terms/{en,ua}``."""
    code = LANGS.get(lang)
    if code is None:
        raise NotFound(f"no terms for language {lang!r}; use en or ua")
    return cached_response(
        request, snapshot, ("v2-terms", code), lambda: {"message": MESSAGE, "data": v2_terms(code)}
    )
