"""The audit: every cell that was not plainly agreed, and how often each source was right."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from losswatch.models import CanonicalValue, Status
from losswatch.reconcile import rules

DECIDED = (
    Status.MAJORITY,
    Status.RESOLVED_BY_INCREMENT,
    Status.RESOLVED_BY_NEIGHBOURS,
    Status.OFFICIAL_CORRECTION,
)


@dataclass(frozen=True)
class Reliability:
    source: str
    right: int
    wrong: int

    @property
    def share_right(self) -> float:
        total = self.right + self.wrong
        return self.right / total if total else 0.0


def audit_cells(
    values: list[CanonicalValue], *, since: dt.date | None = None
) -> list[CanonicalValue]:
    """Cells whose status is not agreed/single_source, or whose evidence has dissent (also a
    missing cell whose only evidence was withheld, such as an uncorroborated fall)."""
    return [
        cv
        for cv in values
        if (since is None or cv.report_date >= since)
        and (cv.status not in (Status.AGREED, Status.SINGLE_SOURCE) or cv.dissent)
        and (cv.status is not Status.MISSING or cv.dissent)
    ]


def reliability(values: list[CanonicalValue]) -> list[Reliability]:
    """Per source, right vs wrong on the cells where sources disagreed and a rule decided."""
    right: dict[str, int] = defaultdict(int)
    wrong: dict[str, int] = defaultdict(int)
    for cv in values:
        if cv.status not in DECIDED or not cv.dissent:
            continue
        for src in cv.supporting:
            right[src] += 1
        for d in cv.dissent:
            wrong[d.source] += 1
    return sorted(
        (Reliability(s, right[s], wrong[s]) for s in set(right) | set(wrong)),
        key=lambda r: (-r.share_right, r.source),
    )


Index = dict[tuple[str, dt.date], CanonicalValue]
_ONE_DAY = dt.timedelta(days=1)
_REASONS = {
    "stale-copy-set-aside": "a source repeating its whole previous day was set aside",
    "stale-cell-set-aside": "a source repeating the day before in a category that moves daily "
    "was set aside",
    "increment-consistency": 'the value fits the official "(+N)" of the day and of the next',
    "increment-both-sides": 'the official "(+N)" on both sides pins the value (an official typo)',
    "majority": "a strict majority of the sources, keeping the series monotonic",
    "monotonic-neighbours": "the only value between the day before and the day after",
    "official-correction": "a listed official correction lowers the count",
    "uncorroborated-fall": "one source's count below the day before, no listed correction and "
    "no other source: withheld",
}


def explain(cv: CanonicalValue, index: Index) -> str:
    """Why a cell of the audit has its value, in a sentence a reader can check: for the
    neighbour rule and for an unresolved cell, the increments each candidate implies."""
    if cv.rule in ("neighbour-increments", "unresolved") and cv.value is not None:
        fits = _candidate_fits(cv, index)
        if fits:
            return fits + (
                ": only the first keeps both increments in line with the last days"
                if cv.rule == "neighbour-increments"
                else ": no rule decides, the figure is disputed (every value shown)"
            )
        if cv.rule == "unresolved":
            return "no rule decides, the figure is disputed (every value shown)"
    return _REASONS.get(cv.rule, cv.rule)


def _candidate_fits(cv: CanonicalValue, index: Index) -> str | None:
    before = index.get((cv.category, cv.report_date - _ONE_DAY))
    after = index.get((cv.category, cv.report_date + _ONE_DAY))
    if before is None or after is None or before.value is None or after.value is None:
        return None
    recent = [
        c.increment
        for k in range(1, rules.MOVING_DAYS + 1)
        if (c := index.get((cv.category, cv.report_date - k * _ONE_DAY))) is not None
        and c.increment is not None
    ]
    fits = rules.neighbour_fits(cv.alternatives, before.value, after.value, recent)
    fits.sort(key=lambda f: f.value != cv.value)  # the chosen value first
    parts = [f"{f.value:,} gives {f.before:+,} then {f.after:+,}" for f in fits]
    return f"{'; '.join(parts)} (typical {fits[0].typical:+,} a day)"
