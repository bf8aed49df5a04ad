"""The canonical series in memory, reloaded only when the store's data version changes.

Requests must not hit the database for data that changes once a day: the series is loaded once
per :func:`~losswatch.store.queries.data_version`, and derived results (rendered JSON bytes of
"latest", the audit view, the brief...) are memoised on the snapshot they were computed from, so
they vanish together when a sync changes the data. The version itself is re-read at most every
``ttl`` seconds, because another process (``losswatch sync``) may write the store at any time.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Engine

from losswatch.series import Series
from losswatch.store import queries

T = TypeVar("T")
MEMO_SIZE = 256


@dataclass
class Snapshot:
    """One data version: the series, when it last changed, and what was derived from it."""

    version: str
    series: Series
    last_modified: dt.datetime | None
    _memo: OrderedDict[Hashable, Any] = field(default_factory=OrderedDict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def memo(self, key: Hashable, build: Callable[[], T]) -> T:
        """``build()`` once per key on this snapshot (bounded, so odd queries cannot fill RAM)."""
        with self._lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                return self._memo[key]  # type: ignore[no-any-return]
        value = build()
        with self._lock:
            self._memo[key] = value
            while len(self._memo) > MEMO_SIZE:
                self._memo.popitem(last=False)
        return value

    def peek(self, key: Hashable) -> Any | None:
        """A memoised value without building it (the fast path of ``latest``)."""
        with self._lock:
            return self._memo.get(key)


class DataCache:
    """Hands out the current :class:`Snapshot`, reloading it when the data version moves."""

    def __init__(
        self, engine: Engine, *, ttl: float = 2.0, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self.engine = engine
        self.ttl = ttl
        self._monotonic = monotonic
        self._snapshot: Snapshot | None = None
        self._checked_at = float("-inf")
        self._lock = threading.Lock()

    def fresh(self) -> Snapshot | None:
        """The snapshot if its version was checked within ``ttl`` (no I/O), else None."""
        snapshot = self._snapshot
        if snapshot is not None and self._monotonic() - self._checked_at < self.ttl:
            return snapshot
        return None

    def current(self) -> Snapshot:
        """The snapshot of the store's current data version (may query and reload)."""
        snapshot = self.fresh()
        if snapshot is not None:
            return snapshot
        with self._lock:
            snapshot = self.fresh()
            if snapshot is not None:
                return snapshot
            version = queries.data_version(self.engine)
            if self._snapshot is None or self._snapshot.version != version:
                self._snapshot = self._load(version)
            self._checked_at = self._monotonic()
            return self._snapshot

    def invalidate(self) -> None:
        """Re-check the version on the next request (after a sync through the API)."""
        self._checked_at = float("-inf")

    def _load(self, version: str) -> Snapshot:
        series = queries.load_series(self.engine)
        run = queries.last_sync(self.engine)
        finished = run.get("finished_at") if run else None
        if isinstance(finished, dt.datetime) and finished.tzinfo is None:
            finished = finished.replace(tzinfo=dt.UTC)
        return Snapshot(version, series, finished if isinstance(finished, dt.datetime) else None)
