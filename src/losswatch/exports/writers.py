"""Serialise a :class:`~losswatch.exports.tables.Table` as CSV, JSON or Parquet bytes.

Pure functions, no files: :func:`losswatch.exports.write_export` writes what these return, and
the API streams the same bytes. Values are written the way Table Schema reads them back:
dates ``YYYY-MM-DD``, datetimes ISO 8601 in UTC with ``Z``, empty CSV cells for missing values.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from losswatch.exports.tables import Table
from losswatch.timefmt import iso_text

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "parquet": "application/vnd.apache.parquet",
}


def _text(value: Any) -> Any:
    return iso_text(value)


def to_csv(table: Table) -> bytes:
    """RFC 4180 CSV with a header row, UTF-8, ``\\r\\n`` line ends (what spreadsheets expect)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=table.columns, extrasaction="ignore")
    writer.writeheader()
    for row in table.rows:
        writer.writerow({k: ("" if v is None else _text(v)) for k, v in row.items()})
    return buffer.getvalue().encode("utf-8")


def to_json(table: Table) -> bytes:
    """A JSON array of row objects (null for missing values)."""
    rows = [{k: _text(row.get(k)) for k in table.columns} for row in table.rows]
    return json.dumps(rows, ensure_ascii=False).encode("utf-8")


def to_parquet(table: Table) -> bytes:
    """Parquet with typed columns (date32, int64, float64, timestamp[us, UTC], string)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {
        "date": pa.date32(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "string": pa.string(),
        "boolean": pa.bool_(),
        "datetime": pa.timestamp("us", tz="UTC"),
    }
    schema = pa.schema(
        [
            pa.field(f.name, types[f.type], metadata={"description": f.description})
            for f in table.fields
        ],
        metadata={"title": table.title, "description": table.description},
    )
    columns = {f.name: [row.get(f.name) for row in table.rows] for f in table.fields}
    arrow = pa.Table.from_pydict(columns, schema=schema)
    buffer = io.BytesIO()
    pq.write_table(arrow, buffer)
    return buffer.getvalue()


WRITERS = {"csv": to_csv, "json": to_json, "parquet": to_parquet}
