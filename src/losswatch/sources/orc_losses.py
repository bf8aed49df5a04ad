"""lod-db "orc-losses" (ukrainewarlosses.com): one JSON list, newest first, a source URL per row.

Before the 2022-05-01 merge its ``unarmoredVehicles`` is military auto alone; the category table
resolves that by date. The ``sourceUri`` of each row is the official page it was copied from.
"""

from __future__ import annotations

import datetime as dt

from losswatch.models import ParseOutcome
from losswatch.sources.base import (
    Adapter,
    LiveRequest,
    RawDocument,
    json_record_list,
    parse_daily_records,
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
        return parse_daily_records(
            self.name,
            json_record_list(raw),
            url_field="sourceUri",
            metadata_fields=frozenset({"date", "sourceUri"}),
        )
