"""The Explore table: cumulative totals, daily increases with a rolling mean, or monthly sums.

One function feeds the dashboard's table (no JavaScript), its chart (which fetches the JSON of
``/api/v1/explore``) and the CSV download, so the three can never disagree.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from typing import Any, Literal

from losswatch import categories
from losswatch.analytics import daily
from losswatch.errors import UsageError
from losswatch.series import Series

Kind = Literal["cumulative", "daily", "monthly"]
KINDS: tuple[str, ...] = ("cumulative", "daily", "monthly")
WINDOW = 7
MAX_CATEGORIES = 6
INDEX_LABELS = {
    "en": {"report_date": "report date", "loss_day": "loss day", "month": "month"},
    "uk": {"report_date": "дата зведення", "loss_day": "день втрат", "month": "місяць"},
}
MEAN_LABEL = {"en": "{} ({}-day mean)", "uk": "{} (середнє за {} дн.)"}


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    category: str | None = None
    stat: str = "index"


@dataclass(frozen=True)
class ExploreTable:
    kind: str
    categories: tuple[str, ...]
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "categories": list(self.categories),
            "columns": [c.__dict__ for c in self.columns],
            "rows": [list(r) for r in self.rows],
        }

    def to_csv(self) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([c.key for c in self.columns])
        writer.writerows(self.rows)
        return buffer.getvalue().encode()


def parse_categories(text: str | None) -> tuple[str, ...]:
    """``tanks,afv`` -> known keys (default: personnel), at most MAX_CATEGORIES."""
    keys = tuple(dict.fromkeys(k.strip() for k in (text or "personnel").split(",") if k.strip()))
    for key in keys:
        categories.get(key)
    if not keys or len(keys) > MAX_CATEGORIES:
        raise UsageError(f"give 1 to {MAX_CATEGORIES} categories, comma separated")
    return keys


def explore_table(
    series: Series,
    keys: tuple[str, ...],
    kind: str,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    lang: str = "en",
) -> ExploreTable:
    """The table for ``keys`` between ``start`` and ``end`` (report dates for cumulative, loss
    days for daily and monthly).

    Daily increases and their trailing mean come from :mod:`losswatch.analytics.daily` (the
    mean only where all 7 days are known), monthly totals are its period totals (differences
    of cumulative counts, so corrections are included and months add up to the total).
    """
    if kind not in KINDS:
        raise UsageError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
    if start and end and start > end:
        raise UsageError(f"from ({start}) is after to ({end})")
    lang = "uk" if lang == "uk" else "en"
    cats = [categories.get(k) for k in keys]
    names = {c.key: (c.label_uk if lang == "uk" else c.label_en) for c in cats}

    def within(day: dt.date) -> bool:
        return (start is None or day >= start) and (end is None or day <= end)

    rows: list[tuple[Any, ...]]
    if kind == "cumulative":
        columns = [Column("report_date", INDEX_LABELS[lang]["report_date"])]
        columns += [Column(k, names[k], k, "cumulative") for k in keys]
        dates = sorted({d for k in keys for d in series.dates(k) if within(d)})
        rows = [(d.isoformat(), *(series.value(k, d) for k in keys)) for d in dates]
    elif kind == "daily":
        incs = {k: daily.daily(series, k) for k in keys}
        means = {k: daily.rolling_mean(incs[k], WINDOW) for k in keys}
        columns = [Column("loss_day", INDEX_LABELS[lang]["loss_day"])]
        for k in keys:
            columns += [
                Column(k, names[k], k, "daily"),
                Column(
                    f"{k}_mean{WINDOW}",
                    MEAN_LABEL[lang].format(names[k], WINDOW),
                    k,
                    f"mean{WINDOW}",
                ),
            ]
        days = sorted({d for k in keys for d in incs[k] if within(d)})
        rows = [
            (d.isoformat(), *(x for k in keys for x in (incs[k].get(d), _round(means[k], d))))
            for d in days
        ]
    else:
        columns = [Column("month", INDEX_LABELS[lang]["month"])]
        columns += [Column(k, names[k], k, "monthly") for k in keys]
        totals = {
            k: {
                t.label: t.total
                for t in daily.period_totals(series, k, "month", as_of=end)
                if start is None or t.end >= start
            }
            for k in keys
        }
        months = sorted({m for k in keys for m in totals[k]})
        rows = [(m, *(totals[k].get(m) for k in keys)) for m in months]
    return ExploreTable(kind, keys, tuple(columns), tuple(rows))


def _round(means: dict[dt.date, float], day: dt.date) -> float | None:
    value = means.get(day)
    return None if value is None else round(value, 1)
