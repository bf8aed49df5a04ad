"""The General Staff's own daily post: "The total combat losses of the enemy from 24.02 to ...".

One text parser serves every form the post took: the English mil.gov.ua / kmu.gov.ua pages,
the Ukrainian pages, the bilingual UA/EN republications ("особового складу / personnel ‒
близько/ about 435760 (+1050) осіб / persons,") and Telegram reposts ("• танків ‒ 1008 (+22)").
The post was typed by hand for years, so the parser is tolerant where the text wobbled (three
kinds of dash, NBSP, "about"/"близько", stray "осіб"/"од", no space before "(+", two figures run
together on one line) and strict where a wrong answer would be worse than none: a text without
a single figure, or a report date it cannot establish, is a :class:`ParseError`. Anything that
looks like a figure but carries a label the category table does not know becomes a warning, so
a renamed category shows up in the sync report instead of silently vanishing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

from losswatch import categories
from losswatch.errors import ParseError
from losswatch.models import ParsedFigure, ParseOutcome
from losswatch.sources.base import (
    Adapter,
    LiveRequest,
    RawDocument,
    date_in_name,
    decode_text,
    guess_media_type,
    parse_count,
    parse_increment,
)

WAR_START = categories.WAR_START
LIVE_LOOKBACK_DAYS = 7
# No loss count comes near a trillion; longer digit runs are garbage (and int() refuses
# strings over 4300 digits with a ValueError, which must not escape a parser).
MAX_DIGITS = 12

# --- text -> figures -------------------------------------------------------------------------

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
# A separator is any typographic dash, or a hyphen-minus with a space on at least one side, so
# the hyphens inside "operational-tactical" and "Anti-aircraft" stay part of the label.
_SEP = rf"(?:\s*[{_DASHES}]\s*|\s+-\s*|\s*-\s+)"
_QUALIFIERS = r"about|approximately|around|over|близько|приблизно|ліквідовано|понад|майже"
_UNITS = r"осіб|особи|persons|people|од\.?|одиниць|units"
_NUMBER = r"\d{1,3}(?:[ ,]\d{3})+(?!\d)|\d+"
_INCREMENT = rf"\s*[+\-{_DASHES}]?\s*(?:{_NUMBER})\s*"
# Labels start at a word and are bounded (the longest real one has ~66 characters), which
# keeps the scan linear on long lines.
_FIGURE = re.compile(
    rf"(?<!\w)(?P<label>[^\W\d_][^\d()]{{0,100}}?){_SEP}"
    rf"(?:(?:{_QUALIFIERS})\s*/?\s*)*"
    rf"(?:(?P<value>{_NUMBER})(?:\s*(?:{_UNITS}))?\s*(?:\((?P<inc>{_INCREMENT})\))?"
    rf"|\((?P<inc_only>{_INCREMENT})\))",
    re.IGNORECASE,
)
_DATE = r"(\d{1,2})\.(\d{1,2})(?:\.(\d{4}|\d{2}))?"
_HEADER = re.compile(rf"(?<!\w)(?:from|з|із|від)\s+{_DATE}\s+(?:to|по|до)\s+{_DATE}", re.IGNORECASE)
# Lines that are part of the post but carry no figure; never warned about.
_PROSE = re.compile(
    r"greatest losses|найбільших втрат|data are being|дані уточнюються|warning|"
    r"увага|strike the occupier|разом переможемо",
    re.IGNORECASE,
)
_SPACES = str.maketrans(
    {
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u2007": " ",
        "\t": " ",
        "\u200b": None,
        "\u200e": None,
        "\u200f": None,
        "\ufeff": None,
    }
)


def parse_report_text(text: str, *, hint_date: dt.date | None) -> ParseOutcome:
    """The figures of one official report text (EN, UK, bilingual or a Telegram repost).

    The report date comes from the header line ("from 24.02 to 12.04", "з 24.02.22 по
    19.02.24"; a header without a year takes it from ``hint_date``), else from ``hint_date``
    (the date in the file name or URL). Raises :class:`ParseError` (and nothing else) when the
    text holds no figure or no date can be established.
    """
    if not isinstance(text, str):
        raise ParseError(f"report text must be str, not {type(text).__name__}")
    warnings: list[str] = []
    lines = text.translate(_SPACES).splitlines()
    report_date = _report_date(lines, hint_date, warnings)
    figures: list[ParsedFigure] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        header = _HEADER.search(line)
        body = line[header.end() :] if header else line
        for match in _FIGURE.finditer(body):
            figure = _figure(match, report_date, number, line, warnings)
            if figure is None:
                continue
            if figure.category in seen:
                warnings.append(
                    f"line {number}: {figure.category} already given on line "
                    f"{seen[figure.category]}; kept the first"
                )
                continue
            seen[figure.category] = number
            figures.append(figure)
    if not figures:
        detail = f" ({'; '.join(warnings[:3])})" if warnings else ""
        raise ParseError(f"no loss figures found in the report text{detail}")
    return ParseOutcome(figures=figures, warnings=warnings)


def _figure(
    match: re.Match[str], report_date: dt.date, number: int, line: str, warnings: list[str]
) -> ParsedFigure | None:
    label = match.group("label")
    value_text, inc_text = match.group("value"), match.group("inc") or match.group("inc_only")
    if any(too_long(text) for text in (value_text, inc_text) if text):
        warnings.append(f"line {number}: implausibly long number ignored")
        return None
    key = resolve_label(label, warnings, number)
    if key is None:
        if not _PROSE.search(line):
            shown = " ".join(label.split())[:60]
            warnings.append(
                f"line {number}: unknown label {shown!r} with figure "
                f"{value_text or inc_text} ignored"
            )
        return None
    value = parse_count(value_text) if value_text else None
    increment = parse_increment(inc_text) if inc_text else None
    if value is None:
        warnings.append(
            f"line {number}: {key} has only an increment ({inc_text.strip()})"
            if inc_text
            else f"line {number}: {key} has no value"
        )
    if not categories.get(key).active_on(report_date):
        warnings.append(f"line {number}: {key} is not a category of the {report_date} report")
    return ParsedFigure(
        report_date=report_date,
        category=key,
        value=value,
        stated_increment=increment,
        location=f"line {number}",
    )


def too_long(number: str) -> bool:
    """Whether a matched number has more digits than any real count (see MAX_DIGITS)."""
    return sum(char.isdigit() for char in number) > MAX_DIGITS


def resolve_label(label: str, warnings: list[str] | None = None, line: int = 0) -> str | None:
    """The category key of a report label, or None.

    Tries the label as it stands, then each side of a bilingual "UA / EN" label (either side
    is enough; slashes inside a label such as "кораблі /катери" are tried at every split),
    then the text after the last comma when two figures ran together on one line.
    """
    cleaned = label.strip(" \t•·*#:;,.!" + "-" + _DASHES)
    key = categories.for_label(cleaned)
    if key is not None:
        return key
    parts = cleaned.split("/")
    for cut in range(1, len(parts)):
        left = categories.for_label("/".join(parts[:cut]))
        right = categories.for_label("/".join(parts[cut:]))
        if left and right and left != right and warnings is not None:
            warnings.append(
                f"line {line}: bilingual label {cleaned!r} names both {left} and "
                f"{right}; took {left}"
            )
        if left or right:
            return left or right
    tail = re.split(r"[,;.!?]", cleaned)[-1]
    if tail.strip() and tail != cleaned:
        return resolve_label(tail, warnings, line)
    return None


def _report_date(lines: list[str], hint_date: dt.date | None, warnings: list[str]) -> dt.date:
    """The publication date (``hint_date``: the page's URL or file name) when known, else the
    header's "to" date; a ParseError when neither is usable.

    The publication date wins a disagreement: the 2023-12-29 page's header says "to 28.12.23"
    but its figures are the 28th's values plus this page's increments, i.e. the 29th's report.
    """
    for number, line in enumerate(lines, start=1):
        match = _HEADER.search(line)
        if match is None:
            continue
        day, month, year = match.group(4), match.group(5), match.group(6)
        found = _header_date(int(day), int(month), year, hint_date, number)
        if hint_date is not None and found != hint_date:
            warnings.append(
                f"line {number}: header date {found} differs from the hint date "
                f"{hint_date} (file name or URL); used the hint date"
            )
            return hint_date
        return found
    if hint_date is None:
        raise ParseError(
            "no report date: the text has no 'from 24.02 to DD.MM' header line "
            "and no hint date (file name or URL) was given"
        )
    return hint_date


def _header_date(
    day: int, month: int, year_text: str | None, hint_date: dt.date | None, line: int
) -> dt.date:
    if year_text is not None:
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        candidates = [year]
    elif hint_date is not None:
        # "to 31.12" read on 2023-01-01 is 2022: try the hint's year and its neighbours.
        candidates = [hint_date.year, hint_date.year - 1, hint_date.year + 1]
    else:
        raise ParseError(
            f"line {line}: header date {day:02}.{month:02} has no year and no "
            "hint date was given to take it from"
        )
    dates: list[dt.date] = []
    for year in candidates:
        try:
            dates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not dates:
        raise ParseError(
            f"line {line}: header date {day:02}.{month:02}.{year_text or '?'} "
            "is not a calendar date"
        )
    found = min(dates, key=lambda d: abs((d - hint_date).days)) if hint_date else dates[0]
    if found < WAR_START:
        raise ParseError(f"line {line}: header date {found} is before the invasion")
    return found


# --- HTML -> text ----------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
        "big",
    }
)
_SKIP_TAGS = frozenset({"script", "style", "svg", "template", "noscript", "iframe"})
_ANY_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]*>")  # [^<>]: linear on "<a<a<a..."


class _TextExtractor(HTMLParser):
    """Text the way a browser lays it out: one line per block element, inline tags joined."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._skip = 0

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []

    def text(self) -> str:
        self._flush()
        return "\n".join(self.blocks)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._current.append(data)


def looks_like_html(text: str, media_type: str = "") -> bool:
    """Whether a document should go through :func:`html_to_text` before parsing."""
    return "html" in media_type.lower() or bool(_ANY_TAG.search(text[:5000]))


def html_to_text(markup: str) -> str:
    """The visible text of an HTML page or fragment, one block element per line.

    Content without a single tag (a saved text republication) is returned with its own line
    breaks, since collapsing it would run every line of the report into one.
    """
    if not _ANY_TAG.search(markup):
        return "\n".join(line.strip() for line in markup.splitlines())
    extractor = _TextExtractor()
    try:
        extractor.feed(markup)
        extractor.close()
    except AssertionError as exc:  # _markupbase's way of rejecting a malformed declaration
        raise ParseError(f"unreadable HTML: {exc}") from exc
    return extractor.text()


# --- adapters --------------------------------------------------------------------------------

_UK_MONTHS = (
    "sichnya",
    "lyutogo",
    "bereznya",
    "kvitnya",
    "travnya",
    "chervnya",
    "lipnya",
    "serpnya",
    "veresnya",
    "zhovtnya",
    "listopada",
    "grudnya",
)


def live_dates(latest: dt.date | None, today: dt.date) -> list[dt.date]:
    """The report dates a live sync asks for: the day after ``latest`` to today, at most
    LIVE_LOOKBACK_DAYS back (after a --from-dir import ending in 2024, or a long outage, the
    older pages are the community datasets' to fill; asking for all of them would never reach
    today)."""
    earliest = today - dt.timedelta(LIVE_LOOKBACK_DAYS)
    start = max(latest + dt.timedelta(days=1), earliest) if latest else earliest
    return [start + dt.timedelta(days=n) for n in range((today - start).days + 1)]


class _Official(Adapter):
    """What the two language editions share: decoding, HTML extraction and the text parser."""

    cadence = "daily"
    license = "(c) Ministry of Defence of Ukraine / General Staff of the AFU; no open licence"

    def parse(self, raw: RawDocument) -> ParseOutcome:
        """Decode the bytes, strip the HTML of a live page, and parse the report text.

        A page fetched from the web is the primary source of its figures, so its URL goes
        into ``source_url``; recorded ``file://`` copies leave it empty.
        """
        text = decode_text(raw.content)
        if looks_like_html(text, raw.media_type):
            text = html_to_text(text)
        outcome = parse_report_text(text, hint_date=raw.hint_date)
        if not raw.url.startswith(("https://", "http://")):
            return outcome
        return ParseOutcome(
            figures=[replace(f, source_url=raw.url) for f in outcome.figures],
            warnings=outcome.warnings,
        )

    def _documents(self, paths: list[Path]) -> Iterator[RawDocument]:
        for path in sorted(paths):
            hint = date_in_name(path.name)
            if path.is_file() and hint is not None:
                yield RawDocument(
                    url=path.resolve().as_uri(),
                    content=path.read_bytes(),
                    media_type=guess_media_type(path),
                    hint_date=hint,
                    fetched_at=dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC),
                )


class OfficialEnglish(_Official):
    """The English edition of the daily post (mil.gov.ua/en, kmu.gov.ua/en, now mod.gov.ua/en)."""

    name = "official_en"
    title = "General Staff of the AFU: total combat losses of the enemy (English)"
    homepage = "https://mod.gov.ua/en/news"
    quirks = (
        "header 24.02 / 24.02.22 / 24.02.2022; three kinds of dash; 'persons were "
        "liquidated' until 2023-08-23; stray 'осіб'/'од'; some days only in Ukrainian"
    )
    recorded_dir = "official_en"
    recorded_glob = "*.txt"

    def recorded_documents(self, root: Path) -> Iterator[RawDocument]:
        """The dated ``YYYY-MM-DD.txt`` files (not PROVENANCE.txt, not the raw_html copies)."""
        folder = root / self.recorded_dir
        if folder.is_dir():
            yield from self._documents(list(folder.glob(self.recorded_glob)))

    def live_requests(self, *, latest: dt.date | None, today: dt.date) -> list[LiveRequest]:
        """One mod.gov.ua/en URL per missing date.

        The slug is a best guess: it follows the kmu.gov.ua/en and mil.gov.ua/en pattern of
        2023 ("...-from-24-02-2022-to-DD-MM-YYYY"); no stored mod.gov.ua English page was
        available to confirm it, and some days had no English page at all.
        """
        return [
            LiveRequest(
                url=(
                    "https://mod.gov.ua/en/news/the-total-combat-losses-of-the-enemy-from-"
                    f"24-02-2022-to-{day:%d-%m-%Y}"
                ),
                hint_date=day,
                expect=("html",),
            )
            for day in live_dates(latest, today)
        ]


class OfficialUkrainian(_Official):
    """The Ukrainian edition (mil.gov.ua, mod.gov.ua), bilingual republications, Telegram."""

    name = "official_uk"
    title = "Генеральний штаб ЗСУ: загальні бойові втрати противника (Ukrainian)"
    homepage = "https://mod.gov.ua/news"
    quirks = (
        "bilingual 'UA / EN' lines in republications; Telegram reposts with '•' bullets, "
        "'ліквідовано близько', increments omitted when zero"
    )
    recorded_dir = "official_uk"
    recorded_glob = "*.txt"

    def recorded_documents(self, root: Path) -> Iterator[RawDocument]:
        """The dated ``*.txt`` files and the Telegram reposts in ``telegram/``."""
        folder = root / self.recorded_dir
        if folder.is_dir():
            yield from self._documents(
                [*folder.glob(self.recorded_glob), *folder.glob(f"telegram/{self.recorded_glob}")]
            )

    def live_requests(self, *, latest: dt.date | None, today: dt.date) -> list[LiveRequest]:
        """One mod.gov.ua URL per missing date, e.g. ``.../bojovi-vtrati-voroga-na-22-serpnya-
        2026-roku`` (day without a leading zero, genitive month; the site sometimes appends
        "-1" to a duplicate slug, which cannot be predicted)."""
        return [
            LiveRequest(
                url=(
                    f"https://mod.gov.ua/news/bojovi-vtrati-voroga-na-{day.day}-"
                    f"{_UK_MONTHS[day.month - 1]}-{day.year}-roku"
                ),
                hint_date=day,
                expect=("html",),
            )
            for day in live_dates(latest, today)
        ]
