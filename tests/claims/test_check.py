"""Verdicts against the real series (PetroIvaniuk until the store pipeline lands)."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from losswatch.claims import Outcome, Scope, check_article
from losswatch.claims.model import CheckReport
from losswatch.series import Series

D = dt.date
S, A, C, N = ("supported", "approximately_supported", "contradicted", "not_checkable")


def outcomes(report: CheckReport) -> list[tuple[str, int, str]]:
    return [(v.claim.text, v.claim.value, v.outcome.value) for v in report.verdicts]


HUFFPOST_DAY = D(2022, 10, 26)


def one(text: str, series: Series, day: dt.date | None = HUFFPOST_DAY, lang: str = "en"):
    report = check_article(text, series, article_date=day, lang=lang)
    assert len(report.verdicts) == 1, outcomes(report)
    return report.verdicts[0]


def test_huffpost_infers_the_report_date_and_supports_all(series: Series, huffpost: str) -> None:
    report = check_article(huffpost, series)
    assert report.date_inferred and report.report_date == D(2022, 10, 26)
    assert report.article_date is None
    assert any(
        "68,900 personnel = report of 2022-10-26 (only that report)" in e
        for e in report.date_evidence
    )
    assert outcomes(report) == [
        ("480 troops", 480, S),
        ("around 68,900 troops", 68900, S),
        ("2,628 tanks", 2628, S),
        ("4,076 vehicles and fuel tanks", 4076, S),
    ]
    daily = report.verdicts[0]
    # "480 on Tuesday" in the article of Wed 2022-10-26: loss day Tue 2022-10-25, printed in
    # the report of 2022-10-26 (the loss-day reading), not the report of Tuesday itself
    assert (daily.reading, daily.report_date, daily.scope) == (
        "loss_day",
        D(2022, 10, 26),
        Scope.DAILY,
    )
    assert "next morning" in daily.explanation
    assert report.ok and report.counts()[S] == 4


def test_every_verdict_carries_the_primary_source(series: Series, huffpost: str) -> None:
    report = check_article(huffpost, series)
    for v in report.verdicts:
        assert v.source_url == series.report_urls.get(D(2022, 10, 26))
    if series.report_urls:
        assert report.verdicts[0].source_url


def test_report_date_reading_when_the_day_is_the_report(series: Series) -> None:
    # the same 480 named with the day it was reported
    v = one("Russia lost 480 troops, the General Staff said on Wednesday.", series)
    assert v.outcome is Outcome.SUPPORTED and v.report_date == D(2022, 10, 26)


def test_contradicted_gives_correct_value_and_date(series: Series) -> None:
    v = one("Russia has lost 2,620 tanks since the start of the invasion.", series)
    assert v.outcome is Outcome.CONTRADICTED
    assert (v.correct_value, v.report_date, v.category) == (2628, D(2022, 10, 26), "tanks")
    assert "2,628" in v.explanation


def test_stale_figure_gives_the_date_it_was_true(series: Series) -> None:
    old = series.value("personnel", D(2022, 10, 20))
    assert old is not None
    v = one(f"Russia has lost {old:,} troops since the start of the invasion.", series)
    assert v.outcome is Outcome.CONTRADICTED and v.correct_value == 68900
    assert v.true_on == D(2022, 10, 20)
    assert "2022-10-20" in v.explanation


@pytest.mark.parametrize(
    "phrase, outcome",
    [
        ("around 68,900", S),  # hedged but exact
        ("more than 68,000", A),  # lower bound, official >= X
        ("over 60,000", A),
        ("nearly 69,000", A),  # within 3% below X
        ("almost 70,000", A),  # "almost": within 5%
        ("nearly 75,000", C),  # too far
        ("about 69,000", A),  # within 2%
        ("69,000", A),  # a bare round figure the official one rounds to
        ("more than 70,000", C),
        ("between 68,000 and 70,000", A),
    ],
)
def test_hedged_figures(series: Series, phrase: str, outcome: str) -> None:
    v = one(f"Russia has lost {phrase} troops since the start of the invasion.", series)
    assert v.outcome.value == outcome, v.explanation


def test_article_dated_before_the_days_report(series: Series) -> None:
    # an article of 2022-10-27 quoting the report of 2022-10-26
    v = one("Russia has lost 2,628 tanks since the start of the invasion.", series, D(2022, 10, 27))
    assert v.outcome is Outcome.SUPPORTED and v.reading == "previous_report"


def test_relative_days(series: Series) -> None:
    v = one("Russia lost 480 troops yesterday.", series)
    assert v.outcome is Outcome.SUPPORTED and v.report_date == D(2022, 10, 26)
    v = one("Russia lost 480 soldiers in the past 24 hours.", series)
    assert v.outcome is Outcome.SUPPORTED


def test_period_totals_by_loss_day(series: Series) -> None:
    october = series.value("personnel", D(2022, 11, 1)) - series.value("personnel", D(2022, 10, 1))
    v = one(f"In October, Russia lost {october:,} troops.", series, D(2022, 11, 5))
    assert v.outcome is Outcome.SUPPORTED and v.scope is Scope.PERIOD
    v = one(f"Last month Russia lost {october + 500:,} troops.", series, D(2022, 11, 5))
    assert v.outcome is Outcome.CONTRADICTED and v.correct_value == october


def test_record_day(series: Series) -> None:
    report = check_article(
        "Russia lost more than 2,030 troops in the last 24 hours, the "
        "highest death toll for a single day in the war.",
        series,
        article_date=D(2024, 11, 29),
    )
    assert [(v.claim.scope, v.outcome) for v in report.verdicts] == [
        (Scope.DAILY, Outcome.SUPPORTED),
        (Scope.RECORD, Outcome.SUPPORTED),
    ]
    report = check_article(
        "Russia lost 480 troops in one day, a record.", series, article_date=D(2022, 10, 26)
    )
    record = report.verdicts[-1]
    assert record.claim.scope is Scope.RECORD and record.outcome is Outcome.CONTRADICTED
    assert "not a record" in record.explanation


def test_ukrainian(series: Series) -> None:
    text = (
        "Загальні бойові втрати противника з 24.02.22 склали: особового складу ‒ близько "
        "68900 (+480) осіб, танків ‒ 2628, автомобільної техніки та автоцистерн ‒ 4076."
    )
    report = check_article(text, series)
    assert report.language == "uk" and report.report_date == D(2022, 10, 26)
    assert [(v.category, v.claim.value, v.outcome.value) for v in report.verdicts] == [
        ("personnel", 68900, S),
        ("personnel", 480, S),
        ("tanks", 2628, S),
        ("vehicles_fuel_tanks", 4076, S),
    ]


def test_not_checkable(series: Series) -> None:
    v = one("Russia lost 12 prisoners of war since the start of the invasion.", series)
    assert v.outcome is Outcome.NOT_CHECKABLE and "no figure" in v.explanation
    report = check_article("Russia lost 480 troops on Tuesday.", series)  # no date anywhere
    assert not report.date_inferred and report.report_date is None
    assert report.verdicts[0].outcome is Outcome.NOT_CHECKABLE


def test_merged_vehicles_before_may_2022(series: Series) -> None:
    # bare "vehicles" meant military auto before the 2022-05-01 merge
    report = check_article(
        "Russia has lost 1,471 vehicles and 76 fuel tanks since the start of the war.",
        series,
        article_date=D(2022, 4, 17),
    )
    assert [(v.category, v.outcome.value) for v in report.verdicts] == [
        ("vehicles", S),
        ("fuel_tanks", S),
    ]


def test_typical_article_is_fast(series: Series, huffpost: str) -> None:
    check_article(huffpost, series)  # warm: language files and series index
    start = time.perf_counter()
    for _ in range(20):
        check_article(huffpost, series)
    per_article = (time.perf_counter() - start) / 20
    assert per_article < 0.025, f"{per_article * 1000:.1f} ms per article"
