"""The canonical series built by the real pipeline from every recorded source."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from losswatch.models import Status
from losswatch.reconcile.evaluate import evaluate
from losswatch.reconcile.rules import correction_days
from losswatch.series import Series
from losswatch.store.engine import open_store
from losswatch.store.queries import corrections

D = dt.date.fromisoformat


def test_2022_10_26_personnel_68900_with_480_on_loss_day_tuesday(real_series: Series) -> None:
    cell = real_series.cell("personnel", D("2022-10-26"))
    assert cell is not None and cell.value == 68_900 and cell.status is Status.AGREED
    assert cell.loss_day == D("2022-10-25") and cell.loss_day.strftime("%A") == "Tuesday"
    assert real_series.daily_by_loss_day("personnel")[D("2022-10-25")] == 480


def test_dev_labels_accuracy_stays_at_27_of_27(real_series: Series, shared_dir: Path) -> None:
    accuracy = evaluate(real_series, shared_dir / "reconcile" / "dev-labels.csv")
    wrong = [r for r in accuracy.results if not r.correct]
    assert len(accuracy.results) == 27
    assert accuracy.accuracy == 1.0, wrong


def test_official_typo_2022_06_03_artillery_resolved_by_increment(real_series: Series) -> None:
    cell = real_series.cell("artillery", D("2022-06-03"))
    assert cell is not None and cell.value == 675
    assert cell.status is Status.RESOLVED_BY_INCREMENT
    assert {d.source for d in cell.dissent} == {"official_en", "orc_losses"}


def test_majority_2022_10_12_and_minfin_dissent_flagged(real_series: Series) -> None:
    cell = real_series.cell("uav", D("2022-10-12"))
    assert cell is not None and cell.value == 1129 and cell.status is Status.MAJORITY
    [dissent] = cell.dissent
    assert dissent.source == "minfin" and "off-by-one-digit" in dissent.flags


def test_stale_copy_set_aside_2024_11_03(real_series: Series) -> None:
    cell = real_series.cell("personnel", D("2024-11-03"))
    assert cell is not None and cell.value == 699_090
    assert any(d.source == "orc_losses" and "stale-copy" in d.flags for d in cell.dissent)


def test_lineage_vehicles_fuel_tanks_before_the_merge(real_series: Series) -> None:
    cell = real_series.cell("vehicles_fuel_tanks", D("2022-04-12"))
    assert cell is not None and cell.value == 1406 + 76 and cell.rule == "lineage-sum"
    assert real_series.value("military_auto", D("2022-04-12")) == 1406
    assert real_series.value("military_auto", D("2022-05-01")) is None


def test_no_value_is_invented_missing_cells_have_none(real_series: Series) -> None:
    missing = [cv for cv in real_series if cv.status is Status.MISSING]
    assert all(cv.value is None and not cv.supporting for cv in missing)
    decided = [
        cv
        for cv in real_series
        if cv.value is not None and cv.rule != "lineage-sum" and cv.rule != "increment-both-sides"
    ]
    assert all(cv.supporting for cv in decided)


def test_cumulative_values_never_fall_except_at_official_corrections(
    real_series: Series, real_store_url: str
) -> None:
    listed = corrections(open_store(real_store_url))
    assert len({c["report_date"] for c in listed}) == 28
    allowed = {(day, c["category"]) for c in listed for day in correction_days(c["report_date"])}
    falls = []
    for cat in real_series.categories:
        prev = None
        for day in real_series.dates(cat):
            value = real_series.value(cat, day)
            if (
                prev is not None
                and value is not None
                and value < prev[1]
                and (day, cat) not in allowed
                and day - prev[0] == dt.timedelta(days=1)
            ):
                cell = real_series.cell(cat, day)
                assert cell is not None
                if cell.status is not Status.CONFLICT:
                    falls.append((cat, day, prev[1], value))
            prev = (day, value)
    assert falls == []


def test_stale_cell_orc_losses_personnel_2024_10_07_set_aside(real_series: Series) -> None:
    # orc-losses repeats the day before's 660,470 where personnel rose every day before it
    cell = real_series.cell("personnel", D("2024-10-07"))
    assert cell is not None and cell.value == 661_630 and cell.rule == "stale-cell-set-aside"
    assert [(d.source, d.value) for d in cell.dissent] == [("orc_losses", 660_470)]
    assert real_series.increment("personnel", D("2024-10-08")) == 662_970 - 661_630
