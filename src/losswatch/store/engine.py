"""Engines from settings, SQLite tuned for a single writer and many readers, and migrations.

Nothing is created at import time: callers pass a URL (from :class:`~losswatch.settings.Settings`).
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from losswatch.errors import ConfigError, StoreError

MIGRATIONS = Path(__file__).parent / "migrations"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not pysqlite, open transactions (see _sqlite_begin): pysqlite's own
    # handling leaves DDL outside any transaction, so a migration killed half-way would leave
    # tables without alembic_version behind.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def make_engine(url: str, *, create_folder: bool = False) -> Engine:
    """An engine for ``url``; SQLite files get WAL mode. A SQLite file's folder must exist
    (a typo in ``--db`` must not scatter folders around), unless ``create_folder`` says it is
    the default data dir."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigError(f"not a database URL: {url!r}") from exc
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            _store_folder(Path(parsed.database).expanduser().parent, create=create_folder)
        kwargs["connect_args"] = {"timeout": 30, "check_same_thread": False}
    else:
        kwargs["pool_pre_ping"] = True
    try:
        engine = create_engine(parsed, **kwargs)
    except (ImportError, ModuleNotFoundError) as exc:
        raise ConfigError(
            f"database driver missing for {parsed.get_backend_name()}: "
            "pip install 'losswatch[postgres]'"
        ) from exc
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _store_folder(folder: Path, *, create: bool) -> None:
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    elif not folder.is_dir():
        raise ConfigError(
            f"the folder of the SQLite store does not exist: {folder} "
            "(create it first, or check the path given to --db / LOSSWATCH_DATABASE_URL)"
        )


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


# pg_advisory_lock's key for migrations: any constant, the same in every losswatch process
MIGRATION_LOCK_KEY = 0x105_5_3A7C


@contextmanager
def migration_lock(engine: Engine) -> Iterator[None]:
    """Hold the store's migration lock: two processes opening a brand-new store (two syncs
    started by cron at once) then migrate one after the other, and the second finds the schema
    up to date, instead of failing with ``database is locked`` or a duplicate
    ``alembic_version`` row. PostgreSQL: a session advisory lock (released if the holder dies).
    SQLite: an flock on ``<file>.migrate-lock`` beside the store (likewise). In-memory SQLite
    has no other process to wait for."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
                conn.commit()
        return
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:":
        yield
        return
    path = Path(database).expanduser()
    with open(path.with_name(path.name + ".migrate-lock"), "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # waits; released on close or when the holder dies
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def upgrade(engine: Engine) -> None:
    """Apply every pending migration (idempotent), under :func:`migration_lock` unless the
    schema is already current (every command opens the store: the common case takes no lock)."""
    try:
        current, head = schema_version(engine)
        if current == head:
            return
        with migration_lock(engine):
            command.upgrade(alembic_config(engine), "head")
    except SQLAlchemyError as exc:
        raise StoreError(f"could not migrate the store: {exc}") from exc


def schema_version(engine: Engine) -> tuple[str | None, str | None]:
    """(the store's revision, the newest revision this code knows)."""
    head = ScriptDirectory.from_config(alembic_config(engine)).get_current_head()
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    return current, head


def open_store(url: str, *, create_folder: bool = False) -> Engine:
    """An engine on an up-to-date schema: what every command starts with."""
    engine = make_engine(url, create_folder=create_folder)
    upgrade(engine)
    return engine
