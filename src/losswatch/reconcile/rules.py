"""Reconciliation rules: each a small pure function, tested on its own on real cells.

They answer one question each (do the sources agree? is this row a stale copy? does this value
fit the stated "(+N)"? is this a transposed digit?). :mod:`losswatch.reconcile.engine` combines
them into a decision per cell.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from losswatch.models import correction_days as correction_days


@dataclass(frozen=True)
class Vote:
    """The outcome of a plain cross-source vote."""

    value: int | None
    supporters: tuple[str, ...]
    unanimous: bool
    strict_majority: bool


def vote(values: Mapping[str, int]) -> Vote:
    """Most common value; ties broken towards the smaller value's first source (stable)."""
    if not values:
        return Vote(None, (), False, False)
    distinct = set(values.values())
    if len(distinct) == 1:  # most cells: one source, or all agree
        return Vote(distinct.pop(), tuple(sorted(values)), True, True)
    counts = Counter(values.values())
    top, n = max(counts.items(), key=lambda kv: (kv[1], -kv[0]))
    tied = [v for v, c in counts.items() if c == n]
    supporters = tuple(sorted(s for s, v in values.items() if v == top))
    return Vote(
        value=top if len(tied) == 1 else None,
        supporters=supporters if len(tied) == 1 else (),
        unanimous=len(counts) == 1,
        strict_majority=len(tied) == 1 and n * 2 > len(values),
    )


def fits_increment(value: int, previous: int | None, stated: int | None) -> bool | None:
    """Whether value - previous equals the stated "(+N)"; None when there is nothing to test."""
    if previous is None or stated is None:
        return None
    return value - previous == stated


def is_stale_row(
    today: Mapping[str, int], yesterday: Mapping[str, int], *, min_categories: int = 5
) -> bool:
    """A source's whole row equals its previous day's: a copy, not a report (personnel alone
    changes every day, so a real report never repeats the whole row)."""
    shared = set(today) & set(yesterday)
    if len(shared) < min_categories:
        return False
    return all(today[k] == yesterday[k] for k in shared)


MOVING_DAYS = 7


def is_moving(recent_increments: Iterable[int]) -> bool:
    """The category rose on each of the last MOVING_DAYS days (personnel, drones...)."""
    increments = list(recent_increments)
    return len(increments) >= MOVING_DAYS and all(i > 0 for i in increments)


def is_stale_cell(value: int, previous: int, *, moving: bool) -> bool:
    """A value that repeats the day before in a category that moves every day: a copy."""
    return moving and value == previous


def is_digit_transposition(a: int, b: int) -> bool:
    """3496 vs 3469: the same digits with two adjacent ones swapped."""
    sa, sb = str(a), str(b)
    if len(sa) != len(sb) or sa == sb:
        return False
    diff = [i for i in range(len(sa)) if sa[i] != sb[i]]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and sa[diff[0]] == sb[diff[1]]
        and sa[diff[1]] == sb[diff[0]]
    )


def is_off_by_one_digit(a: int, b: int) -> bool:
    """675 vs 665, 68900 vs 68300: same length, exactly one digit differs."""
    sa, sb = str(a), str(b)
    return len(sa) == len(sb) and sum(x != y for x, y in zip(sa, sb, strict=True)) == 1


def typo_kind(a: int, b: int) -> str | None:
    """The name of the copying slip that turns one value into the other, if any."""
    if is_digit_transposition(a, b):
        return "digit-transposition"
    if is_off_by_one_digit(a, b):
        return "off-by-one-digit"
    return None


def monotonic_ok(value: int, previous: int | None, correction: int | None = None) -> bool:
    """Cumulative counts do not fall, except on a listed official correction day."""
    if previous is None or value >= previous:
        return True
    return correction is not None and correction < 0


def neighbour_fit(value: int, previous: int | None, following: int | None) -> bool:
    """The value lies between the day before and the day after (when known)."""
    if previous is not None and value < previous:
        return False
    return not (following is not None and value > following)


def is_outlier(value: int, previous: int | None, following: int | None, *, factor: int = 5) -> bool:
    """A value about ten times its neighbours (a slipped extra digit: 68900 -> 689000 is not
    quite 10x a larger neighbour, hence the threshold of 5x): not to be trusted."""
    neighbours = [n for n in (previous, following) if n]
    return bool(neighbours) and all(value >= factor * n for n in neighbours) and value > 100


def lineage_sum(parts: Mapping[str, int | None]) -> int | None:
    """The value of a merged category from its parts; None unless every part is known."""
    if not parts or any(v is None for v in parts.values()):
        return None
    return sum(v for v in parts.values() if v is not None)


@dataclass(frozen=True)
class NeighbourFit:
    """How a candidate value fits between the day before and the day after."""

    value: int
    before: int  # value - previous: the increment it implies for its own day
    after: int  # following - value: the increment it leaves the next day
    typical: int  # the median daily increment of the last MOVING_DAYS days
    worst: int  # the larger distance of the two increments from the typical one


def neighbour_fits(
    candidates: Iterable[int], previous: int, following: int, recent: Iterable[int]
) -> list[NeighbourFit]:
    """Each candidate's two increments beside the typical recent one, best fitting first."""
    ordered = sorted(recent)
    typical = ordered[len(ordered) // 2] if ordered else 0
    fits = [
        NeighbourFit(
            v,
            v - previous,
            following - v,
            typical,
            max(abs(v - previous - typical), abs(following - v - typical)),
        )
        for v in candidates
    ]
    return sorted(fits, key=lambda f: (f.worst, f.value))


def plausible_by_neighbours(
    candidates: Iterable[int], previous: int | None, following: int | None, recent: Iterable[int]
) -> NeighbourFit | None:
    """The one candidate that makes both its own day's and the next day's increment plausible
    when the others do not (personnel 2025-10-28: 1,138,750 gives +1,060 and +1,150 beside a
    typical +910; the transposed 1,137,850 gives +160 and +2,050).

    Only in a category that rose on each of the last MOVING_DAYS days (in one that moves by a
    few units a week, a day's timing is anyone's guess), only when both increments stay within
    half the typical one of it, and only when every other candidate is at least twice as far
    off and beyond that half: two values a digit apart in the last place stay undecided.
    """
    increments = list(recent)
    if previous is None or following is None or not is_moving(increments):
        return None
    fits = neighbour_fits(candidates, previous, following, increments)
    if len(fits) < 2:
        return None
    best, runner_up = fits[0], fits[1]
    limit = best.typical / 2
    if best.before < 0 or best.after < 0 or best.worst > limit:
        return None
    if runner_up.worst < 2 * best.worst or runner_up.worst <= limit:
        return None
    return best
