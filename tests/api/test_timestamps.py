"""One timestamp format everywhere (issue 18): the same instant reads identically in the CLI,
``/api/v1/sources`` and ``/healthz``: ISO 8601, UTC, whole seconds, ``Z``."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from losswatch.timefmt import utc_stamp
from tests.api.lw_api_support import TestClient
from tests.test_cli import invoke

STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
MOMENTS = ("last_success", "last_attempt")


def _moments(rows: list[dict[str, object]]) -> dict[tuple[str, str], object]:
    return {(r["source"], k): r[k] for r in rows for k in MOMENTS if k in r}  # type: ignore[misc]


def test_cli_api_and_healthz_print_the_same_instant_identically(
    client: TestClient, store_path: Path
) -> None:
    cli = invoke("sources", "--json", db=f"sqlite:///{store_path}")
    assert cli.exit_code == 0, cli.output
    from_cli = _moments(json.loads(cli.stdout))
    from_api = _moments(client.get("/api/v1/sources").json()["data"])
    from_health = _moments(client.get("/healthz").json()["sources"])
    stamps = [v for v in from_cli.values() if v is not None]
    assert stamps, "the recorded store has synced sources"
    assert all(STAMP.match(str(v)) for v in stamps), stamps
    assert from_cli == from_api == from_health
    table = invoke("sources", db=f"sqlite:///{store_path}")
    assert str(stamps[0]) in table.stdout.replace("\n", "")


def test_utc_stamp_converts_aware_and_treats_naive_as_utc() -> None:
    kyiv = dt.timezone(dt.timedelta(hours=2))
    assert (
        utc_stamp(dt.datetime(2026, 12, 4, 19, 36, 50, 123, tzinfo=kyiv)) == "2026-12-04T17:36:50Z"
    )
    assert utc_stamp(dt.datetime(2026, 12, 4, 17, 36, 50)) == "2026-12-04T17:36:50Z"
