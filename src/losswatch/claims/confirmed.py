"""Figures attributed to Oryx or WarSpotting ("according to Oryx, 4,300 tanks", "Oryx has
confirmed 3,000 Russian tanks"), checked against that source's series, naming the source.

The claim checker (:mod:`losswatch.claims`) reads the figures; this module only decides which
sentences attribute them to a confirmed-loss source and looks the value up in that series
(:func:`losswatch.analytics.confirmed.confirmed_value` for Oryx, the count of WarSpotting's
records for WarSpotting). It is the series lookup an ``attributed_to`` hook of the claim checker
calls for these two estimators (see :func:`estimator_value`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from losswatch import categories
from losswatch.analytics import confirmed as an
from losswatch.analytics.confirmed import ConfirmedData
from losswatch.claims.model import Claim, Outcome, Verdict
from losswatch.claims.verdicts import compare
from losswatch.series import Series

SOURCES = {"oryx": "Oryx", "warspotting": "WarSpotting"}
_ATTRIBUTION = re.compile(r"\b(?P<oryx>oryx)\b|\b(?P<warspotting>war\s?spotting)\b", re.I)


def attributed_source(sentence: str) -> str | None:
    """``oryx`` or ``warspotting`` when the sentence names one of them, else None."""
    match = _ATTRIBUTION.search(sentence)
    return match.lastgroup if match else None


def estimator_value(
    data: ConfirmedData, source: str, key: str, day: dt.date
) -> tuple[dt.date, int] | None:
    """``source``'s figure for the General Staff category ``key`` on or before ``day``: (the
    date it is of, the value), or None when the source has none for that category then."""
    if source == "oryx":
        found = an.confirmed_value(data.index, key, day)
        return (found[0], found[1]) if found else None
    if source == "warspotting":
        if key not in categories.confirmed_keys("warspotting"):
            return None
        days = an.spotted_daily(data.items, key)
        dated = [d for d in days if d <= day]
        return (max(dated), sum(days[d] for d in dated)) if dated else None
    return None


def check_attributed(
    text: str, data: ConfirmedData, *, on: dt.date | None = None, lang: str | None = None
) -> list[Verdict]:
    """A verdict for every figure of ``text`` in a sentence that names Oryx or WarSpotting,
    against that source's figure on ``on`` (default: its newest)."""
    from losswatch.claims.extract import extract_with_sentences

    claims, spans, _ = extract_with_sentences(text, lang)
    verdicts: list[Verdict] = []
    for claim in claims:
        start, end = spans[claim.sentence_index]
        source = attributed_source(text[start:end])
        if source is not None:
            verdicts.append(_verdict(claim, source, data, on or dt.date.max))
    return verdicts


def _verdict(claim: Claim, source: str, data: ConfirmedData, day: dt.date) -> Verdict:
    name = SOURCES[source]
    key = claim.category
    found = estimator_value(data, source, key, day) if key in categories.KEYS else None
    if key is None or found is None:
        return Verdict(
            claim,
            Outcome.NOT_CHECKABLE,
            f"{name} has no figure for {key or 'this category'} to check against",
            category=key,
        )
    as_of, value = found
    outcome = compare(claim, value)
    label = categories.get(key).label_en
    explanation = f"{name}'s confirmed count of {label} was {value:,} on {as_of.isoformat()}"
    true_on = None
    if outcome is Outcome.CONTRADICTED and source == "oryx":
        true_on = _true_on(data, key, claim.value, as_of)
        if true_on is not None:
            explanation += f"; {name} showed {claim.value:,} on {true_on.isoformat()}"
    return Verdict(
        claim,
        outcome,
        explanation,
        category=key,
        report_date=as_of,
        official_value=value,
        correct_value=value if outcome is Outcome.CONTRADICTED else None,
        true_on=true_on,
        reading=f"attributed:{source}",
    )


def _true_on(data: ConfirmedData, key: str, value: int, until: dt.date) -> dt.date | None:
    """The newest Oryx date up to ``until`` on which the category's total was ``value``."""
    points = an.confirmed_series(data.series, data.index, key, end=until)
    return next((p.date for p in reversed(points) if p.confirmed == value), None)


def other_series_for(text: str, load: Callable[[], dict[str, Series]]) -> dict[str, Series] | None:
    """The estimators' series for ``check_article(other_series=...)``: ``load()`` (for example
    :func:`losswatch.analytics.confirmed.estimator_series` of the stored rows), called only when
    ``text`` names Oryx or WarSpotting (reading them costs a second; most articles never do)."""
    if attributed_source(text) is None:
        return None
    return load()
