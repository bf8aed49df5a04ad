"""The per-report summary the API and the brief read."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from losswatch import categories
from losswatch.analytics.summary import comparison, latest_summary
from losswatch.errors import NotFound
from losswatch.series import Series

D = dt.date.fromisoformat


def test_summary_of_26_october_2022(series: Series) -> None:
    summary = latest_summary(series, D("2022-10-26"))
    json.dumps(summary)
    assert summary["loss_day"] == "2022-10-25"
    personnel = summary["categories"]["personnel"]
    assert (personnel["value"], personnel["increment"]) == (68_900, 480)
    assert personnel["record"]["highest_since"] == "2022-10-17"
    week = [series.increment("personnel", D("2022-10-26") - dt.timedelta(days=k)) for k in range(7)]
    assert personnel["mean_7"] == sum(week) / 7
    assert summary["categories"]["tanks"]["value"] == 2_628
    assert set(summary["categories"]) <= set(categories.MAIN_KEYS)


def test_default_is_the_latest_report_and_unknown_dates_are_not_found(series: Series) -> None:
    assert latest_summary(series)["report_date"] == series.latest_date.isoformat()
    with pytest.raises(NotFound):
        latest_summary(series, D("2031-01-01"))


def test_thirty_day_comparison_uses_differences_of_totals(series: Series) -> None:
    c = comparison(series, "personnel", D("2022-10-26"))
    assert c is not None
    assert c["total"] == series.value("personnel", D("2022-10-26")) - series.value(
        "personnel", D("2022-09-26")
    )
    assert c["previous_total"] == series.value("personnel", D("2022-09-26")) - series.value(
        "personnel", D("2022-08-27")
    )
    assert comparison(series, "personnel", D("2022-03-01")) is None
