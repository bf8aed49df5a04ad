"""Derived reads: the audit of disagreements, records, milestones, the summary and the brief.

The analytics and the brief are pure functions of the series, so each result is memoised per
data version; their modules are imported inside the builders so the API starts without paying
for them.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from losswatch import categories
from losswatch.api.deps import EngineDep, SnapshotDep, cached_response, envelope
from losswatch.api.models import Day, Dict, Envelope
from losswatch.api.problems import responses
from losswatch.views.insights import audit_payload, brief_for

router = APIRouter(prefix="/api/v1", tags=["insights"])
Lang = Annotated[str, Query(pattern="^(en|uk)$", description="en or uk.")]
ReportDate = Annotated[
    Day | None, Query(alias="date", description="Report date, YYYY-MM-DD (default: the latest).")
]


@router.get("/audit", response_model=Envelope[Dict], responses=responses(304, 400))
def audit(
    request: Request,
    engine: EngineDep,
    snapshot: SnapshotDep,
    since: Annotated[Day | None, Query(description="Only report dates from this day.")] = None,
) -> Response:
    """Every cell where the sources disagreed: each source's value, the decision and its
    evidence; per-source reliability; the official corrections."""
    return cached_response(
        request,
        snapshot,
        ("audit", since),
        lambda: envelope(audit_payload(snapshot, engine, since), snapshot),
    )


@router.get("/records", response_model=Envelope[list[Dict]], responses=responses(304))
def records(request: Request, snapshot: SnapshotDep) -> Response:
    """The highest daily increase of each main category (records count from April 2022)."""
    from losswatch.analytics.records import all_time_records

    return cached_response(
        request,
        snapshot,
        ("records",),
        lambda: envelope(all_time_records(snapshot.series), snapshot),
    )


@router.get("/milestones", response_model=Envelope[list[Dict]], responses=responses(304, 404))
def milestones(
    request: Request,
    snapshot: SnapshotDep,
    category: Annotated[str | None, Query(max_length=60)] = None,
) -> Response:
    """Round-number crossings (and the next one forecast), for one category or all."""
    from losswatch.analytics.milestones import milestones as find

    key = categories.get(category).key if category else None
    return cached_response(
        request,
        snapshot,
        ("milestones", key),
        lambda: envelope(find(snapshot.series, category=key), snapshot),
    )


@router.get("/summary", response_model=Envelope[Dict], responses=responses(304, 400, 404))
def summary(request: Request, snapshot: SnapshotDep, report_date: ReportDate = None) -> Response:
    """Per category: the report's figure, its increase, its rank and the 30-day comparison."""
    from losswatch.analytics.summary import latest_summary

    return cached_response(
        request,
        snapshot,
        ("summary", report_date),
        lambda: envelope(latest_summary(snapshot.series, report_date=report_date), snapshot),
    )


@router.get("/brief", response_model=Envelope[Dict], responses=responses(304, 400, 404))
def brief(
    request: Request,
    engine: EngineDep,
    snapshot: SnapshotDep,
    report_date: ReportDate = None,
    lang: Lang = "en",
) -> Response:
    """The written brief of a report: the day's figures in context, in English or Ukrainian."""
    return cached_response(
        request,
        snapshot,
        ("brief", report_date, lang),
        lambda: envelope(brief_for(snapshot, report_date, lang, engine).to_dict(), snapshot),
    )
