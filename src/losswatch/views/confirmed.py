"""The claimed-vs-confirmed read model shared by the CLI, the API, the dashboard and the brief.

Loads what :mod:`losswatch.analytics.confirmed` needs from the store once (once per data
version for the API and the dashboard: :func:`confirmed_data`), and shapes its results as plain
dicts (JSON-ready), so every surface shows the same numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from losswatch import categories
from losswatch.analytics import confirmed as an
from losswatch.analytics.confirmed import CREDIT, ConfirmedData, estimator_series
from losswatch.errors import NotFound
from losswatch.series import Series
from losswatch.store.confirmed import oryx_rows, spotted_rows
from losswatch.views.snapshot import Snapshot

if TYPE_CHECKING:
    from losswatch.brief import Brief
    from losswatch.claims.model import CheckReport

__all__ = [
    "CREDIT",
    "ConfirmedData",
    "category_view",
    "check_text",
    "confirmed_data",
    "confirmed_key",
    "estimators_of",
    "load_confirmed",
    "move_sentence",
    "summary_rows",
    "summary_view",
    "with_confirmed",
]

#: The bytes a kept read model is counted as against the snapshot's budget, per row it holds.
_ROW_BYTES = 200


def load_confirmed(engine: Engine, series: Series | None = None) -> ConfirmedData:
    from losswatch.store.queries import load_series

    return ConfirmedData(
        series if series is not None else load_series(engine),
        an.OryxIndex(oryx_rows(engine)),
        spotted_rows(engine),
    )


def _kept(
    snapshot: Snapshot, key: str, build: Callable[[], Any], rows: Callable[[Any], int]
) -> Any:
    """``build()`` once per data version: kept on the snapshot beside its finished responses
    (and dropped with them), counted as ``rows(value)`` rows of :data:`_ROW_BYTES`."""
    name = ("views.confirmed", key)
    value = snapshot.kept(name)
    if value is None:
        value = build()
        snapshot.keep(name, value, _ROW_BYTES * max(rows(value), 1))
    return value


def confirmed_data(snapshot: Snapshot, engine: Engine) -> ConfirmedData:
    """The confirmed-loss rows beside the snapshot's series, read once per data version."""
    data: ConfirmedData = _kept(
        snapshot,
        "data",
        lambda: load_confirmed(engine, snapshot.series),
        lambda d: len(d.items) + sum(len(v) for v in d.index.by_series.values()),
    )
    return data


def summary_rows(snapshot: Snapshot, engine: Engine) -> list[dict[str, object]]:
    """The newest comparison of every category (the API and the dashboard share it)."""
    rows: list[dict[str, object]] = _kept(
        snapshot, "summary", lambda: summary_view(confirmed_data(snapshot, engine)), len
    )
    return rows


def estimators_of(snapshot: Snapshot, engine: Engine) -> dict[str, Series]:
    """Oryx's and WarSpotting's series for the claim checker, built once per data version."""
    series: dict[str, Series] = _kept(
        snapshot,
        "estimators",
        lambda: estimator_series(confirmed_data(snapshot, engine)),
        lambda s: sum(len(x.dates()) * len(categories.KEYS) for x in s.values()),
    )
    return series


def check_text(
    text: str,
    snapshot: Snapshot,
    engine: Engine,
    *,
    article_date: dt.date | None = None,
    lang: str | None = None,
) -> CheckReport:
    """Check an article as the API and the dashboard's Check page both do: against the
    canonical series, and a figure attributed to Oryx or WarSpotting against that source's."""
    from losswatch.claims import check_article
    from losswatch.claims.confirmed import other_series_for

    others = other_series_for(text, lambda: estimators_of(snapshot, engine))
    return check_article(
        text, snapshot.series, article_date=article_date, lang=lang, other_series=others
    )


def confirmed_key(category: str) -> str:
    """The category key, if Oryx has a counterpart for it; coded 404s otherwise."""
    key = categories.get(category).key
    if key not in categories.confirmed_keys("oryx"):
        raise NotFound(f"{key!r} has no Oryx counterpart")
    return key


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
