"""Minfin.com.ua's casualties page: the General Staff figures re-typed as dated lists.

The page (and the ohalay/war-russian-losses fixtures scraped from it) shows one block per day:
a "DD.MM.YYYY" line, then "Танки — 3580 (+6)" lines with an em dash. It is a derived source,
useful as a second witness for the official post, with its own quirks: its own short labels
("Гармати", "Автомобілі" before the 2022-05-01 merge and "Автомобілі та автоцистерни" after,
"Цистерни з ППМ" with the letters swapped), the personnel line carrying the prisoners of war
early on ("близько 18000 осіб (+200), 460 полонених"), and approximate first-week figures
("більше 100", "до 80"). Labels map through ``source_keys["minfin"]`` of the category table.
The infographics on the page use an en dash and no date line, so they never look like figures.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from losswatch import categories
from losswatch.errors import ParseError
from losswatch.models import ParsedFigure, ParseOutcome
from losswatch.sources.base import (
    Adapter,
    LiveRequest,
    RawDocument,
    decode_text,
    parse_count,
    parse_increment,
)
from losswatch.sources.official import html_to_text, looks_like_html, too_long

CASUALTIES_URL = "https://index.minfin.com.ua/ua/russian-invading/casualties/"
POW_FIELD = "полонених"

_DATE_LINE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
_FIGURE_LINE = re.compile(r"^\s*(?P<label>[^\d—]{1,80}?)\s*—\s*(?P<rest>.*\d.*?)\s*$")
_QUALIFIER = r"(?:близько|більше|понад|до|майже|приблизно|более|около|свыше)\s+"
_SEGMENT = re.compile(
    rf"^(?:{_QUALIFIER})?(?P<value>\d{{1,3}}(?:[ \u00a0]\d{{3}})+(?!\d)|\d+)"
    r"\s*(?P<unit>[^\d()]*?)\s*(?:\(\s*(?P<inc>[+\-−–]?\s*\d[\d \u00a0]*)\s*\))?\s*$",
    re.IGNORECASE,
)
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\t": " ", "\ufeff": None})


def parse_minfin_text(text: str) -> ParseOutcome:
    """The figures of every dated block in a minfin text (or a page already turned to text).

    Raises :class:`ParseError` when no block yields a figure, e.g. for an error page.
    """
    figures: list[ParsedFigure] = []
    warnings: list[str] = []
    current: dt.date | None = None
    seen: set[tuple[dt.date, str]] = set()
    for number, line in enumerate(text.translate(_SPACES).splitlines(), start=1):
        date_match = _DATE_LINE.match(line)
        if date_match:
            current = _block_date(date_match, number, warnings)
            continue
        match = _FIGURE_LINE.match(line)
        if match is None:
            continue
        if current is None:
            warnings.append(f"line {number}: figure outside a dated block ignored")
            continue
        for figure in _line_figures(match["label"], match["rest"], current, number, warnings):
            if (figure.report_date, figure.category) in seen:
                warnings.append(
                    f"line {number}: {figure.category} for {current} given twice; kept the first"
                )
                continue
            seen.add((figure.report_date, figure.category))
            figures.append(figure)
    if not figures:
        detail = f" ({'; '.join(warnings[:3])})" if warnings else ""
        raise ParseError(f"no dated minfin figures found{detail}")
    return ParseOutcome(figures=figures, warnings=warnings)


def _block_date(match: re.Match[str], line: int, warnings: list[str]) -> dt.date | None:
    try:
        return dt.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        warnings.append(f"line {line}: {match[0].strip()!r} is not a date; its block is skipped")
        return None


def _line_figures(
    label: str, rest: str, report_date: dt.date, line: int, warnings: list[str]
) -> Iterator[ParsedFigure]:
    """One figure per comma-separated part: the labelled value, then any POW count."""
    label = " ".join(label.split())
    category = categories.for_source_key("minfin", label, report_date)
    if category is None:
        warnings.append(f"line {line}: unknown minfin label {label!r} ignored")
        return
    if not category.active_on(report_date):
        # e.g. minfin's "24.02.2022" block: the evening statement, before the first report
        warnings.append(
            f"line {line}: {category.key} was not in the report of "
            f"{report_date.isoformat()}; ignored"
        )
        return
    for index, segment in enumerate(re.split(r",\s+", rest.strip(" .;,"))):
        match = _SEGMENT.match(segment)
        if match is None:
            warnings.append(f"line {line}: cannot read {segment!r} for {label!r}")
            continue
        if too_long(match["value"]) or (match["inc"] and too_long(match["inc"])):
            warnings.append(f"line {line}: implausibly long number for {label!r} ignored")
            continue
        key = category.key
        if index > 0:
            if "полонен" not in match["unit"].lower():
                warnings.append(f"line {line}: unexpected extra figure {segment!r} ignored")
                continue
            pow_category = categories.for_source_key("minfin", POW_FIELD, report_date)
            if pow_category is None:
                continue
            key = pow_category.key
        increment = parse_increment(match["inc"]) if match["inc"] else None
        yield ParsedFigure(
            report_date=report_date,
            category=key,
            value=parse_count(match["value"]),
            stated_increment=increment,
            location=f"line {line}",
        )


class Minfin(Adapter):
    """Minfin.com.ua "Втрати російської армії в Україні" (a derived, re-typed copy)."""

    name = "minfin"
    title = "Minfin.com.ua: Втрати російської армії в Україні (derived from General Staff posts)"
    homepage = CASUALTIES_URL
    license = (
        "Minfin.com.ua site terms (not an open licence); recorded fixtures from "
        "ohalay/war-russian-losses, MIT (c) 2022 Oleh Halay"
    )
    cadence = "daily"
    quirks = (
        "em dash separator; personnel line carries POWs early on; approximate first-week "
        "figures; 'Автомобілі' before the 2022-05-01 merge; newest block first"
    )
    recorded_dir = "minfin"
    recorded_glob = "*"

    def parse(self, raw: RawDocument) -> ParseOutcome:
        """Decode the bytes, turn a saved or live page into text lines, and read the blocks."""
        text = decode_text(raw.content)
        if looks_like_html(text, raw.media_type):
            text = html_to_text(text)
        return parse_minfin_text(text)

    def recorded_documents(self, root: Path) -> Iterator[RawDocument]:
        """The saved pages and text fixtures, not PROVENANCE.txt."""
        for document in super().recorded_documents(root):
            name = document.url.rsplit("/", 1)[-1]
            if name != "PROVENANCE.txt" and name.endswith((".txt", ".html")):
                yield document

    def live_requests(self, *, latest: dt.date | None, today: dt.date) -> list[LiveRequest]:
        """The casualties page, which lists the recent days; nothing when already current."""
        if latest is not None and latest >= today:
            return []
        return [LiveRequest(url=CASUALTIES_URL, hint_date=None, expect=("html",))]
