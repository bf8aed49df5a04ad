"""From all observations to one canonical value per (report_date, category), with its evidence.

Order of the rules for a cell (each in :mod:`losswatch.reconcile.rules`):
stale copies are set aside; if the remaining sources agree the cell is ``agreed``; if they
disagree, the stated "(+N)" of the day (and the next day's) picks the value that fits
(``resolved_by_increment``), which also catches typos in the official text itself; else a strict
majority that keeps the series monotonic wins (``majority``); else, in a category that moves
every day, the one value whose increments on both sides are in line with the last days'
(``resolved_by_neighbours``); else ``conflict``. A listed official
correction lets a count fall (``official_correction``). A cell no source reports stays
``missing``: no value is ever invented; nor is one source's count that falls below the
canonical day before without a listed correction taken (``missing``, rule
``uncorroborated-fall``) until another source corroborates it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict, deque
from collections.abc import Mapping
from dataclasses import dataclass, field

from losswatch import categories
from losswatch.models import CanonicalValue, SourceValue, Status
from losswatch.reconcile import rules
from losswatch.sources import OFFICIAL

ONE_DAY = dt.timedelta(days=1)
# Sources whose "(+N)" is the General Staff's own statement. The increments of minfin and of the
# russianwarship API are differences those sites computed from their own copies, so they are
# no independent evidence (2022-05-25 vehicles: minfin's 2218 "fits" only its own arithmetic).
INCREMENT_SOURCES = OFFICIAL

Cell = dict[str, tuple[int | None, int | None]]  # source -> (value, stated increment)


@dataclass
class Evidence:
    """Everything the reconciler reads, indexed for day-by-day decisions."""

    obs: dict[str, dict[dt.date, Cell]] = field(default_factory=lambda: defaultdict(dict))
    corrections: dict[tuple[dt.date, str], int] = field(default_factory=dict)

    def correction(self, report_date: dt.date, category: str) -> int | None:
        """The official correction that may show in this report (listed that day or the day
        before: see :func:`rules.correction_days`)."""
        for listed in (report_date, report_date - ONE_DAY):
            if (
                report_date in rules.correction_days(listed)
                and (listed, category) in self.corrections
            ):
                return self.corrections[(listed, category)]
        return None

    def add(
        self,
        source: str,
        report_date: dt.date,
        category: str,
        value: int | None,
        stated: int | None,
    ) -> None:
        self.obs[category].setdefault(report_date, {})[source] = (value, stated)

    def dates(self) -> list[dt.date]:
        return sorted({d for by_date in self.obs.values() for d in by_date})


def stale_sources(evidence: Evidence, dates: list[dt.date]) -> dict[dt.date, set[str]]:
    """Per date, the sources whose whole row repeats their previous day (a stale copy)."""
    rows: dict[str, dict[dt.date, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for cat, by_date in evidence.obs.items():
        for d, cell in by_date.items():
            for src, (value, _) in cell.items():
                if value is not None:
                    rows[src][d][cat] = value
    wanted = set(dates)
    stale: dict[dt.date, set[str]] = defaultdict(set)
    for src, days in rows.items():
        for d, row in days.items():
            before = days.get(d - ONE_DAY)
            if d in wanted and before and rules.is_stale_row(row, before):
                stale[d].add(src)
    return stale


def stated_increment(cell: Cell) -> int | None:
    """The day's "(+N)" as most increment-printing sources state it."""
    stated = [inc for src, (_, inc) in cell.items() if inc is not None and src in INCREMENT_SOURCES]
    if not stated:
        return None
    if len(set(stated)) == 1:  # one source, or all say the same
        return stated[0]
    return Counter(stated).most_common(1)[0][0]


def provisional(cell: Cell | None) -> int | None:
    """A quick guess of a neighbouring day's value (its vote), for look-ahead tests."""
    if not cell:
        return None
    return rules.vote({s: v for s, (v, _) in cell.items() if v is not None}).value


def decide_cell(
    category: str,
    report_date: dt.date,
    cell: Cell,
    *,
    previous: int | None,
    next_cell: Cell | None,
    stale: set[str],
    correction: int | None,
    moving: bool = False,
    recent: tuple[int, ...] = (),
    floor: int | None = None,
) -> CanonicalValue:
    """The canonical value of one cell given the previous canonical value and the next day.

    ``moving`` says the category rose on every one of the last days, so a source that repeats
    the day before's value in it is a stale cell, not a report (orc-losses personnel
    2024-10-07). ``recent`` are the canonical increments of the last days, the yardstick of
    :func:`rules.plausible_by_neighbours`. ``floor`` is the last canonical value before a run
    of withheld days (see :func:`reconcile_category`): one source's count below it is not taken.
    """
    usable = {s: v for s, (v, _) in cell.items() if v is not None}
    set_aside = False
    if stale and len(usable.keys() - stale) >= 1:
        set_aside = any(
            usable[s] != v
            for s in stale & usable.keys()
            for v in (usable[x] for x in usable.keys() - stale)
        )
        usable = {s: v for s, v in usable.items() if s not in stale}
    stated = stated_increment(cell)
    following = provisional(next_cell)
    next_stated = stated_increment(next_cell) if next_cell else None

    def make(
        value: int | None, status: Status, rule: str, flags: tuple[str, ...] = ()
    ) -> CanonicalValue:
        if (
            value is not None
            and correction
            and status in (Status.AGREED, Status.MAJORITY, Status.SINGLE_SOURCE)
        ):
            if rules.fits_increment(value, previous, stated) is False or (
                previous is not None and value < previous
            ):
                status, rule = Status.OFFICIAL_CORRECTION, "official-correction"
        dissent = tuple(
            SourceValue(src, v, cell[src][1], _dissent_flags(v, value, src in stale))
            for src, v in sorted((s, v) for s, (v, _) in cell.items() if v is not None)
            if v != value
        )
        supporting = tuple(sorted(s for s, (v, _) in cell.items() if v == value and v is not None))
        return CanonicalValue(
            report_date,
            category,
            value,
            status,
            rule,
            increment=_increment(value, previous, stated, correction),
            supporting=supporting,
            dissent=dissent,
            flags=flags,
        )

    if not usable:
        return make(None, Status.MISSING, "no-evidence")
    result = rules.vote(usable)
    if result.unanimous and set_aside:
        return make(result.value, Status.MAJORITY, "stale-copy-set-aside")
    if (
        result.unanimous
        and len(usable) == 1
        and not rules.monotonic_ok(
            result.value or 0, previous if previous is not None else floor, correction
        )
    ):
        # One source's count falling below the canonical day before, with no listed
        # correction: breakage until another source says the same (issue 14)
        return make(None, Status.MISSING, "uncorroborated-fall", ("uncorroborated-fall",))
    if result.unanimous:
        flags = (
            ("increment-mismatch",)
            if rules.fits_increment(result.value or 0, previous, stated) is False
            else ()
        )
        if len(usable) == 1:
            return make(result.value, Status.SINGLE_SOURCE, "single-source", flags)
        return make(result.value, Status.AGREED, "unanimous", flags)

    def fits(v: int) -> int:
        """How many stated increments (this day's, the next day's) the value satisfies."""
        score = 0
        if rules.fits_increment(v, previous, stated):
            score += 1
        if following is not None and rules.fits_increment(following, v, next_stated):
            score += 1
        return score

    scores = {v: fits(v) for v in set(usable.values())}
    best = max(scores.values())
    winners = [v for v, sc in scores.items() if sc == best]
    official = {v for src, v in usable.items() if src in INCREMENT_SOURCES}
    # Overruling what the official text itself prints needs the "(+N)" of both days.
    overrules_official = bool(official) and winners[0] not in official
    if best > 0 and len(winners) == 1 and not (best == 1 and overrules_official):
        return make(winners[0], Status.RESOLVED_BY_INCREMENT, "increment-consistency")
    if (
        previous is not None
        and stated is not None
        and following is not None
        and next_stated is not None
        and previous + stated == following - next_stated
    ):
        # Every source is off but the official "(+N)" on both sides pins the value.
        return make(
            previous + stated,
            Status.RESOLVED_BY_INCREMENT,
            "increment-both-sides",
            ("official-typo",),
        )
    if (
        result.strict_majority
        and result.value is not None
        and rules.monotonic_ok(result.value, previous, correction)
    ):
        return make(result.value, Status.MAJORITY, "majority")
    fitting = [
        v
        for v in set(usable.values())
        if rules.neighbour_fit(v, previous, following)
        and not rules.is_outlier(v, previous, following)
    ]
    if len(fitting) == 1:
        return make(fitting[0], Status.MAJORITY, "monotonic-neighbours")
    if moving and previous is not None:
        fresh = {v for v in fitting if not rules.is_stale_cell(v, previous, moving=True)}
        if len(fresh) == 1:
            stale = stale | {s for s, v in usable.items() if v == previous}  # not in place:
            # the set is shared by every category of the day
            return make(fresh.pop(), Status.MAJORITY, "stale-cell-set-aside")
    plausible = rules.plausible_by_neighbours(set(usable.values()), previous, following, recent)
    if plausible is not None:
        return make(plausible.value, Status.RESOLVED_BY_NEIGHBOURS, "neighbour-increments")
    guess = result.value if result.value is not None else min(usable.values())
    return make(guess, Status.CONFLICT, "unresolved")


def _dissent_flags(value: int, chosen: int | None, stale: bool) -> tuple[str, ...]:
    flags: list[str] = []
    if stale:
        flags.append("stale-copy")
    if chosen is not None:
        kind = rules.typo_kind(value, chosen)
        if kind:
            flags.append(kind)
    return tuple(flags)


def _increment(
    value: int | None, previous: int | None, stated: int | None, correction: int | None
) -> int | None:
    if value is None:
        return None
    if correction and stated is not None:
        return stated
    if previous is not None:
        return value - previous
    return stated


def reconcile_category(
    category: str,
    evidence: Evidence,
    dates: list[dt.date],
    stale: Mapping[dt.date, set[str]],
    *,
    previous: int | None = None,
) -> list[CanonicalValue]:
    """Decide every date of one category in order (each day leans on the day before)."""
    by_date = evidence.obs.get(category, {})
    cat = categories.get(category)
    out: list[CanonicalValue] = []
    last_date: dt.date | None = None
    recent: deque[int] = deque(maxlen=rules.MOVING_DAYS)
    floor, withheld = previous, 0
    for d in dates:
        if d not in by_date and not (cat.active_on(d) and cat.main):
            continue
        if last_date is not None and d - last_date > ONE_DAY:
            previous = None  # a gap: no day-before value to test against
            recent.clear()
        cv = decide_cell(
            category,
            d,
            by_date.get(d, {}),
            previous=previous,
            next_cell=by_date.get(d + ONE_DAY),
            stale=stale.get(d, set()),
            correction=evidence.correction(d, category),
            moving=rules.is_moving(recent),
            recent=tuple(recent),
            floor=floor,
        )
        out.append(cv)
        if cv.value is not None and previous is not None:
            recent.append(cv.value - previous)
        # A fall withheld stays withheld while the source stays below the last value taken,
        # for up to a week: a source's own unlisted correction then stands (a month of
        # special equipment after orc-losses' -83 of 2024-11-30 is not breakage).
        withheld = withheld + 1 if cv.rule == "uncorroborated-fall" else 0
        if withheld == 0 or withheld >= rules.MOVING_DAYS:
            floor = cv.value
        previous, last_date = cv.value, d
    return out


def apply_lineage(values: list[CanonicalValue]) -> list[CanonicalValue]:
    """Add merged categories before they existed: vehicles_fuel_tanks = military_auto +
    fuel_tanks before 2022-05-01, as the category table's ``merged_into`` says."""
    index = {(cv.category, cv.report_date): cv for cv in values}
    out = list(values)
    for target in {c.merged_into for c in categories.CATEGORIES if c.merged_into}:
        assert target is not None
        parts = categories.merged_parts(target)
        first = categories.get(target).first_report
        dates = sorted(
            {cv.report_date for cv in values if cv.category in parts and cv.report_date < first}
        )
        for d in dates:
            cells = [index.get((p, d)) for p in parts]
            total = rules.lineage_sum(
                {p: c.value if c else None for p, c in zip(parts, cells, strict=True)}
            )
            if total is None:
                continue
            worst = max((c.status for c in cells if c), key=_STATUS_RANK.index)
            out.append(
                CanonicalValue(
                    d,
                    target,
                    total,
                    worst,
                    "lineage-sum",
                    supporting=tuple(sorted({s for c in cells if c for s in c.supporting})),
                    flags=("lineage-sum",),
                )
            )
    by_cat: dict[str, list[CanonicalValue]] = defaultdict(list)
    for cv in out:
        by_cat[cv.category].append(cv)
    return [
        cv
        for cvs in by_cat.values()
        for cv in _fill_increments(sorted(cvs, key=lambda c: c.report_date))
    ]


_STATUS_RANK = [
    Status.AGREED,
    Status.SINGLE_SOURCE,
    Status.MAJORITY,
    Status.RESOLVED_BY_INCREMENT,
    Status.RESOLVED_BY_NEIGHBOURS,
    Status.OFFICIAL_CORRECTION,
    Status.CONFLICT,
    Status.MISSING,
]


def _fill_increments(cvs: list[CanonicalValue]) -> list[CanonicalValue]:
    """Lineage cells have no increment of their own: derive it from the day before."""
    from dataclasses import replace

    out: list[CanonicalValue] = []
    prev: CanonicalValue | None = None
    for cv in cvs:
        if (
            cv.increment is None
            and cv.value is not None
            and prev is not None
            and (prev.value is not None and cv.report_date - prev.report_date == ONE_DAY)
        ):
            cv = replace(cv, increment=cv.value - prev.value)
        out.append(cv)
        prev = cv
    return out


def reconcile(
    evidence: Evidence,
    *,
    dates: list[dt.date] | None = None,
    previous: Mapping[str, int] | None = None,
) -> list[CanonicalValue]:
    """Canonical values for ``dates`` (default: every date with evidence)."""
    all_dates = dates if dates is not None else evidence.dates()
    stale = stale_sources(evidence, all_dates)
    values: list[CanonicalValue] = []
    for cat in categories.KEYS:
        if cat in evidence.obs or categories.get(cat).main:
            values += reconcile_category(
                cat, evidence, all_dates, stale, previous=(previous or {}).get(cat)
            )
    return apply_lineage(values)
