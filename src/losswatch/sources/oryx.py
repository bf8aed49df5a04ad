"""Oryx's list of visually confirmed Russian losses: the live page and its Internet Archive copies.

The page is one long blog post, edited in place. What losswatch reads is its headers: the
country line ("Russia - 10110, of which: destroyed: 6579, damaged: 316, abandoned: 391,
captured: 2824") and one line per category ("Tanks (1907, of which destroyed: 1161, ...)").
Each sync stores the page as a dated snapshot, so the history grows; the Internet Archive's
snapshots (listed by its CDX API) give a new install the history since 2022.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zlib
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from losswatch import categories
from losswatch.errors import ParseError
from losswatch.models import ConfirmedTotal, ParseOutcome
from losswatch.sources.base import Adapter, LiveRequest, RawDocument, decode_text, parse_count

PAGE = "https://www.oryxspioenkop.com/2022/02/attack-on-europe-documenting-equipment.html"
ARCHIVE = "https://web.archive.org"
MAX_UNZIPPED = 64 * 2**20

#: The saved pages under shared/data/sources/oryx/, dated as their PROVENANCE.txt establishes
#: (the file names carry no date; each date was cross-checked against the history CSVs).
RECORDED: dict[str, dt.date] = {
    "dominictarro__Borderlands__tests__data__pages__russia.html.gz": dt.date(2023, 4, 24),
    # P-Roq swapped its file names: "mock_webpage_ukraine" holds the Russian page
    "P-Roq__war_losses_etl_pipeline__tests__mock_webpage_ukraine.py.txt": dt.date(2023, 12, 18),
}

_NUM = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+"  # 1,907 or 1907, never the comma after it
_COUNTRY = re.compile(rf"^Russia\s*-\s*(?P<total>{_NUM})\s*,\s*of which:?(?P<rest>.*)$", re.I)
_CATEGORY = re.compile(
    rf"^(?P<name>\S.*?)\s*\((?P<total>{_NUM})\s*(?:,\s*of which:?(?P<rest>[^()]*))?\)\s*$"
)
_STATUS = re.compile(rf"(destroyed|damaged|abandoned|captured)\s*:\s*({_NUM})", re.I)


class _Headings(HTMLParser):
    """The text of every <h3>, in order: Oryx writes both kinds of header as h3."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[str] = []
        self._depth = 0
        self._parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h3":
            self._depth += 1
            self._parts = [] if self._depth == 1 else self._parts

    def handle_endtag(self, tag: str) -> None:
        if tag == "h3" and self._depth:
            self._depth -= 1
            if not self._depth:
                text = " ".join("".join(self._parts).replace("\u00a0", " ").split())
                if text:
                    self.headings.append(text)

    def handle_data(self, data: str) -> None:
        if self._depth:
            self._parts.append(data)


def page_text(content: bytes) -> str:
    """The page's text: gzip-compressed saved pages are unpacked (bounded), then decoded."""
    if content[:2] == b"\x1f\x8b":
        try:
            unpacker = zlib.decompressobj(wbits=31)
            content = unpacker.decompress(content, MAX_UNZIPPED)
        except zlib.error as exc:
            raise ParseError(f"broken gzip: {exc}") from exc
        if unpacker.unconsumed_tail:
            raise ParseError(f"gzip unpacks to more than {MAX_UNZIPPED} bytes")
    return decode_text(content)


def _statuses(rest: str) -> dict[str, int]:
    return {m.group(1).lower(): parse_count(m.group(2)) for m in _STATUS.finditer(rest or "")}


def parse_page(content: bytes, as_of: dt.date) -> ParseOutcome:
    """The Russia header and every category header of an Oryx page, as dated totals.

    Tolerant of what the real pages do: a missing comma between two statuses (2023-12-18,
    "destroyed: 263 damaged: 13"), parentheses in a name ("(MRAP) Vehicles (44, ...)"), no
    break spaces. A page without the Russia header or without categories is a ParseError.
    """
    parser = _Headings()
    parser.feed(page_text(content))
    parser.close()
    totals: list[ConfirmedTotal] = []
    warnings: list[str] = []
    started = False
    for i, text in enumerate(parser.headings):
        where = f"h3[{i}]"
        country = _COUNTRY.match(text)
        if country:
            if started:
                break  # a second country header: another list on the same page
            started = True
            totals.append(_total(as_of, "All Types", "Russia", country, where, warnings))
            continue
        match = _CATEGORY.match(text) if started else None
        if match is None:
            continue
        name = match.group("name").strip(" :")
        label = categories.confirmed_label("oryx", name)
        if label is None:
            warnings.append(f"{where}: unknown Oryx category {name!r}, not read")
            continue
        totals.append(_total(as_of, label.series, name, match, where, warnings))
    if not started:
        raise ParseError("no 'Russia - N, of which ...' header (not the Oryx Russian page?)")
    if len(totals) < 2:
        raise ParseError("the Russia header but no category header")
    parts = sum(t.total for t in totals[1:])
    if parts != totals[0].total:
        warnings.append(f"categories sum to {parts}, the Russia header says {totals[0].total}")
    return ParseOutcome(figures=[], warnings=warnings, confirmed_totals=totals)


def _total(
    as_of: dt.date, series: str, name: str, match: re.Match[str], where: str, warnings: list[str]
) -> ConfirmedTotal:
    total = parse_count(match.group("total"))
    statuses = _statuses(match.group("rest"))
    if statuses and sum(statuses.values()) != total:
        warnings.append(f"{where}: statuses sum to {sum(statuses.values())}, total {total}")
    return ConfirmedTotal(
        as_of=as_of, equipment=series, raw_name=name, total=total, location=where, **statuses
    )


class OryxPage(Adapter):
    name = "oryx"
    title = "Oryx: documenting Russian equipment losses (visually confirmed)"
    homepage = PAGE
    license = "none stated (figures quoted with credit)"
    cadence = "irregular, several a week"
    quirks = (
        "one page edited in place: each sync keeps a dated snapshot; headers 'Tanks (N, of "
        "which destroyed: a, ...)', a comma missing on 2023-12-18, renamed categories"
    )
    recorded_dir = "oryx"

    def recorded_documents(self, root: Path) -> Iterator[RawDocument]:
        from dataclasses import replace

        for doc in super().recorded_documents(root):
            day = RECORDED.get(doc.url.rsplit("/", 1)[-1])
            if day is not None:
                yield replace(doc, hint_date=day, media_type="text/html")

    def live_requests(self, *, latest: dt.date | None, today: dt.date) -> list[LiveRequest]:
        return [LiveRequest(PAGE, hint_date=today, expect=("html",))]

    def parse(self, raw: RawDocument) -> ParseOutcome:
        return parse_page(raw.content, raw.hint_date or raw.fetched_at.date())


_SNAPSHOT_URL = re.compile(r"/web/(?P<stamp>\d{8})\d*id_/")


class OryxArchive(Adapter):
    """The Internet Archive's copies of the Oryx page: the CDX API lists them (one a day at
    most), each parses like the live page. Live only; a sync takes at most ``per_sync``
    copies, oldest first after the newest date stored, so the backfill resumes politely."""

    name = "oryx_archive"
    title = "Oryx page copies in the Internet Archive (Wayback Machine)"
    homepage = "https://web.archive.org/web/*/" + PAGE
    license = "none stated (figures quoted with credit)"
    cadence = "backfill"
    quirks = "CDX index then one copy per day; resumes after the newest stored date"
    recorded_dir = "oryx_archive"  # nothing recorded: live only
    per_sync: int = 40
    request_interval: float = 1.0

    def __init__(self, base: str = ARCHIVE) -> None:
        self.base = base.rstrip("/")

    def live_requests(self, *, latest: dt.date | None, today: dt.date) -> list[LiveRequest]:
        since = (latest + dt.timedelta(days=1)) if latest else categories.WAR_START
        query = (
            f"{self.base}/cdx/search/cdx?url={PAGE.split('://', 1)[1]}&output=json"
            f"&from={since:%Y%m%d}&to={today:%Y%m%d}&filter=statuscode:200"
            "&collapse=timestamp:8&fl=timestamp,original,digest"
        )
        return [LiveRequest(query, expect=("json", "text/plain"))]

    def next_requests(self, raw: RawDocument) -> list[LiveRequest]:
        if "/cdx/" not in raw.url:
            return []
        out: list[LiveRequest] = []
        seen: set[str] = set()
        for stamp, original, digest in _cdx_rows(raw):
            if digest in seen or not original.startswith(("http://", "https://")):
                continue  # the same bytes again: nothing new to read
            seen.add(digest)
            day = dt.date(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8]))
            out.append(
                LiveRequest(f"{self.base}/web/{stamp}id_/{PAGE}", hint_date=day, expect=("html",))
            )
        return out[: self.per_sync]

    def parse(self, raw: RawDocument) -> ParseOutcome:
        if "/cdx/" in raw.url:
            rows = _cdx_rows(raw)
            return ParseOutcome(figures=[], warnings=[f"CDX index: {len(rows)} copies listed"])
        match = _SNAPSHOT_URL.search(raw.url)
        if match is not None:  # the copy's own timestamp, also when re-parsed by rebuild
            return parse_page(raw.content, dt.datetime.strptime(match["stamp"], "%Y%m%d").date())
        raise ParseError(f"{raw.url}: not an archived copy (no /web/<timestamp>id_/)")


def _cdx_rows(raw: RawDocument) -> list[tuple[str, str, str]]:
    """(timestamp, original URL, digest) rows of a CDX JSON answer (header row skipped)."""
    try:
        data = json.loads(decode_text(raw.content) or "[]")
    except json.JSONDecodeError as exc:
        raise ParseError(f"CDX answer is not JSON: {exc.msg}") from exc
    if not isinstance(data, list):
        raise ParseError("CDX answer is not a JSON list")
    rows: list[tuple[str, str, str]] = []
    for i, row in enumerate(data[1:] if data and data[0][:1] == ["timestamp"] else data):
        if not (isinstance(row, list) and len(row) >= 3 and re.fullmatch(r"\d{8,14}", row[0])):
            raise ParseError(f"CDX row {i}: expected [timestamp, original, digest], got {row!r}")
        rows.append((str(row[0]), str(row[1]), str(row[2])))
    return rows
