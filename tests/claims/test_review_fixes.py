"""Regressions from the claim checker's code review: later reports, huge numbers, CPU time,
sentence splitting and the records start date."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from losswatch.analytics.records import RECORDS_FROM
from losswatch.claims import Outcome, check_article
from losswatch.claims.numbers import MAX_DIGITS
from losswatch.claims.text import sentence_spans
from losswatch.claims.verdicts import RECORD_START
from losswatch.series import Series

D = dt.date
TUESDAY, WEDNESDAY = D(2024, 3, 5), D(2024, 3, 6)


# --- 1. a dated article is never checked against a report published after it ----------------


def test_the_figures_of_the_next_report_are_not_the_articles_own(series: Series) -> None:
    # 1,250 is the increase of the report of Wed 2024-03-06 (losses of Tuesday): an article
    # of Tuesday cannot have quoted it, so it is checked against Tuesday's report (1,070)
    assert series.increment("personnel", WEDNESDAY) == 1250
    assert series.increment("personnel", TUESDAY) == 1070
    report = check_article(
        "Russia lost 1250 troops on Tuesday.", series, article_date=TUESDAY, lang="en"
    )
    (v,) = report.verdicts
    assert v.outcome is Outcome.CONTRADICTED and v.report_date == TUESDAY
    assert (v.reading, v.correct_value) == ("report_date", 1070)
    assert v.true_on is None  # nor is the later report named as the day the figure was right
    assert "2024-03-06" not in v.explanation


def test_end_of_named_day_stops_at_the_article_date(series: Series) -> None:
    total = series.value("personnel", WEDNESDAY)
    text = f"By the end of Tuesday, Russia had lost {total:,} troops in total."
    (v,) = check_article(text, series, article_date=TUESDAY, lang="en").verdicts
    assert v.outcome is Outcome.CONTRADICTED and v.report_date == TUESDAY
    assert v.reading == "named_report"


def test_the_next_report_is_fine_once_it_is_out(series: Series) -> None:
    # the same sentences in an article of Wednesday: the report of Wednesday is its own
    (v,) = check_article(
        "Russia lost 1250 troops on Tuesday.", series, article_date=WEDNESDAY, lang="en"
    ).verdicts
    assert (v.outcome, v.reading, v.report_date) == (Outcome.SUPPORTED, "loss_day", WEDNESDAY)
    total = series.value("personnel", WEDNESDAY)
    (v,) = check_article(
        f"By the end of Tuesday, Russia had lost {total:,} troops in total.",
        series,
        article_date=WEDNESDAY,
        lang="en",
    ).verdicts
    assert (v.outcome, v.reading) == (Outcome.SUPPORTED, "end_of_named_day")


def test_undated_article_still_reads_the_next_morning_report(series: Series, huffpost: str) -> None:
    # no date given: the date is inferred (2022-10-26) and "480 on Tuesday" is loss day
    # 2022-10-25, printed in the report of 2022-10-26
    report = check_article(huffpost, series)
    assert report.date_inferred and report.report_date == D(2022, 10, 26)
    daily = report.verdicts[0]
    assert (daily.outcome, daily.reading, daily.report_date) == (
        Outcome.SUPPORTED,
        "loss_day",
        D(2022, 10, 26),
    )


# --- 2. numbers too long for int() or float() are skipped, not raised on --------------------

HUGE = [
    "9" * 5000 + " tanks",  # int() of > 4,300 digits: ValueError
    "Russia has lost tanks: " + "9" * 5000 + ".",
    "Russia lost 12 tanks (+" + "9" * 5000 + ").",
    "9" * 400 + ".5 million tanks",  # float() is inf: OverflowError in round()
    "Russia lost " + "9" * 400 + ",5 thousand troops.",
    "1" + "0" * MAX_DIGITS + " tanks",  # 16 digits: not a loss figure
    "1," + ",".join(["000"] * 6) + " troops",  # 19 digits with separators
]


@pytest.mark.parametrize("text", HUGE, ids=range(len(HUGE)))
def test_huge_numbers_do_not_raise(series: Series, text: str) -> None:
    report = check_article(text, series, article_date=D(2022, 10, 26), lang="en")
    assert all(v.claim.value < 10**MAX_DIGITS for v in report.verdicts)
    assert not any(v.claim.value >= 10**9 for v in report.verdicts)  # "million" not re-read


def test_a_fifteen_digit_figure_is_still_read(series: Series) -> None:
    report = check_article(
        "Russia has lost 999,999,999,999,999 tanks.",
        series,
        article_date=D(2022, 10, 26),
        lang="en",
    )
    assert [v.claim.value for v in report.verdicts] == [999_999_999_999_999]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(min_value=MAX_DIGITS + 1, max_value=6000),
    st.sampled_from(["", ".5", ",25", "0.5"]),
    st.sampled_from(["", " million", " thousand", "k", " billion"]),
    st.sampled_from(["{n}{f}{s} tanks", "tanks: {n}{f}{s}", "(+{n}{f})", "{n}{f}{s}"]),
)
def test_long_digit_runs_never_raise(
    series: Series, digits: int, frac: str, scale: str, shape: str
) -> None:
    text = "Russia lost " + shape.format(n="9" * digits, f=frac, s=scale) + " since February."
    report = check_article(text, series, article_date=D(2022, 10, 26), lang="en")
    assert all(v.claim.value < 10**MAX_DIGITS for v in report.verdicts)


# --- 3. adversarial text is checked in linear time --------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["1 " * 100_000 + "tanks", "1,000 tanks and " * 12_500],
    ids=["bare-numbers", "repeated-figures"],
)
def test_200_kb_of_adversarial_text_is_quick(series: Series, text: str) -> None:
    assert len(text) >= 200_000
    check_article("Russia lost 480 troops.", series, lang="en")  # warm the language and index
    for day in (D(2022, 10, 26), None):  # dated, and with the date to infer
        start = time.perf_counter()
        check_article(text, series, article_date=day, lang="en")
        elapsed = time.perf_counter() - start
        assert elapsed < 2.0, f"{elapsed:.2f} s for {len(text):,} characters"


# --- 4. an abbreviation before a digit never ends a sentence ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Russia has lost 1,000 tanks since Feb. 24 and 500 since Nov. 12 of that year.",
        "The figure is approx. 68,900 troops.",
    ],
)
def test_abbreviation_before_a_digit_keeps_the_sentence(text: str) -> None:
    assert sentence_spans(text) == [(0, len(text))]


# --- 5. one records start date -----------------------------------------------------------------


def test_records_start_is_the_analytics_one(series: Series) -> None:
    # RECORDS_FROM is a loss day; the checker counts by report date, one day later
    assert RECORD_START == RECORDS_FROM + dt.timedelta(days=1) == D(2022, 4, 1)
    report = check_article(
        "Russia lost more than 2,030 troops in the last 24 hours, the "
        "highest death toll for a single day in the war.",
        series,
        article_date=D(2024, 11, 29),
        lang="en",
    )
    assert f"reports {RECORD_START}" in report.verdicts[-1].explanation
