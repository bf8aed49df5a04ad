"""The canonical table's reads and writes for reconciliation and the bundled snapshot.

Reconciliation (:mod:`losswatch.reconcile`) is pure: it takes the evidence these functions read
and hands back canonical values, which :func:`replace_canonical` writes in one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from sqlalchemy import Engine, delete, func, insert, select

from losswatch.models import CanonicalValue
from losswatch.store import schema as s
from losswatch.store.bulk import bulk_insert
from losswatch.store.writes import bump_canonical_version

#: The canonical table's columns, in the order of the table.
CANONICAL_COLUMNS = tuple(column.name for column in s.canonical.columns)


class EvidenceRow(NamedTuple):
    source: str
    report_date: dt.date
    category: str
    value: int
    stated_increment: int | None


class CorrectionRow(NamedTuple):
    report_date: dt.date
    category: str
    delta: int


def evidence_rows(
    engine: Engine, *, since: dt.date | None = None
) -> tuple[list[EvidenceRow], list[CorrectionRow]]:
    """The non-quarantined observations from ``since`` on, and every official correction."""
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
        observations = [EvidenceRow(*row) for row in conn.execute(query)]
        corrections = [
            CorrectionRow(row.report_date, row.category, row.delta)
            for row in conn.execute(select(s.corrections))
        ]
    return observations, corrections


def canonical_row(cv: CanonicalValue) -> dict[str, object]:
    """A canonical value as a row of the canonical table (dates as dates)."""
    return {
        "report_date": cv.report_date,
        "loss_day": cv.loss_day,
        "category": cv.category,
        "value": cv.value,
        "increment": cv.increment,
        "status": cv.status.value,
        "rule": cv.rule,
        "supporting": list(cv.supporting),
        "dissent": [d.as_dict() for d in cv.dissent],
        "flags": list(cv.flags),
    }


def canonical_rows(values: Iterable[CanonicalValue]) -> list[dict[str, object]]:
    """Canonical values as rows of the canonical table."""
    return [canonical_row(cv) for cv in values]


def replace_canonical(
    engine: Engine, values: Iterable[CanonicalValue], *, start: dt.date | None
) -> int:
    """Replace the canonical rows from ``start`` on (all of them for None) by ``values``, in
    one transaction, so readers see the old or the new series, never a mix."""
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


def canonical_is_empty(engine: Engine) -> bool:
    with engine.connect() as conn:
        return not conn.execute(select(func.count()).select_from(s.canonical)).scalar()


def load_bundled_rows(
    engine: Engine, values: Sequence[CanonicalValue], payload: dict[str, Any]
) -> int:
    """Write the bundled snapshot's ``values`` and note when it was made and its report URLs."""
    rows = canonical_rows(values)
    with engine.begin() as conn:
        for i in range(0, len(rows), 2000):
            conn.execute(insert(s.canonical), rows[i : i + 2000])
        bump_canonical_version(conn)
        conn.execute(
            delete(s.meta).where(s.meta.c.key.in_(("bundled_snapshot", "bundled_report_urls")))
        )
        conn.execute(
            insert(s.meta),
            [
                {"key": "bundled_snapshot", "value": str(payload.get("made_at", ""))},
                {"key": "bundled_report_urls", "value": json.dumps(payload.get("report_urls", {}))},
            ],
        )
    return len(rows)
