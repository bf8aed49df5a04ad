"""The exported tables, each with its column dictionary, built from the store's queries.

One :class:`Table` = name, title, description, typed fields and rows of plain Python values.
The writers (CSV, JSON, Parquet, Data Package) only serialise these, so every format carries
the same columns with the same meaning, and the Table Schema of the Data Package is generated
from the same field list the CSV header comes from. Types are Table Schema types: ``date``,
``datetime``, ``integer``, ``string``, ``boolean``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine

from losswatch import categories
from losswatch.models import CanonicalValue
from losswatch.series import Series
from losswatch.store import queries
from losswatch.store.canonical import canonical_row

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str


@dataclass
class Table:
    name: str
    title: str
    description: str
    fields: list[Field]
    rows: list[dict[str, Any]] = field(default_factory=list)
    primary_key: tuple[str, ...] = ()
    licenses: list[dict[str, str]] = field(default_factory=list)  # beyond the package's own

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]


REPORT_DATE = Field("report_date", "date", "Date of the General Staff's morning report.")
LOSS_DAY = Field("loss_day", "date", "Day the losses happened: the report date minus one day.")
CATEGORY = Field("category", "string", "Loss category key (see `losswatch categories`).")


def _joined(values: Any) -> str:
    return " ".join(str(v) for v in values or ())


def long_table(values: list[CanonicalValue]) -> Table:
    rows = [
        {k: v for k, v in canonical_row(cv).items() if k not in ("dissent", "flags")}
        | {"supporting": _joined(cv.supporting)}
        for cv in values
    ]
    rows.sort(key=lambda r: (r["report_date"], r["category"]))
    return Table(
        "long",
        "Canonical series (long)",
        "One row per report date and category: the reconciled cumulative total, the "
        "increase the report printed, and why the value is trusted.",
        [
            REPORT_DATE,
            LOSS_DAY,
            CATEGORY,
            Field(
                "value",
                "integer",
                "Cumulative total since 24 February 2022 (empty when no source had the cell).",
            ),
            Field(
                "increment",
                "integer",
                "Increase printed in this report ('(+N)'): the losses of loss_day.",
            ),
            Field(
                "status",
                "string",
                "Reconciliation status: agreed, majority, resolved_by_increment, "
                "resolved_by_neighbours, official_correction, conflict, single_source "
                "or missing.",
            ),
            Field("rule", "string", "The reconciliation rule that decided the value."),
            Field("supporting", "string", "Space-separated sources that gave this value."),
        ],
        rows,
        ("report_date", "category"),
    )


def wide_table(series: Series) -> Table:
    keys = [c.key for c in categories.CATEGORIES if c.key in series.cells]
    rows = []
    for day in series.dates():
        row: dict[str, Any] = {"report_date": day, "loss_day": day - ONE_DAY}
        row.update({key: series.value(key, day) for key in keys})
        rows.append(row)
    fields = [REPORT_DATE, LOSS_DAY] + [
        Field(
            key,
            "integer",
            f"Cumulative total of {categories.get(key).label_en} ({categories.get(key).label_uk}).",
        )
        for key in keys
    ]
    return Table(
        "wide",
        "Canonical series (wide)",
        "One row per report date, one column of cumulative totals per category.",
        fields,
        rows,
        ("report_date",),
    )


def daily_table(series: Series) -> Table:
    rows = []
    for day in series.dates():
        for key in series.categories:
            inc = series.increment(key, day)
            if inc is not None:
                rows.append(
                    {
                        "loss_day": day - ONE_DAY,
                        "report_date": day,
                        "category": key,
                        "increase": inc,
                    }
                )
    return Table(
        "daily",
        "Daily increases",
        "The increase per loss day and category, as printed in the next morning's "
        "report (official corrections can make it differ from the change of totals).",
        [
            LOSS_DAY,
            REPORT_DATE,
            CATEGORY,
            Field("increase", "integer", "Losses of loss_day in this category."),
        ],
        rows,
        ("loss_day", "category"),
    )


def audit_table(values: list[CanonicalValue]) -> Table:
    """The cells of :func:`losswatch.views.audit_view`, from values already loaded."""
    from losswatch.reconcile.audit import audit_cells
    from losswatch.views import cell_dict

    rows = []
    for cell in map(cell_dict, audit_cells(values)):
        dissent = "; ".join(
            f"{d['source']}={d['value']}"
            + (f"(+{d['stated_increment']})" if d["stated_increment"] is not None else "")
            + (f"[{','.join(d['flags'])}]" if d["flags"] else "")
            for d in cell["dissent"]
        )
        rows.append(
            {
                "report_date": dt.date.fromisoformat(cell["report_date"]),
                "loss_day": dt.date.fromisoformat(cell["loss_day"]),
                "category": cell["category"],
                "value": cell["value"],
                "increment": cell["increment"],
                "status": cell["status"],
                "rule": cell["rule"],
                "supporting": _joined(cell["supporting"]),
                "dissent": dissent,
                "flags": _joined(cell["flags"]),
            }
        )
    return Table(
        "audit",
        "Audit of reconciled cells",
        "Every cell that was not plainly agreed: the decision, the sources behind it "
        "and the sources that disagreed.",
        [
            REPORT_DATE,
            LOSS_DAY,
            CATEGORY,
            Field("value", "integer", "The canonical value chosen."),
            Field("increment", "integer", "The increase printed in the report."),
            Field("status", "string", "Reconciliation status."),
            Field("rule", "string", "The rule that decided."),
            Field("supporting", "string", "Space-separated sources giving the value."),
            Field(
                "dissent",
                "string",
                "Sources that disagreed: source=value(+increment)[flags], separated by '; '.",
            ),
            Field("flags", "string", "Space-separated flags of the decision."),
        ],
        rows,
        ("report_date", "category"),
    )


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def provenance_table(engine: Engine) -> Table:
    rows = []
    for snap in queries.snapshot_rows(engine):
        rows.append(
            {
                "id": snap["id"],
                "source": snap["source"],
                "url": snap["url"],
                "fetched_at": _utc(snap["fetched_at"]),
                "http_status": snap["http_status"],
                "media_type": snap["media_type"],
                "sha256": snap["sha256"],
                "size": snap["size"],
                "hint_date": snap["hint_date"],
                "etag": snap["etag"],
                "last_modified": snap["last_modified"],
                "status": snap["status"],
                "error_code": snap["error_code"],
                "error_message": snap["error_message"],
                "figures": snap["figures"],
                "warnings": " | ".join(snap["warnings"] or ()),
                "adapter_version": snap["adapter_version"],
            }
        )
    text = "string"
    return Table(
        "provenance",
        "Provenance of raw snapshots",
        "Every raw document stored (its bytes stay in the store): where and when it "
        "was fetched, its SHA-256, and what parsing it gave.",
        [
            Field("id", "integer", "Snapshot id in the store."),
            Field("source", text, "Source adapter name."),
            Field("url", text, "Where the document was fetched from (file:// for recorded files)."),
            Field("fetched_at", "datetime", "When it was fetched (UTC)."),
            Field("http_status", "integer", "HTTP status of the fetch."),
            Field("media_type", text, "Content type."),
            Field("sha256", text, "SHA-256 of the raw bytes."),
            Field("size", "integer", "Size in bytes."),
            Field("hint_date", "date", "Report date promised by the URL or file name."),
            Field("etag", text, "HTTP ETag."),
            Field("last_modified", text, "HTTP Last-Modified header."),
            Field("status", text, "ok or failed (failed documents add no figures)."),
            Field("error_code", text, "Error code when parsing failed."),
            Field("error_message", text, "Error message when parsing failed."),
            Field("figures", "integer", "Figures parsed from the document."),
            Field("warnings", text, "Parser warnings, separated by ' | '."),
            Field("adapter_version", text, "Version of the adapter that parsed it."),
        ],
        rows,
        ("id",),
    )


TABLES: tuple[str, ...] = ("wide", "long", "daily", "audit", "provenance")
TABLES += ("confirmed", "oryx_totals", "warspotting_daily")  # issue 17, exports/confirmed.py


def build_tables(engine: Engine, names: tuple[str, ...] = TABLES) -> list[Table]:
    """The named tables (all by default), reading the canonical values once."""
    values = queries.canonical_values(engine)
    series = Series.from_values(values)
    builders: dict[str, Callable[[], Table]] = {
        "wide": lambda: wide_table(series),
        "long": lambda: long_table(values),
        "daily": lambda: daily_table(series),
        "audit": lambda: audit_table(values),
        "provenance": lambda: provenance_table(engine),
        **_confirmed_builders(engine, series),
    }
    return [builders[name]() for name in names]


def _confirmed_builders(engine: Engine, series: Series) -> dict[str, Callable[[], Table]]:
    from losswatch.exports import confirmed

    return {
        "confirmed": lambda: confirmed.confirmed_table(series, engine),
        "oryx_totals": lambda: confirmed.oryx_table(engine),
        "warspotting_daily": lambda: confirmed.warspotting_table(engine),
    }
