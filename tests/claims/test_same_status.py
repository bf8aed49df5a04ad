"""The checker and the record use the same status (issue 18): a running total is unsettled only
when its own report's cell is, as ``show`` marks it; an increase also when the day before is."""

from __future__ import annotations

import datetime as dt

from losswatch.claims import Outcome, check_article
from losswatch.series import Series

JUNE_4 = dt.date(2025, 6, 4)


def test_an_agreed_running_total_is_not_called_disputed(series: Series) -> None:
    """Aircraft: 2025-06-03 is disputed (384 or 413), 2025-06-04 agreed on 413."""
    assert series.cell("aircraft", JUNE_4).status.value == "agreed"  # type: ignore[union-attr]
    assert series.cell("aircraft", JUNE_4 - dt.timedelta(days=1)).status.value == "conflict"  # type: ignore[union-attr]
    text = "Russia has lost 413 aircraft since the start of the invasion, the General Staff said."
    [verdict] = check_article(text, series, article_date=JUNE_4, lang="en").verdicts
    assert verdict.outcome is Outcome.SUPPORTED
    assert "disagree" not in verdict.explanation


def test_an_increase_next_to_a_disputed_day_says_which_day(series: Series) -> None:
    text = "Russia lost 29 aircraft on 3 June 2025, the General Staff said on 4 June."
    verdicts = check_article(text, series, article_date=JUNE_4, lang="en").verdicts
    [verdict] = [v for v in verdicts if v.category == "aircraft"]
    assert "the sources disagree on the report of 2025-06-03" in verdict.explanation
    assert "disagree on this report" not in verdict.explanation


def test_a_disputed_running_total_is_neither_supported_nor_contradicted(series: Series) -> None:
    """2025-06-03: 413 aircraft (PetroIvaniuk) was "contradicted" by the guess 384."""
    for value in (384, 413):
        text = f"Russia has lost {value} aircraft since the start of the invasion, they said."
        [verdict] = check_article(text, series, article_date=JUNE_4 - dt.timedelta(days=1)).verdicts
        assert verdict.outcome is Outcome.NOT_CHECKABLE, verdict.explanation
        assert "is disputed, the sources give 384 or 413" in verdict.explanation
    text = "Russia has lost 500 aircraft since the start of the invasion, they said."
    [verdict] = check_article(text, series, article_date=JUNE_4 - dt.timedelta(days=1)).verdicts
    assert verdict.outcome is Outcome.CONTRADICTED
