"""The daily brief: a few publishable sentences about one report, in English or Ukrainian.

Every number comes from the canonical series through :mod:`losswatch.analytics`, and the
sentences follow the shapes the claim checker reads ("Russia lost 480 personnel on Tuesday 25
October 2022", "In total 68,900 personnel have been lost since the start of the invasion"), so
a brief can be checked back against the series: a test does exactly that for many dates.
Statements that have no number to check (a record, a rank, a conflict between sources) carry
no figure, so they cannot be misread as one; numbers without a category word (means,
percentages) are never followed by one.

The facts are computed once, language-neutral, by
:func:`losswatch.analytics.highlights.report_highlights`; one small writer class per language
(:class:`EnglishWriter`, :class:`UkrainianWriter`) turns them into sentences. Ukrainian totals
use the official report's own "танки – 2 628 (+17)" shape, which needs no declension.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass, field
from typing import Any

from losswatch import categories
from losswatch.analytics.highlights import report_highlights
from losswatch.analytics.records import RECORDS_WINDOW_START
from losswatch.analytics.summary import resolve_report_date
from losswatch.errors import UsageError
from losswatch.series import Series

ONE_DAY = dt.timedelta(days=1)
SOURCE_LINE = "Source: General Staff of the AFU via losswatch"
#: Totals named in the second sentence, in this order; the rest follow in a third.
HEADLINE_TOTALS = ("tanks", "afv", "artillery", "vehicles_fuel_tanks")


@dataclass(frozen=True)
class Brief:
    """One report's brief: headline, paragraphs of sentences, and the facts behind them."""

    report_date: dt.date
    loss_day: dt.date
    lang: str
    headline: str
    paragraphs: tuple[tuple[str, ...], ...]
    source_url: str | None
    source_text: str
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def body(self) -> str:
        """The paragraphs as plain text (sentences joined by spaces, paragraphs by blank lines)."""
        return "\n\n".join(" ".join(p) for p in self.paragraphs)

    def to_text(self) -> str:
        source = self.source_text + (f" {self.source_url}" if self.source_url else "")
        return f"{self.headline}\n\n{self.body}\n\n{source}\n"

    def to_markdown(self) -> str:
        source = f"[{self.source_text}]({self.source_url})" if self.source_url else self.source_text
        return f"## {self.headline}\n\n{self.body}\n\n*{source}*\n"

    def to_html(self) -> str:
        """An ``<article>`` fragment; every piece of text is escaped."""
        esc = html.escape
        paragraphs = "".join(f"<p>{esc(' '.join(p))}</p>" for p in self.paragraphs)
        source = esc(self.source_text)
        if self.source_url:
            source = f'<a href="{esc(self.source_url, quote=True)}">{source}</a>'
        return (
            f'<article class="brief" lang="{esc(self.lang)}" '
            f'data-report-date="{self.report_date.isoformat()}">'
            f"<h2>{esc(self.headline)}</h2>{paragraphs}"
            f'<p class="source">{source}</p></article>'
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "report_date": self.report_date.isoformat(),
            "loss_day": self.loss_day.isoformat(),
            "lang": self.lang,
            "headline": self.headline,
            "paragraphs": [list(p) for p in self.paragraphs],
            "text": self.body,
            "source_url": self.source_url,
            "source_text": self.source_text,
            "facts": self.facts,
        }

    def to_json(self) -> str:
        """The brief as a JSON document (a string; :meth:`to_dict` gives the object)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, default=str)


def make_brief(series: Series, report_date: dt.date | None = None, lang: str = "en") -> Brief:
    """The brief for ``report_date`` (default: the latest report) in ``lang`` ("en" or "uk").

    Raises NotFound for a date the series has no report for, UsageError for another language.
    """
    writer = WRITERS.get(lang)
    if writer is None:
        raise UsageError(f"lang must be one of {', '.join(WRITERS)}, got {lang!r}")
    day = resolve_report_date(series, report_date)
    facts = report_highlights(series, day)
    paragraphs = compose(writer, facts, day)
    personnel = facts["summary"]["categories"]["personnel"]
    settled = "personnel" not in facts["disputed_increments"]
    return Brief(
        day,
        day - ONE_DAY,
        lang,
        writer.headline(personnel["increment"] if settled else None, day - ONE_DAY),
        paragraphs,
        series.report_urls.get(day),
        writer.source(day),
        facts,
    )


def compose(w: Writer, facts: dict[str, Any], report_date: dt.date) -> tuple[tuple[str, ...], ...]:
    """The paragraphs of a brief from its facts, in the order a newsroom would write them."""
    loss_day = report_date - ONE_DAY
    conflicted = {c["category"] for c in facts["conflicts"]}
    unsettled = set(facts["disputed_increments"])
    # a disputed figure is never stated as a fact: its cell only in the note with every value,
    # an increase resting on it not at all
    cats = {k: c for k, c in facts["summary"]["categories"].items() if k not in conflicted}
    incs = {k: None if k in unsettled else c["increment"] for k, c in cats.items()}
    personnel = cats.get("personnel")
    first: list[str] = []
    if personnel is not None and incs["personnel"] is not None:
        first.append(w.lost_on(incs["personnel"], loss_day, report_date))
    headline_totals = [(k, cats[k]["value"], incs[k]) for k in HEADLINE_TOTALS if k in cats]
    first.append(w.totals(personnel["value"] if personnel else None, headline_totals))
    standing, rank = facts["standing"], facts["rank"]
    if standing is not None:
        first.append(w.standing(standing, rank, loss_day))
    paragraphs = [tuple(first)]

    second: list[str] = []
    other_totals = [
        (k, c["value"], incs[k])
        for k, c in cats.items()
        if k != "personnel" and k not in HEADLINE_TOTALS
    ]
    if other_totals:
        second.append(w.other_totals(other_totals))
    if facts["equipment_records"]:
        second.append(w.equipment_records(facts["equipment_records"]))
    if second:
        paragraphs.append(tuple(second))

    third: list[str] = []
    for m in facts["milestones"]:
        third.append(w.milestone(m["category"], m["threshold"], m["value"]))
    if facts["month_to_date"] is not None:
        third.append(w.month_to_date(facts["month_to_date"], report_date))
    if facts["comparison_30"] is not None:
        third.append(w.comparison(facts["comparison_30"], loss_day))
    if third:
        paragraphs.append(tuple(third))
    notes = []
    if facts["conflicts"]:
        notes.append(w.conflicts([(c["category"], c["values"]) for c in facts["conflicts"]]))
    if unsettled - conflicted:
        notes.append(w.unsettled([k for k in cats if k in unsettled]))
    if notes:
        paragraphs.append(tuple(notes))
    return tuple(paragraphs)


def _join(items: list[str], conjunction: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


class _Words:
    """What the writers of every language share; each subclass has the same sentence methods."""

    lang = ""
    conjunction = "and"
    alternative = "or"

    def num(self, n: int) -> str:
        return f"{n:,}"

    def values(self, values: list[int]) -> str:
        return _join([self.num(v) for v in values], self.alternative)

    def count(self, key: str, n: int) -> str:
        raise NotImplementedError

    def counts(self, items: list[tuple[str, int, int | None]]) -> str:
        """Running totals with the day's increase as the report prints it: "2,628 tanks (+17)".

        The "(+N)" is left out when nothing was added (or a correction lowered the count).
        """
        return _join(
            [
                self.count(k, n) + (f" (+{self.num(inc)})" if inc and inc > 0 else "")
                for k, n, inc in items
            ],
            self.conjunction,
        )


EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
EN_ORDINALS = (
    "",
    "",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
)
#: (singular, plural) nouns the claim checker's English lexicon knows for each category.
EN_NOUNS: dict[str, tuple[str, str]] = {
    "personnel": ("personnel", "personnel"),
    "tanks": ("tank", "tanks"),
    "afv": ("armoured combat vehicle", "armoured combat vehicles"),
    "artillery": ("artillery system", "artillery systems"),
    "mlrs": ("MLRS", "MLRS"),
    "air_defense": ("air defence system", "air defence systems"),
    "aircraft": ("aircraft", "aircraft"),
    "helicopters": ("helicopter", "helicopters"),
    "uav": ("operational-tactical drone", "operational-tactical drones"),
    "cruise_missiles": ("cruise missile", "cruise missiles"),
    "ships": ("warship", "warships and boats"),
    "submarines": ("submarine", "submarines"),
    "vehicles_fuel_tanks": ("vehicle or fuel tank", "vehicles and fuel tanks"),
    "special_equipment": ("unit of special equipment", "units of special equipment"),
    "ground_robotic_systems": ("ground robotic system", "ground robotic systems"),
}


class EnglishWriter(_Words):
    lang = "en"

    def day(self, d: dt.date, weekday: bool = False) -> str:
        text = f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}"
        return f"{EN_WEEKDAYS[d.weekday()]} {text}" if weekday else text

    def count(self, key: str, n: int) -> str:
        one, many = EN_NOUNS.get(key, (categories.get(key).label_en,) * 2)
        return f"{self.num(n)} {one if n == 1 else many}"

    def noun(self, key: str) -> str:
        return EN_NOUNS.get(key, ("", categories.get(key).label_en))[1]

    def headline(self, increment: int | None, loss_day: dt.date) -> str:
        if increment is None:
            return f"Russian combat losses reported on {self.day(loss_day + ONE_DAY)}"
        return (
            f"Russia lost about {self.count('personnel', increment)} on {self.day(loss_day, True)}"
        )

    def source(self, report_date: dt.date) -> str:
        return f"{SOURCE_LINE}, report of {self.day(report_date)}."

    def lost_on(self, n: int, loss_day: dt.date, report_date: dt.date) -> str:
        return (
            f"Russia lost about {self.count('personnel', n)} on {self.day(loss_day, True)}, "
            f"according to the General Staff report of {self.day(report_date)}."
        )

    def totals(self, personnel: int | None, items: list[tuple[str, int, int | None]]) -> str:
        if personnel is None:
            return f"In total {self.counts(items)} have been lost since the start of the invasion."
        along = f", along with {self.counts(items)}" if items else ""
        return (
            f"In total about {self.count('personnel', personnel)} have been lost since the "
            f"start of the invasion{along}."
        )

    def standing(self, s: dict[str, Any], rank: dict[str, Any] | None, loss_day: dt.date) -> str:
        what = "daily personnel loss"
        window = self.records_window()
        if s["is_record"]:
            return f"It was the highest {what} {window}."
        if s["ties_record"]:
            return f"It equalled the highest {what} {window}."
        if rank is None:
            return f"It was the highest {what} since {self.day(dt.date.fromisoformat(s['since']))}."
        period = (
            f"{EN_MONTHS[loss_day.month - 1]} {loss_day.year}"
            if rank["scope"] == "month"
            else str(loss_day.year)
        )
        if rank["rank"] == rank["of"] and rank["of"] > 1 and not rank["tied"]:
            return f"It was the lowest {what} of {period} so far."
        r = rank["rank"]
        place = (
            "highest"
            if r == 1
            else (f"{EN_ORDINALS[r] if r < len(EN_ORDINALS) else _ordinal(r)}-highest")
        )
        joint = "joint " if rank["tied"] else ""
        return f"It was the {joint}{place} {what} of {period} so far."

    def equipment_records(self, keys: list[str]) -> str:
        names = _join([self.noun(k) for k in keys], "and")
        return f"For {names} it was the highest daily figure {self.records_window()}."

    def records_window(self) -> str:
        """The window records are counted in, said in every record sentence (see
        :mod:`losswatch.analytics.records`: the first weeks' reports summed several days)."""
        return f"in the daily reports since {self.day(RECORDS_WINDOW_START)}"

    def other_totals(self, items: list[tuple[str, int, int | None]]) -> str:
        return f"The running totals of the other categories are {self.counts(items)}."

    def milestone(self, key: str, threshold: int, value: int) -> str:
        more = "more than " if value > threshold else ""
        return f"With this report {more}{self.count(key, threshold)} have been lost in total."

    def month_to_date(self, total: int, report_date: dt.date) -> str:
        return f"This month Russia has lost about {self.count('personnel', total)}."

    def comparison(self, c: dict[str, Any], loss_day: dt.date) -> str:
        mean, before = self.num(round(c["mean"])), self.num(round(c["previous_mean"]))
        if c["change"] is None or round(c["change"] * 100) == 0:
            trend = "about the same as in the previous 30 days"
        else:
            trend = (
                f"{'up' if c['change'] > 0 else 'down'} {abs(round(c['change'] * 100))}% "
                f"on the average of the previous 30 days, {before}"
            )
        return (
            f"Over the 30 days to {self.day(loss_day)} the average daily personnel loss "
            f"was {mean}, {trend}."
        )

    def conflicts(self, items: list[tuple[str, list[int]]]) -> str:
        disputes = _join([f"{self.noun(k)} ({self.values(v)})" for k, v in items], "and")
        return (
            f"Note: the sources disagree on this report's figure for {disputes}, and losswatch "
            "could not resolve it: the figure is disputed and not stated above."
        )

    def unsettled(self, keys: list[str]) -> str:
        names = _join([self.noun(k) for k in keys], "and")
        return (
            f"The day's increase for {names} is not stated: it rests on the report before, "
            "whose figure the sources disagree on."
        )


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


UK_MONTHS_GEN = (
    "січня",
    "лютого",
    "березня",
    "квітня",
    "травня",
    "червня",
    "липня",
    "серпня",
    "вересня",
    "жовтня",
    "листопада",
    "грудня",
)
UK_MONTHS_LOC = (
    "січні",
    "лютому",
    "березні",
    "квітні",
    "травні",
    "червні",
    "липні",
    "серпні",
    "вересні",
    "жовтні",
    "листопаді",
    "грудні",
)
UK_WEEKDAYS_ACC = ("понеділок", "вівторок", "середу", "четвер", "п'ятницю", "суботу", "неділю")
UK_ORDINALS = (
    "",
    "",
    "другі",
    "треті",
    "четверті",
    "п'яті",
    "шості",
    "сьомі",
    "восьмі",
    "дев'яті",
    "десяті",
)
#: (one, few, many) forms after a numeral, accusative ("втратила 2 танки", "втрачено 5 танків").
UK_NOUNS: dict[str, tuple[str, str, str]] = {
    "personnel": ("особу особового складу", "особи особового складу", "осіб особового складу"),
    "tanks": ("танк", "танки", "танків"),
    "afv": ("бойову броньовану машину", "бойові броньовані машини", "бойових броньованих машин"),
    "artillery": ("артилерійську систему", "артилерійські системи", "артилерійських систем"),
    "mlrs": ("РСЗВ", "РСЗВ", "РСЗВ"),
    "air_defense": ("засіб ППО", "засоби ППО", "засобів ППО"),
    "aircraft": ("літак", "літаки", "літаків"),
    "helicopters": ("гелікоптер", "гелікоптери", "гелікоптерів"),
    "uav": ("БПЛА оперативно-тактичного рівня",) * 3,
    "cruise_missiles": ("крилату ракету", "крилаті ракети", "крилатих ракет"),
    "ships": ("корабель / катер", "кораблі / катери", "кораблів / катерів"),
    "submarines": ("підводний човен", "підводні човни", "підводних човнів"),
    "vehicles_fuel_tanks": (
        "одиницю автомобільної техніки та автоцистерн",
        "одиниці автомобільної техніки та автоцистерн",
        "одиниць автомобільної техніки та автоцистерн",
    ),
    "special_equipment": (
        "одиницю спеціальної техніки",
        "одиниці спеціальної техніки",
        "одиниць спеціальної техніки",
    ),
    "ground_robotic_systems": (
        "наземний робототехнічний комплекс",
        "наземні робототехнічні комплекси",
        "наземних робототехнічних комплексів",
    ),
}

#: Category names in the nominative, for "the categories «танки» and «РСЗВ»".
UK_NAMES: dict[str, str] = {
    "personnel": "особовий склад",
    "tanks": "танки",
    "afv": "бойові броньовані машини",
    "artillery": "артилерійські системи",
    "mlrs": "РСЗВ",
    "air_defense": "засоби ППО",
    "aircraft": "літаки",
    "helicopters": "гелікоптери",
    "uav": "БПЛА",
    "cruise_missiles": "крилаті ракети",
    "ships": "кораблі / катери",
    "submarines": "підводні човни",
    "vehicles_fuel_tanks": "автомобільна техніка та автоцистерни",
    "special_equipment": "спеціальна техніка",
    "ground_robotic_systems": "НРК",
}


def uk_form(n: int) -> int:
    if n % 10 == 1 and n % 100 != 11:
        return 0
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return 1
    return 2


class UkrainianWriter(_Words):
    lang = "uk"
    conjunction = "та"
    alternative = "або"

    def num(self, n: int) -> str:
        return f"{n:,}".replace(",", "\u00a0")

    def day(self, d: dt.date, weekday: bool = False) -> str:
        text = f"{d.day} {UK_MONTHS_GEN[d.month - 1]} {d.year} року"
        return f"у {UK_WEEKDAYS_ACC[d.weekday()]}, {text}" if weekday else text

    def count(self, key: str, n: int) -> str:
        forms = UK_NOUNS.get(key, (categories.get(key).label_uk,) * 3)
        return f"{self.num(n)} {forms[uk_form(n)]}"

    def noun(self, key: str) -> str:
        return f"«{UK_NAMES.get(key, categories.get(key).label_uk)}»"

    def headline(self, increment: int | None, loss_day: dt.date) -> str:
        if increment is None:
            return f"Бойові втрати Росії за звітом від {self.day(loss_day + ONE_DAY)}"
        return (
            f"Росія втратила близько {self.count('personnel', increment)} "
            f"{self.day(loss_day, True)}"
        )

    def source(self, report_date: dt.date) -> str:
        return f"Джерело: Генеральний штаб ЗСУ через losswatch, звіт від {self.day(report_date)}."

    def lost_on(self, n: int, loss_day: dt.date, report_date: dt.date) -> str:
        return (
            f"Росія втратила близько {self.count('personnel', n)} {self.day(loss_day, True)}, "
            f"згідно зі звітом Генерального штабу від {self.day(report_date)}."
        )

    def labelled(self, items: list[tuple[str, int, int | None]]) -> str:
        """The official report's own shape, "танки – 2 628 (+17)": no declension needed."""
        return _join(
            [
                f"{UK_NAMES.get(k, categories.get(k).label_uk)} – {self.num(n)}"
                + (f" (+{self.num(inc)})" if inc and inc > 0 else "")
                for k, n, inc in items
            ],
            self.conjunction,
        )

    def totals(self, personnel: int | None, items: list[tuple[str, int, int | None]]) -> str:
        if personnel is None:
            return f"Загалом від початку вторгнення втрачено: {self.labelled(items)}."
        along = f", {self.labelled(items)}" if items else ""
        return (
            f"Загалом від початку вторгнення втрачено: особовий склад – близько "
            f"{self.num(personnel)} осіб{along}."
        )

    def standing(self, s: dict[str, Any], rank: dict[str, Any] | None, loss_day: dt.date) -> str:
        what = "добові втрати особового складу"
        window = self.records_window()
        if s["is_record"]:
            return f"Це найбільші {what} {window}."
        if s["ties_record"]:
            return f"Це дорівнює найбільшим добовим втратам особового складу {window}."
        if rank is None:
            since = dt.date.fromisoformat(s["since"])
            return f"Це найбільші {what} з {self.day(since)}."
        period = (
            f"у {UK_MONTHS_LOC[loss_day.month - 1]} {loss_day.year} року"
            if rank["scope"] == "month"
            else f"у {loss_day.year} році"
        )
        if rank["rank"] == rank["of"] and rank["of"] > 1 and not rank["tied"]:
            return f"Це поки що найменші {what} {period}."
        r = rank["rank"]
        place = (
            "найбільші"
            if r == 1
            else (f"{UK_ORDINALS[r] if r < len(UK_ORDINALS) else f'{r}-ті'} за величиною")
        )
        joint = " (нарівні з іншими днями)" if rank["tied"] else ""
        return f"Це поки що {place} {what} {period}{joint}."

    def equipment_records(self, keys: list[str]) -> str:
        names = _join([self.noun(k) for k in keys], "та")
        return f"Для категорій {names} це найбільші добові втрати {self.records_window()}."

    def records_window(self) -> str:
        return f"у щоденних зведеннях від {self.day(RECORDS_WINDOW_START)}"

    def other_totals(self, items: list[tuple[str, int, int | None]]) -> str:
        return f"Загальні втрати за іншими категоріями: {self.labelled(items)}."

    def milestone(self, key: str, threshold: int, value: int) -> str:
        more = "понад " if value > threshold else ""
        return f"З цим звітом загалом втрачено {more}{self.count(key, threshold)}."

    def month_to_date(self, total: int, report_date: dt.date) -> str:
        return f"Цього місяця Росія втратила близько {self.count('personnel', total)}."

    def comparison(self, c: dict[str, Any], loss_day: dt.date) -> str:
        mean, before = self.num(round(c["mean"])), self.num(round(c["previous_mean"]))
        if c["change"] is None or round(c["change"] * 100) == 0:
            trend = "приблизно стільки ж, скільки за попередні 30 днів"
        else:
            more = "більше" if c["change"] > 0 else "менше"
            trend = (
                f"що на {abs(round(c['change'] * 100))}% {more}, ніж у середньому за "
                f"попередні 30 днів ({before})"
            )
        return (
            f"За 30 днів до {self.day(loss_day)} середні добові втрати особового складу "
            f"становили {mean}, {trend}."
        )

    def conflicts(self, items: list[tuple[str, list[int]]]) -> str:
        disputes = _join([f"{self.noun(k)} ({self.values(v)})" for k, v in items], "та")
        return (
            f"Увага: джерела розходяться щодо цифр цього звіту для категорій {disputes}, і "
            "losswatch не зміг цього узгодити: цифра спірна, і вище її не наведено."
        )

    def unsettled(self, keys: list[str]) -> str:
        names = _join([self.noun(k) for k in keys], "та")
        return (
            f"Добовий приріст для категорій {names} не наведено: він спирається на попереднє "
            "зведення, щодо цифр якого джерела розходяться."
        )


Writer = EnglishWriter | UkrainianWriter
WRITERS: dict[str, Writer] = {"en": EnglishWriter(), "uk": UkrainianWriter()}
