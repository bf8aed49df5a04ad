"""Days and periods named in a sentence, and what they mean once the article's date is known.

Reading ("on Tuesday", "yesterday", "on Nov. 12", "8 жовтня", "in October", "last month") and
resolving are kept apart: the extractor records what was said, and the checker resolves it
against the article date, which may itself be inferred from the figures. All of it is plain
``datetime.date`` arithmetic: a report of date D covers the losses of day D-1.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

from losswatch.claims.anchored import PhraseFinder
from losswatch.claims.language import Lexicon, alternatives, load, raw
from losswatch.claims.model import DayRef, Period
from losswatch.claims.text import Normalized

ONE_DAY = dt.timedelta(days=1)
_BOUNDARY_WORDS = re.compile(
    r"(?<![\w])(?:since|from|until|till|before|after|between|seit|od|від|з|desde|dal|dall'|din|"
    r"óta|منذ|بين|من|tangu|mula)\s+$"
)


@functools.cache
def _date_res(code: str) -> tuple[PhraseFinder, re.Pattern[str], PhraseFinder]:
    """Month-day, day-month and bare-month patterns; the two starting at a month name only
    try where one starts (see :mod:`losswatch.claims.anchored`)."""
    lex = load(code)
    months = lex.month_re
    full = [
        (None, w)
        for w in sorted(
            {
                w
                for m in raw(code)["months"]
                for i, w in enumerate(m)
                if i == 0 or (len(w) >= 5 and not w.endswith("."))
            },
            key=lambda w: -len(w),
        )
    ]
    year = r"(?:,?\s+(?P<y>(?:19|20)\d\d)(?![\d]))?"
    md = PhraseFinder(
        alternatives(w for m in raw(code)["months"] for w in m),
        r"(?<![\w])(?P<m>",
        r")\.?\s+(?P<d>\d{1,2})"
        r"(?:st|nd|rd|th|-\w{1,3}|\.)?(?![\d])" + year,
    )
    dm = re.compile(
        r"(?<![\w\d.,])(?P<d>\d{1,2})(?:st|nd|rd|th|\.|-\w{1,3})?\s+(?:of\s+)?"
        r"(?P<m>" + months + r")(?![\w])\.?" + year,
        re.IGNORECASE,
    )
    month_only = PhraseFinder(full, r"(?<![\w])(?P<m>", r")(?![\w])" + year)
    return md, dm, month_only


_SPACE_GAP = re.compile(r"(?:'s)?\s+")
_POSSESSIVE_GAP = re.compile(r"(?:'s)?\s+(?:[^\W\d]+\s+)?")
_DAY_AFTER = re.compile(r"\.?\s+\d{1,2}(?![\d])")
_YEAR = re.compile(r"(?<![\w\d,.])(?P<y>(?:19|20)\d\d)(?![\d]|[,.]\d)")


def _role(norm: str, start: int, end: int, lex: Lexicon) -> str:
    before = norm[max(0, start - 30) : start]
    if lex.report_marker_re.search(before):
        return "report"
    # "Tuesday's report", "Tuesday morning's update", "am Montag meldete": the marker right
    # after the day, or after one word
    for gap in (_SPACE_GAP, _POSSESSIVE_GAP):
        after = gap.match(norm, end, end + 30)
        if after and lex.report_marker_re.match(norm, after.end()):
            return "report"
    return "loss"


def day_refs(norm: str, original: str, nz: Normalized, lex: Lexicon) -> list[DayRef]:
    """Every day named in a normalised sentence, with whether it dates a report or losses."""
    md, dm, _ = _date_res(lex.code)
    refs: list[DayRef] = []
    named_month = lex.month_finder.search(norm) is not None
    for pattern in (md, dm) if named_month else ():
        for m in pattern.finditer(norm):
            month, day = lex.month_of(m.group("m")), int(m.group("d"))
            if month is None or not 1 <= day <= calendar.monthrange(2024, month)[1]:
                continue
            if any(r.start < m.end() and m.start() < r.end for r in refs):
                continue
            role = _role(norm, m.start(), m.end(), lex)
            if (month, day) == (2, 24) or _BOUNDARY_WORDS.search(norm, 0, m.start()):
                role = "start"  # "since Feb. 24", "between 24 February and ...": not a report
            refs.append(
                DayRef(
                    "date",
                    m.group(),
                    m.start(),
                    m.end(),
                    role,
                    month=month,
                    day=day,
                    year=int(m.group("y")) if m.group("y") else None,
                )
            )
    for m in lex.weekday_re.finditer(norm):
        weekday = lex.weekday_index.get(m.group().lower().rstrip("."))
        if weekday is not None:
            refs.append(
                DayRef(
                    "weekday",
                    m.group(),
                    m.start(),
                    m.end(),
                    _role(norm, m.start(), m.end(), lex),
                    weekday=weekday,
                )
            )
    if lex.relative_re is not None:
        for m in lex.relative_re.finditer(norm):
            offset = lex.relative_days.get(" ".join(m.group().split()))
            if offset is not None:
                role = "report" if offset >= 0 else _role(norm, m.start(), m.end(), lex)
                refs.append(DayRef("relative", m.group(), m.start(), m.end(), role, offset=offset))
    refs.sort(key=lambda r: r.start)
    return refs


def periods(
    norm: str, original: str, nz: Normalized, lex: Lexicon, dates: list[DayRef]
) -> list[Period]:
    """Named periods: the language's phrases ("last month") plus bare months and years.

    ``dates`` are the sentence's :func:`day_refs`: a month in a date is not a period.
    """
    _, _, month_only = _date_res(lex.code)
    found = [
        Period(lex.period_kinds[m.lastgroup or ""], m.group(), m.start(), m.end())
        for m in lex.period_re.finditer(norm)
    ]
    for m in month_only.finditer(norm):
        if any(d.start <= m.start() < d.end for d in dates if d.kind == "date"):
            continue
        if _DAY_AFTER.match(norm, m.end()) and not m.group("y"):
            continue
        if _BOUNDARY_WORDS.search(norm[max(0, m.start() - 12) : m.start()]):
            continue
        if lex.months_capitalized and not original[nz.original(m.start())].isupper():
            continue
        month = lex.month_of(m.group("m"))
        prep = lex.period_preposition_re.search(norm, max(0, m.start() - 15), m.start())
        start = prep.start() if prep else m.start()
        if not prep and not m.group("y") and m.group("m").lower() in lex.stopwords:
            continue  # Romanian "mai" ("also"), a month only after "în" or before a year
        if month is not None:
            found.append(
                Period(
                    "month",
                    norm[start : m.end()],
                    start,
                    m.end(),
                    month=month,
                    year=int(m.group("y")) if m.group("y") else None,
                    weak=not prep and not m.group("y"),
                )
            )
    for m in _YEAR.finditer(norm):
        if any(p.start <= m.start() < p.end for p in found):
            continue
        prep = lex.period_preposition_re.search(norm, max(0, m.start() - 15), m.start())
        if prep:
            found.append(
                Period(
                    "year",
                    norm[prep.start() : m.end()],
                    prep.start(),
                    m.end(),
                    year=int(m.group("y")),
                    weak=True,
                )
            )
    return found


def resolve_day(ref: DayRef, anchor: dt.date | None, years: range | None = None) -> list[dt.date]:
    """The calendar day(s) ``ref`` names, seen from ``anchor`` (the article's date).

    Weekdays and "yesterday" need the anchor; a date without a year takes the anchor's year
    (the year before if that would be after the anchor) or, with no anchor, every year in
    ``years`` - the checker then keeps the one the figures fit.
    """
    if ref.kind == "weekday" and anchor is not None and ref.weekday is not None:
        return [anchor - dt.timedelta(days=(anchor.weekday() - ref.weekday) % 7)]
    if ref.kind == "relative" and anchor is not None and ref.offset is not None:
        return [anchor + dt.timedelta(days=ref.offset)]
    if ref.kind == "date" and ref.month is not None and ref.day is not None:
        if ref.year is not None:
            return [_safe_date(ref.year, ref.month, ref.day)]
        if anchor is not None:
            day = _safe_date(anchor.year, ref.month, ref.day)
            return [day if day <= anchor else _safe_date(anchor.year - 1, ref.month, ref.day)]
        if years is not None:
            return [_safe_date(y, ref.month, ref.day) for y in years]
    return []


def _safe_date(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _first(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def period_bounds(period: Period, report: dt.date) -> tuple[dt.date, dt.date] | None:
    """(baseline report, closing report) of a period seen from report date ``report``.

    The period's losses are value(closing) - value(baseline): by loss day, so October is
    value(1 November) - value(1 October), and a period still running closes at ``report``.
    """
    if period.kind in ("past_week", "this_week"):
        return report - dt.timedelta(days=7), report
    if period.kind == "this_month":
        return _first(report), report
    if period.kind == "last_month":
        end = _first(report)
        return _first(end - ONE_DAY), end
    if period.kind == "month" and period.month is not None:
        year = period.year or report.year
        start = dt.date(year, period.month, 1)
        if period.year is None and start > report:
            start = dt.date(year - 1, period.month, 1)
        end = _next_month(start)
        return start, min(end, report)
    if period.kind in ("this_year", "last_year", "year"):
        year = {"this_year": report.year, "last_year": report.year - 1}.get(
            period.kind, period.year or report.year
        )
        start, end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
        return start, min(end, report)
    return None
