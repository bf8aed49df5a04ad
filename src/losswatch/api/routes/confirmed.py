"""Claimed vs confirmed: the General Staff's running totals beside Oryx's and WarSpotting's.

The read model (:mod:`losswatch.views.confirmed`, shared with the dashboard's page) reads the
confirmed-loss tables once per data version; each view is a pure function of that read.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from losswatch.api.deps import EngineDep, SnapshotDep, cached_response, envelope
from losswatch.api.models import Day, Dict, Envelope
from losswatch.api.problems import responses
from losswatch.views.confirmed import (
    CREDIT,
    category_view,
    confirmed_data,
    confirmed_key,
    summary_rows,
)

router = APIRouter(prefix="/api/v1", tags=["confirmed"])


@router.get("/confirmed", response_model=Envelope[list[Dict]], responses=responses(304))
def confirmed_summary(request: Request, engine: EngineDep, snapshot: SnapshotDep) -> Response:
    """Per category with an Oryx counterpart: the newest Oryx date, the General Staff's total
    that day, Oryx's confirmed total, their ratio and any notable move of it."""
    return cached_response(
        request,
        snapshot,
        ("confirmed",),
        lambda: envelope(summary_rows(snapshot, engine), snapshot, credit=CREDIT),
    )


@router.get(
    "/confirmed/{category}", response_model=Envelope[Dict], responses=responses(304, 400, 404)
)
def confirmed_category(
    request: Request,
    engine: EngineDep,
    snapshot: SnapshotDep,
    category: str,
    date_from: Annotated[Day | None, Query(alias="from", description="First date.")] = None,
    date_to: Annotated[Day | None, Query(alias="to", description="Last date.")] = None,
    period: Annotated[
        str, Query(pattern="^(day|week)$", description="WarSpotting: day or week.")
    ] = "week",
) -> Response:
    """Every date with an Oryx figure: claimed, confirmed (by status), ratio and its change;
    WarSpotting's records per day or week beside the claimed increases, and the lag."""
    key = confirmed_key(category)
    return cached_response(
        request,
        snapshot,
        ("confirmed", key, date_from, date_to, period),
        lambda: envelope(
            category_view(
                confirmed_data(snapshot, engine),
                key,
                start=date_from,
                end=date_to,
                weekly=period == "week",
            ),
            snapshot,
        ),
    )
