"""WarSpotting: one record per visually confirmed lost item (date, type, model, status, place).

The JSON API is paged per loss date (``/losses/russia/{date}/{page}``). A live sync asks for the
days after the newest one stored, re-reading the last ``RESCAN_DAYS`` (WarSpotting adds and
re-types records after the fact), at most ``per_sync`` days, one request a second: the next sync
resumes where this one stopped. The recorded files are the same records flattened to CSV by
lazar-bit/automated-warspotting-scraper (MIT).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from losswatch import categories
from losswatch.errors import ParseError
from losswatch.models import ParseOutcome, SpottedItem
from losswatch.sources.base import (
    Adapter,
    LiveRequest,
    RawDocument,
    decode_text,
    load_json,
    parse_iso_date,
)

API = "https://api.warspotting.net/api"
PAGE_SIZE = 100
RESCAN_DAYS = 7

#: the recorded extract, and when it was what WarSpotting showed (its commit date, PROVENANCE.txt)
RECORDED: dict[str, dt.datetime] = {
    "lazar-bit__automated-warspotting-scraper__warspotting_losses"
    ".slice_2022-04-03_to_2026-08-21.csv": dt.datetime(2026, 8, 22, tzinfo=dt.UTC),
}
_PAGE_URL = re.compile(r"/losses/russia/(?P<day>\d{4}-\d{2}-\d{2})/(?P<page>\d+)$")


class WarSpotting(Adapter):
    name = "warspotting"
    title = "WarSpotting: per-item visually confirmed losses"
    homepage = "https://ukr.warspotting.net/"
    license = "not verified (records via lazar-bit/automated-warspotting-scraper, MIT)"
    cadence = "continuous"
    quirks = (
        "per-item records, not totals; past records re-typed (kept as versions); ids not in "
        "date order; 'geo' one 'lat,lon' string"
    )
    recorded_dir = "warspotting"
    per_sync: int = 100  # days asked per sync; the next sync resumes
    page_size: int = PAGE_SIZE  # a full page means there is a next one
    request_interval: float = 1.0

    def __init__(self, api: str = API) -> None:
        self.api = api.rstrip("/")

    def recorded_documents(self, root: Path) -> Iterator[RawDocument]:
        for doc in super().recorded_documents(root):
            seen = RECORDED.get(doc.url.rsplit("/", 1)[-1])
            if seen is not None:
                yield replace(doc, fetched_at=seen, media_type="text/csv")

    def live_requests(self, *, latest: dt.date | None, today: dt.date) -> list[LiveRequest]:
        start = latest - dt.timedelta(days=RESCAN_DAYS) if latest else categories.WAR_START
        days = [start + dt.timedelta(days=n) for n in range((today - start).days + 1)]
        return [self._page(day, 1) for day in days[: self.per_sync]]

    def _page(self, day: dt.date, page: int) -> LiveRequest:
        return LiveRequest(f"{self.api}/losses/russia/{day.isoformat()}/{page}", hint_date=day)

    def next_requests(self, raw: RawDocument) -> list[LiveRequest]:
        match = _PAGE_URL.search(raw.url)
        if not raw.url.startswith(self.api) or match is None:
            return []
        losses = _losses(raw)
        page = int(match["page"])
        if len(losses) < self.page_size or page >= 50:
            return []
        return [self._page(dt.date.fromisoformat(match["day"]), page + 1)]

    def parse(self, raw: RawDocument) -> ParseOutcome:
        if raw.media_type == "text/csv" or raw.url.endswith(".csv"):
            return parse_csv(decode_text(raw.content))
        items = [_item(r, f"$.losses[{i}]") for i, r in enumerate(_losses(raw))]
        return ParseOutcome(figures=[], spotted_items=[i for i in items if i is not None])


def _losses(raw: RawDocument) -> list[dict[str, object]]:
    data = load_json(raw)
    losses = data.get("losses") if isinstance(data, dict) else None
    if not isinstance(losses, list) or not all(isinstance(r, dict) for r in losses):
        raise ParseError("expected {'losses': [ {...}, ... ]}")
    return losses


def _item(record: dict[str, object], where: str) -> SpottedItem | None:
    """One record as an item; None for another side's loss. Coded errors for broken ones."""
    if str(record.get("lost_by", "Russia")) != "Russia":
        return None
    item_id = record.get("id")
    if isinstance(item_id, str) and item_id.isdigit():
        item_id = int(item_id)
    if not isinstance(item_id, int) or isinstance(item_id, bool):
        raise ParseError(f"{where}.id: not an integer: {item_id!r}")
    for key in ("type", "status"):
        if not record.get(key):
            raise ParseError(f"{where}.{key}: missing")
    return SpottedItem(
        item_id=item_id,
        loss_date=parse_iso_date(record.get("date"), f"{where}.date"),
        type=str(record["type"]),
        model=str(record.get("model") or ""),
        status=str(record["status"]),
        nearest_location=str(record.get("nearest_location") or "") or None,
        unit=str(record.get("unit") or "") or None,
    )


def parse_csv(text: str) -> ParseOutcome:
    """The scraper's CSV: the API's records flattened, one a line."""
    reader = csv.DictReader(io.StringIO(text))
    if not {"id", "date", "type", "status"} <= set(reader.fieldnames or ()):
        raise ParseError("not a WarSpotting CSV: needs id, date, type, status columns")
    items = [_item(dict(row), f"line {n}") for n, row in enumerate(reader, 2)]
    kept = [i for i in items if i is not None]
    if not kept:
        raise ParseError("no Russian records")
    return ParseOutcome(figures=[], spotted_items=kept)
