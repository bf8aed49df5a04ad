"""A named lock in the store itself, so two syncs (two processes, or two machines sharing a
PostgreSQL server) are serialized whatever the backend.

A holder that died (SIGKILL) leaves its row behind; a lock whose holder process is gone on this
host, or which is older than ``stale_after``, is taken over.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.exc import IntegrityError

from losswatch.errors import SyncLocked
from losswatch.store import schema as s


def _holder() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _holder_alive(holder: str) -> bool:
    host, _, pid = holder.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True  # another machine's: trust it until it goes stale
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _try_acquire(engine: Engine, name: str, stale_after: dt.timedelta) -> bool:
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as conn:
        row = conn.execute(select(s.locks).where(s.locks.c.name == name)).first()
        if row is not None:
            acquired = (
                row.acquired_at
                if row.acquired_at.tzinfo
                else row.acquired_at.replace(tzinfo=dt.UTC)
            )
            if _holder_alive(row.holder) and now - acquired < stale_after:
                return False
            conn.execute(
                delete(s.locks).where(s.locks.c.name == name, s.locks.c.holder == row.holder)
            )
    try:
        with engine.begin() as conn:
            conn.execute(insert(s.locks).values(name=name, holder=_holder(), acquired_at=now))
    except IntegrityError:
        return False
    return True


@contextmanager
def store_lock(
    engine: Engine,
    name: str = "sync",
    *,
    wait: float = 0.0,
    stale_after: dt.timedelta = dt.timedelta(hours=2),
) -> Iterator[None]:
    """Hold the lock ``name`` for the block; wait up to ``wait`` seconds, else SyncLocked."""
    deadline = time.monotonic() + wait
    while not _try_acquire(engine, name, stale_after):
        if time.monotonic() >= deadline:
            raise SyncLocked(f"another {name} is running on this store; try again later")
        time.sleep(0.2)
    try:
        yield
    finally:
        with engine.begin() as conn:
            conn.execute(
                delete(s.locks).where(s.locks.c.name == name, s.locks.c.holder == _holder())
            )
