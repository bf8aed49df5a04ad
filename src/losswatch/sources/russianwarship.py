"""russianwarship.rip public API v2: ``statistics/latest``, one day, and the paged history.

Every value is a cumulative total with a day-over-day ``increase`` block; obsolete keys are kept
(``atgm_srbm_systems`` stays 4), which the category table's date ranges filter out.
"""

from __future__ import annotations

import datetime as dt

from losswatch import categories
from losswatch.errors import ParseError
from losswatch.models import ParsedFigure, ParseOutcome
from losswatch.sources.base import (
    Adapter,
    LiveRequest,
    RawDocument,
    figures_from_record,
    load_json,
    parse_iso_date,
)

API = "https://russianwarship.rip/api/v2"


class RussianWarship(Adapter):
    name = "russianwarship"
    title = "russianwarship.rip API v2"
    homepage = "https://russianwarship.rip/"
    license = "not stated"
    quirks = "keeps obsolete keys; day = war day number; paged history with next_url"
    recorded_dir = "russianwarship"
    recorded_glob = "statistics_*.json"

    def live_requests(self, *, latest: dt.date | None, today: dt.date) -> list[LiveRequest]:
        since = (latest + dt.timedelta(days=1)) if latest else categories.WAR_START
        return [
            LiveRequest(f"{API}/statistics/latest"),
            LiveRequest(
                f"{API}/statistics?offset=0&limit=50&date_from={since.isoformat()}"
                f"&date_to={today.isoformat()}"
            ),
        ]

    def next_requests(self, raw: RawDocument) -> list[LiveRequest]:
        data = load_json(raw)
        paging = _get(_get(data, "data"), "paging")
        next_url = paging.get("next_url") if isinstance(paging, dict) else None
        # follow only the API's own pages: an upstream must not steer our fetcher elsewhere
        if not next_url or not str(next_url).startswith(f"{API}/statistics"):
            return []
        return [LiveRequest(str(next_url))]

    def parse(self, raw: RawDocument) -> ParseOutcome:
        payload = _get(load_json(raw), "data")
        if not isinstance(payload, dict):
            raise ParseError("expected an object with a 'data' object")
        records = payload.get("records") if "records" in payload else [payload]
        if not isinstance(records, list):
            raise ParseError("'data.records' is not a list")
        figures: list[ParsedFigure] = []
        warnings: list[str] = []
        for i, record in enumerate(records):
            where = f"$.data.records[{i}]" if "records" in payload else "$.data"
            if not isinstance(record, dict) or not isinstance(record.get("stats"), dict):
                raise ParseError(f"{where}: no 'stats' object")
            report_date = parse_iso_date(record.get("date"), f"{where}.date")
            increase = record.get("increase")
            figures += figures_from_record(
                self.name,
                report_date,
                record["stats"],
                where=f"{where}.stats",
                increments=increase if isinstance(increase, dict) else None,
                warnings=warnings,
            )
        if not figures and records:
            raise ParseError("no known category fields in 'stats' (renamed fields?)")
        return ParseOutcome(figures=figures, warnings=warnings)


def _get(obj: object, key: str) -> object:
    return obj.get(key) if isinstance(obj, dict) else None
