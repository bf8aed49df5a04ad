"""Writing and reading the confirmed-loss tables (Oryx totals, WarSpotting item versions).

Same rules as :mod:`losswatch.store.writes`: called inside the source's one transaction, keyed so
that a second identical sync changes nothing, and clear breakage (a future date, a total that
falls to under a fifth of the day before) is kept but quarantined, never shown as a figure.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, Integer, Table, bindparam, func, literal, select, update

from losswatch.models import ConfirmedTotal, ParseOutcome, SpottedItem
from losswatch.store import schema as s
from losswatch.store.bulk import bulk_insert
from losswatch.store.writes import IngestResult, bump_canonical_version, utcnow

T = s.confirmed_totals
W = s.warspotting_items
STATUSES = ("destroyed", "damaged", "abandoned", "captured")
#: which adapter's figure wins when several read the same Oryx date (the page itself first)
ORYX_PRIORITY = ("oryx", "oryx_archive", "oryx_history")


def upsert_confirmed(
    conn: Connection,
    source: str,
    snapshot_id: int,
    outcome: ParseOutcome,
    result: IngestResult,
    *,
    seen_at: dt.datetime,
    today: dt.date,
) -> None:
    """Store what a confirmed-loss document stated (nothing for the other sources)."""
    changed = _upsert_totals(
        conn, source, snapshot_id, outcome.confirmed_totals, result, seen_at, today
    )
    changed += _upsert_items(conn, snapshot_id, outcome.spotted_items, result, seen_at, today)
    if changed:
        bump_canonical_version(conn)  # the API's data version covers these tables too


def totals_quarantine_reason(
    total: ConfirmedTotal, today: dt.date, previous: int | None
) -> str | None:
    """Why an Oryx total must not be shown (None: it may). Only clear breakage: Oryx itself
    lowers totals when it re-classifies entries, but never to a fifth of the day before."""
    if total.as_of > today + dt.timedelta(days=1):
        return f"future date {total.as_of.isoformat()}"
    if previous is not None and previous >= 20 and total.total * 5 <= previous:
        return f"{total.total} falls to under a fifth of the previous total ({previous})"
    return None


def _upsert_totals(
    conn: Connection,
    source: str,
    snapshot_id: int,
    totals: list[ConfirmedTotal],
    result: IngestResult,
    seen_at: dt.datetime,
    today: dt.date,
) -> int:
    if not totals:
        return 0
    stored = {
        (r.as_of, r.equipment): r for r in conn.execute(select(T).where(T.c.source == source))
    }
    clean: dict[str, dict[dt.date, int]] = {}  # series -> date -> total, to find the day before
    for (day, name), row in stored.items():
        if not row.quarantined:
            clean.setdefault(name, {})[day] = row.total
    new_rows: list[dict[str, object]] = []
    changed = 0
    for total in sorted(totals, key=lambda t: t.as_of):
        values = {
            "raw_name": total.raw_name,
            "total": total.total,
            **{k: getattr(total, k) for k in STATUSES},
        }
        series = clean.setdefault(total.equipment, {})
        earlier = [d for d in series if d < total.as_of]
        previous = series[max(earlier)] if earlier else None
        reason = totals_quarantine_reason(total, today, previous)
        if reason is None:
            series[total.as_of] = total.total
        else:
            result.quarantined += 1
            result.rejected.append(f"{source} {total.equipment} {total.as_of}: {reason}")
        flags = {"quarantined": reason is not None, "quarantine_reason": reason}
        old = stored.get((total.as_of, total.equipment))
        if old is None:
            new_rows.append(
                {
                    "source": source,
                    "as_of": total.as_of,
                    "equipment": total.equipment,
                    **values,
                    **flags,
                    "snapshot_id": snapshot_id,
                    "first_seen_at": seen_at,
                }
            )
        elif any(getattr(old, k) != v for k, v in (values | flags).items()):
            conn.execute(
                update(T).where(T.c.id == old.id).values(**values, **flags, snapshot_id=snapshot_id)
            )
            result.changed_observations += 1
            changed += 1
    if new_rows:
        _insert(conn, T, new_rows)
        result.new_observations += len(new_rows)
    return changed + len(new_rows)


def item_digest(item: SpottedItem) -> str:
    """What identifies one version of a WarSpotting record: every field it shows."""
    text = "\x1f".join(
        str(v)
        for v in (
            item.item_id,
            item.loss_date,
            item.type,
            item.model,
            item.status,
            item.nearest_location or "",
            item.unit or "",
        )
    )
    return hashlib.sha256(text.encode()).hexdigest()


def _upsert_items(
    conn: Connection,
    snapshot_id: int,
    items: list[SpottedItem],
    result: IngestResult,
    seen_at: dt.datetime,
    today: dt.date,
) -> int:
    """A new version for each record not seen in this form before; the versions seen again get
    their ``last_seen_at`` moved (so "what did WarSpotting show on day X" stays answerable)."""
    if not items:
        return 0
    by_digest = {item_digest(i): i for i in items}
    known: dict[str, int] = {}
    ids = sorted({i.item_id for i in items})
    for chunk in _chunks(ids, 900):
        for row in conn.execute(select(W.c.id, W.c.digest).where(W.c.item_id.in_(chunk))):
            known[row.digest] = row.id
    seen_again = [{"row_id": known[d]} for d in by_digest if d in known]
    if seen_again:
        conn.execute(
            update(W)
            .where(W.c.id == bindparam("row_id"))
            .values(last_seen_at=seen_at, last_snapshot_id=snapshot_id),
            seen_again,
        )
    new_rows: list[dict[str, object]] = []
    for digest, item in by_digest.items():
        if digest in known:
            continue
        if item.loss_date > today + dt.timedelta(days=1):
            result.quarantined += 1
            result.rejected.append(f"warspotting {item.item_id}: future date {item.loss_date}")
            continue
        new_rows.append(
            {
                "item_id": item.item_id,
                "loss_date": item.loss_date,
                "type": item.type,
                "model": item.model,
                "status": item.status,
                "nearest_location": item.nearest_location,
                "unit": item.unit,
                "digest": digest,
                "first_snapshot_id": snapshot_id,
                "last_snapshot_id": snapshot_id,
                "first_seen_at": seen_at,
                "last_seen_at": seen_at,
            }
        )
    if new_rows:
        _insert(conn, W, new_rows)
        result.new_observations += len(new_rows)
    return len(new_rows)


def _insert(conn: Connection, table: Table, rows: list[dict[str, object]]) -> None:
    columns = list(rows[0])
    bulk_insert(conn, table, columns, [tuple(r[c] for c in columns) for r in rows])


def _chunks(values: list[int], size: int) -> Iterable[list[int]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


# --- reads ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class OryxRow:
    as_of: dt.date
    equipment: str
    total: int
    destroyed: int
    damaged: int
    abandoned: int
    captured: int
    source: str


def oryx_rows(engine: Engine) -> list[OryxRow]:
    """Every clean Oryx total, one per (date, category): the page's own figure wins over the
    Internet Archive's copy, which wins over the history CSVs."""
    rank = {name: i for i, name in enumerate(ORYX_PRIORITY)}
    best: dict[tuple[dt.date, str], OryxRow] = {}
    with engine.connect() as conn:
        rows = conn.execute(
            select(T.c.as_of, T.c.equipment, T.c.total, *[T.c[k] for k in STATUSES], T.c.source)
            .where(T.c.quarantined.is_(False))
            .order_by(T.c.as_of)
        ).all()
    for r in rows:
        key = (r.as_of, r.equipment)
        kept = best.get(key)
        if kept is None or rank.get(r.source, 99) < rank.get(kept.source, 99):
            best[key] = OryxRow(
                r.as_of,
                r.equipment,
                r.total,
                r.destroyed,
                r.damaged,
                r.abandoned,
                r.captured,
                r.source,
            )
    return sorted(best.values(), key=lambda r: (r.as_of, r.equipment))


@dataclass(frozen=True)
class SpottedRow:
    item_id: int
    loss_date: dt.date
    type: str
    status: str
    first_seen_at: dt.datetime
    live: bool  # first seen in a live fetch (its first_seen_at is then a real sighting time)


def spotted_rows(engine: Engine, *, as_of: dt.datetime | None = None) -> list[SpottedRow]:
    """The WarSpotting records as the source showed them at ``as_of`` (default: the newest
    version of each): the version of each item seen last by then."""
    query = select(
        W.c.item_id,
        W.c.loss_date,
        W.c.type,
        W.c.status,
        W.c.first_seen_at,
        W.c.last_seen_at,
        s.snapshots.c.url,
    ).join(s.snapshots, s.snapshots.c.id == W.c.first_snapshot_id)
    if as_of is None:
        query = query.order_by(W.c.item_id, W.c.last_seen_at, W.c.id)
    else:
        query = query.where(W.c.first_seen_at <= as_of).order_by(
            W.c.item_id, W.c.first_seen_at, W.c.id
        )
    current: dict[int, SpottedRow] = {}
    with engine.connect() as conn:
        for r in conn.execute(query):
            current[r.item_id] = SpottedRow(
                r.item_id,
                r.loss_date,
                r.type,
                r.status,
                r.first_seen_at,
                r.url.startswith("http"),
            )
    return sorted(current.values(), key=lambda r: (r.loss_date, r.item_id))


def confirmed_stats(conn: Connection, source: str) -> tuple[int, Any, Any, int] | None:
    """(rows, first date, last date, quarantined) of a confirmed-loss source; None for the
    others (their rows are observations)."""
    if source == "warspotting":
        query = select(func.count(), func.min(W.c.loss_date), func.max(W.c.loss_date), literal(0))
    elif source.startswith("oryx"):
        query = select(
            func.count(),
            func.min(T.c.as_of),
            func.max(T.c.as_of),
            func.sum(func.cast(T.c.quarantined, Integer)),
        ).where(T.c.source == source)
    else:
        return None
    count, first, last, quarantined = conn.execute(query).one()
    return int(count), first, last, int(quarantined or 0)


__all__ = [
    "OryxRow",
    "SpottedRow",
    "item_digest",
    "oryx_rows",
    "spotted_rows",
    "upsert_confirmed",
    "utcnow",
]
