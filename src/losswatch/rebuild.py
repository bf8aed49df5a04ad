"""``losswatch rebuild``: everything derived is recomputed from the stored raw bytes alone.

Raw snapshots are the source of truth. Observations, revisions and corrections are cleared and
every snapshot is parsed again in the order it was fetched (so revisions come out the same),
then the canonical series is recomputed. The re-parse is one transaction; a note in ``meta``
marks the canonical series as pending until it is recomputed, so a kill in between is healed
by the next sync and reported by ``doctor``.

A rebuild never ends with less than it started with: a store that holds a canonical series but
no raw snapshot to recompute it from (the bundled offline snapshot) is refused before anything
is touched, and a re-parse that yields fewer observations than were stored is rolled back.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, Engine, Table, delete, func, select, update

from losswatch.errors import ParseError, RebuildRefused
from losswatch.reconcile import reconcile_store
from losswatch.sources import get_adapter
from losswatch.sources.base import RawDocument
from losswatch.store import schema as s
from losswatch.store.confirmed import upsert_confirmed
from losswatch.store.lock import store_lock
from losswatch.store.writes import (
    IngestResult,
    clear_reconcile_pending,
    mark_reconcile_pending,
    upsert_corrections,
    upsert_figures,
)


def _count(conn: Connection, table: Table) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def _refuse_without_snapshots(conn: Connection) -> None:
    """A canonical series with no raw snapshot behind it (the bundled offline snapshot, or
    snapshots deleted by hand) cannot be recomputed: clearing it would empty the store."""
    if _count(conn, s.snapshots) == 0 and _count(conn, s.canonical) > 0:
        raise RebuildRefused(
            "the store holds a canonical series but no raw snapshot to rebuild it from "
            "(the bundled offline snapshot has none): nothing was changed. Run `losswatch sync` "
            "to store the sources' raw files first."
        )


def rebuild_store(engine: Engine) -> dict[str, int]:
    with store_lock(engine):
        with engine.begin() as conn:
            _refuse_without_snapshots(conn)
            stored = _count(conn, s.observations)
            for table in (
                s.revisions,
                s.corrections,
                s.observations,
                s.confirmed_totals,
                s.warspotting_items,
            ):
                conn.execute(delete(table))
            rows = conn.execute(select(s.snapshots).order_by(s.snapshots.c.id)).all()
            for row in rows:
                adapter = get_adapter(row.source)
                raw = RawDocument(
                    url=row.url,
                    content=row.content,
                    status=row.http_status,
                    media_type=row.media_type,
                    fetched_at=row.fetched_at,
                    hint_date=row.hint_date,
                )
                try:
                    outcome = adapter.parse(raw)
                except ParseError as exc:
                    conn.execute(
                        update(s.snapshots)
                        .where(s.snapshots.c.id == row.id)
                        .values(
                            status="failed",
                            error_code=exc.code,
                            error_message=exc.message,
                            figures=0,
                        )
                    )
                    continue
                conn.execute(
                    update(s.snapshots)
                    .where(s.snapshots.c.id == row.id)
                    .values(
                        status="ok",
                        error_code=None,
                        error_message=None,
                        figures=len(outcome.figures),
                    )
                )
                result = IngestResult(row.source)
                upsert_figures(
                    conn, row.source, row.id, outcome.figures, result, seen_at=row.fetched_at
                )
                upsert_corrections(conn, row.source, row.id, outcome)
                upsert_confirmed(
                    conn,
                    row.source,
                    row.id,
                    outcome,
                    result,
                    seen_at=row.fetched_at,
                    today=dt.date.max - dt.timedelta(days=2),
                )
            observations = _count(conn, s.observations)
            if observations < stored:  # raising rolls the whole re-parse back
                raise RebuildRefused(
                    f"re-parsing the raw snapshots gives {observations} observations where the "
                    f"store holds {stored}: nothing was changed. Run `losswatch doctor`."
                )
            # a kill before the reconcile below leaves this note: the next sync (and doctor)
            # see that the whole series must be recomputed
            mark_reconcile_pending(conn, [dt.date.min])
        canonical = reconcile_store(engine)
        clear_reconcile_pending(engine)
    return {"snapshots": len(rows), "observations": observations, "canonical": canonical}
