"""Every read that the CLI, API, dashboard, exports and claim checker make. SQL lives here."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Integer, func, select

from losswatch.models import CanonicalValue, SourceValue, Status
from losswatch.series import Series
from losswatch.sources import OFFICIAL
from losswatch.store import schema as s


def _canonical_from_row(row: Any) -> CanonicalValue:
    return CanonicalValue(
        report_date=row.report_date,
        category=row.category,
        value=row.value,
        status=Status(row.status),
        rule=row.rule,
        increment=row.increment,
        supporting=tuple(row.supporting or ()),
        dissent=tuple(
            SourceValue(
                d["source"], d["value"], d.get("stated_increment"), tuple(d.get("flags", ()))
            )
            for d in (row.dissent or ())
        ),
        flags=tuple(row.flags or ()),
    )


def canonical_values(
    engine: Engine,
    *,
    category: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    statuses: tuple[str, ...] | None = None,
) -> list[CanonicalValue]:
    query = select(s.canonical).order_by(s.canonical.c.category, s.canonical.c.report_date)
    if category:
        query = query.where(s.canonical.c.category == category)
    if start:
        query = query.where(s.canonical.c.report_date >= start)
    if end:
        query = query.where(s.canonical.c.report_date <= end)
    if statuses:
        query = query.where(s.canonical.c.status.in_(statuses))
    with engine.connect() as conn:
        return [_canonical_from_row(r) for r in conn.execute(query)]


def report_urls(engine: Engine) -> dict[dt.date, str]:
    """The official page per report date: as orc-losses recorded it, else a fetched page."""
    urls: dict[dt.date, str] = {}
    with engine.connect() as conn:
        rows = conn.execute(
            select(s.observations.c.report_date, s.observations.c.source_url)
            .where(s.observations.c.source_url.is_not(None))
            .distinct()
        )
        for row in rows:
            urls.setdefault(row.report_date, row.source_url)
        official = conn.execute(
            select(s.observations.c.report_date, s.snapshots.c.url)
            .join(s.snapshots, s.snapshots.c.id == s.observations.c.snapshot_id)
            .where(s.observations.c.source.in_(OFFICIAL), s.snapshots.c.url.like("http%"))
            .distinct()
        )
        for row in official:
            urls.setdefault(row.report_date, row.url)
        bundled = conn.execute(
            select(s.meta.c.value).where(s.meta.c.key == "bundled_report_urls")
        ).scalar()
    if bundled:
        for day, url in json.loads(bundled).items():
            urls.setdefault(dt.date.fromisoformat(day), url)
    return urls


def load_series(engine: Engine) -> Series:
    """The canonical series in memory, with the official report URL per date."""
    return Series.from_values(canonical_values(engine), report_urls(engine))


@dataclass(frozen=True)
class SourceObservation:
    source: str
    category: str
    value: int | None
    stated_increment: int | None
    location: str
    snapshot_id: int
    url: str
    fetched_at: dt.datetime
    quarantined: bool


def day_observations(
    engine: Engine, report_date: dt.date, *, as_of: dt.datetime | None = None
) -> list[SourceObservation]:
    """Every source's observation for a report date; ``as_of`` rolls revisions back."""
    query = (
        select(s.observations, s.snapshots.c.url, s.snapshots.c.fetched_at)
        .join(s.snapshots, s.snapshots.c.id == s.observations.c.snapshot_id)
        .where(s.observations.c.report_date == report_date)
        .order_by(s.observations.c.category, s.observations.c.source)
    )
    with engine.connect() as conn:
        rows = list(conn.execute(query))
        revs = list(
            conn.execute(
                select(s.revisions)
                .where(s.revisions.c.report_date == report_date)
                .order_by(s.revisions.c.changed_at)
            )
        )
    out: list[SourceObservation] = []
    for row in rows:
        value, inc = row.value, row.stated_increment
        if as_of is not None:
            if _aware(row.first_seen_at) > as_of:
                continue
            later = [
                r
                for r in revs
                if r.source == row.source
                and r.category == row.category
                and _aware(r.changed_at) > as_of
            ]
            if later:
                value, inc = later[0].old_value, later[0].old_increment
        out.append(
            SourceObservation(
                row.source,
                row.category,
                value,
                inc,
                row.location,
                row.snapshot_id,
                row.url,
                row.fetched_at,
                row.quarantined,
            )
        )
    return out


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def revisions(engine: Engine, *, report_date: dt.date | None = None) -> list[dict[str, Any]]:
    query = select(s.revisions).order_by(s.revisions.c.changed_at)
    if report_date:
        query = query.where(s.revisions.c.report_date == report_date)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def corrections(engine: Engine) -> list[dict[str, Any]]:
    """The official corrections (days a count may fall), newest source statement per cell."""
    query = select(
        s.corrections.c.report_date,
        s.corrections.c.category,
        s.corrections.c.delta,
        s.corrections.c.source,
    ).order_by(s.corrections.c.report_date, s.corrections.c.category)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def sources_status(engine: Engine) -> list[dict[str, Any]]:
    """Per source: last successful sync, last run and its error, date range and row count."""
    from losswatch.sources import NAMES
    from losswatch.store.confirmed import confirmed_stats

    out: list[dict[str, Any]] = []
    with engine.connect() as conn:
        for name in NAMES:
            stats: Any = confirmed_stats(conn, name)  # Oryx, WarSpotting: their own tables
            stats = (
                stats
                or conn.execute(
                    select(
                        func.count(),
                        func.min(s.observations.c.report_date),
                        func.max(s.observations.c.report_date),
                        func.sum(func.cast(s.observations.c.quarantined, Integer)),
                    ).where(s.observations.c.source == name)
                ).one()
            )
            last_ok = conn.execute(
                select(func.max(s.sync_runs.c.finished_at)).where(
                    s.sync_runs.c.source == name,
                    s.sync_runs.c.status.in_(("ok", "unchanged", "partial")),
                )
            ).scalar()
            last = conn.execute(
                select(s.sync_runs)
                .where(s.sync_runs.c.source == name)
                .order_by(s.sync_runs.c.id.desc())
                .limit(1)
            ).first()
            failed = conn.execute(
                select(func.count())
                .select_from(s.snapshots)
                .where(s.snapshots.c.source == name, s.snapshots.c.status == "failed")
            ).scalar()
            out.append(
                {
                    "source": name,
                    "observations": stats[0],
                    "first_date": stats[1],
                    "last_date": stats[2],
                    "quarantined": int(stats[3] or 0),
                    "last_success": last_ok,
                    "last_status": last.status if last else None,
                    "last_error": (
                        f"[{last.error_code}] {last.error_message}"
                        if last and last.error_code
                        else None
                    ),
                    "failed_snapshots": failed,
                }
            )
    return out


def last_sync(engine: Engine) -> dict[str, Any] | None:
    with engine.connect() as conn:
        row = conn.execute(select(s.sync_runs).order_by(s.sync_runs.c.id.desc()).limit(1)).first()
    return dict(row._mapping) if row else None


def snapshot_rows(engine: Engine, *, source: str | None = None) -> list[dict[str, Any]]:
    """Snapshot metadata (no bytes): the provenance table."""
    cols = [c for c in s.snapshots.c if c.name != "content"]
    query = select(*cols).order_by(s.snapshots.c.id)
    if source:
        query = query.where(s.snapshots.c.source == source)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def data_version(engine: Engine) -> str:
    """A cheap fingerprint of the canonical series, for ETags."""
    with engine.connect() as conn:
        row = conn.execute(
            select(func.count(), func.max(s.canonical.c.report_date), func.sum(s.canonical.c.value))
        ).one()
        runs = conn.execute(select(func.max(s.sync_runs.c.id))).scalar()
        rewrites = conn.execute(
            select(s.meta.c.value).where(s.meta.c.key == "canonical_version")
        ).scalar()
    return f"{row[0]}-{row[1]}-{row[2]}-{runs}-{rewrites or 0}"


def newest_canonical_date(engine: Engine) -> dt.date | None:
    with engine.connect() as conn:
        value = conn.execute(
            select(func.max(s.canonical.c.report_date)).where(s.canonical.c.value.is_not(None))
        ).scalar()
    return value if isinstance(value, dt.date) else None


def bundled_snapshot_made_at(engine: Engine) -> str | None:
    """When the bundled snapshot in this store was made, if the store was filled from it."""
    with engine.connect() as conn:
        return conn.execute(
            select(s.meta.c.value).where(s.meta.c.key == "bundled_snapshot")
        ).scalar()


def latest_report_date(engine: Engine, source: str) -> dt.date | None:
    """The newest report date ``source`` has a (non-quarantined) observation for; a
    confirmed-loss source (whose rows are not observations) resumes after its own newest date."""
    # quarantined rows (a typo'd future date) must not stop the source asking for new days
    observed = select(func.max(s.observations.c.report_date)).where(
        s.observations.c.source == source, s.observations.c.quarantined.is_(False)
    )
    totals, items = s.confirmed_totals, s.warspotting_items
    if source == "warspotting":
        confirmed = select(func.max(items.c.loss_date))
    else:
        confirmed = select(func.max(totals.c.as_of)).where(
            totals.c.source == source, totals.c.quarantined.is_(False)
        )
    with engine.connect() as conn:
        value = conn.execute(observed).scalar()
        if value is None:
            value = conn.execute(confirmed).scalar()
    return value if isinstance(value, dt.date) else None


def last_validators(engine: Engine, source: str, url: str) -> tuple[str | None, str | None]:
    """The ETag and Last-Modified of the newest good snapshot of ``url`` (for a conditional GET)."""
    with engine.connect() as conn:
        row = conn.execute(
            select(s.snapshots.c.etag, s.snapshots.c.last_modified)
            .where(
                s.snapshots.c.source == source,
                s.snapshots.c.url == url,
                s.snapshots.c.status == "ok",
            )
            .order_by(s.snapshots.c.id.desc())
            .limit(1)
        ).first()
    return (row.etag, row.last_modified) if row else (None, None)


def nearest_report_dates(engine: Engine, day: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The last report date before ``day`` and the first after it that any source reported
    (None at either end), to point a reader who asked for a date with no report."""
    obs = s.observations.c
    with engine.connect() as conn:
        before = conn.execute(select(func.max(obs.report_date)).where(obs.report_date < day))
        before_day = before.scalar()
        after_day = conn.execute(
            select(func.min(obs.report_date)).where(obs.report_date > day)
        ).scalar()
        if before_day is None and after_day is None:  # a store filled from the bundled snapshot
            c = s.canonical.c
            before_day = conn.execute(
                select(func.max(c.report_date)).where(c.report_date < day)
            ).scalar()
            after_day = conn.execute(
                select(func.min(c.report_date)).where(c.report_date > day)
            ).scalar()
    return before_day, after_day
