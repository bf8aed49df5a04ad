"""What the command modules share: the settings the root options chose (handed to every command
through the Click context, ``ctx.obj``), the engine, the one output option, and option parsing.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from sqlalchemy import Engine

from losswatch.console import out
from losswatch.errors import InvalidDate
from losswatch.settings import Settings, load_settings
from losswatch.timefmt import iso_text


@dataclass
class State:
    """The root options (``--db``, ``--debug``), as ``ctx.obj`` of every command."""

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

    def use_database(self, db: str) -> None:
        """``--db``: a SQLAlchemy URL, or a path to a SQLite file (made absolute)."""
        self.overrides["database_url"] = db if "://" in db else f"sqlite:///{Path(db).resolve()}"
        self.__dict__.pop("settings", None)


def state(ctx: typer.Context) -> State:
    """The :class:`State` the root callback put on the context (a fresh one if none did)."""
    return ctx.ensure_object(State)


def _format_option(help: str = "Output format") -> Any:
    return typer.Option("--format", "-f", help=f"{help}.", show_default=True)


# The one ``--format`` option of every command that prints data: its choices are a Literal, so
# Click lists them in --help and refuses any other value as a usage error (exit code 2).
TextOrJson = Annotated[Literal["text", "json"], _format_option()]
AuditFormat = Annotated[Literal["text", "json", "csv"], _format_option()]
ConfirmedFormat = AuditFormat  # a table too: text, JSON or CSV
BriefFormat = Annotated[Literal["text", "markdown", "html", "json"], _format_option()]
CheckFormat = Annotated[Literal["text", "json", "html", "claimreview"], _format_option()]
FeedFormat = Annotated[Literal["atom", "rss"], _format_option("Feed format")]
ExportFormat = Annotated[
    Literal["csv", "json", "parquet", "datapackage"], _format_option("File format")
]

#: ``--json``: the old spelling of ``--format json`` (hidden; kept for scripts).
JsonFlag = Annotated[bool, typer.Option("--json", hidden=True, help="Same as --format json.")]


def print_json(payload: Any) -> None:
    """``payload`` as JSON on stdout (dates as ISO strings)."""
    out.print_json(json.dumps(payload, default=_as_text))


def _as_text(value: Any) -> Any:
    """Moments and dates in the one timestamp format; anything else (a path) as its text."""
    return iso_text(value) if isinstance(value, dt.date) else str(value)


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
