"""Reconciliation: observations in the store -> the canonical series in the store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import Engine, delete, select

from losswatch.models import CanonicalValue
from losswatch.reconcile import rules
from losswatch.reconcile.engine import Evidence, reconcile
from losswatch.store import schema as s
from losswatch.store.bulk import bulk_insert, gc_paused
from losswatch.store.writes import bump_canonical_version

__all__ = ["Evidence", "reconcile", "reconcile_store", "load_evidence", "canonical_rows"]

# Days before the first touched date re-read for the rules' context: the "moving" test looks
# back MOVING_DAYS days, so fewer would let an incremental run decide differently from a full one.
CONTEXT_DAYS = rules.MOVING_DAYS + 2


def load_evidence(engine: Engine, *, since: dt.date | None = None) -> Evidence:
    """Non-quarantined observations and the official corrections, from ``since`` on."""
    evidence = Evidence()
    query = select(
        s.observations.c.source,
        s.observations.c.report_date,
        s.observations.c.category,
        s.observations.c.value,
        s.observations.c.stated_increment,
    ).where(s.observations.c.quarantined.is_(False))
    if since is not None:
        query = query.where(s.observations.c.report_date >= since)
    with engine.connect() as conn:
        for row in conn.execute(query):
            evidence.add(row.source, row.report_date, row.category, row.value, row.stated_increment)
        for row in conn.execute(select(s.corrections)):
            evidence.corrections.setdefault((row.report_date, row.category), row.delta)
    return evidence


CANONICAL_COLUMNS = (
    "report_date",
    "category",
    "loss_day",
    "value",
    "increment",
    "status",
    "rule",
    "supporting",
    "dissent",
    "flags",
)


def canonical_rows(values: Iterable[CanonicalValue]) -> list[dict[str, object]]:
    return [
        {
            "report_date": cv.report_date,
            "category": cv.category,
            "loss_day": cv.loss_day,
            "value": cv.value,
            "increment": cv.increment,
            "status": cv.status.value,
            "rule": cv.rule,
            "supporting": list(cv.supporting),
            "dissent": [
                {
                    "source": d.source,
                    "value": d.value,
                    "stated_increment": d.stated_increment,
                    "flags": list(d.flags),
                }
                for d in cv.dissent
            ],
            "flags": list(cv.flags),
        }
        for cv in values
    ]


def reconcile_store(engine: Engine, *, dates: Iterable[dt.date] | None = None) -> int:
    """Recompute the canonical series: all of it, or from the first touched date on.

    The rules chain day to day, so a change on date D can move every later day: we recompute
    from D (with a few days of context before it) and replace those rows in one transaction,
    so readers see the old or the new series, never a mix. Returns the cells written.
    """
    touched = sorted(dates) if dates is not None else None
    if touched == []:
        return 0
    with gc_paused():
        return _reconcile_from(engine, touched[0] if touched else None)


def _reconcile_from(engine: Engine, start: dt.date | None) -> int:
    """Recompute and replace the canonical rows from ``start`` on (all of them for None)."""
    context = dt.timedelta(days=CONTEXT_DAYS)
    since = start - context if start and start > dt.date.min + context else None
    evidence = load_evidence(engine, since=since)
    values = reconcile(evidence)
    if start is not None:
        values = [cv for cv in values if cv.report_date >= start]
    rows = canonical_rows(values)
    with engine.begin() as conn:
        stmt = delete(s.canonical)
        if start is not None:
            stmt = stmt.where(s.canonical.c.report_date >= start)
        conn.execute(stmt)
        bulk_insert(
            conn,
            s.canonical,
            CANONICAL_COLUMNS,
            [tuple(row[c] for c in CANONICAL_COLUMNS) for row in rows],
        )
        bump_canonical_version(conn)
    return len(rows)
