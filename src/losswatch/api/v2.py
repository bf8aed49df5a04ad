"""A drop-in for the russianwarship.rip API, served from the reconciled series.

Clients written for ``https://russianwarship.rip/api/v2`` (bots, widgets, apps) point at
losswatch by changing the host name only and get the same JSON: ``{"message", "data": {date, day,
resource, stats, increase}}`` (see shared/data/sources/russianwarship/API.md). The statistics and
terms routes are served under ``/api/v2`` and, as aliases with the same bodies, under the
upstream's older ``/api/v1`` paths; ``war-info`` under ``/api/v2`` only. Field names come from
``categories.source_keys["russianwarship"]``; :func:`~losswatch.categories.for_source_key` picks
the category a field means on a date (``vehicles_fuel_tanks`` is military auto alone before the
2022-05-01 merge). What a strict client may rely on (the contract test checks every record):

* every ``stats`` and ``increase`` value is an integer. ``increase`` is the report's stated
  increase; where the report states none it is the change from the category's previous value,
  the value itself on a category's first day (2022-02-25 for the first categories), as upstream;
* the categories the General Staff dropped stay in, frozen at their last value with a zero
  increase (``atgm_srbm_systems`` stays 4), and the post-merge ones read 0 before they existed
  (``cruise_missiles`` before May 2022): the API's first field set is the report of May 2022;
  fields the report added later (``submarines``, ``ground_robotic_systems``) appear from the
  day they were first reported;
* a category the day's report does not carry (a gap: ``ground_robotic_systems`` since
  2026-08-09) is left out of ``stats`` and ``increase``: an old value is never presented as
  the day's;
* ``day`` is the war day number (2022-02-24 is day 1); ``resource`` is always a URL: the
  official report page we hold (not the Facebook post the original linked), else our own
  evidence for the day (:func:`resource`);
* links (paging, ``resource``) are absolute, built from the request
  (:func:`request_base`).

Errors take the upstream's shape (:mod:`losswatch.api.compat`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, Field
from starlette.responses import Response

from losswatch import categories
from losswatch.api.compat import FieldError, UpstreamRoute, error_responses
from losswatch.api.deps import ClockDep, SnapshotDep, cached_response, get_settings, kyiv_today
from losswatch.api.models import Day
from losswatch.errors import InvalidDate, NotFound, UsageError
from losswatch.series import Series
from losswatch.views.present import war_day
from losswatch.views.snapshot import Snapshot

SOURCE = "russianwarship"
MESSAGE = "The data were fetched successfully."
#: The first field set of the API: the report's categories as of this date.
FIRST_FIELDS_DATE = categories.MERGE_DAY
#: Language codes, any case: the upstream's ``ua`` and the ISO ``uk`` are the same language.
LANGS = {"en": "en", "ua": "uk", "uk": "uk"}
ONE_DAY = dt.timedelta(days=1)
#: The upstream's own titles (terms/en as its clients bundle it; terms/ua likewise). Fields the
#: upstream has no title for use the category's label.
TITLES: dict[str, tuple[str, str | None]] = {
    "personnel_units": ("Personnel units", "Особовий склад"),
    "tanks": ("Tanks", "Танки"),
    "armoured_fighting_vehicles": ("Armoured fighting vehicles", "Бойові броньовані машини"),
    "artillery_systems": ("Artillery systems", "Артилерійські системи"),
    "mlrs": ("Multiple Launch Rocket System", "Реактивні системи залпового вогню"),
    "aa_warfare_systems": ("Anti-aircraft warfare systems", "Системи протиповітряної оборони"),
    "planes": ("Planes", "Літаки"),
    "helicopters": ("Helicopters", "Гелікоптери"),
    "vehicles_fuel_tanks": ("Vehicles and fuel tanks", "Автомобільна техніка та цистерни з ПММ"),
    "warships_cutters": ("Warships and cutters", "Військові кораблі та катери"),
    "cruise_missiles": ("Cruise missiles", "Крилаті ракети"),
    "uav_systems": ("Unmanned aerial vehicle systems", "Безпілотні літальні апарати"),
    "special_military_equip": ("Special military equipment", "Спец. техніка"),
    "atgm_srbm_systems": (
        "Anti-tank guided missile and short-range ballistic missile systems",
        "Оперативно-тактичні ракетні комплекси та тактичні ракетні комплекси",
    ),
    "submarines": ("Submarines", None),
}
#: ``war_status`` of war-info: the war goes on (the upstream's code/alias pair).
WAR_STATUS = {"code": 1, "alias": "active"}
STATUS_TITLES = {"en": "The war is ongoing", "uk": "Війна триває"}

#: statistics and terms: served under /api/v2 and, as the upstream's older paths, /api/v1.
router = APIRouter(route_class=UpstreamRoute, tags=["russianwarship.rip compatibility"])
#: war-info: /api/v2 only, as the upstream documents it.
info_router = APIRouter(
    prefix="/api/v2", route_class=UpstreamRoute, tags=["russianwarship.rip compatibility"]
)
PREFIXES = ("/api/v2", "/api/v1")
Lang = Annotated[str, Path(max_length=5, description="en or ua (uk accepted), any case")]


class WarStatus(BaseModel):
    code: int
    alias: str


class V2Record(BaseModel):
    date: str
    day: int
    resource: str = Field(description="The official report page, else /api/v1/days/{date}.")
    war_status: WarStatus | None = Field(default=None, description="statistics/latest only.")
    stats: dict[str, int]
    increase: dict[str, int]


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


class WarInfo(BaseModel):
    current_date: str = Field(description="The newest report date (it has a record).")
    day: int
    start_date: str
    war_status: WarStatus


class WarInfoOut(BaseModel):
    message: str
    data: WarInfo


class WarStatusText(WarStatus):
    title: str


class WarStatusOut(BaseModel):
    message: str
    data: WarStatusText


def request_base(request: Request) -> str:
    """The base of the links this layer publishes: ``settings.public_base_url``, else the
    request's own (scheme, host, root path) — behind a trusted proxy, the one the forwarded
    headers made (:mod:`losswatch.api.forwarded`). Absolute whatever the host, as upstream."""
    configured = get_settings(request).public_base_url
    return (configured or str(request.base_url)).rstrip("/")


def host_vary(request: Request) -> dict[str, str]:
    """``Vary: Host`` when the links are on the request's own base (no public base URL set):
    the response cache then keeps such an answer per scheme, Host and root path."""
    return {} if get_settings(request).public_base_url else {"Vary": "Host"}


def absolute_link(request: Request, **params: Any) -> str:
    """This endpoint with ``params`` as its query, on :func:`request_base`."""
    path, root = request.url.path, str(request.scope.get("root_path", ""))
    if root and path.startswith(root):  # the base holds the root path already
        path = path[len(root) :]
    return f"{request_base(request)}{path}?{urlencode(params)}"


def v2_keys() -> tuple[str, ...]:
    """The API's field names, once each: the upstream's in its order, then those it lacks in
    the order of the category table."""
    keys = dict.fromkeys(k for c in categories.CATEGORIES for k in c.source_keys.get(SOURCE, ()))
    order = {key: i for i, key in enumerate(TITLES)}
    return tuple(sorted(keys, key=lambda k: order.get(k, len(order))))


def _candidates(key: str) -> list[categories.Category]:
    return [c for c in categories.CATEGORIES if key in c.source_keys.get(SOURCE, ())]


def _included(key: str, report_date: dt.date) -> bool:
    horizon = max(report_date, FIRST_FIELDS_DATE)
    return any(c.first_report <= horizon for c in _candidates(key))


def _increase(series: Series, cat: categories.Category, report_date: dt.date, value: int) -> int:
    """The report's stated increase; else the change since the category's previous value, or
    the value itself on its first day (the API reads 0 before a category exists)."""
    stated = series.increment(cat.key, report_date)
    if stated is not None:
        return stated
    before = series.value_on_or_before(cat.key, report_date - ONE_DAY)
    return value - before[1] if before else value


def _figures(
    series: Series, cat: categories.Category, report_date: dt.date
) -> tuple[int, int] | None:
    """(stats, increase) of ``cat`` on ``report_date``; None when the report lacks it."""
    if cat.last_report is not None and report_date > cat.last_report:
        last = series.value_on_or_before(cat.key, cat.last_report)
        return (last[1] if last else 0), 0
    if report_date < cat.first_report:
        return 0, 0
    value = series.value(cat.key, report_date)
    if value is None:
        return None
    return value, _increase(series, cat, report_date, value)


def resource(series: Series, report_date: dt.date, base: str) -> str:
    """The official report page we hold; else (191 days of the recorded history: reports we
    hold as recorded files only) our own evidence for that day, ``/api/v1/days/{date}`` on
    ``base``. Always a URL: clients format or link it without a check."""
    url = series.report_urls.get(report_date)
    if url and url.lower().startswith(("https://", "http://")):
        return url
    return f"{base}/api/v1/days/{report_date.isoformat()}"


def v2_record(series: Series, report_date: dt.date, base: str) -> dict[str, Any]:
    """One day in the API's shape (``base``: of the links it holds); NotFound when the
    series has no report that day."""
    if series.value("personnel", report_date) is None:
        raise NotFound(f"no report for {report_date.isoformat()}")
    stats: dict[str, int] = {}
    increase: dict[str, int] = {}
    for key in v2_keys():
        if not _included(key, report_date):
            continue
        cat = categories.for_source_key(SOURCE, key, report_date)
        assert cat is not None  # every key comes from the category table
        figures = _figures(series, cat, report_date)
        if figures is not None:
            stats[key], increase[key] = figures
    return {
        "date": report_date.isoformat(),
        "day": war_day(report_date),
        "resource": resource(series, report_date, base),
        "stats": stats,
        "increase": increase,
    }


def v2_terms(lang: str) -> dict[str, dict[str, str | None]]:
    """Each field's title in English or Ukrainian: the upstream's, else the category label."""
    out: dict[str, dict[str, str | None]] = {}
    for key in v2_keys():
        en, uk = TITLES.get(key, (None, None))
        title = uk if lang == "uk" else en
        if title is None:
            cat = categories.for_source_key(SOURCE, key, dt.date.max)
            assert cat is not None
            label = cat.label_uk if lang == "uk" else cat.label_en
            title = label[:1].upper() + label[1:]
        out[key] = {"title": title, "icon": None}
    return out


def language(lang: str) -> str:
    """``en`` or ``uk`` for the upstream's ``en``/``ua`` (and ``uk``), in any case."""
    code = LANGS.get(lang.strip().lower())
    if code is None:
        raise FieldError("lang", NotFound(f"no terms for language {lang[:10]!r}; use en or ua"))
    return code


def checked_day(series: Series, day: dt.date, today: dt.date) -> dt.date:
    """``day`` if it has a record: pre-war and future dates are invalid (422), a day in the
    war without a report is not found (404). A report dated after today's Kyiv date (a clock
    behind the data) still counts."""
    today = max(today, series.latest_date or today)
    if day < categories.WAR_START or day > today:
        raise FieldError(
            "date",
            InvalidDate(
                f"The date must be a date between {categories.WAR_START.isoformat()} "
                f"and {today.isoformat()}."
            ),
        )
    if series.value("personnel", day) is None:
        first, last = series.first_date, series.latest_date
        span = f"{first.isoformat()}..{last.isoformat()}" if first and last else "none yet"
        raise FieldError("date", NotFound(f"No record for {day.isoformat()} (records: {span})."))
    return day


def _answer(
    request: Request, snapshot: Snapshot, key: Hashable, data: Callable[[], Any]
) -> Response:
    """The memoised success body ``{"message", "data"}`` of ``key``."""
    return cached_response(
        request,
        snapshot,
        key,
        lambda: {"message": MESSAGE, "data": data()},
        extra_headers=host_vary(request),
    )


@router.get("/statistics/latest", response_model=V2One, responses=error_responses(304, 404))
def latest(request: Request, snapshot: SnapshotDep) -> Response:
    """The newest day, as russianwarship.rip's ``/api/v2/statistics/latest``."""
    day = snapshot.series.latest_date
    if day is None:
        raise NotFound("the store holds no canonical values yet")
    base = request_base(request)
    return _answer(
        request,
        snapshot,
        ("v2-latest", base),
        lambda: v2_record(snapshot.series, day, base) | {"war_status": WAR_STATUS},
    )


@router.get("/statistics/{date}", response_model=V2One, responses=error_responses(304, 404, 422))
def one_day(
    request: Request,
    snapshot: SnapshotDep,
    clock: ClockDep,
    date: Annotated[Day, Path(description="YYYY-MM-DD")],
) -> Response:
    """One day, as ``/api/v2/statistics/{YYYY-MM-DD}``."""
    day = checked_day(snapshot.series, date, kyiv_today(clock))
    base = request_base(request)
    return _answer(
        request, snapshot, ("v2-day", day, base), lambda: v2_record(snapshot.series, day, base)
    )


@router.get("/statistics", response_model=V2List, responses=error_responses(304, 422))
def statistics(
    request: Request,
    snapshot: SnapshotDep,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    date_from: Annotated[Day | None, Query()] = None,
    date_to: Annotated[Day | None, Query()] = None,
) -> Response:
    """Days newest first with the API's paging links (next/prev/first/last URLs, absolute)."""
    if date_from and date_to and date_from > date_to:
        message = f"date_to ({date_to}) must be a date after or equal to date_from ({date_from})"
        raise FieldError("date_to", UsageError(message), 422)
    query = {k: v.isoformat() for k, v in (("date_from", date_from), ("date_to", date_to)) if v}

    def build() -> dict[str, Any]:
        series = snapshot.series
        days = [
            d
            for d in reversed(series.dates("personnel"))
            if (date_from is None or d >= date_from) and (date_to is None or d <= date_to)
        ]

        def link(at: int) -> str:
            return absolute_link(request, offset=at, limit=limit, **query)

        last = max(0, (len(days) - 1) // limit * limit)
        paging = {
            "next_url": link(offset + limit) if offset + limit < len(days) else None,
            "prev_url": link(max(0, offset - limit)) if offset > 0 else None,
            "first_url": link(0),
            "last_url": link(last),
        }
        base = request_base(request)
        records = [v2_record(series, d, base) for d in days[offset : offset + limit]]
        return {"message": MESSAGE, "data": {"records": records, "paging": paging}}

    key = ("v2-list", request_base(request), request.url.path, offset, limit, date_from, date_to)
    return cached_response(request, snapshot, key, build, extra_headers=host_vary(request))


@router.get("/terms/{lang}", response_model=V2Terms, responses=error_responses(304, 404))
def terms(
    request: Request,
    snapshot: SnapshotDep,
    lang: Lang,
) -> Response:
    """The fields' titles, as ``/api/v2/terms/{en,ua}``."""
    code = language(lang)
    return _answer(request, snapshot, ("v2-terms", code), lambda: v2_terms(code))


@info_router.get("/war-info", response_model=WarInfoOut, responses=error_responses(304, 404))
def war_info(request: Request, snapshot: SnapshotDep) -> Response:
    """The war's current date (the newest report's, which has a record), day and status."""
    day = snapshot.series.latest_date
    if day is None:
        raise NotFound("the store holds no canonical values yet")
    data = {
        "current_date": day.isoformat(),
        "day": war_day(day),
        "start_date": categories.WAR_START.isoformat(),
        "war_status": WAR_STATUS,
    }
    return _answer(request, snapshot, ("v2-war-info",), lambda: data)


@info_router.get(
    "/war-info/status/{lang}", response_model=WarStatusOut, responses=error_responses(304, 404)
)
def war_status(
    request: Request,
    snapshot: SnapshotDep,
    lang: Lang,
) -> Response:
    """The war's status with its title in English or Ukrainian."""
    code = language(lang)
    return _answer(
        request,
        snapshot,
        ("v2-war-status", code),
        lambda: WAR_STATUS | {"title": STATUS_TITLES[code]},
    )
