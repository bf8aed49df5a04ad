"""A Frictionless Data Package: ``datapackage.json`` plus one CSV per table.

The descriptor carries a Table Schema per resource (generated from the same field list the CSV
header comes from), the licences and the sources, so the package can be validated with
``frictionless validate datapackage.json`` and loaded by any Data Package reader.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from losswatch.exports.confirmed import SOURCES as CONFIRMED_SOURCES
from losswatch.exports.tables import Table
from losswatch.exports.writers import to_csv

NAME = "losswatch-russian-combat-losses"
LICENSES = [
    {
        "name": "MIT",
        "path": "https://opensource.org/licenses/MIT",
        "title": "MIT License: losswatch's compilation, and the community datasets it reconciles "
        "(PetroIvaniuk, lod-db orc-losses)",
    },
]
SOURCES = [
    {
        "title": "General Staff of the Armed Forces of Ukraine, daily loss reports",
        "path": "https://www.mil.gov.ua/en/news/",
    },
    {
        "title": "PetroIvaniuk/2022-Ukraine-Russia-War-Dataset (MIT)",
        "path": "https://github.com/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset",
    },
    {"title": "lod-db/orc-losses (MIT)", "path": "https://github.com/lod-db/orc-losses"},
    {"title": "russianwarship.rip API", "path": "https://russianwarship.rip/api/v2"},
    {
        "title": "Minfin.com.ua casualties page",
        "path": "https://index.minfin.com.ua/ua/russian-invading/casualties/",
    },
]


def _extra_licenses(tables: list[Table]) -> list[dict[str, str]]:
    """The resources' own licences (CC-BY-4.0 for the Oryx history), once each."""
    found = {lic["name"]: lic for t in tables for lic in t.licenses}
    return list(found.values())


def schema(table: Table) -> dict[str, Any]:
    """The Table Schema of ``table``."""
    out: dict[str, Any] = {
        "fields": [
            {"name": f.name, "type": f.type, "description": f.description} for f in table.fields
        ],
        "missingValues": [""],
    }
    if table.primary_key:
        out["primaryKey"] = list(table.primary_key)
    return out


def descriptor(tables: list[Table], *, created: dt.date | None = None) -> dict[str, Any]:
    """The ``datapackage.json`` object for ``tables`` (each stored as ``<name>.csv``)."""
    package: dict[str, Any] = {
        "name": NAME,
        "title": "Russian combat losses reported by the General Staff of the AFU (losswatch)",
        "description": "The General Staff's daily figures, reconciled across sources by "
        "losswatch: the canonical series (wide and long), daily increases by "
        "loss day, the audit of disputed cells and the provenance of every raw "
        "document.",
        "licenses": LICENSES + _extra_licenses(tables),
        "sources": SOURCES + (CONFIRMED_SOURCES if any(t.licenses for t in tables) else []),
        "keywords": ["Ukraine", "Russia", "war", "losses", "General Staff"],
        "resources": [
            {
                "name": t.name,
                "path": f"{t.name}.csv",
                "title": t.title,
                "description": t.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": schema(t),
                **({"licenses": t.licenses} if t.licenses else {}),
            }
            for t in tables
        ],
    }
    if created is not None:
        package["created"] = f"{created.isoformat()}T00:00:00Z"
    return package


def write_datapackage(tables: list[Table], out_dir: Path) -> list[Path]:
    """Write ``datapackage.json`` and the CSVs into ``out_dir``; the descriptor comes first."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "datapackage.json"
    target.write_text(
        json.dumps(descriptor(tables), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    written = [target]
    for table in tables:
        path = out_dir / f"{table.name}.csv"
        path.write_bytes(to_csv(table))
        written.append(path)
    return written


def datapackage_zip(tables: list[Table]) -> bytes:
    """The same package as one zip file (for an HTTP download)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "datapackage.json", json.dumps(descriptor(tables), indent=2, ensure_ascii=False)
        )
        for table in tables:
            archive.writestr(f"{table.name}.csv", to_csv(table))
    return buffer.getvalue()
