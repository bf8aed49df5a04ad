"""The claim checker's data: what the extractor read (`Claim`) and what the checker decided.

These are plain frozen dataclasses so a report can be rendered, serialised, pickled to a dask
worker and compared in tests without any of the machinery that produced it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Scope(StrEnum):
    """What a figure counts: the running total, one day, a named period, or a record day."""

    CUMULATIVE = "cumulative"
    DAILY = "daily"
    PERIOD = "period"
    RECORD = "record"


class Qualifier(StrEnum):
    """How a figure is hedged: "around X", "more than X", "nearly X"."""

    APPROX = "approx"
    LOWER_BOUND = "lower_bound"
    UPPER_BOUND = "upper_bound"
    RANGE = "range"


class Outcome(StrEnum):
    """The verdict on one figure."""

    SUPPORTED = "supported"
    APPROXIMATELY_SUPPORTED = "approximately_supported"
    CONTRADICTED = "contradicted"
    NOT_CHECKABLE = "not_checkable"


@dataclass(frozen=True)
class DayRef:
    """A day named near a figure: "on Tuesday", "yesterday", "on Nov. 12", "8 жовтня".

    ``kind`` is ``weekday`` (value 0=Monday), ``relative`` (value = days from the article date)
    or ``date`` (month, day and maybe year). ``role`` says whether the text ties the day to the
    report ("said on Tuesday", "as of Sunday": ``report``) or to the losses ("lost 480 on
    Tuesday": ``loss``); the checker tries both readings either way, starting with that one.
    """

    kind: str
    text: str
    start: int
    end: int
    role: str = "loss"
    weekday: int | None = None
    offset: int | None = None
    month: int | None = None
    day: int | None = None
    year: int | None = None


@dataclass(frozen=True)
class Period:
    """A named period a figure covers: ``past_week``, ``this_month``, ``last_month``,
    ``month`` (with ``month``/``year``) or ``year``. ``weak`` marks bare month names, which
    count only when nothing stronger is said in the sentence."""

    kind: str
    text: str
    start: int
    end: int
    month: int | None = None
    year: int | None = None
    weak: bool = False


@dataclass(frozen=True)
class Claim:
    """One loss figure read from an article.

    ``start``/``end`` cover the whole figure phrase in the article ("around 68,900 troops"),
    ``number_start``/``number_end`` the number alone. ``category`` is the canonical category
    key (or a group the checker knows: ``armour``, ``equipment``), ``readings`` every category
    the words may mean, best first ("armoured vehicles" may be AFVs or tanks+AFVs).
    ``scope_explicit`` is False when the sentence said nothing about the scope and the checker
    should try the running total first and the day's increase second.
    """

    sentence_index: int
    start: int
    end: int
    number_start: int
    number_end: int
    text: str
    value: int
    language: str
    scope: Scope
    category: str | None = None
    readings: tuple[str, ...] = ()
    term: str | None = None
    qualifier: Qualifier | None = None
    qualifier_text: str | None = None
    tolerance: float | None = None
    value_high: int | None = None
    scope_explicit: bool = True
    scope_text: str | None = None
    period: Period | None = None
    day: DayRef | None = None
    via: str | None = None
    #: whose figure the sentence says it is (:mod:`.attribution`); None = not named, read as
    #: the General Staff's
    attributed_to: str | None = None
    attribution_text: str | None = None

    @property
    def why_category(self) -> str:
        """How the category was read, for a reader of the output."""
        how = {
            "increment": "the bracketed increase after the figure of that category",
            "parenthesis": "a number in brackets after a figure of that category",
            "inclusion": 'part of the figure before it ("including")',
            "topic": "the category the sentence (or the one before) is about",
            "fragment": "a short fragment going on with the figure (and speaker) before it",
            "record": "the day's figure the record phrase refers to",
            "list_label": "the label of the list line",
            "respectively": 'paired in order with the categories ("respectively")',
        }.get(self.via or "")
        if how is not None:
            return f"{how}: {self.term!r}" if self.term else how
        return f"the words {self.term!r} beside the number" if self.term else "no category words"

    @property
    def phrase(self) -> str | None:
        """The period or day phrase as written, if any."""
        if self.period is not None:
            return self.period.text
        if self.day is not None:
            return self.day.text
        return self.scope_text


@dataclass(frozen=True)
class Verdict:
    """The checker's decision on one claim, with the official figure and where it is printed.

    ``report_date`` is the report the claim was checked against, ``official_value`` what that
    report says, ``correct_value`` the figure to use instead when the claim is contradicted,
    ``true_on`` the report date on which the claimed figure was right (a stale figure), and
    ``source_url`` the primary source of ``report_date``. ``reading`` names the interpretation
    that decided (``loss_day``, ``report_date``, ``previous_report``, ``as_daily``...).
    """

    claim: Claim
    outcome: Outcome
    explanation: str
    category: str | None = None
    report_date: dt.date | None = None
    official_value: int | None = None
    correct_value: int | None = None
    true_on: dt.date | None = None
    reading: str | None = None
    scope: Scope | None = None
    source_url: str | None = None
    #: how the report date was chosen (the article's date, the report its figures quote,
    #: a day named beside the figure), for a reader of the output
    why_date: str | None = None

    @property
    def attributed_to(self) -> str:
        """Whose figure this is: ``general_staff`` unless the sentence names another source."""
        return self.claim.attributed_to or "general_staff"


@dataclass(frozen=True)
class CheckReport:
    """Every verdict for one article, and how the article's report date was found."""

    verdicts: tuple[Verdict, ...]
    language: str
    article_date: dt.date | None
    report_date: dt.date | None
    date_inferred: bool = False
    date_evidence: tuple[str, ...] = ()
    sentences: tuple[tuple[int, int], ...] = field(default=(), repr=False)
    text: str = field(default="", repr=False)

    @property
    def claims(self) -> tuple[Claim, ...]:
        return tuple(v.claim for v in self.verdicts)

    @property
    def ok(self) -> bool:
        """True when no figure is contradicted (the CLI's exit code is ``int(not ok)``)."""
        return not any(v.outcome is Outcome.CONTRADICTED for v in self.verdicts)

    def counts(self) -> dict[str, int]:
        """Claims per outcome, every outcome present (zero when absent)."""
        out = {o.value: 0 for o in Outcome}
        for v in self.verdicts:
            out[v.outcome.value] += 1
        return out

    def flatten(self) -> list[tuple[str | None, int, str]]:
        """Compact (category, value, outcome) tuples, for tests and summaries."""
        return [
            (v.category or v.claim.category, v.claim.value, v.outcome.value) for v in self.verdicts
        ]
