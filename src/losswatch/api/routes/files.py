"""Downloads: exports (CSV, JSON, Parquet, Data Package), chart images and the Atom/RSS feed.

Each file carries the same ETag rules as the JSON endpoints (so the response cache keeps it once
per data version), and exports come with ``Content-Disposition: attachment``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from losswatch import categories
from losswatch.api.deps import (
    FALLBACK_BASE_URL,
    EngineDep,
    SnapshotDep,
    cached_response,
    conditional_headers,
    link_base,
    not_modified,
)
from losswatch.api.models import Day
from losswatch.api.problems import responses

router = APIRouter(tags=["files"])
ExportFormat = Literal["csv", "json", "parquet", "datapackage"]


@router.get(
    "/api/v1/exports/{fmt}",
    responses=responses(304, 400, 404)
    | {
        200: {
            "description": "The file, as an attachment.",
            "content": {
                "text/csv": {},
                "application/json": {},
                "application/vnd.apache.parquet": {},
                "application/zip": {},
            },
        }
    },
)
def export(
    request: Request,
    fmt: ExportFormat,
    engine: EngineDep,
    snapshot: SnapshotDep,
    table: Annotated[
        str,
        Query(
            max_length=40,
            description=("long, wide, daily, audit or provenance (see the exports docs)"),
        ),
    ] = "long",
) -> Response:
    """The canonical series as a file: long (one row per cell) or wide (one row per day)."""
    from losswatch.exports import export_bytes

    headers = conditional_headers(snapshot, ("export", fmt, table))
    if not_modified(request, headers):
        return Response(status_code=304, headers=headers)
    data, media_type, filename = export_bytes(engine, fmt, table=table)
    headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return Response(data, media_type=media_type, headers=headers)


@router.get(
    "/api/v1/charts/{category}",
    responses=responses(304, 400, 404)
    | {200: {"description": "The chart image.", "content": {"image/png": {}, "image/svg+xml": {}}}},
)
def chart(
    request: Request,
    category: str,
    snapshot: SnapshotDep,
    kind: Annotated[Literal["cumulative", "daily", "monthly"], Query()] = "cumulative",
    start: Annotated[Day | None, Query(alias="from")] = None,
    end: Annotated[Day | None, Query(alias="to")] = None,
    fmt: Annotated[Literal["png", "svg"], Query(alias="format")] = "png",
) -> Response:
    """An article-ready chart (1200x675) of one category, as PNG or SVG."""
    from losswatch.charts import render_chart

    key = categories.get(category).key
    media = "image/png" if fmt == "png" else "image/svg+xml"
    return cached_response(
        request,
        snapshot,
        ("chart", key, kind, start, end, fmt),
        lambda: render_chart(snapshot.series, key, kind=kind, start=start, end=end, fmt=fmt),
        raw=True,
        media_type=media,
    )


FEED_MEDIA = {"atom": "application/atom+xml", "rss": "application/rss+xml"}
FeedLang = Annotated[Literal["en", "uk"], Query(description="Language of the feed and its briefs.")]


def _feed(request: Request, snapshot: SnapshotDep, fmt: str, lang: str) -> Response:
    """The daily briefs of the last 30 reports as a feed, linked from
    :func:`~losswatch.api.deps.link_base` (``FALLBACK_BASE_URL`` for a host not trusted)."""
    from losswatch.feed import make_feed

    base = link_base(request) or FALLBACK_BASE_URL
    return cached_response(
        request,
        snapshot,
        ("feed", fmt, lang, base),
        lambda: make_feed(snapshot.series, days=30, base_url=base, fmt=fmt, lang=lang),
        raw=True,
        media_type=f"{FEED_MEDIA[fmt]}; charset=utf-8",
    )


def _feed_responses(fmt: str) -> dict[int | str, dict[str, Any]]:
    about = {"atom": "Atom", "rss": "RSS 2.0"}[fmt]
    return responses(304) | {
        200: {
            "description": f"{about} feed of the daily briefs.",
            "content": {FEED_MEDIA[fmt]: {}},
        }
    }


@router.get("/feed.atom", responses=_feed_responses("atom"))
def feed_atom(request: Request, snapshot: SnapshotDep, lang: FeedLang = "en") -> Response:
    """The daily briefs of the last 30 reports as an Atom feed."""
    return _feed(request, snapshot, "atom", lang)


@router.get("/feed.rss", responses=_feed_responses("rss"))
def feed_rss(request: Request, snapshot: SnapshotDep, lang: FeedLang = "en") -> Response:
    """The daily briefs of the last 30 reports as an RSS 2.0 feed."""
    return _feed(request, snapshot, "rss", lang)
