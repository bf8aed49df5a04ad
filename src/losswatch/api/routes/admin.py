"""The only write (POST /api/v1/sync, behind the API token) and the sources' health.

The public side is read-only: anything that writes needs ``Authorization: Bearer <api_token>``
(see :func:`~losswatch.api.deps.require_token`). The sync runner is a dependency so tests swap
in a sync from the recorded files instead of the network.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends
from starlette.responses import Response

from losswatch.api.deps import (
    CacheDep,
    ClockDep,
    EngineDep,
    SettingsDep,
    SnapshotDep,
    TokenDep,
    dumps,
    kyiv_today,
)
from losswatch.api.models import Dict, Envelope, SyncRequest
from losswatch.api.problems import responses
from losswatch.pipeline import SyncSummary
from losswatch.store import queries
from losswatch.views import health_view

router = APIRouter(prefix="/api/v1", tags=["admin"])
SyncRunner = Callable[[list[str] | None], SyncSummary]


def get_sync_runner(engine: EngineDep, settings: SettingsDep) -> SyncRunner:
    """A live sync of the given sources (all when None); never waits for another sync."""
    from losswatch.pipeline import sync

    def run(sources: list[str] | None) -> SyncSummary:
        return sync(engine, settings, sources=sources, lock_wait=0.0)

    return run


SyncRunnerDep = Annotated[SyncRunner, Depends(get_sync_runner)]


def summary_dict(summary: SyncSummary) -> Dict:
    return {
        "mode": summary.mode,
        "ok": summary.ok,
        "reconciled_cells": summary.reconciled_cells,
        "results": [
            {
                "source": r.source,
                "snapshots": r.snapshots,
                "unchanged": r.unchanged,
                "failed": r.failed,
                "new_observations": r.new_observations,
                "changed_observations": r.changed_observations,
                "errors": list(r.errors),
            }
            for r in summary.results
        ],
    }


@router.post("/sync", response_model=Envelope[Dict], responses=responses(400, 401, 404, 409, 413))
def trigger_sync(
    _auth: TokenDep, run: SyncRunnerDep, cache: CacheDep, body: SyncRequest | None = None
) -> Response:
    """Fetch, store and reconcile now (needs the API token); 409 while another sync runs."""
    summary = run(body.sources if body and body.sources else None)
    cache.invalidate()
    snapshot = cache.current()
    payload = {"data": summary_dict(summary), "meta": {"data_version": snapshot.version}}
    return Response(dumps(payload), media_type="application/json")


@router.get("/sources", response_model=Envelope[list[Dict]])
def sources(engine: EngineDep, snapshot: SnapshotDep) -> Response:
    """Each source: last successful sync, date range, row count and last error (not cached:
    it is the health view)."""
    payload = {"data": queries.sources_status(engine), "meta": {"data_version": snapshot.version}}
    return Response(
        dumps(payload), media_type="application/json", headers={"Cache-Control": "no-cache"}
    )


health_router = APIRouter(tags=["admin"])


@health_router.get("/healthz", response_model=Dict)
def healthz(engine: EngineDep, clock: ClockDep) -> Response:
    """Data freshness (age of the newest report, Kyiv time), the last sync result and every
    source's state. 200 while the store answers (``status`` says ok, degraded or stale)."""
    return Response(
        dumps(health_view(engine, kyiv_today(clock))),
        media_type="application/json",
        headers={"Cache-Control": "no-cache"},
    )
