"""One claim against the official figures: every plausible reading, then the best verdict.

A figure in the news can be read more than one way: "480 on Tuesday" is the increase printed on
Wednesday (loss-day reading) or on Tuesday (report-date reading); an article dated the 17th may
quote the report of the 17th or of the 16th; "a total of 1,030" may really be the day's count.
We try each reading in a fixed order, keep the first that supports the claim, and otherwise
report the first reading's official figure as the correction. The explanation names the
reading, so a reader can see why.

Thresholds (../shared/claims/README.md): "around X" within 2% or equal at X's precision;
"more than X" when the official figure is at least X; "nearly X" within 3% below X ("almost"
5%); a bare round figure when the official one rounds to it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace

from losswatch import categories
from losswatch.analytics.records import RECORDS_FROM
from losswatch.claims import attribution
from losswatch.claims.dates import ONE_DAY, period_bounds, resolve_day
from losswatch.claims.figures import Figures
from losswatch.claims.model import Claim, Outcome, Qualifier, Scope, Verdict
from losswatch.models import Status

#: Daily records are counted from the report of 2022-04-01 (loss day
#: :data:`~losswatch.analytics.records.RECORDS_FROM`): the first weeks' reports were running
#: estimates whose jumps (e.g. +2,800 personnel in the first report) are not comparable.
RECORD_START = RECORDS_FROM + ONE_DAY
APPROX_SHARE = 0.02
DAILY_SHARE = 0.05  # a "total" below 5% of the running total is read as the day's figure


def _trailing_zeros(v: int) -> int:
    n = 0
    while v and v % 10 == 0:
        v //= 10
        n += 1
    return n


def _rounds_to(official: int, claimed: int, min_zeros: int) -> bool:
    zeros = _trailing_zeros(claimed)
    if zeros < min_zeros:
        return False
    unit = 10**zeros
    return bool((official + unit // 2) // unit * unit == claimed)


def compare(claim: Claim, official: int) -> Outcome:
    """The verdict for ``claim`` if ``official`` is the right figure to compare with."""
    v, q = claim.value, claim.qualifier
    if claim.value_high is not None:
        if v <= official <= claim.value_high:
            return Outcome.APPROXIMATELY_SUPPORTED
        return Outcome.CONTRADICTED
    if official == v:
        return Outcome.SUPPORTED
    ok = False
    if q is Qualifier.APPROX:
        ok = abs(official - v) <= APPROX_SHARE * max(official, 1) or _rounds_to(official, v, 1)
    elif q is Qualifier.LOWER_BOUND:
        ok = official >= v
    elif q is Qualifier.UPPER_BOUND:
        ok = official <= v and (v - official) <= (claim.tolerance or 0.03) * v
    else:
        ok = v >= 100 and _rounds_to(official, v, 2)
    return Outcome.APPROXIMATELY_SUPPORTED if ok else Outcome.CONTRADICTED


@dataclass(slots=True)
class Reading:
    """One interpretation of a claim: which figure of which report it would be."""

    name: str
    category: str
    report_date: dt.date
    official: int | None
    scope: Scope
    note: str


@dataclass(frozen=True)
class Context:
    """What every claim of one article is checked with."""

    figures: Figures
    report_date: dt.date | None
    #: the article's own date was given and its figures do not settle the report it quotes
    #: (so the report before it is tried for each figure)
    previous_plausible: bool
    urls: dict[dt.date, str]
    #: how ``report_date`` was found (the article's date, inferred, a stale quote)
    date_why: str = ""
    #: the article's own date was given (no report after it is quoted)
    dated: bool = False
    #: other estimators' own figures (:func:`.attribution.series_for`), by estimator
    others: Mapping[str, Figures] = field(default_factory=dict)


def _days(claim: Claim, ctx: Context) -> list[dt.date]:
    if claim.day is None:
        return []
    years = None
    if ctx.figures.first is not None and ctx.figures.last is not None:
        years = range(ctx.figures.first.year, ctx.figures.last.year + 1)
    return resolve_day(claim.day, ctx.report_date, years)


def _dates(claim: Claim, ctx: Context, scope: Scope) -> list[tuple[dt.date, str]]:
    """Candidate report dates, best first, each with the reading's name."""
    named = _days(claim, ctx)
    if named:
        out: list[tuple[dt.date, str]] = []
        for day in named:
            if scope is Scope.CUMULATIVE:
                out += [(day, "named_report"), (day + ONE_DAY, "end_of_named_day")]
            elif claim.day is not None and claim.day.role == "report":
                out += [(day, "report_date"), (day + ONE_DAY, "loss_day")]
            else:
                out += [(day + ONE_DAY, "loss_day"), (day, "report_date")]
        return [(d, name) for d, name in out if not _after_article(d, ctx)]
    if claim.day is not None or ctx.report_date is None:
        return []
    out = [(ctx.report_date, "article_report")]
    if ctx.previous_plausible and _carried(claim, ctx.figures, ctx.report_date):
        # published before that morning's report: the day before's figures (not for a
        # category the article's own report no longer carries)
        out.append((ctx.report_date - ONE_DAY, "previous_report"))
    return out


def _after_article(day: dt.date, ctx: Context) -> bool:
    """A report published after the article (known only when the article's date is given)."""
    return ctx.dated and ctx.report_date is not None and day > ctx.report_date


def _carried(claim: Claim, f: Figures, day: dt.date) -> bool:
    return any(f.total(r, day) is not None for r in claim.readings if r != "untracked")


def readings(claim: Claim, ctx: Context) -> Iterator[Reading]:
    """Every reading of ``claim`` in the order they are tried (made as they are asked for:
    a period's day-by-day readings are only needed when its total does not fit)."""
    if claim.scope is Scope.PERIOD and claim.period is not None and ctx.report_date:
        yield from _period_readings(claim, ctx)
        return
    yield from _day_readings(claim, ctx)


def _period_readings(claim: Claim, ctx: Context) -> Iterator[Reading]:
    assert claim.period is not None and ctx.report_date is not None
    bounds = period_bounds(claim.period, ctx.report_date)
    if bounds is None:
        return
    f, (start, end) = ctx.figures, bounds
    cats = [r for r in claim.readings if r != "untracked"]
    for cat in cats:
        a, b = f.baseline(cat, start), f.total(cat, end)
        total = None if a is None or b is None else b - a
        yield Reading("period_total", cat, end, total, Scope.PERIOD, f"reports {start} to {end}")
    for cat in cats[:1]:
        day = start
        while day <= end:
            yield Reading(
                "total_during_period",
                cat,
                day,
                f.total(cat, day),
                Scope.CUMULATIVE,
                f"running total on {day}",
            )
            day += ONE_DAY


def _day_readings(claim: Claim, ctx: Context) -> list[Reading]:
    f = ctx.figures
    out: list[Reading] = []
    cats = [r for r in claim.readings if r != "untracked"]
    scope = Scope.DAILY if claim.scope is Scope.RECORD else claim.scope
    for day, name in _dates(claim, ctx, scope):
        for cat in cats:
            if scope is Scope.CUMULATIVE:
                out.append(
                    Reading(name, cat, day, f.total(cat, day), Scope.CUMULATIVE, "running total")
                )
            else:
                out.append(Reading(name, cat, day, f.increase(cat, day), scope, "daily increase"))
    if claim.scope is Scope.CUMULATIVE:
        for r in list(out):
            daily = f.increase(r.category, r.report_date)
            if r.official and claim.value < DAILY_SHARE * r.official and daily is not None:
                out.append(
                    Reading(
                        "as_daily",
                        r.category,
                        r.report_date,
                        daily,
                        Scope.DAILY,
                        "read as the day's increase",
                    )
                )
    return out


def _record(claim: Claim, r: Reading, ctx: Context) -> tuple[Outcome, str]:
    """A record claim holds when the figure is that day's increase and none since
    :data:`RECORD_START` (up to the article's report) was higher."""
    if r.official != claim.value:
        return Outcome.CONTRADICTED, "not that day's increase"
    end = max(r.report_date, (ctx.report_date or r.report_date) - ONE_DAY)
    top = ctx.figures.highest_increase(r.category, RECORD_START, end)
    if top is None or top[0] <= claim.value:
        return Outcome.SUPPORTED, f"highest daily increase in reports {RECORD_START} to {end}"
    return Outcome.CONTRADICTED, f"not a record: {top[0]:,} in the report of {top[1]}"


_ESTIMATOR_TEXT = {
    "oryx": "Oryx's photo-confirmed count",
    "warspotting": "WarSpotting's photo-confirmed count",
    "uk_defence_intelligence": "a British (UK Defence Intelligence) estimate",
    "russia_mod": "the Russian defence ministry's figure",
    "isw": "the Institute for the Study of War's figure",
    "media_count": "another organisation's count (media, foreign officials)",
    "president": "the president's own figure (his rounding, on another basis)",
}


def check_claim(claim: Claim, ctx: Context) -> Verdict:
    """The verdict on one claim: another estimator's figure is not checkable against the
    General Staff's series, and the president's only where it does not agree with it."""
    who = claim.attributed_to
    if who is not None and who in ctx.others:
        own = _check_claim(claim, replace(ctx, figures=ctx.others[who], urls={}, others={}))
        whose = _ESTIMATOR_TEXT.get(who, who)
        return replace(own, explanation=f"checked against {whose}: {own.explanation}")
    if who is not None and who != attribution.GENERAL_STAFF and who != "president":
        return _unchecked(
            claim, f"attributed to {_ESTIMATOR_TEXT.get(who, who)}, not the General Staff"
        )
    verdict = _check_claim(claim, ctx)
    if who == "president" and verdict.outcome is Outcome.CONTRADICTED:
        return _unchecked(
            claim,
            f"attributed to {_ESTIMATOR_TEXT[who]}; the General Staff's figure is "
            f"{verdict.official_value:,}",
            verdict.report_date,
            ctx,
        )
    return verdict


def _check_claim(claim: Claim, ctx: Context) -> Verdict:
    """The verdict on one claim (see the module docstring for the order of readings)."""
    if claim.category is None or not claim.readings or claim.readings[0] == "untracked":
        return _unchecked(claim, "the category is not one the General Staff reports")
    tried = readings(claim, ctx)
    first = next(tried, None)
    if first is None:
        why = (
            "no report date: the article has no date and its figures do not fix one"
            if ctx.report_date is None
            else "the day named could not be placed"
        )
        return _unchecked(claim, why)
    best: tuple[Outcome, Reading, str] | None = None
    first_known: tuple[Outcome, Reading, str] | None = None
    for r in itertools.chain([first], tried):
        if r.official is None:
            continue
        if claim.scope is Scope.RECORD:
            outcome, note = _record(claim, r, ctx)
        else:
            outcome, note = compare(claim, r.official), r.note
        if first_known is None:
            first_known = (outcome, r, note)
        if outcome is Outcome.SUPPORTED:
            best = (outcome, r, note)
            break
        if outcome is Outcome.APPROXIMATELY_SUPPORTED and best is None:
            best = (outcome, r, note)
    chosen = best or first_known
    if chosen is None:
        r = first
        label = (
            categories.BY_KEY[r.category].label_en
            if r.category in categories.BY_KEY
            else r.category
        )
        return _unchecked(
            claim, f"the report of {r.report_date} has no figure for {label}", r.report_date, ctx
        )
    outcome, r, note = chosen
    return _verdict(claim, outcome, r, note, ctx)


def _unchecked(
    claim: Claim, why: str, day: dt.date | None = None, ctx: Context | None = None
) -> Verdict:
    url = ctx.urls.get(day) if ctx is not None and day is not None else None
    return Verdict(
        claim,
        Outcome.NOT_CHECKABLE,
        why,
        category=claim.category,
        report_date=day,
        source_url=url,
        why_date=ctx.date_why if ctx is not None else None,
    )


def _stale(claim: Claim, r: Reading, ctx: Context) -> dt.date | None:
    """The report date on which the claimed figure was right, nearest to the one checked."""
    f = ctx.figures
    if r.scope is Scope.CUMULATIVE:
        dates = f.dates_with_total(r.category, claim.value)
    elif r.scope is Scope.DAILY:
        dates = [
            d
            for d in f.dates_with_increase(r.category, claim.value)
            if abs((d - r.report_date).days) <= 14
        ]
    else:
        return None
    dates = [d for d in dates if not _after_article(d, ctx)]
    return min(dates, key=lambda d: abs((d - r.report_date).days)) if dates else None


_READING_TEXT = {
    "article_report": "the report the article quotes",
    "previous_report": "the report of the day before the article",
    "loss_day": "losses of the day named, printed in the next morning's report",
    "report_date": "the report published on the day named",
    "named_report": "the report of the day named",
    "end_of_named_day": "the report after the day named",
    "as_daily": "the figure read as the day's increase",
    "period_total": "the period's losses by loss day",
    "total_during_period": "the running total reached during the period",
}


def _why_date(claim: Claim, r: Reading, ctx: Context) -> str:
    how = _READING_TEXT.get(r.name, r.name)
    if claim.day is not None and r.name in (
        "loss_day",
        "report_date",
        "named_report",
        "end_of_named_day",
    ):
        return f"{how}: {claim.day.text!r} -> report of {r.report_date}"
    if claim.period is not None and r.scope is Scope.PERIOD:
        return f"{how}: {claim.period.text!r} -> {r.note}"
    return f"{how}: report of {r.report_date} ({ctx.date_why})" if ctx.date_why else how


def _disputed_alternatives(claim: Claim, r: Reading, ctx: Context) -> list[int] | None:
    """Every value of a disputed running total when the claim gives one of them: a figure one
    source prints is neither "contradicted" nor "supported" by the best guess of a cell nobody
    settled (the record calls it disputed, and so does the checker)."""
    cell = ctx.figures.series.cell(r.category, r.report_date)
    if (
        r.scope is not Scope.CUMULATIVE
        or cell is None
        or cell.status is not Status.CONFLICT
        or claim.value not in cell.alternatives
    ):
        return None
    return cell.alternatives


def _verdict(claim: Claim, outcome: Outcome, r: Reading, note: str, ctx: Context) -> Verdict:
    official = r.official
    alternatives = _disputed_alternatives(claim, r, ctx)
    if alternatives is not None:
        given = " or ".join(f"{v:,}" for v in alternatives)
        return Verdict(
            claim,
            Outcome.NOT_CHECKABLE,
            f"not checkable: the running total of {r.category} in the report of "
            f"{r.report_date} is disputed, the sources give {given} and no rule settles it "
            f"({_READING_TEXT.get(r.name, r.name)})",
            category=r.category,
            report_date=r.report_date,
            reading=r.name,
            scope=r.scope,
            source_url=ctx.urls.get(r.report_date),
            why_date=_why_date(claim, r, ctx),
        )
    what = {
        Scope.CUMULATIVE: "running total",
        Scope.DAILY: "increase",
        Scope.PERIOD: "period total",
    }.get(r.scope, "figure")
    text = (
        f"{outcome.value.replace('_', ' ')}: {what} of {r.category} in the report of "
        f"{r.report_date} is {official:,} ({_READING_TEXT.get(r.name, r.name)}; {note})"
    )
    unsettled = ctx.figures.unsettled_days(
        r.category, r.report_date, increase=r.scope is not Scope.CUMULATIVE
    )
    if r.report_date in unsettled:
        text += "; note: the sources disagree on this report, the figure is not settled"
    elif unsettled:
        text += (
            f"; note: the sources disagree on the report of {unsettled[0]}, so this "
            "increase is not settled"
        )
    correct = true_on = None
    if outcome is Outcome.CONTRADICTED:
        correct = official
        true_on = _stale(claim, r, ctx)
        if true_on is not None:
            text += f"; {claim.value:,} was the figure of the report of {true_on}"
    return Verdict(
        claim,
        outcome,
        text,
        why_date=_why_date(claim, r, ctx),
        category=r.category,
        report_date=r.report_date,
        official_value=official,
        correct_value=correct,
        true_on=true_on,
        reading=r.name,
        scope=r.scope,
        source_url=ctx.urls.get(r.report_date),
    )
