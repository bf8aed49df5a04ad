"""Plain data types shared across stages: what a parser yields and what reconcile decides.

Counts are ``int``, days are ``datetime.date``; categories are keys of :mod:`losswatch.categories`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

#: The most characters one article may hold to be checked: pasted into the API or the dashboard,
#: read from a file or standard input by ``losswatch check``, or fetched from a URL.
MAX_ARTICLE_CHARS = 500_000


@dataclass(frozen=True)
class ParsedFigure:
    """One figure read from a raw document, before it is tied to a stored snapshot.

    ``value`` is the cumulative count (None when the document gave only an increment);
    ``stated_increment`` is the "(+N)" of the report when it was printed; ``location`` says
    where in the raw text the figure stood (``line 3`` or ``$[12].tank``) so a user can look.
    """

    report_date: dt.date
    category: str
    value: int | None
    stated_increment: int | None = None
    location: str = ""
    source_url: str | None = None


@dataclass(frozen=True)
class ParseOutcome:
    """What a parser made of one raw snapshot: its figures and the problems it noted."""

    figures: list[ParsedFigure]
    warnings: list[str] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    # confirmed-loss sources (Oryx, WarSpotting) state none of the figures above, only these
    confirmed_totals: list[ConfirmedTotal] = field(default_factory=list)
    spotted_items: list[SpottedItem] = field(default_factory=list)


@dataclass(frozen=True)
class Correction:
    """An official correction: on ``report_date`` the count was changed by ``delta`` beyond the
    day's losses (PetroIvaniuk's corrections file). The only days a cumulative count may fall."""

    report_date: dt.date
    category: str
    delta: int


def correction_days(listed_on: dt.date) -> tuple[dt.date, dt.date]:
    """The report dates on which a correction listed for ``listed_on`` may show.

    PetroIvaniuk lists the tank correction of -5 on 2023-05-27; the official text applies it in
    the report of 2023-05-28 (3799 -> 3797 with "+3"). So a listed correction covers its day
    and the next.
    """
    return listed_on, listed_on + dt.timedelta(days=1)


class Status(StrEnum):
    """Why a canonical value is trusted (issue: reconciliation)."""

    AGREED = "agreed"
    MAJORITY = "majority"
    RESOLVED_BY_INCREMENT = "resolved_by_increment"
    RESOLVED_BY_NEIGHBOURS = "resolved_by_neighbours"
    OFFICIAL_CORRECTION = "official_correction"
    CONFLICT = "conflict"
    SINGLE_SOURCE = "single_source"
    MISSING = "missing"


@dataclass(frozen=True)
class SourceValue:
    """One source's value for a cell, as the reconciler saw it."""

    source: str
    value: int
    stated_increment: int | None = None
    flags: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        """As stored in the canonical table's ``dissent`` and shown by the API."""
        return {
            "source": self.source,
            "value": self.value,
            "stated_increment": self.stated_increment,
            "flags": list(self.flags),
        }


@dataclass(frozen=True)
class CanonicalValue:
    """The reconciled value of one (report_date, category) cell, with its evidence."""

    report_date: dt.date
    category: str
    value: int | None
    status: Status
    rule: str
    increment: int | None = None
    supporting: tuple[str, ...] = ()
    dissent: tuple[SourceValue, ...] = ()
    flags: tuple[str, ...] = ()

    @property
    def alternatives(self) -> list[int]:
        """Every value the sources give for this cell, the chosen one included: what a
        disputed (``conflict``) cell is shown with."""
        return sorted({v for v in (self.value, *(d.value for d in self.dissent)) if v is not None})

    @property
    def loss_day(self) -> dt.date:
        """The day the increase happened: the morning report covers the previous day."""
        return self.report_date - dt.timedelta(days=1)


@dataclass(frozen=True)
class ConfirmedTotal:
    """Oryx's visually confirmed total of one category on one date, by status (issue 17).

    ``equipment`` is the category's current Oryx name (renames folded), ``raw_name`` the name as
    that document wrote it. ``total`` is Oryx's stated total (it may differ from the statuses'
    sum; the parser warns when it does).
    """

    as_of: dt.date
    equipment: str
    raw_name: str
    total: int
    destroyed: int = 0
    damaged: int = 0
    abandoned: int = 0
    captured: int = 0
    location: str = ""


@dataclass(frozen=True)
class SpottedItem:
    """One WarSpotting record: an item lost on ``loss_date``, as the source showed it then."""

    item_id: int
    loss_date: dt.date
    type: str
    model: str
    status: str
    nearest_location: str | None = None
    unit: str | None = None
