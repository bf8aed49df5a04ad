"""Claimed vs confirmed: the General Staff's running totals beside Oryx's and WarSpotting's.

One read of the confirmed-loss tables per data version (memoised on the snapshot, like the
audit), then each view is a pure function of it.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from sqlalchemy import Engine
from starlette.responses import Response

from losswatch import categories
from losswatch.api.cache import Snapshot
from losswatch.api.deps import EngineDep, SnapshotDep, cached_response, envelope
from losswatch.api.models import Day, Dict, Envelope
from losswatch.api.problems import responses
from losswatch.confirmed_view import (
    CREDIT,
    ConfirmedData,
    category_view,
    load_confirmed,
    summary_view,
)
from losswatch.errors import NotFound

router = APIRouter(prefix="/api/v1", tags=["confirmed"])


def confirmed_data(snapshot: Snapshot, engine: Engine) -> ConfirmedData:
    """The confirmed-loss rows beside the snapshot's series, read once per data version."""
    return snapshot.memo(("confirmed-data",), lambda: load_confirmed(engine, snapshot.series))


def summary_rows(snapshot: Snapshot, engine: Engine) -> list[dict[str, object]]:
    """The newest comparison of every category (the API and the dashboard share it)."""
    return snapshot.memo(
        ("confirmed-summary",), lambda: summary_view(confirmed_data(snapshot, engine))
    )


def confirmed_key(category: str) -> str:
    """The category key, if Oryx has a counterpart for it; coded 404s otherwise."""
    key = categories.get(category).key
    if key not in categories.confirmed_keys("oryx"):
        raise NotFound(f"{key!r} has no Oryx counterpart")
    return key


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
