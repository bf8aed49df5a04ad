"""The confirmed-loss export tables carry the figures and the CC-BY-4.0 credit."""

from __future__ import annotations

import datetime as dt

from losswatch.exports.datapackage import descriptor
from losswatch.exports.tables import build_tables
from losswatch.exports.writers import to_csv, to_parquet
from losswatch.store.engine import open_store


def test_confirmed_tables_and_their_licence(real_store_url: str) -> None:
    tables = build_tables(
        open_store(real_store_url), ("long", "confirmed", "oryx_totals", "warspotting_daily")
    )
    confirmed, oryx, spotted = tables[1:]
    row = next(
        r for r in confirmed.rows if r["category"] == "tanks" and r["date"] == dt.date(2023, 4, 24)
    )
    assert row["confirmed"] == 1907 and row["ratio"] == round(row["claimed"] / 1907, 3)
    assert {r["source"] for r in oryx.rows} == {"oryx", "oryx_history"}
    assert sum(r["records"] for r in spotted.rows) == 20932
    assert "scarnecchia/oryx_data (CC-BY-4.0" in confirmed.description and to_csv(
        confirmed
    ).startswith(b"date,category,claimed")
    assert to_parquet(confirmed)[:4] == b"PAR1"
    package = descriptor(tables)
    assert "CC-BY-4.0" in {lic["name"] for lic in package["licenses"]}
    by_name = {r["name"]: r for r in package["resources"]}
    assert by_name["confirmed"]["licenses"][0]["name"] == "CC-BY-4.0"
    assert "licenses" not in by_name["long"]
    assert "scarnecchia/oryx_data" in by_name["oryx_totals"]["description"]
