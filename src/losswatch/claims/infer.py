"""Which report an undated article quotes, inferred from its figures.

The General Staff's running totals change almost every day, so a total such as "68,900 troops"
usually matches one report date only. We count, for every report date, how many of the
article's running totals it matches exactly, and take the date that matches most; ties are
broken by the article's daily figures and by the weekday it names. Articles with only daily
figures are placed by the pattern of their increases, and articles with only round "more than
X" figures by the first report that passed X (the milestone they were written about).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from losswatch.claims.dates import ONE_DAY, resolve_day
from losswatch.claims.figures import Figures
from losswatch.claims.model import Claim, Qualifier, Scope
from losswatch.claims.verdicts import compare


@dataclass(frozen=True)
class Inference:
    """The inferred report date (None when the figures do not decide) and why."""

    report_date: dt.date | None
    evidence: tuple[str, ...]
    #: the figures as a group fix the report: a lone figure matching another one is stale
    settled: bool = False


def _label(c: Claim) -> str:
    return f"{c.value:,} {c.category or c.term}"


#: An unqualified small figure with no scope words ("12 units of special equipment") is more
#: likely a day's count than a running total, so it does not vote on the article's date.
MIN_UNSCOPED_TOTAL = 100


def _running_totals(claims: list[Claim]) -> list[Claim]:
    return [
        c
        for c in claims
        if c.scope is Scope.CUMULATIVE
        and (c.scope_explicit or c.value >= MIN_UNSCOPED_TOTAL)
        and (c.day is None or c.day.kind != "date")
        and c.readings
        and c.value_high is None
        and c.via != "record"
    ]


def infer_report_date(claims: list[Claim], figures: Figures) -> Inference:
    """The report date an undated article quotes (see the module docstring). Figures the
    text gives to another estimator (Oryx, the president...) do not vote."""
    claims = [c for c in claims if _checkable(c)]
    totals = _running_totals(claims)
    matches: dict[int, set[dt.date]] = {}
    score: Counter[dt.date] = Counter()
    for i, c in enumerate(totals):
        dates = {d for r in c.readings for d in figures.dates_with_total(r, c.value)}
        matches[i] = dates
        score.update(dates)
    if score:
        return _from_totals(totals, matches, score, claims, figures)
    daily = _from_increases(claims, figures)
    if daily.report_date is not None:
        return daily
    named = _named_date(claims, figures)
    if named.report_date is not None:
        return named
    return _milestone(totals, figures)


def _named_date(claims: list[Claim], figures: Figures) -> Inference:
    """ "As of 27 February 2024, the losses are about 412,400": no figure matches a report
    exactly, but the text names the report's day (with its year) beside a running total."""
    for c in claims:
        day = c.day
        if (
            c.scope is Scope.CUMULATIVE
            and day is not None
            and day.kind == "date"
            and day.year is not None
            and day.role != "start"
        ):
            found = resolve_day(day, None)
            if found and figures.first is not None and figures.first <= found[0]:
                return Inference(
                    found[0], (f"the text names the date {day.text!r} beside {_label(c)}",)
                )
    return Inference(None, ())


def _from_totals(
    totals: list[Claim],
    matches: dict[int, set[dt.date]],
    score: Counter[dt.date],
    claims: list[Claim],
    figures: Figures,
) -> Inference:
    best = max(score.values())
    candidates = sorted(d for d, n in score.items() if n == best)
    notes: list[str] = []
    if len(candidates) > 1:
        candidates = _tie_break(candidates, claims, figures)
    if len(candidates) > 1:
        span = (candidates[-1] - candidates[0]).days
        if best >= 2 and span <= 3:
            notes.append(
                f"the figures are the same in the reports of {candidates[0]} to "
                f"{candidates[-1]}; taking the latest"
            )
            candidates = candidates[-1:]
        else:
            return Inference(
                None,
                (
                    f"{best} of {len(totals)} running totals match "
                    f"{len(candidates)} different report dates",
                ),
            )
    report = candidates[0]
    evidence = [f"{best} of {len(totals)} running totals match the report of {report}"]
    for i, c in enumerate(totals):
        if report in matches[i]:
            only = " (only that report)" if len(matches[i]) == 1 else ""
            evidence.append(f"{_label(c)} = report of {report}{only}")
    return Inference(report, tuple(evidence + notes))


def _tie_break(candidates: list[dt.date], claims: list[Claim], figures: Figures) -> list[dt.date]:
    daily = [c for c in claims if c.scope is Scope.DAILY and c.day is None and c.readings]
    if daily:
        points = {
            d: sum(1 for c in daily for r in c.readings[:1] if figures.increase(r, d) == c.value)
            for d in candidates
        }
        top = max(points.values())
        candidates = [d for d in candidates if points[d] == top]
    weekdays = {
        c.day.weekday
        for c in claims
        if c.day is not None and c.day.kind == "weekday" and c.day.role == "report"
    }
    if len(candidates) > 1 and weekdays:
        named = [d for d in candidates if d.weekday() in weekdays]
        candidates = named or candidates
    return candidates


def _from_increases(claims: list[Claim], figures: Figures) -> Inference:
    """Place an article with only daily figures by the report whose increases they all are."""
    daily = [
        c
        for c in claims
        if c.readings
        and c.value_high is None
        and c.via != "record"
        and (c.scope is Scope.DAILY or not c.scope_explicit)
        and (c.day is None or c.day.kind == "date")
    ]
    exact = [c for c in daily if c.qualifier is None]
    if len(exact) < 2 or figures.first is None or figures.last is None:
        return Inference(None, ())
    years = range(figures.first.year, figures.last.year + 1)
    allowed: dict[int, set[dt.date]] = {}
    for i, c in enumerate(exact):
        if c.day is not None and c.day.kind == "date":
            named = resolve_day(c.day, None, years)
            allowed[i] = {d for day in named for d in (day, day + ONE_DAY)}
    score: Counter[dt.date] = Counter()
    for i, c in enumerate(exact):
        dates = {d for r in c.readings[:1] for d in figures.dates_with_increase(r, c.value)}
        if i in allowed:
            dates &= allowed[i]
        score.update(dates)
    if allowed:
        common = set.intersection(*allowed.values())
        score = Counter({d: n for d, n in score.items() if d in common})
    if not score:
        return Inference(None, ())
    best = max(score.values())
    top = [d for d, n in score.items() if n == best]
    if len(top) > 1:
        loose = [c for c in daily if c.qualifier is not None]
        top = [
            d for d in top if all(_hedge_fits(c, figures.increase(c.readings[0], d)) for c in loose)
        ] or top
    if best < 2 or len(top) != 1:
        return Inference(None, ())
    return Inference(
        top[0],
        (
            f"{best} of {len(exact)} daily figures are the increases printed "
            f"in the report of {top[0]} (and no other report)",
        ),
    )


def _hedge_fits(c: Claim, official: int | None) -> bool:
    return official is not None and compare(c, official).value != "contradicted"


def _milestone(totals: list[Claim], figures: Figures) -> Inference:
    """ "More than one million troops" in an undated article: the report that first passed it."""
    found: list[tuple[dt.date, Claim]] = []
    for c in totals:
        if c.qualifier in (Qualifier.LOWER_BOUND, None) and c.value % 1000 == 0 and c.readings:
            day = figures.first_reaching(c.readings[0], c.value)
            if day is not None:
                found.append((day, c))
    if not found:
        return Inference(None, ("no running total matches any report, and no milestone",))
    day, c = max(found, key=lambda item: item[0])
    return Inference(
        day,
        (
            f"no figure matches a report exactly; {_label(c)} was first "
            f"reached in the report of {day} (milestone reading)",
        ),
    )


#: How many days before its date a dated article may quote a report ("according to the
#: previous day's report", a round-up printed two days later, Friday's figures on Monday).
STALE_WINDOW = 3


def _checkable(c: Claim) -> bool:
    return c.attributed_to in (None, "general_staff") and bool(c.readings)


def quoted_report(claims: list[Claim], figures: Figures, article_date: dt.date) -> Inference:
    """The report a dated article quotes: its own date's, or - when its figures as a group
    (at least two, and more than the article date's report) match one report of the
    :data:`STALE_WINDOW` days before - that earlier report. A lone stale figure among
    current ones does not move the date: it stays contradicted (stale)."""
    totals = [c for c in _running_totals(claims) if _checkable(c) and c.day is None]
    daily = [
        c
        for c in claims
        if c.scope is Scope.DAILY and c.day is None and c.value_high is None and _checkable(c)
    ]
    score: Counter[dt.date] = Counter()
    for back in range(STALE_WINDOW + 1):
        day = article_date - dt.timedelta(days=back)
        score[day] = sum(
            1 for c in totals if any(figures.total(r, day) == c.value for r in c.readings[:2])
        ) + sum(
            1 for c in daily if any(figures.increase(r, day) == c.value for r in c.readings[:1])
        )
    best = max(score.values())
    own = max(score[article_date], score[article_date - ONE_DAY])
    if best < 2 or best <= own:
        if score[article_date] >= 2 and score[article_date] > score[article_date - ONE_DAY]:
            return Inference(article_date, (), settled=True)
        return Inference(article_date, ())
    day = max(d for d, n in score.items() if n == best)
    return Inference(
        day,
        settled=True,
        evidence=(
            f"{best} of the article's {len(totals) + len(daily)} figures match the report of "
            f"{day}, {own} that of its date {article_date} or the day before: it quotes {day}",
        ),
    )
