"""The bulk insert writes exactly the rows SQLAlchemy Core writes, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import gc

from sqlalchemy import insert, select, text

from losswatch.store import schema as s
from losswatch.store.bulk import bulk_insert, gc_paused
from losswatch.store.engine import open_store

NOW = dt.datetime(2026, 8, 9, 6, 30, 5, 123456, tzinfo=dt.UTC)
COLUMNS = (
    "report_date",
    "category",
    "value",
    "stated_increment",
    "location",
    "source_url",
    "quarantined",
    "quarantine_reason",
)


def test_bulk_insert_stores_what_core_stores(store_url: str) -> None:
    engine = open_store(store_url)
    rows = [
        (
            dt.date(2022, 2, 25) + dt.timedelta(days=i % 7),
            f"c{i}",
            i * 3 if i % 5 else None,
            i if i % 2 else None,
            f"$[{i}].tank",
            "https://x/y" if i % 3 else None,
            i % 4 == 0,
            "future report date" if i % 4 == 0 else None,
        )
        for i in range(12_000)
    ]
    shared = {"snapshot_id": 1, "first_seen_at": NOW, "updated_at": NOW}
    with engine.begin() as conn:
        conn.execute(
            insert(s.snapshots).values(
                source="t",
                url="u",
                fetched_at=NOW,
                http_status=200,
                sha256="0",
                size=0,
                content=b"",
                status="ok",
                warnings=[],
            )
        )
        bulk_insert(conn, s.observations, COLUMNS, rows, constants={"source": "bulk", **shared})
        conn.execute(
            insert(s.observations),
            [{**dict(zip(COLUMNS, row, strict=True)), "source": "core", **shared} for row in rows],
        )
    # the raw stored values (SQLite keeps dates and times as text: the same text both ways)
    raw = "SELECT {} FROM observations WHERE source = '{}' ORDER BY id"
    names = ", ".join(
        [
            "report_date",
            "category",
            "value",
            "stated_increment",
            "location",
            "source_url",
            "first_seen_at",
            "updated_at",
            "quarantined",
            "quarantine_reason",
            "snapshot_id",
        ]
    )
    with engine.connect() as conn:
        bulk = conn.execute(text(raw.format(names, "bulk"))).all()
        core = conn.execute(text(raw.format(names, "core"))).all()
        loaded = conn.execute(
            select(s.observations.c.first_seen_at, s.observations.c.quarantined)
            .where(s.observations.c.source == "bulk")
            .order_by(s.observations.c.id)
            .limit(1)
        ).one()
    assert len(bulk) == len(rows) and bulk == core
    assert loaded.quarantined is True
    stamp = loaded.first_seen_at  # naive UTC on SQLite, aware on PostgreSQL
    assert (stamp.replace(tzinfo=dt.UTC) if stamp.tzinfo is None else stamp) == NOW
    engine.dispose()


def test_gc_paused_restores_the_collector() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause leaves the outer one alone
    assert gc.isenabled()
