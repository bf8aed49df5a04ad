"""The claimed-vs-confirmed read model shared by the CLI, the API, the dashboard and the brief.

Loads what :mod:`losswatch.analytics.confirmed` needs from the store once, and shapes its
results as plain dicts (JSON-ready), so every surface shows the same numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from losswatch import categories
from losswatch.analytics import confirmed as an
from losswatch.series import Series
from losswatch.store.confirmed import SpottedRow, oryx_rows, spotted_rows

if TYPE_CHECKING:
    from losswatch.brief import Brief

CREDIT = (
    "Confirmed losses: Oryx (oryxspioenkop.com), its history via scarnecchia/oryx_data "
    "(CC-BY-4.0; daily totals derived by losswatch); WarSpotting (ukr.warspotting.net) via "
    "lazar-bit/automated-warspotting-scraper (MIT)."
)


@dataclass
class ConfirmedData:
    """The canonical series, Oryx's rows and WarSpotting's current records, in memory."""

    series: Series
    index: an.OryxIndex
    items: list[SpottedRow]

    @property
    def has_oryx(self) -> bool:
        return bool(self.index.by_series)


def load_confirmed(engine: Engine, series: Series | None = None) -> ConfirmedData:
    from losswatch.store.queries import load_series

    return ConfirmedData(
        series if series is not None else load_series(engine),
        an.OryxIndex(oryx_rows(engine)),
        spotted_rows(engine),
    )


def _move(move: an.RatioMove | None) -> dict[str, object] | None:
    if move is None:
        return None
    return {
        "date": move.date,
        "ratio": move.ratio,
        "since": move.since,
        "ratio_before": move.ratio_before,
        "relative": round(move.relative, 3),
    }


def summary_view(data: ConfirmedData) -> list[dict[str, object]]:
    """Per General Staff category with an Oryx counterpart: the newest comparison."""
    out: list[dict[str, object]] = []
    for key in categories.confirmed_keys("oryx"):
        points = an.confirmed_series(data.series, data.index, key)
        if not points:
            continue
        last = points[-1]
        out.append(
            {
                "category": key,
                "label": categories.get(key).label_en,
                "date": last.date,
                "claimed": last.claimed,
                "confirmed": last.confirmed,
                "ratio": last.ratio,
                "dates": len(points),
                "move": _move(an.notable_move(points)),
            }
        )
    return out


def category_view(
    data: ConfirmedData,
    key: str,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    weekly: bool = True,
) -> dict[str, object]:
    """One category: every Oryx date side by side, WarSpotting's counts, the lag."""
    cat = categories.get(key)
    points = an.confirmed_series(data.series, data.index, key, start=start, end=end)
    lag = an.lag(data.series, data.items, key)
    periods = an.spotted_periods(data.series, data.items, key, weekly=weekly, start=start, end=end)
    return {
        "category": key,
        "label": cat.label_en,
        "label_uk": cat.label_uk,
        "oryx_categories": list(categories.confirmed_series_for("oryx", key)),
        "warspotting_types": list(categories.confirmed_series_for("warspotting", key)),
        "points": [p.as_dict() for p in points],
        "move": _move(an.notable_move(points)),
        "warspotting": {
            "period": "week" if weekly else "day",
            "periods": [
                {"start": p.start, "spotted": p.spotted, "claimed_increase": p.claimed_increase}
                for p in periods
            ],
            "lag_days": lag.days,
            "lag_correlation": lag.correlation,
            "publication_lag_days": lag.publication_days,
            "live_sightings": lag.sightings,
        },
        "credit": CREDIT,
    }


def move_sentence(key: str, move: dict[str, object], lang: str = "en") -> str:
    """One sentence on a ratio that moved notably (the brief and the dashboard use it)."""
    ratio, before = float(str(move["ratio"])), float(str(move["ratio_before"]))
    since = move["since"]
    if lang == "uk":
        label = categories.get(key).label_uk
        verb = "зросло" if ratio > before else "знизилося"
        return (
            f"Співвідношення заявлених Генштабом і підтверджених Oryx втрат ({label}) {verb} "
            f"з {before:.2f} до {ratio:.2f} від {since}."
        )
    label = categories.get(key).label_en
    verb = "rose" if ratio > before else "fell"
    return (
        f"The ratio of the General Staff's claimed to Oryx's confirmed {label} {verb} "
        f"from {before:.2f} to {ratio:.2f} since {since}."
    )


FRESH = dt.timedelta(days=7)  # an Oryx figure older than this says nothing about the day


def confirmed_sentence(data: ConfirmedData, report_date: dt.date, lang: str = "en") -> str | None:
    """The brief's sentence on the ratio that moved most (a tenth or more in 30 days), when an
    Oryx figure of the week before ``report_date`` shows it; None otherwise."""
    moves = []
    for key in categories.confirmed_keys("oryx"):
        points = an.confirmed_series(data.series, data.index, key, end=report_date)
        move = an.notable_move(points, on=report_date)
        if move is not None and move.date >= report_date - FRESH:
            moves.append(move)
    if not moves:
        return None
    top = max(moves, key=lambda m: abs(m.relative))
    return move_sentence(top.category, _move(top) or {}, lang)


def with_confirmed(brief: Brief, data: ConfirmedData) -> Brief:
    """``brief`` with the claimed-vs-confirmed sentence as a last paragraph, when there is one."""
    sentence = confirmed_sentence(data, brief.report_date, brief.lang)
    if sentence is None:
        return brief
    return replace(
        brief,
        paragraphs=(*brief.paragraphs, (sentence,)),
        facts=brief.facts | {"confirmed_move": sentence},
    )


def estimator_series(data: ConfirmedData) -> dict[str, Series]:
    """Oryx's and WarSpotting's own running totals as series of the General Staff's categories,
    one value a day (each carried forward from its last change), for the claim checker's
    ``check_article(other_series=...)``: a figure attributed to Oryx is checked against these."""
    from losswatch.models import CanonicalValue, Status

    values: list[CanonicalValue] = []
    for source in ("oryx", "warspotting"):
        for key in categories.confirmed_keys(source):
            values += [
                CanonicalValue(day, key, value, Status.SINGLE_SOURCE, source, supporting=(source,))
                for day, value in _daily(data, source, key)
            ]
    by_source: dict[str, list[CanonicalValue]] = {"oryx": [], "warspotting": []}
    for cv in values:
        by_source[cv.rule].append(cv)
    return {name: Series.from_values(vals) for name, vals in by_source.items()}


def _daily(data: ConfirmedData, source: str, key: str) -> list[tuple[dt.date, int]]:
    if source == "oryx":
        points = an.confirmed_series(data.series, data.index, key)
        known = {p.date: p.confirmed for p in points}
    else:
        counts = an.spotted_daily(data.items, key)
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
