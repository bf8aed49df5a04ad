"""What the command modules share: settings from flags, the engine, option parsing helpers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sqlalchemy import Engine

from losswatch.errors import InvalidDate
from losswatch.settings import Settings, load_settings


@dataclass
class State:
    debug: bool = False
    overrides: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def settings(self) -> Settings:
        return load_settings(**self.overrides)

    def engine(self) -> Engine:
        from losswatch.store.engine import open_store

        # only the default data dir is created; a --db path's folder must exist
        return open_store(
            self.settings.effective_database_url,
            create_folder=self.settings.database_url is None,
        )


STATE = State()


def parse_date(value: str | None, *, name: str = "date") -> dt.date | None:
    """YYYY-MM-DD or None; a coded InvalidDate otherwise."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidDate(f"{name} must be YYYY-MM-DD, got {value!r}") from None


def parse_timestamp(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        stamp = dt.datetime.fromisoformat(value)
    except ValueError:
        raise InvalidDate(f"timestamp must be ISO 8601, got {value!r}") from None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)
