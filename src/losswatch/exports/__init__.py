"""Exports of the canonical series, the audit and the provenance: CSV, JSON, Parquet and a
Frictionless Data Package.

    write_export(engine, "datapackage", Path("out"))      # files on disk
    export_bytes(engine, "csv", table="long")             # (bytes, media type, file name)

Tables (:mod:`.tables`): ``wide`` (one row per report date, one column per category),
``long`` (report_date, loss_day, category, value, increment, status, rule, supporting),
``daily`` (increase per loss day), ``audit`` (every cell that was not plainly agreed) and
``provenance`` (snapshot metadata, without the raw bytes). The writers (:mod:`.writers`,
:mod:`.datapackage`) only serialise, so every format has the same columns.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from losswatch.errors import UsageError
from losswatch.exports.datapackage import datapackage_zip, write_datapackage
from losswatch.exports.tables import TABLES, Table, build_tables
from losswatch.exports.writers import MEDIA_TYPES, WRITERS

FORMATS: tuple[str, ...] = ("csv", "json", "parquet", "datapackage")
EXTENSIONS = {"csv": "csv", "json": "json", "parquet": "parquet", "datapackage": "zip"}

__all__ = ["FORMATS", "TABLES", "Table", "build_tables", "export_bytes", "write_export"]


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise UsageError(f"export format must be one of {', '.join(FORMATS)}, got {fmt!r}")


def write_export(
    engine: Engine, fmt: str, out_dir: Path, *, tables: list[Table] | None = None
) -> list[Path]:
    """Write every table in ``fmt`` into ``out_dir`` (created if needed); the paths written.

    ``datapackage`` writes ``datapackage.json`` and one CSV per table. ``tables`` lets a
    caller that writes several formats read the store once (:func:`build_tables`).
    """
    _check_format(fmt)
    tables = tables if tables is not None else build_tables(engine)
    out_dir = Path(out_dir)
    if fmt == "datapackage":
        return write_datapackage(tables, out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        path = out_dir / f"{table.name}.{EXTENSIONS[fmt]}"
        path.write_bytes(WRITERS[fmt](table))
        written.append(path)
    return written


def export_bytes(engine: Engine, fmt: str, table: str = "long") -> tuple[bytes, str, str]:
    """One table as (content, media type, file name), for an HTTP download.

    ``datapackage`` gives a zip of ``datapackage.json`` and that table's CSV.
    """
    _check_format(fmt)
    if table not in TABLES:
        raise UsageError(f"table must be one of {', '.join(TABLES)}, got {table!r}")
    (built,) = build_tables(engine, (table,))
    name = f"losswatch-{table}.{EXTENSIONS[fmt]}"
    if fmt == "datapackage":
        return datapackage_zip([built]), "application/zip", name
    return WRITERS[fmt](built), MEDIA_TYPES[fmt], name
