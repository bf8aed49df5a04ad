"""The store's tables, portable across SQLite and PostgreSQL.

Raw snapshots are the source of truth (owid/etl's "snapshot" stage): observations, revisions and
the canonical series can all be recomputed from them (``losswatch rebuild``).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

snapshots = Table(
    "snapshots",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", String(40), nullable=False, index=True),
    Column("url", Text, nullable=False),
    Column("fetched_at", DateTime(timezone=True), nullable=False),
    Column("http_status", Integer, nullable=False),
    Column("media_type", String(100), nullable=False, default=""),
    Column("sha256", String(64), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("hint_date", Date),  # the report date the URL or file name promised, if any
    Column("etag", Text),
    Column("last_modified", Text),
    # ok | failed ; failed snapshots keep their bytes and the error, and add no observations
    Column("status", String(20), nullable=False),
    Column("error_code", String(60)),
    Column("error_message", Text),
    Column("figures", Integer, nullable=False, default=0),
    Column("warnings", JSON, nullable=False, default=list),
    Column("adapter_version", String(20), nullable=False, default="1"),
    UniqueConstraint("source", "url", "sha256", name="uq_snapshots_source_url_sha"),
)

observations = Table(
    "observations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", String(40), nullable=False),
    Column("report_date", Date, nullable=False),
    Column("category", String(40), nullable=False),
    Column("value", BigInteger),
    Column("stated_increment", BigInteger),
    Column("snapshot_id", Integer, ForeignKey("snapshots.id"), nullable=False, index=True),
    Column("location", Text, nullable=False, default=""),
    Column("source_url", Text),
    Column("first_seen_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("quarantined", Boolean, nullable=False, default=False),
    Column("quarantine_reason", Text),
    UniqueConstraint("source", "report_date", "category", name="uq_observations_cell"),
)
Index("ix_observations_date", observations.c.report_date)

revisions = Table(
    "revisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", String(40), nullable=False),
    Column("report_date", Date, nullable=False),
    Column("category", String(40), nullable=False),
    Column("old_value", BigInteger),
    Column("new_value", BigInteger),
    Column("old_increment", BigInteger),
    Column("new_increment", BigInteger),
    Column("old_snapshot_id", Integer, ForeignKey("snapshots.id"), nullable=False),
    Column("new_snapshot_id", Integer, ForeignKey("snapshots.id"), nullable=False),
    Column("changed_at", DateTime(timezone=True), nullable=False),
)
Index("ix_revisions_cell", revisions.c.report_date, revisions.c.category)

corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", String(40), nullable=False),
    Column("report_date", Date, nullable=False),
    Column("category", String(40), nullable=False),
    Column("delta", BigInteger, nullable=False),
    Column("snapshot_id", Integer, ForeignKey("snapshots.id"), nullable=False),
    UniqueConstraint("source", "report_date", "category", name="uq_corrections_cell"),
)

canonical = Table(
    "canonical",
    metadata,
    Column("report_date", Date, primary_key=True),
    Column("category", String(40), primary_key=True),
    Column("loss_day", Date, nullable=False),
    Column("value", BigInteger),
    Column("increment", BigInteger),
    Column("status", String(30), nullable=False),
    Column("rule", String(60), nullable=False),
    Column("supporting", JSON, nullable=False, default=list),
    Column("dissent", JSON, nullable=False, default=list),
    Column("flags", JSON, nullable=False, default=list),
)
Index("ix_canonical_category", canonical.c.category, canonical.c.report_date)

sync_runs = Table(
    "sync_runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", String(40), nullable=False, index=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("status", String(20), nullable=False),  # running | ok | failed | unchanged
    Column("mode", String(20), nullable=False, default="live"),
    Column("snapshots", Integer, nullable=False, default=0),
    Column("new_observations", Integer, nullable=False, default=0),
    Column("changed_observations", Integer, nullable=False, default=0),
    Column("error_code", String(60)),
    Column("error_message", Text),
)

locks = Table(
    "locks",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("holder", String(200), nullable=False),
    Column("acquired_at", DateTime(timezone=True), nullable=False),
)

meta = Table(
    "meta",
    metadata,
    Column("key", String(60), primary_key=True),
    Column("value", Text, nullable=False),
)

# --- confirmed losses (issue 17): what Oryx and WarSpotting confirmed by photo or video -------

#: Oryx's category totals by status, one row per (source, date, Oryx category). ``source`` is the
#: adapter that read it (the live page, the Internet Archive's copies, the history CSVs);
#: ``equipment`` is Oryx's category under its current name (renames folded, see
#: :mod:`losswatch.confirmed_mapping`), ``raw_name`` the header as written that day.
confirmed_totals = Table(
    "confirmed_totals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", String(40), nullable=False),
    Column("as_of", Date, nullable=False),
    Column("equipment", String(120), nullable=False),
    Column("raw_name", Text, nullable=False),
    Column("total", BigInteger, nullable=False),
    Column("destroyed", BigInteger, nullable=False),
    Column("damaged", BigInteger, nullable=False),
    Column("abandoned", BigInteger, nullable=False),
    Column("captured", BigInteger, nullable=False),
    Column("snapshot_id", Integer, ForeignKey("snapshots.id"), nullable=False, index=True),
    Column("first_seen_at", DateTime(timezone=True), nullable=False),
    Column("quarantined", Boolean, nullable=False, default=False),
    Column("quarantine_reason", Text),
    UniqueConstraint("source", "as_of", "equipment", name="uq_confirmed_totals_cell"),
)
Index("ix_confirmed_totals_equipment", confirmed_totals.c.equipment, confirmed_totals.c.as_of)

#: WarSpotting's per-item records, one row per distinct version of an item: WarSpotting re-types
#: and re-dates past records, so a changed record adds a version instead of overwriting the old
#: one; ``first_seen_at``/``last_seen_at`` say when each version was what the source showed.
warspotting_items = Table(
    "warspotting_items",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("item_id", BigInteger, nullable=False),
    Column("loss_date", Date, nullable=False),
    Column("type", String(120), nullable=False),
    Column("model", Text, nullable=False),
    Column("status", String(40), nullable=False),
    Column("nearest_location", Text),
    Column("unit", Text),
    Column("digest", String(64), nullable=False),
    Column("first_snapshot_id", Integer, ForeignKey("snapshots.id"), nullable=False),
    Column("last_snapshot_id", Integer, ForeignKey("snapshots.id"), nullable=False),
    Column("first_seen_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("item_id", "digest", name="uq_warspotting_items_version"),
)
Index("ix_warspotting_items_date", warspotting_items.c.loss_date)
