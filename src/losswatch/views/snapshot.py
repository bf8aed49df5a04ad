"""The canonical series in memory, reloaded only when the store's data version changes.

Requests must not hit the database for data that changes once a day: the series is loaded once
per :func:`~losswatch.store.queries.data_version`. The one cache of finished responses
(:class:`losswatch.api.response_cache.ResponseCache`) keeps them on the snapshot they were made
from, so they vanish together when a sync changes the data. The version itself is re-read at
most every ``ttl`` seconds, because another process (``losswatch sync``) may write the store at
any time.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine

from losswatch.series import Series
from losswatch.store import queries

#: At most this many responses and this many bytes of them per data version (least recently
#: used first out), so odd queries cannot fill the memory.
MAX_RESPONSES = 256
MAX_BYTES = 64 * 1024 * 1024


@dataclass
class Snapshot:
    """One data version: the series, when it last changed, and the responses made from it."""

    version: str
    series: Series
    last_modified: dt.datetime | None
    _kept: OrderedDict[Hashable, tuple[Any, int]] = field(default_factory=OrderedDict, repr=False)
    _bytes: int = field(default=0, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def kept(self, key: Hashable) -> Any | None:
        """What :meth:`keep` stored under ``key`` on this snapshot, or None."""
        with self._lock:
            hit = self._kept.get(key)
            if hit is None:
                return None
            self._kept.move_to_end(key)
            return hit[0]

    def keep(self, key: Hashable, value: Any, size: int) -> None:
        """Store ``value`` (``size`` bytes) under ``key``, dropping the least recently used."""
        if size > MAX_BYTES:
            return
        with self._lock:
            old = self._kept.pop(key, None)
            self._bytes += size - (old[1] if old else 0)
            self._kept[key] = (value, size)
            while len(self._kept) > MAX_RESPONSES or self._bytes > MAX_BYTES:
                _, (_, dropped) = self._kept.popitem(last=False)
                self._bytes -= dropped


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

    def loaded(self) -> Snapshot | None:
        """The snapshot loaded last, however long ago its version was checked (no I/O)."""
        return self._snapshot

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
