"""The dates the API and the dashboard accept: one range, one message, one pydantic type."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from losswatch.errors import InvalidDate

#: Every date the API and the dashboard take lies in this range: wide enough for any filter a
#: client means, narrow enough that date arithmetic (the day before, a month on) cannot leave
#: Python's date range and fail with a 500.
FIRST_DATE, LAST_DATE = dt.date(1900, 1, 1), dt.date(2999, 12, 31)
DATE_MESSAGE = f"a date must be YYYY-MM-DD, from {FIRST_DATE} to {LAST_DATE}"


def in_range(day: dt.date) -> bool:
    return FIRST_DATE <= day <= LAST_DATE


def _checked_date(day: dt.date) -> dt.date:
    if not in_range(day):  # a "date_*" error type: the problem's code is invalid-date
        raise PydanticCustomError("date_range", DATE_MESSAGE)
    return day


def _checked_moment(moment: dt.datetime) -> dt.datetime:
    _checked_date(moment.date())
    return moment


#: A date parameter or field (path, query or body): YYYY-MM-DD within FIRST_DATE..LAST_DATE.
Day = Annotated[dt.date, AfterValidator(_checked_date)]
#: A timestamp parameter whose date lies within FIRST_DATE..LAST_DATE.
Moment = Annotated[dt.datetime, AfterValidator(_checked_moment)]


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
