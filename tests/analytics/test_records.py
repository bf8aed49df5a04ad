"""Records, "highest since" and ranks of daily increases on the real series."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from losswatch import categories
from losswatch.analytics import records as r
from losswatch.analytics.daily import daily
from losswatch.series import Series

D = dt.date.fromisoformat


def test_25_october_2022_was_the_highest_since_17_october(series: Series) -> None:
    standing = r.highest_since(series, "personnel", D("2022-10-25"))
    assert standing is not None
    assert (standing.value, standing.since, standing.since_value) == (480, D("2022-10-17"), 530)
    assert standing.equal_days == 1  # 24 October also had 480
    assert not standing.is_record and standing.days_since == 8
    between = daily(series, "personnel", start=D("2022-10-18"), end=D("2022-10-24"))
    assert max(between.values()) <= 480


def test_rank_within_month_year_and_all_time_as_known_that_morning(series: Series) -> None:
    day = D("2022-10-25")
    month = r.rank_of_day(series, "personnel", day, "month", as_of=day)
    assert month is not None
    values = daily(series, "personnel", start=D("2022-10-01"), end=day)
    assert month.of == len(values) == 25
    assert month.rank == 1 + sum(v > 480 for v in values.values())
    assert month.tied and month.period == "2022-10"
    year = r.rank_of_day(series, "personnel", day, "year", as_of=day)
    whole = r.rank_of_day(series, "personnel", day, "all")
    assert year is not None and whole is not None
    assert year.period == "2022" and whole.of > year.of and whole.rank >= year.rank
    with pytest.raises(ValueError):
        r.rank_of_day(series, "personnel", day, "decade")  # type: ignore[arg-type]


def test_all_time_records_are_the_maxima_since_april_2022(series: Series) -> None:
    """The maxima of the undisputed increases: aircraft +29 on 3 June 2025 rests on the
    disputed 384-or-413 of the report before, and is no record."""
    found = r.all_time_records(series)
    assert {x["category"] for x in found} <= set(categories.MAIN_KEYS)
    json.dumps(found)
    for item in found:
        values = daily(series, item["category"], start=r.RECORDS_FROM)
        undisputed = {
            d: v
            for d, v in values.items()
            if not r.disputed(series, item["category"], d + dt.timedelta(days=1))
        }
        assert item["value"] == max(undisputed.values())
        report = D(item["report_date"])
        assert series.increment(item["category"], report) == item["value"]
    personnel = next(x for x in found if x["category"] == "personnel")
    standing = r.highest_since(series, "personnel", D(personnel["loss_day"]))
    assert standing is not None and standing.is_record


def test_the_multi_day_sums_of_early_march_2022_are_not_records(series: Series) -> None:
    assert series.increment("personnel", D("2022-03-03")) == 3160  # a sum of several days
    assert r.highest_since(series, "personnel", D("2022-03-02")) is None
    personnel = next(x for x in r.all_time_records(series) if x["category"] == "personnel")
    assert personnel["value"] < 3160


def test_day_flags_have_the_same_keys_every_time(series: Series) -> None:
    early = r.day_flags(series, "personnel", D("2022-03-02"))
    later = r.day_flags(series, "personnel", D("2022-10-25"))
    assert early.keys() == later.keys()
    assert later["highest_since"] == "2022-10-17" and later["rank_month"] == 4
