"""Figures attributed to Oryx or WarSpotting are checked against that source's series."""

from __future__ import annotations

import datetime as dt

import pytest

from losswatch.claims.confirmed import attributed_source, check_attributed, estimator_value
from losswatch.claims.model import Outcome
from losswatch.series import Series
from losswatch.store.engine import open_store
from losswatch.views.confirmed import ConfirmedData, load_confirmed

D = dt.date.fromisoformat


@pytest.fixture(scope="session")
def data(real_store_url: str, real_series: Series) -> ConfirmedData:
    return load_confirmed(open_store(real_store_url), real_series)


def _one(text: str, data: ConfirmedData, on: dt.date | None = None):  # type: ignore[no-untyped-def]
    verdicts = check_attributed(text, data, on=on)
    assert len(verdicts) == 1, verdicts
    return verdicts[0]


def test_oryx_has_confirmed_n_russian_tanks(data: ConfirmedData) -> None:
    v = _one("Oryx has confirmed 4,074 Russian tanks.", data)
    assert (v.outcome, v.official_value, v.report_date) == (
        Outcome.SUPPORTED,
        4074,
        D("2025-07-19"),
    )
    assert v.explanation.startswith("Oryx's confirmed count of tanks was 4,074")
    dated = _one("Oryx has confirmed 1,907 Russian tanks.", data, on=D("2023-04-25"))
    assert (dated.outcome, dated.report_date) == (Outcome.SUPPORTED, D("2023-04-24"))


def test_according_to_oryx_a_wrong_or_stale_figure(data: ConfirmedData) -> None:
    v = _one("According to Oryx, 4,300 tanks have been lost.", data)
    assert v.outcome is Outcome.CONTRADICTED and v.correct_value == 4074 and "Oryx" in v.explanation
    stale = _one("Oryx has confirmed 1,500 Russian tanks.", data, on=D("2023-04-25"))
    assert stale.outcome is Outcome.CONTRADICTED and stale.true_on == D("2022-11-20")
    approx = _one("Oryx has confirmed about 1,900 Russian tanks.", data, on=D("2023-04-25"))
    assert approx.outcome is Outcome.APPROXIMATELY_SUPPORTED


def test_only_attributed_sentences_and_warspotting(data: ConfirmedData) -> None:
    assert check_attributed("The General Staff says Russia lost 3,500 tanks.", data) == []
    assert attributed_source("as documented by War Spotting") == "warspotting"
    v = _one(
        "WarSpotting lists 1,010 Russian tanks lost in 2022 since April.", data, on=D("2022-12-31")
    )
    assert v.report_date is not None and v.report_date <= D("2022-12-31")
    assert estimator_value(data, "warspotting", "tanks", D("2022-12-31")) == (
        v.report_date,
        v.official_value,
    )
    assert v.official_value == 1010  # the recorded slice starts on 2022-04-03
    assert estimator_value(data, "oryx", "personnel", D("2024-01-01")) is None


def test_the_claim_checkers_hook_checks_oryx_figures_against_oryx(data: ConfirmedData) -> None:
    """i19a's ``check_article(other_series=...)`` with the series of analytics.confirmed."""
    from losswatch.analytics.confirmed import estimator_series
    from losswatch.claims import check_article

    other = estimator_series(data)
    day = D("2023-04-25")
    report = check_article(
        "Oryx has confirmed 1,907 Russian tanks.", data.series, article_date=day, other_series=other
    )
    (verdict,) = report.verdicts
    assert verdict.outcome is Outcome.SUPPORTED and "Oryx" in verdict.explanation
    later = check_article(
        "According to Oryx, 4,300 tanks have been destroyed.",
        data.series,
        article_date=D("2025-08-01"),
        other_series=other,
    )
    assert (
        later.verdicts[0].outcome is Outcome.CONTRADICTED
        and later.verdicts[0].official_value == 4074
    )
