"""Claimed vs confirmed: the General Staff's running totals beside Oryx's and WarSpotting's.

Pure functions over the canonical series and the confirmed-loss rows the store hands over
(:func:`losswatch.store.confirmed.oryx_rows`, :func:`~losswatch.store.confirmed.spotted_rows`).
A General Staff category is compared with the sum of the Oryx categories the mapping table
(:func:`losswatch.categories.confirmed_series_for`) files under it. Oryx's rows exist only on the
days a header changed, so each Oryx category is carried forward to the dates of the others.
"""

from __future__ import annotations

import bisect
import datetime as dt
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

from losswatch import categories
from losswatch.models import CanonicalValue, Status
from losswatch.series import Series
from losswatch.store.confirmed import STATUSES, OryxRow, SpottedRow

NOTABLE_MOVE = 0.10  # a ratio that moved by a tenth or more over MOVE_WINDOW is news
MOVE_WINDOW = dt.timedelta(days=30)
MAX_LAG = 14
CREDIT = (
    "Confirmed losses: Oryx (oryxspioenkop.com), its history via scarnecchia/oryx_data "
    "(CC-BY-4.0; daily totals derived by losswatch); WarSpotting (ukr.warspotting.net) via "
    "lazar-bit/automated-warspotting-scraper (MIT)."
)


@dataclass(frozen=True)
class ConfirmedPoint:
    """One date with an Oryx figure for a General Staff category."""

    date: dt.date
    category: str
    claimed: int | None  # the General Staff's running total on that report date (or before)
    claimed_date: dt.date | None
    confirmed: int
    destroyed: int
    damaged: int
    abandoned: int
    captured: int
    ratio: float | None  # claimed / confirmed
    ratio_change: float | None  # since the previous Oryx date

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class OryxIndex:
    """Oryx's rows by category series, for "the value on or before a date" lookups."""

    def __init__(self, rows: Iterable[OryxRow]) -> None:
        self.by_series: dict[str, list[OryxRow]] = {}
        for row in sorted(rows, key=lambda r: r.as_of):
            self.by_series.setdefault(row.equipment, []).append(row)
        self._days = {k: [r.as_of for r in v] for k, v in self.by_series.items()}

    def on_or_before(self, series: str, day: dt.date) -> OryxRow | None:
        days = self._days.get(series, [])
        i = bisect.bisect_right(days, day)
        return self.by_series[series][i - 1] if i else None

    def dates(self, names: Sequence[str]) -> list[dt.date]:
        return sorted({d for n in names for d in self._days.get(n, [])})


def confirmed_value(
    index: OryxIndex, key: str, day: dt.date
) -> tuple[dt.date, int, dict[str, int]] | None:
    """Oryx's confirmed total of the General Staff category ``key`` on or before ``day``: (the
    newest Oryx date used, the total, the total by status). None before Oryx has any figure.

    This is the lookup a claim attributed to Oryx is checked against.
    """
    names = categories.confirmed_series_for("oryx", key)
    found = [r for r in (index.on_or_before(n, day) for n in names) if r is not None]
    if not found:
        return None
    by_status = {k: sum(getattr(r, k) for r in found) for k in STATUSES}
    return max(r.as_of for r in found), sum(r.total for r in found), by_status


def confirmed_series(
    series: Series,
    index: OryxIndex,
    key: str,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[ConfirmedPoint]:
    """Per date with an Oryx figure for ``key``: the claim, the confirmation, their ratio."""
    names = categories.confirmed_series_for("oryx", key)
    points: list[ConfirmedPoint] = []
    previous: float | None = None
    for day in index.dates(names):
        if (start and day < start) or (end and day > end):
            continue
        value = confirmed_value(index, key, day)
        assert value is not None  # day is one of these series' own dates
        _, total, by_status = value
        claim = series.value_on_or_before(key, day)
        ratio = round(claim[1] / total, 3) if claim and total else None
        change = round(ratio - previous, 3) if ratio is not None and previous is not None else None
        previous = ratio if ratio is not None else previous
        points.append(
            ConfirmedPoint(
                date=day,
                category=key,
                claimed=claim[1] if claim else None,
                claimed_date=claim[0] if claim else None,
                confirmed=total,
                ratio=ratio,
                ratio_change=change,
                **by_status,
            )
        )
    return points


@dataclass(frozen=True)
class RatioMove:
    category: str
    date: dt.date
    ratio: float
    since: dt.date
    ratio_before: float

    @property
    def relative(self) -> float:
        return (self.ratio - self.ratio_before) / self.ratio_before


def notable_move(
    points: Sequence[ConfirmedPoint], *, on: dt.date | None = None
) -> RatioMove | None:
    """The ratio's move over the last MOVE_WINDOW up to ``on`` (default: the newest Oryx date),
    when it is NOTABLE_MOVE or more; else None."""
    usable = [p for p in points if p.ratio is not None and (on is None or p.date <= on)]
    if len(usable) < 2:
        return None
    last = usable[-1]
    earlier = [p for p in usable if p.date <= last.date - MOVE_WINDOW]
    if not earlier:
        return None
    base = earlier[-1]
    assert last.ratio is not None and base.ratio is not None
    move = RatioMove(last.category, last.date, last.ratio, base.date, base.ratio)
    return move if abs(move.relative) >= NOTABLE_MOVE else None


# --- WarSpotting -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SpottedPeriod:
    """WarSpotting's records dated in one day or week beside the General Staff's increase."""

    start: dt.date  # the loss day, or the Monday of the week
    category: str
    spotted: int
    claimed_increase: int | None


def _week(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def spotted_types(key: str) -> tuple[str, ...]:
    return categories.confirmed_series_for("warspotting", key)


def spotted_daily(items: Iterable[SpottedRow], key: str) -> Counter[dt.date]:
    """WarSpotting records of ``key`` per loss date (every type the mapping files under it)."""
    return Counter(i.loss_date for i in _of(items, key))


def _of(items: Iterable[SpottedRow], key: str) -> list[SpottedRow]:
    """The records whose WarSpotting type the mapping table files under ``key``."""
    labels = [lb for lb in categories.confirmed_labels() if lb.source == "warspotting"]
    wanted = {lb.name for lb in labels if lb.category == key}
    return [i for i in items if i.type in wanted]


def spotted_periods(
    series: Series,
    items: Iterable[SpottedRow],
    key: str,
    *,
    weekly: bool = False,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[SpottedPeriod]:
    """Per loss day (or week): WarSpotting's count beside the General Staff's daily increases
    (the report of D covers loss day D-1, see :meth:`Series.daily_by_loss_day`)."""
    spotted = spotted_daily(items, key)
    claimed = series.daily_by_loss_day(key)
    days = sorted(set(spotted) | set(claimed))
    days = [d for d in days if (not start or d >= start) and (not end or d <= end)]
    if not weekly:
        return [SpottedPeriod(d, key, spotted.get(d, 0), claimed.get(d)) for d in days]
    weeks: dict[dt.date, list[int | None]] = {}
    for d in days:
        cell = weeks.setdefault(_week(d), [0, None])
        cell[0] = (cell[0] or 0) + spotted.get(d, 0)
        if d in claimed:
            cell[1] = (cell[1] or 0) + claimed[d]
    return [SpottedPeriod(w, key, int(v[0] or 0), v[1]) for w, v in sorted(weeks.items())]


@dataclass(frozen=True)
class Lag:
    """How WarSpotting's dated records line up with the General Staff's daily claims."""

    category: str
    days: int | None  # the shift (records dated ``days`` after the claim) that fits best
    correlation: float | None
    publication_days: float | None  # median days from loss date to first sighting (live only)
    sightings: int


def lag(series: Series, items: Sequence[SpottedRow], key: str) -> Lag:
    """The lag between claimed losses and their confirmation, where the data shows it.

    Two measures: the shift of 0..MAX_LAG days at which the weekly-smoothed daily counts of the
    two correlate best (shown only when the correlation is 0.3 or more), and, for records first
    seen by a live sync, the median days from loss date to publication.
    """
    spotted = spotted_daily(items, key)
    claimed = series.daily_by_loss_day(key)
    common: list[dt.date] = []
    if spotted and claimed:
        low = max(min(spotted), min(claimed))
        high = min(max(spotted), max(claimed)) - dt.timedelta(days=MAX_LAG)
        common = [d for d in claimed if low <= d <= high]
    best: tuple[int, float] | None = None
    if len(common) > 60:
        xs = _smooth([claimed[d] for d in common])
        for shift in range(MAX_LAG + 1):
            ys = _smooth([spotted.get(d + dt.timedelta(days=shift), 0) for d in common])
            r = _pearson(xs, ys)
            if r is not None and (best is None or r > best[1]):
                best = (shift, r)
    if best is not None and best[1] < 0.3:
        best = None
    live = [(i.first_seen_at.date() - i.loss_date).days for i in _of(items, key) if i.live]
    return Lag(
        category=key,
        days=best[0] if best else None,
        correlation=round(best[1], 3) if best else None,
        publication_days=float(statistics.median(live)) if live else None,
        sightings=len(live),
    )


def _smooth(values: list[int]) -> list[float]:
    """A trailing 7-day mean: the daily counts of both are too noisy to line up day by day."""
    out: list[float] = []
    running = 0
    for i, v in enumerate(values):
        running += v
        if i >= 7:
            running -= values[i - 7]
        out.append(running / min(i + 1, 7))
    return out


def _pearson(xs: list[float], ys: list[float]) -> float | None:
    try:
        return statistics.correlation(xs, ys)
    except statistics.StatisticsError:
        return None


@dataclass
class ConfirmedData:
    """The canonical series, Oryx's rows and WarSpotting's current records, in memory (read by
    :func:`losswatch.views.confirmed.load_confirmed`)."""

    series: Series
    index: OryxIndex
    items: list[SpottedRow]

    @property
    def has_oryx(self) -> bool:
        return bool(self.index.by_series)


def estimator_series(data: ConfirmedData) -> dict[str, Series]:
    """Oryx's and WarSpotting's own running totals as series of the General Staff's categories,
    one value a day (each carried forward from its last change), for the claim checker's
    ``check_article(other_series=...)``: a figure attributed to Oryx is checked against these."""
    out: dict[str, Series] = {}
    for source in ("oryx", "warspotting"):
        values = [
            CanonicalValue(day, key, value, Status.SINGLE_SOURCE, source, supporting=(source,))
            for key in categories.confirmed_keys(source)
            for day, value in _daily(data, source, key)
        ]
        out[source] = Series.from_values(values)
    return out


def _daily(data: ConfirmedData, source: str, key: str) -> list[tuple[dt.date, int]]:
    if source == "oryx":
        points = confirmed_series(data.series, data.index, key)
        known = {p.date: p.confirmed for p in points}
    else:
        counts = spotted_daily(data.items, key)
        running, known = 0, {}
        for day in sorted(counts):
            running += counts[day]
            known[day] = running
    if not known:
        return []
    out: list[tuple[dt.date, int]] = []
    # carried forward to the newest report too: "on or before" is what a dated claim asks
    day, last, value = min(known), max(max(known), data.series.latest_date or min(known)), 0
    while day <= last:
        value = known.get(day, value)
        out.append((day, value))
        day += dt.timedelta(days=1)
    return out
