"""Writing to the store: one transaction per source, idempotent, never losing what is stored.

A snapshot's bytes are stored first-class (also when parsing fails), and observations are
upserted per (source, report_date, category). A changed value is not overwritten silently: the
old and new value go to ``revisions`` with both snapshots, so ``show --as-of`` can answer what the
record said at a past moment. A changed value that fails the quarantine checks does not
displace a clean stored one: the run is "partial" and its sync_runs row says what was kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, insert, select, update

from losswatch.errors import DataError, LosswatchError, ParseError, ValueOutOfRange
from losswatch.models import ParsedFigure, ParseOutcome
from losswatch.sources.base import RawDocument
from losswatch.store import schema as s
from losswatch.store.bulk import bulk_insert


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
    rejected: list[str] = field(default_factory=list)  # quarantined restatements, not stored
    out_of_range: int = 0  # figures beyond the 64-bit columns: quarantined without their value
    findings: list[str] = field(default_factory=list)  # e.g. a day stated twice, differently
    touched_dates: set[dt.date] = field(default_factory=set)


ONE_DAY = dt.timedelta(days=1)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def snapshot_exists(conn: Connection, source: str, url: str, digest: str) -> bool:
    query = select(s.snapshots.c.id).where(
        s.snapshots.c.source == source, s.snapshots.c.url == url, s.snapshots.c.sha256 == digest
    )
    return conn.execute(query).first() is not None


def insert_snapshot(
    conn: Connection,
    source: str,
    raw: RawDocument,
    *,
    status: str,
    figures: int = 0,
    warnings: Iterable[str] = (),
    error: LosswatchError | None = None,
) -> int:
    row = {
        "source": source,
        "url": raw.url,
        "fetched_at": raw.fetched_at,
        "http_status": raw.status,
        "media_type": raw.media_type[:100],  # a remote header
        "sha256": sha256(raw.content),
        "size": len(raw.content),
        "content": raw.content,
        "hint_date": raw.hint_date,
        "etag": raw.etag,
        "last_modified": raw.last_modified,
        "status": status,
        "figures": figures,
        "warnings": list(warnings),
        "error_code": error.code if error else None,
        "error_message": error.message if error else None,
    }
    return int(
        conn.execute(insert(s.snapshots).values(**row).returning(s.snapshots.c.id)).scalar_one()
    )


STORABLE = range(-(2**63), 2**63)  # the BIGINT columns of SQLite and PostgreSQL


def _digits(value: int) -> str:
    text = str(value)
    return text if len(text) <= 24 else f"{text[:12]}... ({len(text.lstrip('-'))} digits)"


def out_of_range_reason(figure: ParsedFigure) -> str | None:
    """Why a figure cannot be stored at all: a count or increment beyond the 64-bit integer
    columns (2^63 or more, 10^30...). Clear breakage: it is quarantined with this reason and
    without its value, instead of the database refusing the whole source's transaction."""
    for name, value in (("count", figure.value), ("increment", figure.stated_increment)):
        if value is not None and value not in STORABLE:
            return f"[{ValueOutOfRange.code}] {name} {_digits(value)} beyond the 64-bit range"
    return None


def quarantine_reason(
    figure: ParsedFigure,
    today: dt.date,
    *,
    own_previous: int | None = None,
    own_next: int | None = None,
) -> str | None:
    """Why a parsed figure must not reach the canonical series (None: it may).

    Only clear-cut breakage is quarantined here, against the source's own neighbouring days:
    a date in the future, a negative count, a value five times its neighbours (of 20 or more),
    or one under a fifth of the day before, whatever its size, since a cumulative count never
    falls that far (a slipped digit such as the official 2024-02-27 artillery "1009" after
    9993, or submarines 2 -> 0). Smaller disagreements are the reconciler's to weigh against
    the other sources.
    """
    if figure.report_date > today + ONE_DAY:
        return f"future report date {figure.report_date.isoformat()}"
    value = figure.value
    if value is None:
        return None
    if value < 0:
        return f"negative count {value}"
    neighbours: list[int] = []  # those of 20 or more; every one of them must be outdone 5x
    for n in (own_previous, own_next):
        if n is not None and n >= 20:
            if value < 5 * n:
                break
            neighbours.append(n)
    else:
        if neighbours:
            return f"{value} is over five times its neighbours {neighbours}"
    if own_previous is not None and own_previous > 0 and value * 5 <= own_previous:
        return f"{value} falls to under a fifth of the day before ({own_previous})"
    return None


# The stored columns upsert_figures compares against (not the whole row: a x100 re-read of
# two million rows spends its time converting timestamps and texts nobody looks at).
_STORED = (
    s.observations.c.id,
    s.observations.c.report_date,
    s.observations.c.category,
    s.observations.c.value,
    s.observations.c.stated_increment,
    s.observations.c.snapshot_id,
    s.observations.c.quarantined,
)
_NEW_COLUMNS = (
    "report_date",
    "category",
    "value",
    "stated_increment",
    "location",
    "source_url",
    "quarantined",
    "quarantine_reason",
)


Cells = dict[str, dict[dt.date, Any]]  # category -> report date -> stored row or value


def _own_values(conn: Connection, source: str, figures: list[ParsedFigure]) -> tuple[Cells, Cells]:
    """The stored rows of this source around the figures' dates, and every value known for it
    (stored, overlaid by this batch) to test each figure against its own neighbours, both by
    category then date.

    Only the figures' categories are read: a figure is compared with its own category's cells
    alone, and PetroIvaniuk's personnel file must not re-read every equipment row."""
    dates = {f.report_date for f in figures}
    low, high = min(dates) - ONE_DAY, max(dates) + ONE_DAY
    stored: Cells = defaultdict(dict)
    values: Cells = defaultdict(dict)
    for row in conn.execute(
        select(*_STORED).where(
            s.observations.c.source == source,
            s.observations.c.category.in_(sorted({f.category for f in figures})),
            s.observations.c.report_date.between(low, high),
        )
    ):
        stored[row.category][row.report_date] = row
        if row.value is not None and not row.quarantined:
            values[row.category][row.report_date] = row.value
    first: set[tuple[str, dt.date]] = set()
    for f in figures:  # a cell stated twice: the first statement, the one upsert_figures uses
        if f.value is not None and f.value in STORABLE and (f.category, f.report_date) not in first:
            first.add((f.category, f.report_date))
            values[f.category][f.report_date] = f.value
    return stored, values


def conflicting_duplicates(figures: Iterable[ParsedFigure]) -> list[str]:
    """A finding per cell one document states twice with different values, naming both and
    where they stand (the raw snapshot keeps both; the first statement is the one used).

    A repeated day is how a broken file slips a bad value past the neighbour test: the new
    day's bad value would be compared with the repeated day's bad copy (issue 14).
    """
    seen: dict[tuple[str, dt.date], ParsedFigure] = {}
    found: list[str] = []
    for fig in figures:
        key = (fig.category, fig.report_date)
        first = seen.setdefault(key, fig)
        if first is not fig and first.value != fig.value:
            found.append(
                f"{fig.report_date.isoformat()} {fig.category} stated twice with different "
                f"values: {first.value} ({first.location or '?'}) and {fig.value} "
                f"({fig.location or '?'}); the first is used"
            )
    return found


def upsert_figures(
    conn: Connection,
    source: str,
    snapshot_id: int,
    figures: list[ParsedFigure],
    result: IngestResult,
    *,
    today: dt.date | None = None,
    seen_at: dt.datetime | None = None,
) -> None:
    """Insert new cells, record revisions for changed ones, leave equal ones untouched.

    A changed value that fails :func:`quarantine_reason` does not displace a clean stored one:
    the stored value stands and the rejected statement is noted in ``result.rejected``.
    New cells, revisions and updates are written in batches after the decisions (each decision
    reads only what was stored before this call and this batch's own values).
    """
    if not figures:
        return
    now = seen_at or utcnow()
    today = today or utcnow().date()
    existing, own = _own_values(conn, source, figures)
    batch: Cells = defaultdict(dict)
    for fig in figures:  # a document that states a cell twice: the first statement counts
        batch[fig.category].setdefault(fig.report_date, fig)
    new_rows: list[tuple[object, ...]] = []
    revised: list[dict[str, object]] = []
    updated: list[dict[str, object]] = []
    touched: set[dt.date] = set()
    quarantined = 0
    overflows: list[str] = []
    # Category by category, day by day, so that each day after a quarantined one is judged
    # against the last value that passed (a run of broken days is caught whole, the good day
    # after a spike passes).
    for category in sorted(batch):
        cells, stored, known = batch[category], existing.get(category, {}), own[category]
        for day in sorted(cells):
            fig = cells[day]
            previous = known.get(day - ONE_DAY)
            reason = out_of_range_reason(fig)
            if reason is not None:
                overflows.append(f"{day} {category} ({fig.location}): {reason}")
                fig = replace(fig, value=None, stated_increment=None)
            reason = reason or quarantine_reason(
                fig, today, own_previous=previous, own_next=known.get(day + ONE_DAY)
            )
            old = stored.get(day)
            keeps_old = reason is not None and old is not None and not old.quarantined
            if reason is not None:
                stand_in = old.value if keeps_old and old is not None else previous
                if stand_in is None:
                    known.pop(day, None)
                else:
                    known[day] = stand_in
            if old is None:
                new_rows.append(
                    (
                        day,
                        category,
                        fig.value,
                        fig.stated_increment,
                        fig.location,
                        fig.source_url,
                        reason is not None,
                        reason,
                    )
                )
                quarantined += reason is not None
                touched.add(day)
            elif (old.value, old.stated_increment) == (fig.value, fig.stated_increment):
                continue
            elif keeps_old:
                quarantined += 1
                result.rejected.append(f"{day} {category}: {reason}; kept {old.value}")
            else:
                revised.append(
                    dict(
                        report_date=day,
                        category=category,
                        old_value=old.value,
                        new_value=fig.value,
                        old_increment=old.stated_increment,
                        new_increment=fig.stated_increment,
                        old_snapshot_id=old.snapshot_id,
                    )
                )
                updated.append(
                    dict(
                        b_id=old.id,
                        value=fig.value,
                        stated_increment=fig.stated_increment,
                        location=fig.location,
                        source_url=fig.source_url,
                        quarantined=reason is not None,
                        quarantine_reason=reason,
                    )
                )
                quarantined += reason is not None
                touched.add(day)
    result.new_observations += len(new_rows)
    result.changed_observations += len(updated)
    result.quarantined += quarantined
    result.touched_dates |= touched
    if overflows:
        result.out_of_range += len(overflows)
        result.errors.append(
            f"{len(overflows)} figures beyond the store's range quarantined: "
            + "; ".join(overflows[:20])
        )
    if revised:
        conn.execute(
            insert(s.revisions).values(source=source, new_snapshot_id=snapshot_id, changed_at=now),
            revised,
        )
        conn.execute(
            update(s.observations)
            .where(s.observations.c.id == bindparam("b_id"))
            .values(snapshot_id=snapshot_id, updated_at=now),
            updated,
        )
    bulk_insert(
        conn,
        s.observations,
        _NEW_COLUMNS,
        new_rows,
        constants=dict(source=source, snapshot_id=snapshot_id, first_seen_at=now, updated_at=now),
    )


def upsert_corrections(
    conn: Connection, source: str, snapshot_id: int, outcome: ParseOutcome
) -> None:
    if not outcome.corrections:
        return
    have = {
        (r.report_date, r.category): r
        for r in conn.execute(select(s.corrections).where(s.corrections.c.source == source))
    }
    for corr in outcome.corrections:
        old = have.get((corr.report_date, corr.category))
        if old is None:
            conn.execute(
                insert(s.corrections).values(
                    source=source,
                    report_date=corr.report_date,
                    category=corr.category,
                    delta=corr.delta,
                    snapshot_id=snapshot_id,
                )
            )
        elif old.delta != corr.delta:
            conn.execute(
                update(s.corrections)
                .where(s.corrections.c.id == old.id)
                .values(delta=corr.delta, snapshot_id=snapshot_id)
            )


RECONCILE_PENDING = "reconcile_pending_from"
CANONICAL_VERSION = "canonical_version"


def bump_canonical_version(conn: Connection) -> None:
    """Count every rewrite of the canonical table, in the same transaction, so the data
    version (ETags, the API cache) changes whenever a value, status or increment may have."""
    key = s.meta.c.key == CANONICAL_VERSION
    current = conn.execute(select(s.meta.c.value).where(key)).scalar()
    if current is None:
        conn.execute(insert(s.meta).values(key=CANONICAL_VERSION, value="1"))
    else:
        conn.execute(update(s.meta).where(key).values(value=str(int(current) + 1)))


def mark_reconcile_pending(conn: Connection, dates: Iterable[dt.date]) -> None:
    """Note the first date the canonical series must be recomputed from, in the transaction
    that stored the figures: a sync killed before it reconciles leaves the note for the next."""
    first = min(dates, default=None)
    if first is None:
        return
    key = s.meta.c.key == RECONCILE_PENDING
    current = conn.execute(select(s.meta.c.value).where(key)).scalar()
    if current is None:
        conn.execute(insert(s.meta).values(key=RECONCILE_PENDING, value=first.isoformat()))
    elif first < dt.date.fromisoformat(current):
        conn.execute(update(s.meta).where(key).values(value=first.isoformat()))


def reconcile_pending(engine: Engine) -> dt.date | None:
    """The date an interrupted sync left to reconcile from, if any."""
    with engine.connect() as conn:
        value = conn.execute(
            select(s.meta.c.value).where(s.meta.c.key == RECONCILE_PENDING)
        ).scalar()
    return dt.date.fromisoformat(value) if value else None


def clear_reconcile_pending(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(delete(s.meta).where(s.meta.c.key == RECONCILE_PENDING))


def record_sync_run(
    engine: Engine,
    result: IngestResult,
    *,
    started_at: dt.datetime,
    mode: str,
    error: LosswatchError | None = None,
) -> None:
    """One row per source per sync, in its own transaction (also when the sync failed)."""
    if error is not None:
        status = "failed"
    elif result.failed or result.rejected or result.out_of_range or result.findings:
        status = "partial"
    elif result.snapshots == 0:
        status = "unchanged"
    else:
        status = "ok"
    notes = list(result.errors)
    if result.rejected:
        notes.append(
            f"{len(result.rejected)} restated figures quarantined, the stored values "
            "kept: " + "; ".join(result.rejected[:20])
        )
    if result.findings:
        notes.append(
            f"{len(result.findings)} cells stated twice with different values: "
            + "; ".join(result.findings[:20])
        )
    code = (
        error.code
        if error
        else ParseError.code
        if result.failed
        else ValueOutOfRange.code
        if result.out_of_range
        else (DataError.code if result.rejected or result.findings else None)
    )
    message = error.message if error else ("; ".join(notes) or None)
    with engine.begin() as conn:
        conn.execute(
            insert(s.sync_runs).values(
                source=result.source,
                started_at=started_at,
                finished_at=utcnow(),
                status=status,
                mode=mode,
                snapshots=result.snapshots,
                new_observations=result.new_observations,
                changed_observations=result.changed_observations,
                error_code=code,
                error_message=message,
            )
        )
