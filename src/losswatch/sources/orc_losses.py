"""lod-db "orc-losses" (ukrainewarlosses.com): one JSON list, newest first, a source URL per row.

Before the 2022-05-01 merge its ``unarmoredVehicles`` is military auto alone; the category table
resolves that by date. The ``sourceUri`` of each row is the official page it was copied from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

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

URL = "https://raw.githubusercontent.com/lod-db/orc-losses/main/russian-losses.json"


class OrcLosses(Adapter):
    name = "orc_losses"
    title = "lod-db orc-losses (ukrainewarlosses.com)"
    homepage = "https://github.com/lod-db/orc-losses"
    license = "MIT"
    quirks = "newest first; camelCase keys; not every day; sourceUri per row"
    recorded_dir = "orc-losses"
    recorded_glob = "russian-losses.json"

    def live_requests(self, *, latest: dt.date | None, today: dt.date) -> list[LiveRequest]:
        return [LiveRequest(URL, expect=("json", "text/plain"))]

    def parse(self, raw: RawDocument) -> ParseOutcome:
        data = load_json(raw)
        if not isinstance(data, list) or not data:
            raise ParseError("expected a non-empty JSON list of daily records")
        figures: list[ParsedFigure] = []
        warnings: list[str] = []
        for i, record in enumerate(data):
            if not isinstance(record, dict) or "date" not in record:
                raise ParseError(f"$[{i}]: record without a date")
            report_date = parse_iso_date(record["date"], f"$[{i}].date")
            uri = record.get("sourceUri")
            figures += [
                replace(fig, source_url=str(uri) if uri else None)
                for fig in figures_from_record(self.name, report_date, record,
                                               where=f"$[{i}]", warnings=warnings)]
        if not figures:
            raise ParseError("no known category fields in any record (renamed fields?)")
        return ParseOutcome(figures=figures, warnings=warnings)
