"""Alembic environment: the engine comes from losswatch (config.attributes), not an ini file."""

from __future__ import annotations

from alembic import context

from losswatch.store.schema import metadata

config = context.config
engine = config.attributes.get("engine")

if engine is None:  # pragma: no cover - only for `alembic` run by hand
    from sqlalchemy import create_engine

    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///losswatch.db")

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    context.run_migrations()
