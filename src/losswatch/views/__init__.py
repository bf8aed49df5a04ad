"""Read models shared by the CLI, the API and the dashboard, so they show the same thing."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from sqlalchemy import Engine

from losswatch import categories
from losswatch.errors import NotFound
from losswatch.models import CanonicalValue, Status
from losswatch.reconcile.audit import audit_cells, explain, reliability
from losswatch.store import queries
from losswatch.store.canonical import canonical_row
from losswatch.timefmt import iso_text


def cell_dict(cv: CanonicalValue) -> dict[str, Any]:
    """A canonical cell as the API and the exports show it: its stored row, dates as ISO."""
    return _jsonable(canonical_row(cv))


def disputed(cv: CanonicalValue | None) -> bool:
    """A cell the sources disagree on and no rule settled: shown with every value, never
    stated as a fact."""
    return cv is not None and cv.status is Status.CONFLICT


def day_view(
    engine: Engine, report_date: dt.date | None, *, as_of: dt.datetime | None = None
) -> dict[str, Any]:
    """One report date: canonical value, increment and status per category, and every
    source's value and stated "(+N)"."""
    assert report_date is not None
    obs = queries.day_observations(engine, report_date, as_of=as_of)
    canonical = (
        {
            cv.category: cv
            for cv in queries.canonical_values(engine, start=report_date, end=report_date)
        }
        if as_of is None
        else {}
    )
    names = sorted({o.source for o in obs})
    rows = []
    for cat in categories.CATEGORIES:
        per_source = {
            o.source: {
                "value": o.value,
                "stated_increment": o.stated_increment,
                "location": o.location,
                "snapshot_id": o.snapshot_id,
                "url": o.url,
                "quarantined": o.quarantined,
            }
            for o in obs
            if o.category == cat.key
        }
        cv = canonical.get(cat.key)
        if not per_source and cv is None:
            continue
        rows.append(
            {
                "category": cat.key,
                "label": cat.label_en,
                "value": cv.value if cv else None,
                "increment": cv.increment if cv else None,
                "status": cv.status.value if cv else None,
                "rule": cv.rule if cv else None,
                "disputed": disputed(cv),
                "alternatives": cv.alternatives if cv and disputed(cv) else [],
                "sources": per_source,
            }
        )
    if not rows:
        raise _no_report(engine, report_date)
    return {
        "report_date": report_date.isoformat(),
        "loss_day": (report_date - dt.timedelta(days=1)).isoformat(),
        "as_of": as_of.isoformat() if as_of else None,
        "sources": names,
        "rows": rows,
        "revisions": [_jsonable(r) for r in queries.revisions(engine, report_date=report_date)],
    }


def _no_report(engine: Engine, report_date: dt.date) -> NotFound:
    """The coded error for a date nothing is stored for, naming the nearest reports."""
    before, after = queries.nearest_report_dates(engine, report_date)
    if before is None and after is None:
        return NotFound("the store holds no reports: run `losswatch sync` first")
    near = " and ".join(d.isoformat() for d in (before, after) if d is not None)
    return NotFound(
        f"no report for {report_date.isoformat()}; the nearest stored: {near}",
        detail={"nearest": [d.isoformat() for d in (before, after) if d is not None]},
    )


def audit_view(engine: Engine, *, since: dt.date | None = None) -> dict[str, Any]:
    values = queries.canonical_values(engine)
    index = {(cv.category, cv.report_date): cv for cv in values}
    return {
        "cells": [
            cell_dict(cv) | {"reason": explain(cv, index)}
            for cv in audit_cells(values, since=since)
        ],
        "reliability": [asdict(r) | {"share_right": r.share_right} for r in reliability(values)],
        "corrections": [_jsonable(c) for c in queries.corrections(engine)],
    }


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    """Dates and datetimes as ISO strings; datetimes always as UTC ``...Z`` stamps (SQLite
    hands them back naive, PostgreSQL aware: the output must not depend on the backend)."""

    return {k: iso_text(v) for k, v in row.items()}


STALE_AFTER_DAYS = 2  # a morning report older than this means the sync is not keeping up


def health_view(engine: Engine, today: dt.date) -> dict[str, Any]:
    """Data freshness and the last sync of every source: what ``/healthz`` answers.

    ``status`` is ``ok``, ``degraded`` (a source's last sync failed or it has quarantined
    observations) or ``stale`` (the newest report is older than STALE_AFTER_DAYS days).
    """
    sources = queries.sources_status(engine)
    newest = queries.newest_canonical_date(engine)
    age = (today - newest).days if newest else None
    failing = [s["source"] for s in sources if s["last_status"] in ("failed", "partial")]
    quarantined = {s["source"]: s["quarantined"] for s in sources if s["quarantined"]}
    last = queries.last_sync(engine)
    status = (
        "stale"
        if age is None or age > STALE_AFTER_DAYS
        else "degraded"
        if failing or quarantined
        else "ok"
    )
    return {
        "status": status,
        "newest_report_date": newest.isoformat() if newest else None,
        "age_days": age,
        "failing_sources": failing,
        "quarantined": quarantined,
        "last_sync": _jsonable(last) if last else None,
        "bundled_snapshot": queries.bundled_snapshot_made_at(engine),
        "sources": [_jsonable(s) for s in sources],
    }
