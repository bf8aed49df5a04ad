"""The one way losswatch prints a moment: ISO 8601, UTC, whole seconds, ``Z``.

The CLI, the API's JSON, ``/healthz``, the exports and the dashboard all go through
:func:`utc_stamp`, so the same instant reads identically everywhere (issue 18). Stores hand
datetimes back naive (SQLite) or aware (PostgreSQL); naive ones are UTC by convention.
"""

from __future__ import annotations

import datetime as dt
from typing import Any


def utc_stamp(moment: dt.datetime) -> str:
    """``2026-12-04T17:36:50Z``: a naive moment is taken as UTC, an aware one converted."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_text(value: Any) -> Any:
    """Datetimes as :func:`utc_stamp`, dates as ``YYYY-MM-DD``, anything else unchanged."""
    if isinstance(value, dt.datetime):
        return utc_stamp(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def json_default(value: Any) -> Any:
    """``json.dumps(default=...)`` for moments and dates; anything else is a TypeError."""
    text = iso_text(value)
    if text is value:
        raise TypeError(f"not JSON serialisable: {type(value).__name__}")
    return text
