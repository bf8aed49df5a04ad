"""The store's side of ``losswatch rebuild``: clear what was parsed, hand back every raw
snapshot in the order it was fetched, and record each one's new parse status.

Each function takes the connection of the rebuild's one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, delete, func, select, update

from losswatch.errors import RebuildRefused
from losswatch.store import schema as s


def clear_parsed(conn: Connection) -> None:
    """Delete every observation, revision, correction and confirmed-loss row (raw snapshots
    stay)."""
    for table in (
        s.revisions,
        s.corrections,
        s.observations,
        s.confirmed_totals,
        s.warspotting_items,
    ):
        conn.execute(delete(table))


def snapshots_in_fetch_order(conn: Connection) -> Sequence[Any]:
    return conn.execute(select(s.snapshots).order_by(s.snapshots.c.id)).all()


def set_parse_status(
    conn: Connection,
    snapshot_id: int,
    status: str,
    *,
    figures: int = 0,
    error_code: str | None = None,
    error_message: str | None = None,
) -> None:
    conn.execute(
        update(s.snapshots)
        .where(s.snapshots.c.id == snapshot_id)
        .values(status=status, error_code=error_code, error_message=error_message, figures=figures)
    )


def count_rows(conn: Connection, table: str) -> int:
    """How many rows the store's table ``table`` holds (within the rebuild's transaction)."""
    return int(
        conn.execute(select(func.count()).select_from(s.metadata.tables[table])).scalar_one()
    )


def refuse_without_snapshots(conn: Connection) -> None:
    """A canonical series with no raw snapshot behind it (the bundled offline snapshot, or
    snapshots deleted by hand) cannot be recomputed: clearing it would empty the store."""
    if count_rows(conn, "snapshots") == 0 and count_rows(conn, "canonical") > 0:
        raise RebuildRefused(
            "the store holds a canonical series but no raw snapshot to rebuild it from "
            "(the bundled offline snapshot has none): nothing was changed. Run `losswatch sync` "
            "to store the sources' raw files first."
        )
