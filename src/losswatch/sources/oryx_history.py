"""scarnecchia/oryx_data's ``daily_count.csv``: Oryx's category headers as scraped since 2022.

CC-BY-4.0 ("scarnecchia/oryx_data (Scrape Oryx), data scraped from Oryx"), credited in NOTICE
and the exports. Rows exist only on the days a category changed (a sparse series: carry each
forward), dates are scrape dates, categories were renamed (folded through the mapping table),
Oryx's summary lines were scraped as pseudo-categories whose name holds the numbers ("Losses
excluding ..."; skipped), and totals sometimes go down (Oryx re-classifies; kept as stated).

The upstream file was reset twice. The three saved versions join as their PROVENANCE.txt says:
the first up to 2024-10-06, the second for 2024-10-07..2025-03-19, the third after that.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from losswatch import categories
from losswatch.errors import ParseError
from losswatch.models import ConfirmedTotal, ParseOutcome
from losswatch.sources.base import Adapter, LiveRequest, RawDocument, decode_text

URL = "https://raw.githubusercontent.com/scarnecchia/oryx_data/main/daily_count.csv"
D = dt.date.fromisoformat

#: (first, last) scrape date each saved version is read for; a version not listed (a new live
#: download) is read whole.
WINDOWS: dict[str, tuple[dt.date | None, dt.date | None]] = {
    "2024-10-08_4c0224a": (None, D("2024-10-06")),
    "2025-03-19_42b87c2": (D("2024-10-07"), D("2025-03-19")),
    "2025-07-19_a8624b4": (D("2025-03-20"), None),
}
COLUMNS = ("country", "equipment_type", "destroyed", "abandoned", "captured", "damaged")


class OryxHistory(Adapter):
    name = "oryx_history"
    title = "scarnecchia/oryx_data daily_count.csv (Oryx headers by scrape date)"
    homepage = "https://github.com/scarnecchia/oryx_data"
    license = "CC-BY-4.0 (credit: scarnecchia/oryx_data, data scraped from Oryx)"
    cadence = "stopped 2025-07-19"
    quirks = (
        "rows only on change days; renamed categories; 'Losses ...' summary rows; totals that "
        "go down; three saved versions joined 2022-02..2025-07"
    )
    recorded_dir = "oryx"
    recorded_glob = "scarnecchia__oryx_data__daily_count.*.csv"

    def live_requests(self, *, latest: dt.date | None, today: dt.date) -> list[LiveRequest]:
        return [LiveRequest(URL, expect=("text/plain", "csv"))]

    def parse(self, raw: RawDocument) -> ParseOutcome:
        window = next((w for tag, w in WINDOWS.items() if tag in raw.url), (None, None))
        return parse_daily_count(decode_text(raw.content), window)


def parse_daily_count(
    text: str, window: tuple[dt.date | None, dt.date | None] = (None, None)
) -> ParseOutcome:
    """Russia's rows of a ``daily_count.csv`` within ``window``, as dated totals."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [
        c for c in (*COLUMNS, "type_total", "date_recorded") if c not in (reader.fieldnames or ())
    ]
    if missing:
        raise ParseError(f"not a daily_count.csv: missing columns {missing}")
    first, last = window
    totals: dict[tuple[dt.date, str], ConfirmedTotal] = {}
    warnings: list[str] = []
    unknown: set[str] = set()
    for line, row in enumerate(reader, 2):
        name = " ".join((row["equipment_type"] or "").split())
        if row["country"] != "Russia" or name.startswith("Losses"):
            continue  # Ukraine's rows; Oryx's summary lines scraped as categories
        try:
            day = D(row["date_recorded"])
            counts = {k: int(row[k]) for k in ("destroyed", "abandoned", "captured", "damaged")}
            total = int(row["type_total"])
        except (TypeError, ValueError) as exc:
            raise ParseError(f"line {line}: unreadable row ({exc})") from exc
        if day < categories.WAR_START or (first and day < first) or (last and day > last):
            continue  # 2022-02-23 holds all-zero seed rows; other versions' windows
        label = categories.confirmed_label("oryx", name)
        if label is None:
            unknown.add(name)
            continue
        # the day's last row of a series wins (a rename day may carry both names)
        totals[(day, label.series)] = ConfirmedTotal(
            as_of=day,
            equipment=label.series,
            raw_name=name,
            total=total,
            location=f"line {line}",
            **counts,
        )
    warnings += [f"unknown Oryx category {n!r}, not read" for n in sorted(unknown)]
    if not totals and first is None and last is None:
        raise ParseError("no Russian rows in daily_count.csv")
    return ParseOutcome(figures=[], warnings=warnings, confirmed_totals=list(totals.values()))
