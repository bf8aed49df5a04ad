"""Inserting many rows at once, the same rows SQLAlchemy Core would write, in half the time.

A x100 sync writes 2.2 million observations. Through ``conn.execute(insert(table), dicts)``
SQLAlchemy builds and type-processes every parameter of every row in Python, which costs more
than SQLite's own work. On a ``qmark`` DB-API (sqlite3) we hand the driver ready tuples
instead: each column goes through the bind processor SQLAlchemy itself would use (so dates,
timestamps and booleans are stored byte for byte as before), values shared by every row are
processed once, and repeated dates or flags are processed once per distinct value. Other
drivers (psycopg) keep the Core path, whose batched ``insertmanyvalues`` is already fast there.

:func:`gc_paused` keeps Python's cyclic garbage collector from re-walking the millions of live
objects of a bulk ingest or a reconciliation.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import repeat
from typing import Any

from sqlalchemy import Boolean, Connection, Date, DateTime, Dialect, Table, insert

CHUNK = 5000

Processor = Callable[[Any], Any]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for a bulk step, back as it was afterwards.

    A x100 document parses into two million figure objects that stay alive until they are
    stored; every few thousand allocations the collector would walk all of them again (a
    sixth of the sync's time) to find no garbage, since figures and rows hold no cycles.
    The pause is process-wide but lasts one source's ingest or one reconciliation.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _Memo(dict[Any, Any]):
    """A bind processor computed once per distinct value (for columns of dates, times and
    flags, where equal values always process to the same stored value); looking a value up is
    then a C-level dict hit."""

    def __init__(self, process: Processor) -> None:
        super().__init__()
        self.process = process

    def __missing__(self, value: Any) -> Any:
        out = self[value] = self.process(value)
        return out


def _processor(table: Table, name: str, dialect: Dialect) -> Processor | None:
    """The bind processor SQLAlchemy applies to ``table.name`` on ``dialect`` (None: the value
    goes to the driver as it is), memoized for dates, times and flags."""
    col_type = table.c[name].type
    process = col_type.dialect_impl(dialect).bind_processor(dialect)
    if process is not None and isinstance(col_type, Date | DateTime | Boolean):
        return _Memo(process).__getitem__
    return process


def bulk_insert(
    conn: Connection,
    table: Table,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    constants: Mapping[str, Any] | None = None,
) -> None:
    """Insert ``rows`` (values for ``columns``, in that order) into ``table``, in order.

    ``constants`` are values every row shares (the source, the snapshot, the time). Every
    column of ``table`` with a Python-side default must be named, since the fast path does not
    apply SQLAlchemy's defaults: otherwise the rows go through the Core path.
    """
    if not rows:
        return
    shared = dict(constants or {})
    names = [*columns, *shared]
    defaults_missing = any(c.default is not None and c.name not in names for c in table.columns)
    if conn.dialect.paramstyle != "qmark" or defaults_missing:
        for start in range(0, len(rows), CHUNK):
            conn.execute(
                insert(table),
                [
                    {**dict(zip(columns, row, strict=True)), **shared}
                    for row in rows[start : start + CHUNK]
                ],
            )
        return
    dialect = conn.dialect
    processors = [_processor(table, name, dialect) for name in names]
    fixed = [
        process(shared[name]) if process else shared[name]
        for name, process in zip(shared, processors[len(columns) :], strict=True)
    ]
    quote = dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {dialect.identifier_preparer.format_table(table)} "
        f"({', '.join(quote(n) for n in names)}) VALUES ({', '.join('?' * len(names))})"
    )
    width = len(columns)
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        cols: list[Iterable[Any]] = [
            list(map(process, col)) if process else col
            for col, process in zip(zip(*chunk, strict=True), processors[:width], strict=True)
        ]
        cols += [repeat(value, len(chunk)) for value in fixed]
        conn.exec_driver_sql(sql, list(zip(*cols, strict=True)))
