"""PetroIvaniuk "2022-Ukraine-Russia-War-Dataset": equipment, personnel and corrections JSON.

Keys have spaces ("field artillery"), columns appear and disappear with the official report, and
a separate corrections file lists the days the General Staff revised a count (the only days a
cumulative value may fall).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from losswatch import categories
from losswatch.models import Correction, ParseOutcome
from losswatch.sources.base import (
    Adapter,
    LiveRequest,
    RawDocument,
    json_record_list,
    parse_daily_records,
    parse_iso_date,
)

BASE = "https://raw.githubusercontent.com/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset/main/data/"
FILES = (
    "russia_losses_equipment.json",
    "russia_losses_personnel.json",
    "russia_losses_equipment_correction.json",
)


# fields that describe a record rather than count a category
METADATA = frozenset({"date", "day", "personnel*", "greatest losses direction"})


class PetroIvaniuk(Adapter):
    name = "petroivaniuk"
    title = "PetroIvaniuk 2022-Ukraine-Russia-War-Dataset"
    homepage = "https://github.com/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset"
    license = "MIT"
    quirks = (
        "keys with spaces; fuel tank merged into vehicles 2022-05-01; separate "
        "corrections file; 'personnel*' says 'about' or 'more'"
    )
    recorded_dir = "petroivaniuk"
    recorded_glob = "russia_losses_*.json"

    def recorded_documents(self, root: Path) -> Iterator[RawDocument]:
        # the folder also holds an Oryx-derived file that is not the General Staff's figures
        for doc in super().recorded_documents(root):
            if doc.url.rsplit("/", 1)[-1] in FILES:
                yield doc

    def live_requests(self, *, latest: dt.date | None, today: dt.date) -> list[LiveRequest]:
        return [LiveRequest(BASE + name, expect=("json", "text/plain")) for name in FILES]

    def parse(self, raw: RawDocument) -> ParseOutcome:
        records = json_record_list(raw)
        if raw.url.endswith("_correction.json"):
            return ParseOutcome(figures=[], corrections=_corrections(records))
        return parse_daily_records(self.name, records, metadata_fields=METADATA)


def _corrections(records: list[dict[str, object]]) -> list[Correction]:
    out: list[Correction] = []
    for i, record in enumerate(records):
        report_date = parse_iso_date(record.get("date"), f"$[{i}].date")
        for field_name, delta in record.items():
            cat = categories.for_source_key("petroivaniuk", field_name, report_date)
            if cat is not None and isinstance(delta, int) and delta != 0:
                out.append(Correction(report_date, cat.key, delta))
    return out
