"""Read endpoints over the canonical series: latest, one day, one category, explore, categories.

Handlers parse input, call one read model and hand the payload to
:func:`~losswatch.api.deps.cached_response`, which memoises the bytes per data version.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from losswatch import categories
from losswatch.api.deps import (
    ClockDep,
    EngineDep,
    SnapshotDep,
    cached_response,
    envelope,
    kyiv_today,
    link_base,
    page_link,
)
from losswatch.api.models import (
    CategoryOut,
    Day,
    Dict,
    Envelope,
    ExploreOut,
    LatestReport,
    Moment,
    SeriesRow,
)
from losswatch.api.problems import responses
from losswatch.errors import NotFound
from losswatch.views import day_view, explore, present

router = APIRouter(prefix="/api/v1", tags=["reports"])

DateFrom = Annotated[Day | None, Query(alias="from", description="First date, YYYY-MM-DD.")]
DateTo = Annotated[Day | None, Query(alias="to", description="Last date, YYYY-MM-DD.")]
_FIELD = "(" + "|".join(present.SERIES_FIELDS) + ")"
FIELDS_PATTERN = f"^{_FIELD}(,{_FIELD})*$"
CategoryPath = Annotated[
    str, Path(description="A category key, e.g. tanks (see /categories).", max_length=60)
]


@router.get("/latest", response_model=Envelope[LatestReport], responses=responses(304, 404))
async def latest(request: Request) -> Response:
    """The newest report, whether today's (Kyiv) is out yet, and how old the data is.

    The hot path: no thread hop, no database and no JSON encoding while the data version is
    fresh — the rendered bytes are memoised per (data version, Kyiv date).
    """
    cache = request.app.state.cache
    snapshot = cache.fresh() or await run_in_threadpool(cache.current)
    today = kyiv_today(request.app.state.clock)
    return cached_response(
        request,
        snapshot,
        ("latest", today),
        lambda: envelope(
            present.latest_report(snapshot.series, today, snapshot.last_modified), snapshot
        ),
    )


@router.get(
    "/days/{report_date}", response_model=Envelope[Dict], responses=responses(304, 400, 404)
)
def day(
    request: Request,
    report_date: Day,
    engine: EngineDep,
    snapshot: SnapshotDep,
    as_of: Annotated[
        Moment | None, Query(description="What the record said at this moment (ISO 8601).")
    ] = None,
) -> Response:
    """One report date: canonical value, increment and status per category, and every
    source's value and stated "(+N)" (the same view as ``losswatch show``)."""
    stamp = as_of if as_of is None or as_of.tzinfo else as_of.replace(tzinfo=dt.UTC)

    def build() -> Dict:
        if report_date <= present.WAR_START:  # no report can exist (and date.min - 1 overflows)
            raise NotFound(f"no report for {report_date.isoformat()}")
        view = day_view(engine, report_date, as_of=stamp)
        if not view["rows"]:
            raise NotFound(f"no source reported for {report_date.isoformat()}")
        return envelope(view, snapshot)

    return cached_response(request, snapshot, ("day", report_date, stamp), build)


@router.get(
    "/series/{category}",
    response_model=Envelope[list[SeriesRow]],
    responses=responses(304, 400, 404),
)
def series(
    request: Request,
    category: CategoryPath,
    snapshot: SnapshotDep,
    start: DateFrom = None,
    end: DateTo = None,
    fields: Annotated[
        str | None,
        Query(
            description=f"Comma-separated subset of {', '.join(present.SERIES_FIELDS)}.",
            max_length=200,
            pattern=FIELDS_PATTERN,
        ),
    ] = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
) -> Response:
    """One category's canonical cells in date order, paginated (``meta.links``: absolute only
    on a trusted base, see :func:`~losswatch.api.deps.link_base`, else relative)."""
    chosen = present.parse_fields(fields)

    def build() -> Dict:
        rows = present.series_rows(snapshot.series, category, start=start, end=end, fields=chosen)
        page = rows[offset : offset + limit]
        query = {
            k: v
            for k, v in (
                ("from", start),
                ("to", end),
                ("fields", ",".join(chosen) if fields else None),
                ("limit", limit),
            )
            if v is not None
        }

        def link(at: int) -> str:
            return page_link(request, **query, offset=at)

        links = {
            "next": link(offset + limit) if offset + limit < len(rows) else None,
            "prev": link(max(0, offset - limit)) if offset > 0 else None,
        }
        return envelope(
            page,
            snapshot,
            category=category,
            total=len(rows),
            offset=offset,
            limit=limit,
            links=links,
        )

    return cached_response(
        request,
        snapshot,
        ("series", category, start, end, fields and chosen, offset, limit, link_base(request)),
        build,
    )


@router.get(
    "/explore",
    response_model=Envelope[ExploreOut],
    responses=responses(304, 400, 404) | {200: {"content": {"text/csv": {}}}},
)
def explore_endpoint(
    request: Request,
    snapshot: SnapshotDep,
    categories_: Annotated[
        str | None,
        Query(
            alias="categories",
            max_length=400,
            description="Comma-separated category keys (default personnel).",
        ),
    ] = None,
    kind: Annotated[explore.Kind, Query()] = "cumulative",
    start: DateFrom = None,
    end: DateTo = None,
    lang: Annotated[str, Query(pattern="^(en|uk)$")] = "en",
    format: Annotated[str, Query(pattern="^(json|csv)$")] = "json",
) -> Response:
    """The dashboard's Explore table (cumulative, daily with a 7-day mean, or monthly), as JSON
    for the chart or as a CSV download."""
    keys = explore.parse_categories(categories_)

    def table() -> explore.ExploreTable:
        return explore.explore_table(snapshot.series, keys, kind, start=start, end=end, lang=lang)

    key = ("explore", keys, kind, start, end, lang, format)
    if format == "csv":
        name = f"losswatch-{kind}-{'-'.join(keys)}.csv"
        return cached_response(
            request,
            snapshot,
            key,
            lambda: table().to_csv(),
            raw=True,
            media_type="text/csv; charset=utf-8",
            extra_headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    return cached_response(request, snapshot, key, lambda: envelope(table().to_json(), snapshot))


@router.get(
    "/categories",
    response_model=Envelope[list[CategoryOut]],
    responses=responses(304),
    tags=["categories"],
)
def list_categories(request: Request, snapshot: SnapshotDep) -> Response:
    """Every category: keys, English and Ukrainian labels, date range and lineage."""

    def build() -> Dict:
        counts = {k: len(v) for k, v in snapshot.series.cells.items()}
        return envelope(
            [present.category_dict(c, counts) for c in categories.CATEGORIES],
            snapshot,
            total=len(categories.CATEGORIES),
        )

    return cached_response(request, snapshot, ("categories",), build)


@router.get(
    "/categories/{category}",
    response_model=Envelope[CategoryOut],
    responses=responses(304, 404),
    tags=["categories"],
)
def one_category(request: Request, category: CategoryPath, snapshot: SnapshotDep) -> Response:
    """One category with its labels and lineage (what it merged into or replaced)."""
    cat = categories.get(category)
    counts = {k: len(v) for k, v in snapshot.series.cells.items()}
    return cached_response(
        request,
        snapshot,
        ("category", cat.key),
        lambda: envelope(present.category_dict(cat, counts), snapshot),
    )


@router.get(
    "/reports/{report_date}",
    response_model=Envelope[LatestReport],
    responses=responses(304, 400, 404),
)
def report(request: Request, report_date: Day, snapshot: SnapshotDep, clock: ClockDep) -> Response:
    """A past report in the shape of ``/latest`` (the dashboard's Today page for ?date=)."""
    today = kyiv_today(clock)
    return cached_response(
        request,
        snapshot,
        ("report", report_date, today),
        lambda: envelope(
            present.latest_report(snapshot.series, today, snapshot.last_modified, report_date),
            snapshot,
        ),
    )
