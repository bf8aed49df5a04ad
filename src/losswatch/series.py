"""The canonical series in memory: what analytics, the brief and the claim checker read.

Loaded once from the store (:func:`losswatch.store.queries.load_series`), then queried by
category and date without touching the database again. Increments are derived here, in one
place: the increase of report date D is value(D) - value(D-1), and it belongs to loss day D-1.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from losswatch.models import CanonicalValue

ONE_DAY = dt.timedelta(days=1)


@dataclass
class Series:
    """Canonical values indexed by category then report date."""

    cells: dict[str, dict[dt.date, CanonicalValue]] = field(default_factory=dict)
    report_urls: dict[dt.date, str] = field(default_factory=dict)

    @classmethod
    def from_values(
        cls, values: Iterable[CanonicalValue], report_urls: dict[dt.date, str] | None = None
    ) -> Series:
        series = cls(report_urls=dict(report_urls or {}))
        for cv in values:
            series.cells.setdefault(cv.category, {})[cv.report_date] = cv
        for cat, by_date in series.cells.items():
            series.cells[cat] = dict(sorted(by_date.items()))
        return series

    @property
    def categories(self) -> list[str]:
        return list(self.cells)

    def dates(self, category: str | None = None) -> list[dt.date]:
        """Report dates with a value (for one category, or any)."""
        if category is not None:
            return [d for d, cv in self.cells.get(category, {}).items() if cv.value is not None]
        found = {
            d
            for by_date in self.cells.values()
            for d, cv in by_date.items()
            if cv.value is not None
        }
        return sorted(found)

    @property
    def latest_date(self) -> dt.date | None:
        dates = self.dates("personnel") or self.dates()
        return dates[-1] if dates else None

    @property
    def first_date(self) -> dt.date | None:
        dates = self.dates()
        return dates[0] if dates else None

    def cell(self, category: str, report_date: dt.date) -> CanonicalValue | None:
        return self.cells.get(category, {}).get(report_date)

    def value(self, category: str, report_date: dt.date) -> int | None:
        """The cumulative total of ``category`` in the report of ``report_date``."""
        cv = self.cell(category, report_date)
        return cv.value if cv else None

    def increment(self, category: str, report_date: dt.date) -> int | None:
        """The increase stated by the report of ``report_date`` (losses of the day before)."""
        cv = self.cell(category, report_date)
        if cv is None or cv.value is None:
            return None
        if cv.increment is not None:
            return cv.increment
        previous = self.value(category, report_date - ONE_DAY)
        return None if previous is None else cv.value - previous

    def daily_by_loss_day(self, category: str) -> dict[dt.date, int]:
        """Daily increases keyed by the day the losses happened (report date - 1)."""
        out: dict[dt.date, int] = {}
        for report_date in self.dates(category):
            inc = self.increment(category, report_date)
            if inc is not None:
                out[report_date - ONE_DAY] = inc
        return out

    def value_on_or_before(self, category: str, report_date: dt.date) -> tuple[dt.date, int] | None:
        """The newest value reported on or before ``report_date``."""
        dates = self.dates(category)
        i = bisect.bisect_right(dates, report_date)
        if i == 0:
            return None
        d = dates[i - 1]
        value = self.value(category, d)
        return None if value is None else (d, value)

    def row(self, report_date: dt.date) -> dict[str, CanonicalValue]:
        return {
            cat: by_date[report_date]
            for cat, by_date in self.cells.items()
            if report_date in by_date
        }

    def __iter__(self) -> Iterator[CanonicalValue]:
        for by_date in self.cells.values():
            yield from by_date.values()
