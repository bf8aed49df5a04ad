"""Check every loss figure of a news article against the canonical series.

``check_article(text, series)`` extracts the figures (:mod:`.extract`), fixes the report date
the article quotes - its own date when given, else inferred from the figures (:mod:`.infer`) -
and gives each figure a verdict (:mod:`.verdicts`). Nothing here raises for bad data: a figure
we cannot place is ``not_checkable`` with the reason, and the report says how its date was found.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from losswatch.claims import attribution
from losswatch.claims.extract import extract_with_sentences
from losswatch.claims.figures import Figures, figures_for
from losswatch.claims.infer import infer_report_date, quoted_report
from losswatch.claims.model import CheckReport, Claim
from losswatch.claims.verdicts import Context, check_claim
from losswatch.errors import ArticleTooLong
from losswatch.models import MAX_ARTICLE_CHARS
from losswatch.series import Series


def ensure_checkable_size(text: str) -> None:
    """Refuse an article over :data:`MAX_ARTICLE_CHARS` with a coded error (the CLI, the API
    and a fetched page alike), so no input can hold a check for minutes."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise ArticleTooLong(
            f"the article has {len(text):,} characters; at most {MAX_ARTICLE_CHARS:,} "
            "are checked (split it into parts)"
        )


def check_article(
    text: str,
    series: Series,
    *,
    article_date: dt.date | None = None,
    lang: str | None = None,
    other_series: Mapping[str, Series] | None = None,
) -> CheckReport:
    """Verdicts for every loss figure in ``text``.

    ``article_date`` is the article's publication date; when None the report date is inferred
    from the running totals that match exactly one report (``date_inferred=True`` and the
    evidence in ``date_evidence``). ``lang`` is a language code of ``claims/lang`` (detected
    when None). ``other_series`` holds other estimators' own series ("oryx", "warspotting"):
    a figure attributed to one of them is checked against it (see
    :func:`losswatch.claims.attribution.series_for`), else it is not checkable. Raises
    :class:`~losswatch.errors.ArticleTooLong` over the size cap.
    """
    ensure_checkable_size(text)
    claims, spans, code = extract_with_sentences(text, lang)
    figures = figures_for(series)
    evidence: tuple[str, ...] = ()
    inferred = settled = False
    if article_date is not None:
        quoted = quoted_report(claims, figures, article_date)
        report_date: dt.date | None = quoted.report_date
        evidence = quoted.evidence
        why = evidence[0] if evidence else f"the article's date, {article_date}"
        settled = quoted.settled
    else:
        found = infer_report_date(claims, figures)
        report_date, evidence, inferred = found.report_date, found.evidence, True
        if report_date is None:
            inferred = False
        why = "inferred from the figures: " + evidence[0] if evidence else "no date"
    ctx = Context(
        figures,
        report_date,
        article_date is not None and not settled,
        series.report_urls,
        why,
        dated=article_date is not None,
        others=_others(claims, other_series or {}),
    )
    verdicts = tuple(check_claim(c, ctx) for c in claims)
    return CheckReport(
        verdicts=verdicts,
        language=code,
        article_date=article_date,
        report_date=report_date,
        date_inferred=inferred,
        date_evidence=evidence,
        sentences=tuple(spans),
        text=text,
    )


def _others(claims: list[Claim], available: Mapping[str, Series]) -> dict[str, Figures]:
    """The figures of each other estimator the article names and the caller has a series of."""
    out: dict[str, Figures] = {}
    for who in {c.attributed_to for c in claims if c.attributed_to}:
        own = attribution.series_for(who, available)
        if own is not None:
            out[who] = figures_for(own)
    return out
