"""The audit: every cell that was not plainly agreed, and how often each source was right."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from losswatch.models import CanonicalValue, Status

DECIDED = (Status.MAJORITY, Status.RESOLVED_BY_INCREMENT, Status.OFFICIAL_CORRECTION)


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
    """Cells whose status is not agreed/single_source, or whose evidence has dissent."""
    return [
        cv
        for cv in values
        if (since is None or cv.report_date >= since)
        and (cv.status not in (Status.AGREED, Status.SINGLE_SOURCE) or cv.dissent)
        and cv.status is not Status.MISSING
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
