"""Everything the brief says is true (issue 18): records name their window and skip disputed
days, ranks only when they are news, the General Staff's "about", and no figure the sources
disagree on stated as a fact."""

from __future__ import annotations

import datetime as dt
import re

from losswatch.analytics.records import all_time_records
from losswatch.brief import make_brief
from losswatch.models import Status
from losswatch.series import Series

D = dt.date.fromisoformat


def test_a_disputed_aircraft_figure_sets_no_record_and_is_not_stated(real_series: Series) -> None:
    """2025-06-03: aircraft 384 (+12) or 413; the brief called +12 "the highest daily figure
    of the war so far" (the series has +16 on 2022-03-13, and the +12 is disputed)."""
    june_3 = make_brief(real_series, D("2025-06-03")).to_text()
    assert "highest daily figure" not in june_3
    assert "384 aircraft" not in june_3 and "(+12)" not in june_3.split("MLRS")[1][:200]
    assert "the sources disagree on this report's figure for aircraft (384 or 413)" in june_3
    june_4 = make_brief(real_series, D("2025-06-04")).to_text()
    assert "413 aircraft," in june_4 and "413 aircraft (+29)" not in june_4
    assert "The day's increase for aircraft is not stated" in june_4
    assert "400 aircraft" not in june_4  # the milestone may have been crossed on the 3rd
    record = next(r for r in all_time_records(real_series) if r["category"] == "aircraft")
    assert record["loss_day"] not in ("2025-06-02", "2025-06-03")


def test_record_sentences_name_their_window(real_series: Series) -> None:
    sentences = [
        s
        for day in real_series.dates("personnel")[40::80]
        for s in re.split(r"(?<=\.) ", make_brief(real_series, day).body)
        if "highest daily" in s and "since" not in s.split("highest")[1][:40]
    ]
    assert not [s for s in sentences if "war so far" in s]
    record = next(r for r in all_time_records(real_series) if r["category"] == "personnel")
    text = make_brief(real_series, D(record["report_date"])).to_text()
    assert "highest daily personnel loss in the daily reports since 1 April 2022." in text


def test_ranks_are_said_only_when_they_are_news(real_series: Series) -> None:
    """ "the joint 128th-highest daily personnel loss of 2025 so far" is not news."""
    days = [d for d in real_series.dates("personnel") if d.year == 2025][::10]
    ranks = [
        (day, m.group(0))
        for day in days
        for m in re.finditer(r"(joint )?\w+-highest [^.]*", make_brief(real_series, day).body)
    ]
    assert ranks, "some day of 2025 ranks in the top ten of its month or year"
    assert not [r for r in ranks if re.search(r"\d", r[1].split("-highest")[0])], ranks


def test_the_general_staffs_about_is_kept(real_series: Series) -> None:
    brief = make_brief(real_series, D("2024-03-10"))
    assert brief.headline.startswith("Russia lost about ")
    assert "In total about " in brief.body and "This month Russia has lost about " in brief.body


def test_the_transposed_personnel_figure_of_2025_10_28_is_not_headlined(
    real_series: Series,
) -> None:
    """1,137,850 (orc-losses) vs 1,138,750 (PetroIvaniuk): the brief said "Russia lost 160
    personnel" then "2,050 ... the highest daily personnel loss since 27 February 2025"."""
    assert make_brief(real_series, D("2025-10-28")).headline == (
        "Russia lost about 1,060 personnel on Monday 27 October 2025"
    )
    next_day = make_brief(real_series, D("2025-10-29"))
    assert next_day.headline == "Russia lost about 1,150 personnel on Tuesday 28 October 2025"
    assert "27 February 2025" not in next_day.body


def test_a_disputed_personnel_figure_gets_no_headline(real_series: Series) -> None:
    """No personnel cell of the recorded sources stays disputed, so one is made so here."""
    from dataclasses import replace

    day = D("2025-10-28")
    cell = real_series.cell("personnel", day)
    assert cell is not None and cell.value == 1_138_750
    cells = {cat: dict(by_day) for cat, by_day in real_series.cells.items()}
    cells["personnel"][day] = replace(cell, status=Status.CONFLICT)
    series = replace(real_series, cells=cells)
    for report in (day, day + dt.timedelta(days=1)):
        brief = make_brief(series, report)
        assert brief.headline.startswith("Russian combat losses reported on"), brief.headline
        assert "Russia lost" not in brief.body and "highest" not in brief.body
    assert "This month" not in make_brief(series, day).body  # a total ending on the dispute
    assert "personnel (1,137,850 or 1,138,750)" in make_brief(series, day).body
    assert "1,138,750 personnel" not in make_brief(series, day).body
