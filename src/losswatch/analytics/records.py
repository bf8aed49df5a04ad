"""Records and ranks of daily increases: "the highest since", all-time highs, ranks in a period.

Records count only from the report of 2022-04-01 (loss day 2022-03-31). Before that the
General Staff published sums of several days (the 27 February report covered 24-26 February)
and personnel in round hundreds, so those "days" are not comparable with daily figures; the
labelled claims in shared/claims (e.g. "the highest daily figure in reports 2022-04-01..")
count records the same way. Every sentence that states a record names this window
(:data:`RECORDS_WINDOW_START`, the report date), so "the highest of the war so far" is never said
of a window that leaves out the first five weeks.

An increase that rests on a disputed cell (the report's or the one before, status
``conflict``) sets no record and takes no rank: a value the sources disagree on is no news.

Every function takes an ``as_of`` loss day, so a brief written for a past report date ranks
the day only among the days known then, as a newsroom would have on that morning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from losswatch import categories
from losswatch.analytics.daily import daily, period_label, period_start
from losswatch.models import Status
from losswatch.series import Series

#: First loss day that counts for records (the report of 2022-04-01).
RECORDS_FROM = dt.date(2022, 3, 31)
#: The first report date that counts, the one record sentences name.
RECORDS_WINDOW_START = RECORDS_FROM + dt.timedelta(days=1)
Scope = Literal["month", "year", "all"]
SCOPES: tuple[Scope, ...] = ("month", "year", "all")


def record_days(
    series: Series, category: str, *, as_of: dt.date | None = None
) -> dict[dt.date, int]:
    """The daily increases that count for records, up to loss day ``as_of``: none resting on
    a disputed cell (:func:`disputed`)."""
    days = daily(series, category, start=RECORDS_FROM, end=as_of)
    # loss day d is printed in the report of d + 1 and rests on the report of d
    conflicts = _conflict_dates(series, category)
    if not conflicts:
        return days
    return {
        d: v
        for d, v in days.items()
        if d not in conflicts and d + dt.timedelta(days=1) not in conflicts
    }


def _conflict_dates(series: Series, category: str) -> set[dt.date]:
    return {d for d, cv in series.cells.get(category, {}).items() if cv.status is Status.CONFLICT}


def disputed(series: Series, category: str, report_date: dt.date) -> bool:
    """Whether the increase printed on ``report_date`` rests on a cell the sources disagree on
    and no rule settled: that day's or the day before's (the increase is their difference)."""
    return any(
        (cell := series.cell(category, d)) is not None and cell.status is Status.CONFLICT
        for d in (report_date, report_date - dt.timedelta(days=1))
    )


@dataclass(frozen=True)
class HighestSince:
    """Where one day's increase stands among the days before it.

    ``since`` is the latest earlier loss day with a strictly higher increase (None: nothing
    earlier was higher, so the day is a record or equals one). ``equal_days`` counts earlier
    days in between with the same increase, so "joint highest" can be said honestly.
    """

    category: str
    loss_day: dt.date
    value: int
    since: dt.date | None
    since_value: int | None
    equal_days: int
    first_day: dt.date

    @property
    def is_record(self) -> bool:
        """Higher than every earlier day (ties with an earlier record do not count)."""
        return self.since is None and self.equal_days == 0 and self.loss_day > self.first_day

    @property
    def ties_record(self) -> bool:
        return self.since is None and self.equal_days > 0

    @property
    def days_since(self) -> int | None:
        return None if self.since is None else (self.loss_day - self.since).days

    def to_dict(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "loss_day": self.loss_day.isoformat(),
            "value": self.value,
            "since": self.since.isoformat() if self.since else None,
            "since_value": self.since_value,
            "days_since": self.days_since,
            "equal_days": self.equal_days,
            "is_record": self.is_record,
            "ties_record": self.ties_record,
        }


def highest_since(series: Series, category: str, loss_day: dt.date) -> HighestSince | None:
    """How far back one has to go to find a higher daily increase than ``loss_day``'s.

    None when the day has no increase or lies before :data:`RECORDS_FROM`.
    """
    return _standing(record_days(series, category, as_of=loss_day), category, loss_day)


def _standing(days: dict[dt.date, int], category: str, loss_day: dt.date) -> HighestSince | None:
    value = days.get(loss_day)
    if value is None:
        return None
    equal = 0
    for day in sorted((d for d in days if d < loss_day), reverse=True):
        if days[day] > value:
            return HighestSince(category, loss_day, value, day, days[day], equal, min(days))
        if days[day] == value:
            equal += 1
    return HighestSince(category, loss_day, value, None, None, equal, min(days))


@dataclass(frozen=True)
class Rank:
    """Competition rank (1 = highest; ties share a rank) of a day among ``of`` days."""

    category: str
    loss_day: dt.date
    value: int
    scope: str
    period: str
    rank: int
    of: int
    tied: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "loss_day": self.loss_day.isoformat(),
            "value": self.value,
            "scope": self.scope,
            "period": self.period,
            "rank": self.rank,
            "of": self.of,
            "tied": self.tied,
        }


def rank_of_day(
    series: Series,
    category: str,
    loss_day: dt.date,
    scope: Scope = "month",
    *,
    as_of: dt.date | None = None,
) -> Rank | None:
    """Rank of ``loss_day``'s increase within its month, its year or all time.

    ``as_of`` limits the comparison to days up to that loss day (default: everything known).
    """
    return _rank(record_days(series, category, as_of=as_of), category, loss_day, scope)


def _rank(days: dict[dt.date, int], category: str, loss_day: dt.date, scope: Scope) -> Rank | None:
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {SCOPES}, got {scope!r}")
    value = days.get(loss_day)
    if value is None:
        return None
    if scope == "all":
        pool, label = list(days.values()), "all"
    elif scope == "year":
        pool = [v for d, v in days.items() if d.year == loss_day.year]
        label = period_label(period_start(loss_day, scope), scope)
    else:
        pool = [v for d, v in days.items() if d.month == loss_day.month and d.year == loss_day.year]
        label = period_label(period_start(loss_day, scope), scope)
    higher = sum(1 for v in pool if v > value)
    tied = sum(1 for v in pool if v == value) > 1
    return Rank(category, loss_day, value, scope, label, higher + 1, len(pool), tied)


def record_day(
    series: Series, category: str, *, as_of: dt.date | None = None
) -> tuple[dt.date, int] | None:
    """The loss day with the highest increase so far (the earliest, if several equal it)."""
    days = record_days(series, category, as_of=as_of)
    if not days:
        return None
    best = max(days.values())
    return min(d for d, v in days.items() if v == best), best


def all_time_records(
    series: Series, *, as_of: dt.date | None = None, keys: tuple[str, ...] | None = None
) -> list[dict[str, Any]]:
    """The highest daily increase of each main category (JSON-ready, for the API).

    Each item: category, label, value, loss_day and report_date of the record, and the number
    of days it was compared with.
    """
    out = []
    for key in keys or categories.MAIN_KEYS:
        found = record_day(series, key, as_of=as_of)
        if found is None:
            continue
        day, value = found
        out.append(
            {
                "category": key,
                "label": categories.get(key).label_en,
                "value": value,
                "loss_day": day.isoformat(),
                "report_date": (day + dt.timedelta(days=1)).isoformat(),
                "days_compared": len(record_days(series, key, as_of=as_of)),
                "records_from": RECORDS_FROM.isoformat(),
            }
        )
    return out


def day_flags(series: Series, category: str, loss_day: dt.date) -> dict[str, Any]:
    """Record flags of one day, as known on its report's morning (for summaries and briefs).

    The same keys every time (None where the day does not count for records), so API clients
    need not test for their presence.
    """
    flags: dict[str, Any] = {
        "is_record": False,
        "ties_record": False,
        "highest_since": None,
        "highest_since_value": None,
    }
    for scope in SCOPES:
        flags[f"rank_{scope}"] = flags[f"rank_{scope}_of"] = None
    days = record_days(series, category, as_of=loss_day)
    standing = _standing(days, category, loss_day)
    if standing is None:
        return flags
    flags.update(
        is_record=standing.is_record,
        ties_record=standing.ties_record,
        highest_since=standing.since.isoformat() if standing.since else None,
        highest_since_value=standing.since_value,
    )
    for scope in SCOPES:
        rank = _rank(days, category, loss_day, scope)
        if rank is not None:
            flags[f"rank_{scope}"], flags[f"rank_{scope}_of"] = rank.rank, rank.of
    return flags
