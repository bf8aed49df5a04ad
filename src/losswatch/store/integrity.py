"""``losswatch doctor``: integrity checks over the store, each with what to do about it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, func, select

from losswatch.store import schema as s
from losswatch.store.engine import schema_version


@dataclass(frozen=True)
class Finding:
    check: str
    level: str  # ok | warn | error
    message: str


def check_integrity(engine: Engine) -> list[Finding]:
    checks: tuple[Callable[[Engine], Finding], ...] = (
        _schema,
        _orphans,
        _duplicates,
        _snapshots,
        _canonical_present,
        _monotonic,
        _withheld,
        _reconcile,
        _locks,
    )
    return [check(engine) for check in checks]


def _schema(engine: Engine) -> Finding:
    current, head = schema_version(engine)
    if current != head:
        return Finding(
            "schema",
            "error",
            f"store at {current}, code expects {head}: run any losswatch command to migrate",
        )
    return Finding("schema", "ok", f"revision {current}")


def _orphans(engine: Engine) -> Finding:
    with engine.connect() as conn:
        n = conn.execute(
            select(func.count())
            .select_from(s.observations)
            .outerjoin(s.snapshots, s.snapshots.c.id == s.observations.c.snapshot_id)
            .where(s.snapshots.c.id.is_(None))
        ).scalar_one()
    if n:
        return Finding(
            "orphans", "error", f"{n} observations without their snapshot: run `losswatch rebuild`"
        )
    return Finding("orphans", "ok", "every observation has its raw snapshot")


def _duplicates(engine: Engine) -> Finding:
    cols = (s.observations.c.source, s.observations.c.report_date, s.observations.c.category)
    with engine.connect() as conn:
        n = conn.execute(
            select(func.count()).select_from(
                select(*cols).group_by(*cols).having(func.count() > 1).subquery()
            )
        ).scalar_one()
    if n:
        return Finding("duplicates", "error", f"{n} duplicated cells: run `losswatch rebuild`")
    return Finding("duplicates", "ok", "one observation per source, date and category")


def _snapshots(engine: Engine) -> Finding:
    with engine.connect() as conn:
        ok = conn.execute(
            select(func.count()).select_from(s.snapshots).where(s.snapshots.c.status == "ok")
        ).scalar_one()
        failed = conn.execute(
            select(func.count()).select_from(s.snapshots).where(s.snapshots.c.status == "failed")
        ).scalar_one()
        empty = conn.execute(
            select(func.count())
            .select_from(s.snapshots)
            .where(s.snapshots.c.status == "ok", s.snapshots.c.size == 0)
        ).scalar_one()
    if empty:
        return Finding("snapshots", "error", f"{empty} ok snapshots with no bytes")
    level = "warn" if failed else "ok"
    return Finding(
        "snapshots",
        level,
        f"{ok} parsed, {failed} failed " + ("(see `losswatch sources`)" if failed else ""),
    )


def _canonical_present(engine: Engine) -> Finding:
    with engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(s.canonical)).scalar_one()
    if not n:
        return Finding("canonical", "warn", "no canonical series yet: run `losswatch sync`")
    return Finding("canonical", "ok", f"{n} canonical cells")


def _monotonic(engine: Engine) -> Finding:
    """Canonical cumulative values never fall except on listed official corrections."""
    from losswatch.models import correction_days
    from losswatch.store.queries import canonical_values

    allowed = {
        (day, r.category)
        for r in _correction_rows(engine)
        for day in correction_days(r.report_date)
    }
    falls = []
    prev: dict[str, int] = {}
    for cv in sorted(canonical_values(engine), key=lambda c: (c.category, c.report_date)):
        if cv.value is None:
            continue
        before = prev.get(cv.category)
        if (
            before is not None
            and cv.value < before
            and (cv.report_date, cv.category) not in allowed
        ):
            falls.append(f"{cv.category} {cv.report_date}")
        prev[cv.category] = cv.value
    if falls:
        return Finding(
            "monotonic",
            "warn",
            f"{len(falls)} unexplained falls, e.g. "
            + ", ".join(falls[:5])
            + ": see `losswatch audit`",
        )
    return Finding("monotonic", "ok", "no unexplained falls")


def _withheld(engine: Engine) -> Finding:
    """Figures kept out of the canonical series: quarantined at ingest, stated twice with
    different values in one file, or one source's fall nobody corroborates."""
    obs = s.observations.c
    with engine.connect() as conn:
        quarantined = list(
            conn.execute(
                select(obs.source, obs.category, obs.report_date, obs.quarantine_reason)
                .where(obs.quarantined.is_(True))
                .order_by(obs.report_date.desc())
            )
        )
        warned = [
            w
            for (warnings,) in conn.execute(
                select(s.snapshots.c.warnings).where(s.snapshots.c.status == "ok")
            )
            for w in warnings or ()
            if "stated twice with different values" in w
        ]
        falls = conn.execute(
            select(func.count())
            .select_from(s.canonical)
            .where(s.canonical.c.rule == "uncorroborated-fall")
        ).scalar_one()
    if not (quarantined or warned or falls):
        return Finding("withheld", "ok", "no figure quarantined or withheld")
    parts = []
    if quarantined:
        parts.append(
            f"{len(quarantined)} observations quarantined, e.g. "
            + "; ".join(
                f"{r.source} {r.category} {r.report_date}: {r.quarantine_reason}"
                for r in quarantined[:3]
            )
        )
    if warned:
        parts.append(f"{len(warned)} cells stated twice with different values, e.g. {warned[0]}")
    if falls:
        parts.append(f"{falls} canonical cells withheld: one source's uncorroborated fall")
    return Finding(
        "withheld", "warn", "; ".join(parts) + " (see `losswatch sources` and `losswatch audit`)"
    )


def _correction_rows(engine: Engine) -> Sequence[Any]:
    with engine.connect() as conn:
        return list(conn.execute(select(s.corrections.c.report_date, s.corrections.c.category)))


def _reconcile(engine: Engine) -> Finding:
    """A sync that stored figures but was killed before it recomputed the canonical series."""
    from losswatch.store.writes import reconcile_pending

    pending = reconcile_pending(engine)
    if pending is not None:
        return Finding(
            "reconcile",
            "warn",
            f"a sync stopped before reconciling the dates from "
            f"{pending}: run `losswatch sync` to finish it",
        )
    return Finding("reconcile", "ok", "the canonical series reflects every stored observation")


def _locks(engine: Engine) -> Finding:
    with engine.connect() as conn:
        rows = list(conn.execute(select(s.locks)))
    if rows:
        return Finding(
            "locks",
            "warn",
            f"lock held by {rows[0].holder} since "
            f"{rows[0].acquired_at}; a dead holder's lock is taken over",
        )
    return Finding("locks", "ok", "no sync running")
