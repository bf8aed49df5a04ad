"""The one-way pipeline: sources -> store -> reconcile. What ``sync`` and ``rebuild`` run.

Each source is fetched outside any transaction, then written in one transaction of its own, so
a broken download of one source never touches what is stored for it or for the others. The
whole sync holds the store's "sync" lock. Each source's transaction also notes the first date it
touched; the note is cleared only once the canonical series has been recomputed, so a sync
killed between the two is completed by the next one.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import Engine

from losswatch.errors import LosswatchError, NoRecordedFiles, ParseError, SourceError
from losswatch.settings import Settings
from losswatch.sources import all_adapters, get_adapter
from losswatch.sources.base import Adapter, LiveRequest, RawDocument, fetch
from losswatch.store.bulk import gc_paused
from losswatch.store.confirmed import upsert_confirmed
from losswatch.store.lock import store_lock
from losswatch.store.queries import last_validators, latest_report_date
from losswatch.store.writes import (
    IngestResult,
    clear_reconcile_pending,
    conflicting_duplicates,
    insert_snapshot,
    mark_reconcile_pending,
    reconcile_pending,
    record_sync_run,
    sha256,
    snapshot_exists,
    upsert_corrections,
    upsert_figures,
    utcnow,
)

MAX_PAGES = 200
Progress = Callable[[str, int, int], None]


@dataclass
class SyncSummary:
    results: list[IngestResult] = field(default_factory=list)
    mode: str = "live"
    reconciled_cells: int = 0

    @property
    def ok(self) -> bool:
        return not any(r.errors for r in self.results)

    @property
    def touched_dates(self) -> set[dt.date]:
        return set().union(*(r.touched_dates for r in self.results)) if self.results else set()


def ingest_documents(
    engine: Engine,
    adapter: Adapter,
    docs: Iterable[RawDocument],
    result: IngestResult,
    *,
    progress: Progress | None = None,
    total: int = 0,
    today: dt.date | None = None,
) -> None:
    """Store and parse ``docs`` for one source in one transaction (idempotent by sha256), with
    the cyclic garbage collector paused (see :func:`gc_paused`). A report dated after
    ``today`` (default: the current UTC date) is quarantined as from the future."""
    with gc_paused(), engine.begin() as conn:
        for i, raw in enumerate(docs, 1):
            if progress:
                progress(adapter.name, i, total)
            if raw.status == 304 or snapshot_exists(
                conn, adapter.name, raw.url, sha256(raw.content)
            ):
                result.unchanged += 1
                continue
            try:
                outcome = adapter.parse(raw)
            except ParseError as exc:
                insert_snapshot(conn, adapter.name, raw, status="failed", error=exc)
                result.failed += 1
                result.errors.append(f"{raw.url}: {exc}")
                continue
            duplicates = conflicting_duplicates(outcome.figures)
            result.findings += [f"{raw.url}: {d}" for d in duplicates]
            snapshot_id = insert_snapshot(
                conn,
                adapter.name,
                raw,
                status="ok",
                figures=len(outcome.figures),
                warnings=(duplicates + outcome.warnings)[:200],
            )
            upsert_figures(conn, adapter.name, snapshot_id, outcome.figures, result, today=today)
            upsert_corrections(conn, adapter.name, snapshot_id, outcome)
            upsert_confirmed(
                conn,
                adapter.name,
                snapshot_id,
                outcome,
                result,
                seen_at=raw.fetched_at,
                today=today or utcnow().date(),
            )
            result.snapshots += 1
        mark_reconcile_pending(conn, result.touched_dates)


def fetch_live(
    engine: Engine,
    adapter: Adapter,
    client: httpx.Client,
    settings: Settings,
    result: IngestResult,
    *,
    today: dt.date,
) -> list[RawDocument]:
    """Fetch what the adapter asks for; per-date pages that are not there yet (404) are noted,
    not fatal. Raises SourceError when nothing at all could be fetched."""
    queue = list(
        adapter.live_requests(latest=latest_report_date(engine, adapter.name), today=today)
    )
    docs: list[RawDocument] = []
    failures: list[SourceError] = []
    pages = 0
    while queue and pages < MAX_PAGES:
        request: LiveRequest = queue.pop(0)
        pages += 1
        if pages > 1 and adapter.request_interval:
            time.sleep(adapter.request_interval)  # a paged API, asked politely
        etag, modified = last_validators(engine, adapter.name, request.url)
        try:
            raw = fetch(
                client, request, retries=settings.http_retries, etag=etag, last_modified=modified
            )
        except SourceError as exc:
            failures.append(exc)
            if exc.detail.get("offline"):
                break  # the host cannot be reached: the other URLs of this source neither
            continue
        docs.append(raw)
        if raw.status == 200:
            try:
                queue.extend(adapter.next_requests(raw))
            except ParseError:
                pass  # the parse step records the broken document itself
    if failures and not docs:
        raise failures[0]
    result.errors += [str(exc) for exc in failures if exc.detail.get("http_status") != 404]
    return docs


def make_client(settings: Settings) -> httpx.Client:
    return httpx.Client(
        timeout=settings.http_timeout,
        follow_redirects=True,
        headers={"User-Agent": settings.user_agent},
    )


def sync(
    engine: Engine,
    settings: Settings,
    *,
    sources: list[str] | None = None,
    from_dir: Path | None = None,
    client: httpx.Client | None = None,
    progress: Progress | None = None,
    today: dt.date | None = None,
    lock_wait: float = 0.0,
) -> SyncSummary:
    """Sync the named sources (default: all), then reconcile the dates they touched.

    ``today`` is the date the sync runs as (default: the current UTC date): live pages are
    asked for up to it, and a report dated after it is quarantined as from the future.
    """
    from losswatch.reconcile import reconcile_store

    adapters = [get_adapter(n) for n in sources] if sources else all_adapters()
    if from_dir is not None:
        _check_recorded(from_dir, adapters, named=bool(sources))
    summary = SyncSummary(mode="from-dir" if from_dir else "live")
    today = today or dt.datetime.now(dt.UTC).date()
    own_client = client is None and from_dir is None
    http = make_client(settings) if own_client else client
    try:
        with store_lock(engine, wait=lock_wait):
            for adapter in adapters:
                summary.results.append(
                    _sync_one(engine, settings, adapter, from_dir, http, progress, today)
                )
            # Also the dates a killed sync stored but never reconciled (see ingest_documents).
            pending = reconcile_pending(engine)
            dates = summary.touched_dates | ({pending} if pending else set())
            summary.reconciled_cells = reconcile_store(engine, dates=dates)
            if dates:
                clear_reconcile_pending(engine)
    finally:
        if own_client and http is not None:
            http.close()
    return summary


def _check_recorded(from_dir: Path, adapters: list[Adapter], *, named: bool) -> None:
    """Refuse (before the store is touched) a ``--from-dir`` that is not a folder, one holding
    no source's folder, and a missing folder of a source named with ``--source``: a typo must
    not pass as a sync that found nothing new. With every source, a subset of folders is fine."""
    if not from_dir.is_dir():
        raise NoRecordedFiles(f"--from-dir {from_dir}: no such folder")
    missing = [a for a in adapters if not (from_dir / a.recorded_dir).is_dir()]
    if missing and (named or len(missing) == len(adapters)):
        names = ", ".join(f"{a.recorded_dir}/ ({a.name})" for a in missing)
        raise NoRecordedFiles(f"--from-dir {from_dir} has no folder {names}")


def _sync_one(
    engine: Engine,
    settings: Settings,
    adapter: Adapter,
    from_dir: Path | None,
    http: httpx.Client | None,
    progress: Progress | None,
    today: dt.date,
) -> IngestResult:
    started = utcnow()
    result = IngestResult(adapter.name)
    error: LosswatchError | None = None
    try:
        if from_dir is not None:
            docs = list(adapter.recorded_documents(from_dir))
        else:
            assert http is not None
            docs = fetch_live(engine, adapter, http, settings, result, today=today)
        ingest_documents(
            engine, adapter, docs, result, progress=progress, total=len(docs), today=today
        )
    except LosswatchError as exc:
        error = exc
        result.errors.append(str(exc))
    record_sync_run(
        engine, result, started_at=started, mode="from-dir" if from_dir else "live", error=error
    )
    return result
