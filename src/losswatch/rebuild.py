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

from sqlalchemy import Engine

from losswatch.errors import ParseError, RebuildRefused
from losswatch.reconcile import reconcile_store
from losswatch.sources import get_adapter
from losswatch.sources.base import RawDocument
from losswatch.store.confirmed import upsert_confirmed
from losswatch.store.lock import store_lock
from losswatch.store.reparse import (
    clear_parsed,
    count_rows,
    refuse_without_snapshots,
    set_parse_status,
    snapshots_in_fetch_order,
)
from losswatch.store.writes import (
    IngestResult,
    clear_reconcile_pending,
    mark_reconcile_pending,
    upsert_corrections,
    upsert_figures,
)


def rebuild_store(engine: Engine) -> dict[str, int]:
    with store_lock(engine):
        with engine.begin() as conn:
            refuse_without_snapshots(conn)
            stored = count_rows(conn, "observations")
            clear_parsed(conn)
            rows = snapshots_in_fetch_order(conn)
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
                    set_parse_status(
                        conn, row.id, "failed", error_code=exc.code, error_message=exc.message
                    )
                    continue
                set_parse_status(conn, row.id, "ok", figures=len(outcome.figures))
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
            observations = count_rows(conn, "observations")
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
