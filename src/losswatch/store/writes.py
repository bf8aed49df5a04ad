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


def quarantine_reason(figure: ParsedFigure, today: dt.date) -> str | None:
    """Why a parsed figure must not reach the canonical series (None: it may)."""
    if figure.report_date > today + dt.timedelta(days=1):
        return f"future report date {figure.report_date.isoformat()}"
    if figure.value is not None and figure.value < 0:
        return f"negative count {figure.value}"
    return None


def upsert_figures(conn: Connection, source: str, snapshot_id: int,
                   figures: list[ParsedFigure], result: IngestResult, *,
                   today: dt.date | None = None, seen_at: dt.datetime | None = None) -> None:
    """Insert new cells, record revisions for changed ones, leave equal ones untouched."""
    if not figures:
        return
    now = seen_at or utcnow()
    today = today or now.date()
    dates = {f.report_date for f in figures}
    existing = {
        (row.report_date, row.category): row
        for row in conn.execute(select(s.observations).where(
            s.observations.c.source == source,
            s.observations.c.report_date.between(min(dates), max(dates))))
    }
    seen: set[tuple[dt.date, str]] = set()
    new_rows: list[dict[str, object]] = []
    for fig in figures:
        key = (fig.report_date, fig.category)
        if key in seen:  # a document that states a cell twice: the first statement counts
            continue
        seen.add(key)
        reason = quarantine_reason(fig, today)
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
