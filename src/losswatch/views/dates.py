"""The dates the API and the dashboard accept: one range, one message, one pydantic type."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from losswatch.errors import InvalidDate

#: Every date the API and the dashboard take lies in this range: wide enough for any filter a
#: client means, narrow enough that date arithmetic (the day before, a month on) cannot leave
#: Python's date range and fail with a 500.
FIRST_DATE, LAST_DATE = dt.date(1900, 1, 1), dt.date(2999, 12, 31)
DATE_MESSAGE = f"a date must be YYYY-MM-DD, from {FIRST_DATE} to {LAST_DATE}"

#: The same range as a pattern, so the OpenAPI schema says what the checks accept (schemathesis
#: found valid dates outside it refused, and ``since=0`` taken as 1970-01-01).
DATE_PATTERN = r"^(19[0-9]{2}|2[0-9]{3})-[0-9]{2}-[0-9]{2}$"
MOMENT_PATTERN = r"^(19[0-9]{2}|2[0-9]{3})-[0-9]{2}-[0-9]{2}([T ].+)?$"


def in_range(day: dt.date) -> bool:
    return FIRST_DATE <= day <= LAST_DATE


def _checked_date(day: dt.date) -> dt.date:
    if not in_range(day):  # a "date_*" error type: the problem's code is invalid-date
        raise PydanticCustomError("date_range", DATE_MESSAGE)
    return day


def _checked_moment(moment: dt.datetime) -> dt.datetime:
    _checked_date(moment.date())
    return moment


def _iso_text(value: object) -> object:
    """Only YYYY-MM-DD text (or a date) is a date: pydantic would also read a number, or a
    numeric string such as ``0``, as seconds since 1970."""
    if isinstance(value, dt.date) or (
        isinstance(value, str) and re.match(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value)
    ):
        return value
    raise PydanticCustomError("date_format", DATE_MESSAGE)


#: A date parameter or field (path, query or body): YYYY-MM-DD within FIRST_DATE..LAST_DATE.
Day = Annotated[
    dt.date,
    BeforeValidator(_iso_text),
    AfterValidator(_checked_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": DATE_PATTERN}),
]
#: A timestamp parameter whose date lies within FIRST_DATE..LAST_DATE.
Moment = Annotated[
    dt.datetime,
    BeforeValidator(_iso_text),
    AfterValidator(_checked_moment),
    WithJsonSchema({"type": "string", "format": "date-time", "pattern": MOMENT_PATTERN}),
]


def parse_day(value: str | None, name: str = "date") -> dt.date | None:
    """A date of a query string or a form (``YYYY-MM-DD`` within :data:`FIRST_DATE`..
    :data:`LAST_DATE`), or None when blank; anything else is an ``invalid-date`` problem."""
    if not value:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        day = None
    if day is None or not in_range(day):
        raise InvalidDate(f"{name}: {DATE_MESSAGE}")
    return day
