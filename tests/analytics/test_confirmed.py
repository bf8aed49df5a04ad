"""Claimed vs confirmed on the real recorded data: the side-by-side series, the lookup the claim
checker uses, WarSpotting's counts and the lag."""

from __future__ import annotations

import datetime as dt

import pytest

from losswatch import categories
from losswatch.analytics import confirmed as an
from losswatch.series import Series
from losswatch.store.engine import open_store
from losswatch.views.confirmed import ConfirmedData, category_view, load_confirmed, summary_view

D = dt.date.fromisoformat


@pytest.fixture(scope="session")
def data(real_store_url: str, real_series: Series) -> ConfirmedData:
    return load_confirmed(open_store(real_store_url), real_series)


def test_tanks_on_every_oryx_date_with_the_claim_and_the_ratio(data: ConfirmedData) -> None:
    points = an.confirmed_series(data.series, data.index, "tanks")
    assert [p.date for p in points] == [r.as_of for r in data.index.by_series["Tanks"]]
    assert (
        len(points) == 529
        and points[0].date == D("2022-03-19")
        and points[-1].date == D("2025-07-19")
    )
    april = next(p for p in points if p.date == D("2023-04-24"))
    claimed = data.series.value("tanks", D("2023-04-24"))
    assert (april.confirmed, april.claimed) == (1907, claimed)
    assert april.ratio == round(claimed / 1907, 3)
    assert (april.destroyed, april.damaged, april.abandoned, april.captured) == (
        1161,
        101,
        101,
        544,
    )
    assert points[-1].confirmed == 4074 and points[-1].claimed == data.series.value(
        "tanks", D("2025-07-19")
    )


def test_afv_sums_the_oryx_categories_the_mapping_files_under_it(data: ConfirmedData) -> None:
    day = D("2023-04-24")
    point = next(p for p in an.confirmed_series(data.series, data.index, "afv") if p.date == day)
    parts = [
        data.index.on_or_before(n, day) for n in categories.confirmed_series_for("oryx", "afv")
    ]
    assert point.confirmed == sum(p.total for p in parts if p) == 838 + 2319 + 306 + 44 + 192


def test_the_lookup_a_claim_is_checked_against(data: ConfirmedData) -> None:
    assert an.confirmed_value(data.index, "tanks", D("2022-03-01")) is None
    as_of, total, statuses = an.confirmed_value(data.index, "tanks", D("2023-04-25"))  # type: ignore[misc]
    assert (as_of, total, statuses["destroyed"]) == (D("2023-04-24"), 1907, 1161)
    assert an.confirmed_value(data.index, "tanks", D("2030-01-01"))[1] == 4074  # type: ignore[index]


def test_warspotting_weeks_beside_the_daily_claims_and_the_lag(data: ConfirmedData) -> None:
    weeks = an.spotted_periods(
        data.series, data.items, "tanks", weekly=True, start=D("2023-04-03"), end=D("2023-04-30")
    )
    assert [w.start for w in weeks] == [
        D("2023-04-03"),
        D("2023-04-10"),
        D("2023-04-17"),
        D("2023-04-24"),
    ]
    # the recorded file's tanks dated 3-30 April 2023 (38 in the month, 3 on the 1st and 2nd)
    assert sum(w.spotted for w in weeks) == 35
    days = data.series.daily_by_loss_day("tanks")
    assert weeks[0].claimed_increase == sum(
        days[D("2023-04-03") + dt.timedelta(days=n)] for n in range(7)
    )
    lag = an.lag(data.series, data.items, "tanks")
    assert lag.days is not None and 0 <= lag.days <= an.MAX_LAG and lag.correlation >= 0.3  # type: ignore[operator]
    assert lag.publication_days is None and lag.sightings == 0  # recorded, never seen live


def test_a_notable_move_of_the_ratio() -> None:
    def point(day: str, ratio: float) -> an.ConfirmedPoint:
        return an.ConfirmedPoint(
            D(day), "tanks", int(ratio * 100), D(day), 100, 100, 0, 0, 0, ratio, None
        )

    flat = [point("2024-01-01", 2.0), point("2024-02-15", 2.1)]
    assert an.notable_move(flat) is None
    moved = an.notable_move([point("2024-01-01", 2.0), point("2024-02-15", 2.5)])
    assert moved is not None and moved.relative == pytest.approx(0.25)


def test_views_cover_every_mapped_category(data: ConfirmedData) -> None:
    rows = {r["category"]: r for r in summary_view(data)}
    assert set(rows) == set(categories.confirmed_keys("oryx"))
    assert rows["tanks"]["confirmed"] == 4074
    view = category_view(data, "artillery", start=D("2024-01-01"))
    assert view["oryx_categories"] == [
        "Self-Propelled Artillery",
        "Towed Artillery",
        "Heavy Mortars",
    ]
    assert all(p["date"] >= D("2024-01-01") for p in view["points"])  # type: ignore[attr-defined]


def test_the_brief_says_when_a_ratio_moved_notably(data: ConfirmedData) -> None:
    from losswatch.brief import make_brief
    from losswatch.views.confirmed import with_confirmed

    moved = with_confirmed(make_brief(data.series, D("2022-09-09")), data)
    assert moved.paragraphs[-1] == (
        "The ratio of the General Staff's claimed to Oryx's confirmed anti-aircraft warfare "
        "systems rose from 1.30 to 1.61 since 2022-08-04.",
    )
    uk = with_confirmed(make_brief(data.series, D("2022-09-09"), lang="uk"), data)
    assert uk.paragraphs[-1][0].startswith("Співвідношення заявлених Генштабом")
    quiet = make_brief(data.series, D("2026-08-01"))
    assert with_confirmed(quiet, data) == quiet  # no Oryx figure that recent: nothing to say
