"""Reconciliation: observations in the store -> the canonical series in the store.

The rules and the engine are pure; :mod:`losswatch.store.canonical` reads their evidence and
writes their result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import Engine

from losswatch.reconcile import rules
from losswatch.reconcile.engine import Evidence, reconcile
from losswatch.store.bulk import gc_paused
from losswatch.store.canonical import evidence_rows, replace_canonical

__all__ = ["Evidence", "reconcile", "reconcile_store", "load_evidence"]

# Days before the first touched date re-read for the rules' context: the "moving" test looks
# back MOVING_DAYS days, so fewer would let an incremental run decide differently from a full one.
CONTEXT_DAYS = rules.MOVING_DAYS + 2


def load_evidence(engine: Engine, *, since: dt.date | None = None) -> Evidence:
    """Non-quarantined observations and the official corrections, from ``since`` on."""
    evidence = Evidence()
    observations, corrections = evidence_rows(engine, since=since)
    for row in observations:
        evidence.add(row.source, row.report_date, row.category, row.value, row.stated_increment)
    for c in corrections:
        evidence.corrections.setdefault((c.report_date, c.category), c.delta)
    return evidence


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
    return replace_canonical(engine, values, start=start)
