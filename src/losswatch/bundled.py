"""The small snapshot of the canonical series shipped in the package, for a first run offline.

Made by losswatch itself (``losswatch snapshot write``) from the recorded sources; attribution in
NOTICE. It is loaded only into an empty store, and a successful sync replaces it.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from importlib import resources
from pathlib import Path

from sqlalchemy import Engine

from losswatch.errors import DataError
from losswatch.models import CanonicalValue, Status
from losswatch.store.canonical import canonical_is_empty, load_bundled_rows
from losswatch.store.queries import canonical_values, report_urls

FILE = "canonical-snapshot.json.gz"


def bundled_path() -> Path:
    return Path(str(resources.files("losswatch") / "data" / FILE))


def write_bundled(engine: Engine, path: Path | None = None) -> Path:
    """Write the store's canonical series, compactly: one row per cell, no evidence lists."""
    target = path or bundled_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    values = canonical_values(engine)
    payload = {
        "made_by": "losswatch",
        "made_at": dt.datetime.now(dt.UTC).isoformat(),
        "fields": ["report_date", "category", "value", "increment", "status", "sources"],
        "rows": [
            [
                cv.report_date.isoformat(),
                cv.category,
                cv.value,
                cv.increment,
                cv.status.value,
                ",".join(cv.supporting),
            ]
            for cv in values
        ],
        "report_urls": {d.isoformat(): u for d, u in sorted(report_urls(engine).items())},
    }
    with gzip.open(target, "wt", encoding="utf-8") as fh:
        json.dump(payload, fh, separators=(",", ":"))
    return target


def read_bundled(path: Path | None = None) -> tuple[list[CanonicalValue], dict[str, object]]:
    source = path or bundled_path()
    try:
        with gzip.open(source, "rt", encoding="utf-8") as fh:
            payload = json.load(fh)
    except (OSError, ValueError) as exc:
        raise DataError(f"bundled snapshot unreadable: {exc}") from exc
    values = [
        CanonicalValue(
            dt.date.fromisoformat(d),
            cat,
            value,
            Status(status),
            "bundled",
            increment=inc,
            supporting=tuple(filter(None, srcs.split(","))),
            flags=("bundled",),
        )
        for d, cat, value, inc, status, srcs in payload["rows"]
    ]
    return values, payload


def load_bundled_if_empty(engine: Engine, path: Path | None = None) -> int:
    """Fill an empty canonical table from the bundled snapshot; returns the cells loaded."""
    if not canonical_is_empty(engine):
        return 0
    values, payload = read_bundled(path)
    return load_bundled_rows(engine, values, payload)
