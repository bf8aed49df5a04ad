"""Round-number milestones: when each running total first reached 100,000 (or 1,000 tanks...).

The step per category is chosen so that a milestone is news: every 100,000 personnel, every
1,000 tanks, every 10 warships. A milestone is crossed on the first report whose total is at or
above it; a later correction that dips below does not "uncross" it, since the news was printed.
A category's first report may cross several milestones at once (an opening balance, flagged
``opening``): the days those losses happened on are unknown.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from losswatch import categories
from losswatch.analytics.forecast import forecast_crossing
from losswatch.series import Series

#: Milestone step per category (a multiple of it is a milestone).
STEPS: dict[str, int] = {
    "personnel": 100_000,
    "tanks": 1_000,
    "afv": 1_000,
    "artillery": 5_000,
    "mlrs": 250,
    "air_defense": 250,
    "aircraft": 100,
    "helicopters": 100,
    "uav": 10_000,
    "cruise_missiles": 1_000,
    "ships": 10,
    "submarines": 1,
    "vehicles_fuel_tanks": 10_000,
    "special_equipment": 1_000,
    "ground_robotic_systems": 500,
    "military_auto": 500,
    "fuel_tanks": 50,
    "mobile_srbm": 1,
    "pow": 100,
}


def step_for(category: str, largest: int = 0) -> int:
    """The milestone step of ``category``; unknown ones get a power of ten below ``largest``."""
    if category in STEPS:
        return STEPS[category]
    return int(10 ** max(0, int(math.log10(max(largest, 1))) - 1))


@dataclass(frozen=True)
class Crossing:
    """The report on which a running total first reached ``threshold``."""

    category: str
    threshold: int
    report_date: dt.date
    value: int
    opening: bool

    @property
    def loss_day(self) -> dt.date:
        return self.report_date - dt.timedelta(days=1)


def _totals(
    series: Series, category: str, as_of: dt.date | None
) -> tuple[list[dt.date], list[int]]:
    dates = [d for d in series.dates(category) if as_of is None or d <= as_of]
    return dates, [series.value(category, d) or 0 for d in dates]


def crossings(series: Series, category: str, *, as_of: dt.date | None = None) -> list[Crossing]:
    """Every milestone the total of ``category`` reached, in order, up to report ``as_of``."""
    dates, values = _totals(series, category, as_of)
    if not dates:
        return []
    step = step_for(category, max(values))
    out: list[Crossing] = []
    next_mark = step
    for i, (day, value) in enumerate(zip(dates, values, strict=True)):
        while value >= next_mark:
            out.append(Crossing(category, next_mark, day, value, opening=i == 0))
            next_mark += step
    return out


def next_threshold(series: Series, category: str, *, as_of: dt.date | None = None) -> int | None:
    """The next milestone the total has not reached yet (None without data)."""
    dates, values = _totals(series, category, as_of)
    if not dates:
        return None
    step = step_for(category, max(values))
    return (max(values) // step + 1) * step


def crossed_in_report(series: Series, category: str, report_date: dt.date) -> list[Crossing]:
    """Milestones first reached by the report of ``report_date`` (what a brief announces)."""
    return [
        c for c in crossings(series, category, as_of=report_date) if c.report_date == report_date
    ]


def milestones(
    series: Series,
    category: str | None = None,
    *,
    as_of: dt.date | None = None,
    forecast: bool = True,
) -> list[dict[str, Any]]:
    """Every milestone reached, plus the next one with its forecast (JSON-ready, for the API).

    One dict per (category, threshold): ``crossed_on`` is the report date (ISO) or None for the
    next, not yet reached, milestone, which carries ``forecast`` (see
    :class:`~losswatch.analytics.forecast.CrossingForecast`; None when it cannot be estimated).
    Without ``category``: every active main category. Retired categories are not forecast.
    """
    if category is not None:
        keys: tuple[str, ...] = (categories.get(category).key,)
    else:
        keys = tuple(k for k in categories.MAIN_KEYS if series.dates(k))
    out: list[dict[str, Any]] = []
    for key in keys:
        cat = categories.get(key)
        for c in crossings(series, key, as_of=as_of):
            out.append(
                {
                    "category": key,
                    "label": cat.label_en,
                    "threshold": c.threshold,
                    "crossed_on": c.report_date.isoformat(),
                    "loss_day": c.loss_day.isoformat(),
                    "value": c.value,
                    "opening": c.opening,
                    "forecast": None,
                }
            )
        upcoming = next_threshold(series, key, as_of=as_of)
        if upcoming is None or cat.retired:
            continue
        predicted = forecast_crossing(series, key, upcoming, as_of=as_of) if forecast else None
        out.append(
            {
                "category": key,
                "label": cat.label_en,
                "threshold": upcoming,
                "crossed_on": None,
                "loss_day": None,
                "value": None,
                "opening": False,
                "forecast": predicted.to_dict() if predicted else None,
            }
        )
    return out
