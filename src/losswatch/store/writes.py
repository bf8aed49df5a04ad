"""Writing to the store: one transaction per source, idempotent, never losing what is stored.

A snapshot's bytes are stored first-class (also when parsing fails), and observations are
upserted per (source, report_date, category). A changed value is not overwritten silently: the
old and new value go to ``revisions`` with both snapshots, so ``show --as-of`` can answer what the
record said at a past moment.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from losswatch.errors import LosswatchError
from losswatch.models import ParsedFigure, ParseOutcome
from losswatch.sources.base import RawDocument
from losswatch.store import schema as s


@dataclass
class IngestResult:
    """What one source's sync did: counts for the summary table, plus the touched dates."""

    source: str
    snapshots: int = 0
    unchanged: int = 0
    failed: int = 0
    new_observations: int = 0
    changed_observations: int = 0
    quarantined: int = 0
    errors: list[str] = field(default_factory=list)
    touched_dates: set[dt.date] = field(default_factory=set)


ONE_DAY = dt.timedelta(days=1)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def snapshot_exists(conn: Connection, source: str, url: str, digest: str) -> bool:
    query = select(s.snapshots.c.id).where(
        s.snapshots.c.source == source, s.snapshots.c.url == url, s.snapshots.c.sha256 == digest)
    return conn.execute(query).first() is not None


def insert_snapshot(conn: Connection, source: str, raw: RawDocument, *, status: str,
                    figures: int = 0, warnings: Iterable[str] = (),
                    error: LosswatchError | None = None) -> int:
    row = {
        "source": source, "url": raw.url, "fetched_at": raw.fetched_at,
        "http_status": raw.status, "media_type": raw.media_type, "sha256": sha256(raw.content),
        "size": len(raw.content), "content": raw.content, "hint_date": raw.hint_date,
        "etag": raw.etag,
        "last_modified": raw.last_modified, "status": status, "figures": figures,
        "warnings": list(warnings),
        "error_code": error.code if error else None,
        "error_message": error.message if error else None,
    }
    return int(conn.execute(insert(s.snapshots).values(**row)).inserted_primary_key[0])


def quarantine_reason(figure: ParsedFigure, today: dt.date, *, own_previous: int | None = None,
                      own_next: int | None = None) -> str | None:
    """Why a parsed figure must not reach the canonical series (None: it may).

    Only clear-cut breakage is quarantined here, against the source's own neighbouring days:
    a date in the future, a negative count, a value five times (or a fifth of) its neighbours
    (a slipped digit such as the official 2024-02-27 artillery "1009" after 9993). Smaller
    disagreements are the reconciler's to weigh against the other sources.
    """
    if figure.report_date > today + dt.timedelta(days=1):
        return f"future report date {figure.report_date.isoformat()}"
    value = figure.value
    if value is None:
        return None
    if value < 0:
        return f"negative count {value}"
    neighbours = [n for n in (own_previous, own_next) if n is not None and n >= 20]
    if neighbours and all(value >= 5 * n for n in neighbours):
        return f"{value} is over five times its neighbours {neighbours}"
    if own_previous is not None and own_previous >= 20 and value * 5 <= own_previous:
        return f"{value} falls to under a fifth of the day before ({own_previous})"
    return None


def _own_values(conn: Connection, source: str, figures: list[ParsedFigure]
                ) -> tuple[dict[tuple[dt.date, str], Any], dict[tuple[dt.date, str], int]]:
    """The stored rows of this source around the figures' dates, and every value known for it
    (stored, overlaid by this batch) to test each figure against its own neighbours."""
    dates = {f.report_date for f in figures}
    low, high = min(dates) - dt.timedelta(days=1), max(dates) + dt.timedelta(days=1)
    stored = {
        (row.report_date, row.category): row
        for row in conn.execute(select(s.observations).where(
            s.observations.c.source == source,
            s.observations.c.report_date.between(low, high)))
    }
    values = {k: r.value for k, r in stored.items() if r.value is not None and not r.quarantined}
    values.update({(f.report_date, f.category): f.value for f in figures if f.value is not None})
    return stored, values


def upsert_figures(conn: Connection, source: str, snapshot_id: int,
                   figures: list[ParsedFigure], result: IngestResult, *,
                   today: dt.date | None = None, seen_at: dt.datetime | None = None) -> None:
    """Insert new cells, record revisions for changed ones, leave equal ones untouched."""
    if not figures:
        return
    now = seen_at or utcnow()
    today = today or utcnow().date()
    existing, own = _own_values(conn, source, figures)
    seen: set[tuple[dt.date, str]] = set()
    new_rows: list[dict[str, object]] = []
    for fig in figures:
        key = (fig.report_date, fig.category)
        if key in seen:  # a document that states a cell twice: the first statement counts
            continue
        seen.add(key)
        reason = quarantine_reason(
            fig, today, own_previous=own.get((fig.report_date - ONE_DAY, fig.category)),
            own_next=own.get((fig.report_date + ONE_DAY, fig.category)))
        old = existing.get(key)
        if old is None:
            new_rows.append(dict(
                source=source, report_date=fig.report_date, category=fig.category,
                value=fig.value, stated_increment=fig.stated_increment,
                snapshot_id=snapshot_id, location=fig.location, source_url=fig.source_url,
                first_seen_at=now,
                updated_at=now, quarantined=reason is not None, quarantine_reason=reason))
            result.new_observations += 1
            result.quarantined += reason is not None
            result.touched_dates.add(fig.report_date)
        elif (old.value, old.stated_increment) != (fig.value, fig.stated_increment):
            conn.execute(insert(s.revisions).values(
                source=source, report_date=fig.report_date, category=fig.category,
                old_value=old.value, new_value=fig.value, old_increment=old.stated_increment,
                new_increment=fig.stated_increment, old_snapshot_id=old.snapshot_id,
                new_snapshot_id=snapshot_id, changed_at=now))
            conn.execute(update(s.observations).where(s.observations.c.id == old.id).values(
                value=fig.value, stated_increment=fig.stated_increment,
                snapshot_id=snapshot_id, location=fig.location, source_url=fig.source_url,
                updated_at=now,
                quarantined=reason is not None, quarantine_reason=reason))
            result.changed_observations += 1
            result.quarantined += reason is not None
            result.touched_dates.add(fig.report_date)
    for i in range(0, len(new_rows), 2000):
        conn.execute(insert(s.observations), new_rows[i:i + 2000])


def upsert_corrections(conn: Connection, source: str, snapshot_id: int,
                       outcome: ParseOutcome) -> None:
    if not outcome.corrections:
        return
    have = {(r.report_date, r.category): r for r in conn.execute(
        select(s.corrections).where(s.corrections.c.source == source))}
    for corr in outcome.corrections:
        old = have.get((corr.report_date, corr.category))
        if old is None:
            conn.execute(insert(s.corrections).values(
                source=source, report_date=corr.report_date, category=corr.category,
                delta=corr.delta, snapshot_id=snapshot_id))
        elif old.delta != corr.delta:
            conn.execute(update(s.corrections).where(s.corrections.c.id == old.id).values(
                delta=corr.delta, snapshot_id=snapshot_id))


def record_sync_run(engine: Engine, result: IngestResult, *, started_at: dt.datetime,
                    mode: str, error: LosswatchError | None = None) -> None:
    """One row per source per sync, in its own transaction (also when the sync failed)."""
    if error is not None:
        status = "failed"
    elif result.failed:
        status = "partial"
    elif result.snapshots == 0:
        status = "unchanged"
    else:
        status = "ok"
    with engine.begin() as conn:
        conn.execute(insert(s.sync_runs).values(
            source=result.source, started_at=started_at, finished_at=utcnow(), status=status,
            mode=mode, snapshots=result.snapshots,
            new_observations=result.new_observations,
            changed_observations=result.changed_observations,
            error_code=error.code if error else (
                "parse-error" if result.failed else None),
            error_message=error.message if error else ("; ".join(result.errors) or None)))
