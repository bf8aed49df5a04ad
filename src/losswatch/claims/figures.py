"""Official figures as the claim checker needs them: by reading, date, value and increment.

A claim's words may mean a category the series stores directly ("tanks"), one that changed
over time (bare "vehicles" is military auto before the 2022-05-01 merge and the merged
category after), or a sum ("armoured vehicles" as tanks + AFVs, "equipment" as everything but
personnel). :class:`Figures` answers "what was the total / the day's increase of this reading
on this report date" for all of them, and keeps reverse indexes (value -> dates) built once per
series, so inferring an article's date is a few dictionary look-ups, not a scan.
"""

from __future__ import annotations

import bisect
import datetime as dt
import weakref

from losswatch import categories
from losswatch.models import Status
from losswatch.series import Series

#: Cells the reconciler could not settle: an increase next to one is not a real day's losses.
UNSETTLED = frozenset({Status.CONFLICT, Status.MISSING})

ONE_DAY = dt.timedelta(days=1)
EQUIPMENT = tuple(k for k in categories.MAIN_KEYS if k != "personnel")


class Figures:
    """Look-ups over one :class:`Series` (use :func:`figures_for` to share one per series)."""

    def __init__(self, series: Series) -> None:
        self.series = series
        self.values: dict[str, dict[int, list[dt.date]]] = {}
        self.incs: dict[str, dict[int, list[dt.date]]] = {}
        self.running_max: dict[str, tuple[list[dt.date], list[int]]] = {}
        self._maxima: dict[
            tuple[str, dt.date], tuple[list[dt.date], list[tuple[int, dt.date] | None]]
        ] = {}
        for cat in series.categories:
            by_value: dict[int, list[dt.date]] = {}
            by_inc: dict[int, list[dt.date]] = {}
            dates: list[dt.date] = []
            highs: list[int] = []
            high = -1
            for day in series.dates(cat):
                value = series.value(cat, day)
                if value is None:
                    continue
                by_value.setdefault(value, []).append(day)
                inc = series.increment(cat, day)
                if inc is not None:
                    by_inc.setdefault(inc, []).append(day)
                high = max(high, value)
                dates.append(day)
                highs.append(high)
            self.values[cat], self.incs[cat] = by_value, by_inc
            self.running_max[cat] = (dates, highs)
        all_dates = series.dates()
        self.first = all_dates[0] if all_dates else None
        self.last = all_dates[-1] if all_dates else None

    @staticmethod
    def parts(reading: str, day: dt.date) -> tuple[str, ...]:
        """The stored categories whose sum is ``reading`` on report date ``day``."""
        if reading == "vehicles":
            return ("military_auto",) if day < categories.MERGE_DAY else ("vehicles_fuel_tanks",)
        if reading == "armour":
            return ("tanks", "afv")
        if reading == "air":
            return ("aircraft", "helicopters")
        if reading == "equipment":
            return EQUIPMENT
        if reading == "untracked":
            return ()
        return (reading,)

    def total(self, reading: str, day: dt.date) -> int | None:
        """The running total of ``reading`` in the report of ``day`` (None when not reported)."""
        if reading == "vehicles_fuel_tanks" and day < categories.MERGE_DAY:
            direct = self.series.value(reading, day)
            if direct is not None:
                return direct
            return self._sum(("military_auto", "fuel_tanks"), day, strict=True)
        parts = self.parts(reading, day)
        return self._sum(parts, day, strict=reading != "equipment")

    def _sum(self, parts: tuple[str, ...], day: dt.date, *, strict: bool) -> int | None:
        values = [self.series.value(p, day) for p in parts]
        known = [v for v in values if v is not None]
        if not known or (strict and len(known) != len(values)):
            return None
        return sum(known)

    def increase(self, reading: str, day: dt.date) -> int | None:
        """The increase printed in the report of ``day`` (the losses of ``day`` - 1)."""
        parts = self.parts(reading, day)
        if len(parts) == 1:  # the series' own increment: the "(+N)" the report printed
            return self.series.increment(parts[0], day)
        today, before = self.total(reading, day), self.total(reading, day - ONE_DAY)
        return None if today is None or before is None else today - before

    def baseline(self, reading: str, day: dt.date) -> int | None:
        """The total before a period starting at report ``day``: 0 before the first report."""
        if self.first is not None and day < self.first:
            return 0
        return self.total(reading, day)

    def dates_with_total(self, reading: str, value: int) -> list[dt.date]:
        """Report dates whose running total of ``reading`` was exactly ``value``."""
        if reading == "vehicles":
            early = [
                d
                for d in self.values.get("military_auto", {}).get(value, [])
                if d < categories.MERGE_DAY
            ]
            late = [
                d
                for d in self.values.get("vehicles_fuel_tanks", {}).get(value, [])
                if d >= categories.MERGE_DAY
            ]
            return early + late
        if reading in ("armour", "air", "equipment", "untracked"):
            return []
        return list(self.values.get(reading, {}).get(value, []))

    def dates_with_increase(self, reading: str, value: int) -> list[dt.date]:
        """Report dates that printed an increase of exactly ``value`` for ``reading``."""
        if reading == "vehicles":
            return [
                d
                for key in ("military_auto", "vehicles_fuel_tanks")
                for d in self.incs.get(key, {}).get(value, [])
            ]
        if reading in ("armour", "air", "equipment", "untracked"):
            return []
        return list(self.incs.get(reading, {}).get(value, []))

    def first_reaching(self, reading: str, value: int) -> dt.date | None:
        """The first report whose total of ``reading`` reached ``value`` (a milestone)."""
        key = "vehicles_fuel_tanks" if reading == "vehicles" else reading
        dates, highs = self.running_max.get(key, ([], []))
        i = bisect.bisect_left(highs, value)
        return dates[i] if i < len(dates) else None

    def unsettled(self, reading: str, day: dt.date) -> bool:
        """Whether a cell behind ``reading`` on ``day`` or the day before is unsettled (what an
        increase printed on ``day`` rests on)."""
        return bool(self.unsettled_days(reading, day, increase=True))

    def unsettled_days(self, reading: str, day: dt.date, *, increase: bool) -> list[dt.date]:
        """The report dates behind ``reading`` on ``day`` whose cells are unsettled: that day's
        alone for a running total (the status ``show`` gives it), and the day before too for an
        increase, which is the difference of the two."""
        days = (day, day - ONE_DAY) if increase else (day,)
        return [
            d
            for d in days
            if any(
                (cell := self.series.cell(part, d)) is not None and cell.status in UNSETTLED
                for part in self.parts(reading, day)
            )
        ]

    def highest_increase(
        self, reading: str, start: dt.date, end: dt.date
    ) -> tuple[int, dt.date] | None:
        """The largest daily increase printed in reports ``start``..``end`` (inclusive),
        leaving out increases next to unsettled cells (a carried-over value then a jump).

        Every record claim asks this with the same ``start``: the running maxima from
        ``start`` are built once per reading and each question is then a bisection.
        """
        days, bests = self._running_best(reading, start)
        i = bisect.bisect_right(days, end)
        return bests[i - 1] if i else None

    def _running_best(
        self, reading: str, start: dt.date
    ) -> tuple[list[dt.date], list[tuple[int, dt.date] | None]]:
        key = (reading, start)
        if key not in self._maxima:
            days: list[dt.date] = []
            bests: list[tuple[int, dt.date] | None] = []
            best: tuple[int, dt.date] | None = None
            last = self.series.latest_date or start
            day = start
            while day <= last:
                inc = None if self.unsettled(reading, day) else self.increase(reading, day)
                if inc is not None and (best is None or inc > best[0]):
                    best = (inc, day)
                days.append(day)
                bests.append(best)
                day += ONE_DAY
            self._maxima[key] = (days, bests)
        return self._maxima[key]


_CACHE: dict[int, tuple[weakref.ref[Series], Figures]] = {}


def figures_for(series: Series) -> Figures:
    """The :class:`Figures` of ``series``, built on first use and kept while it lives."""
    key = id(series)
    hit = _CACHE.get(key)
    if hit is not None and hit[0]() is series:
        return hit[1]
    figures = Figures(series)

    def forget(
        _ref: weakref.ref[Series],
        key: int = key,
        cache: dict[int, tuple[weakref.ref[Series], Figures]] = _CACHE,
    ) -> None:
        cache.pop(key, None)  # bound defaults: still safe while the interpreter shuts down

    _CACHE[key] = (weakref.ref(series, forget), figures)
    return figures
