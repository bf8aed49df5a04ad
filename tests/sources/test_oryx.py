"""Oryx: the saved pages parse into the totals their headers state, the history CSVs join, the
Internet Archive backfill runs against a local server, and clear breakage is quarantined."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from losswatch import categories
from losswatch.errors import ParseError
from losswatch.models import ConfirmedTotal
from losswatch.pipeline import fetch_live, ingest_documents, sync
from losswatch.rebuild import rebuild_store
from losswatch.settings import Settings
from losswatch.sources.base import RawDocument
from losswatch.sources.oryx import PAGE, OryxArchive, OryxPage, parse_page
from losswatch.sources.oryx_history import OryxHistory
from losswatch.store import schema as s
from losswatch.store.confirmed import oryx_rows
from losswatch.store.engine import open_store
from losswatch.store.writes import IngestResult

D = dt.date.fromisoformat
APRIL = "dominictarro__Borderlands__tests__data__pages__russia.html.gz"
DECEMBER = "P-Roq__war_losses_etl_pipeline__tests__mock_webpage_ukraine.py.txt"


def _page(sources_dir: Path, name: str) -> dict[str, ConfirmedTotal]:
    docs = [d for d in OryxPage().recorded_documents(sources_dir) if d.url.endswith(name)]
    assert len(docs) == 1
    return {t.equipment: t for t in OryxPage().parse(docs[0]).confirmed_totals}


@pytest.fixture(scope="module")
def history(sources_dir: Path) -> list[ConfirmedTotal]:
    adapter = OryxHistory()
    return [
        t
        for d in adapter.recorded_documents(sources_dir)
        for t in adapter.parse(d).confirmed_totals
    ]


def _as_of(history: list[ConfirmedTotal], series: str, day: dt.date) -> ConfirmedTotal:
    return max(
        (t for t in history if t.equipment == series and t.as_of <= day), key=lambda t: t.as_of
    )


def test_the_saved_2023_04_24_page_parses_into_the_totals_its_header_states(
    sources_dir: Path,
) -> None:
    page = _page(sources_dir, APRIL)
    whole = page["All Types"]
    assert (whole.as_of, whole.total) == (D("2023-04-24"), 10110)
    assert (whole.destroyed, whole.damaged, whole.abandoned, whole.captured) == (
        6579,
        316,
        391,
        2824,
    )
    tanks = page["Tanks"]
    assert (tanks.total, tanks.destroyed, tanks.damaged, tanks.abandoned, tanks.captured) == (
        1907,
        1161,
        101,
        101,
        544,
    )
    assert len(page) == 25  # the header and 24 categories, old names folded into today's
    assert page["Mine-Resistant Ambush Protected"].total == 44  # "(MRAP) Vehicles (44, ...)"
    assert page["Trucks, Vehicles, Jeeps, and Trains"].raw_name == "Trucks, Vehicles and Jeeps"


def test_each_category_of_the_page_agrees_with_the_daily_csv_series(
    sources_dir: Path, history: list[ConfirmedTotal]
) -> None:
    """Same-day scrapes agree exactly (the CSV's total is the statuses' sum); the others carry
    an earlier scrape forward and differ by at most three entries."""
    day = D("2023-04-24")
    same_day = 0
    for series, total in _page(sources_dir, APRIL).items():
        csv_row = _as_of(history, series, day)
        statuses = total.destroyed + total.damaged + total.abandoned + total.captured
        if csv_row.as_of == day:
            same_day += 1
            assert csv_row.total in (total.total, statuses), series
        else:
            assert abs(csv_row.total - total.total) <= 3, (series, csv_row, total)
    assert same_day == 6


def test_the_2023_12_18_page_with_a_comma_missing(
    sources_dir: Path, history: list[ConfirmedTotal]
) -> None:
    page = _page(sources_dir, DECEMBER)
    assert page["All Types"].total == 13482 == _as_of(history, "All Types", D("2023-12-18")).total
    apc = page["Armoured Personnel Carriers"]  # "(388, of which destroyed: 263 damaged: 13, ..."
    assert (apc.total, apc.destroyed, apc.damaged, apc.abandoned, apc.captured) == (
        388,
        263,
        13,
        19,
        92,
    )
    assert page["Tanks"].total == 2552 == _as_of(history, "Tanks", D("2023-12-18")).total


def test_a_page_without_the_russia_header_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="Russia"):
        parse_page(b"<html><h3>Tanks (5, of which destroyed: 5)</h3></html>", D("2024-01-01"))
    with pytest.raises(ParseError, match="gzip"):
        parse_page(b"\x1f\x8bnot gzip", D("2024-01-01"))


def test_the_three_history_versions_join_into_one_series(history: list[ConfirmedTotal]) -> None:
    days = sorted({t.as_of for t in history})
    assert (days[0], days[-1]) == (D("2022-03-19"), D("2025-07-19"))
    assert not any(t.equipment.startswith("Losses") for t in history)
    tanks = sorted((t for t in history if t.equipment == "Tanks"), key=lambda t: t.as_of)
    assert tanks[-1].total == 4074  # = totals_by_type.csv of the same commit
    assert any(b.total < a.total for a, b in zip(tanks, tanks[1:], strict=False))  # totals go down
    recon = [t for t in history if t.equipment == "Reconnaissance Unmanned Aerial Vehicles"]
    assert {t.raw_name for t in recon} == {
        "Unmanned Aerial Vehicles",
        "Reconnaissance Unmanned Aerial Vehicles",
    }
    mlrs = {t.raw_name for t in history if t.equipment == "Rocket and Missile Artillery"}
    assert mlrs == {"Multiple Rocket Launchers", "Rocket and Missile Artillery"}


def test_the_mapping_beside_petroivaniuks_equipment_ua(sources_dir: Path) -> None:
    """Every Oryx category in PetroIvaniuk's file has a row; where the two mappings part ways
    the table's note says so (he files surface-to-air missiles under MLRS, command posts and
    engineering vehicles under APCs)."""
    ua_keys = {
        "Tanks": "tanks",
        "Armoured Personnel Carriers": "afv",
        "Artillery Systems": "artillery",
        "Multiple Rocket Launchers": "mlrs",
        "Anti-aircraft Warfare Systems": "air_defense",
        "Aircrafts": "aircraft",
        "Helicopters": "helicopters",
        "Unmanned Aerial Vehicles": "uav",
        "Warships, Boats": "ships",
        "Vehicle and Fuel Tank": "vehicles_fuel_tanks",
        "Special Equipment": "special_equipment",
    }
    rows = json.loads(
        (sources_dir / "oryx" / "PetroIvaniuk__russia_losses_equipment_oryx.json").read_text()
    )
    pairs = {(r["equipment_oryx"], ua_keys[r["equipment_ua"]]) for r in rows}
    differ = set()
    for oryx_name, theirs in pairs:
        label = categories.confirmed_label("oryx", oryx_name)
        assert label is not None, oryx_name
        if label.category != theirs:
            differ.add(oryx_name)
            assert "PetroIvaniuk" in label.note, oryx_name
    assert differ == {
        "Surface-To-Air Missile Systems",
        "Command Posts And Communications Stations",
        "Engineering Vehicles And Equipment",
        "Artillery Support Vehicles And Equipment",
        "Self-Propelled Anti-Tank Missile Systems",
    }
    assert len(pairs) - len(differ) == 19
    assert categories.confirmed_series_for("oryx", "artillery") == (
        "Self-Propelled Artillery",
        "Towed Artillery",
        "Heavy Mortars",
    )


def test_a_total_falling_to_a_fifth_is_quarantined_and_hidden(
    tmp_path: Path, sources_dir: Path
) -> None:
    engine = open_store(f"sqlite:///{tmp_path / 'q.db'}")
    adapter = OryxPage()
    april = next(d for d in adapter.recorded_documents(sources_dir) if d.url.endswith(APRIL))
    ingest_documents(engine, adapter, [april], IngestResult("oryx"))
    page = zlib.decompress(april.content, wbits=31)
    broken = page.replace(b"Tanks </span>(1907,", b"Tanks </span>(19,")
    assert broken != page
    doc = RawDocument(url=PAGE, content=zlib.compress(broken), hint_date=D("2023-04-25"))
    result = IngestResult("oryx")
    ingest_documents(engine, adapter, [doc], result)  # raw deflate, not gzip: a parse error
    assert result.failed == 1
    doc = RawDocument(url=PAGE, content=broken, hint_date=D("2023-04-25"))
    result = IngestResult("oryx")
    ingest_documents(engine, adapter, [doc], result)
    assert result.quarantined == 1 and "under a fifth" in result.rejected[0]
    tanks = [r for r in oryx_rows(engine) if r.equipment == "Tanks"]
    assert [(r.as_of, r.total) for r in tanks] == [(D("2023-04-24"), 1907)]


# --- the Internet Archive backfill, against a local server ------------------------------------


@pytest.fixture
def archive_server(sources_dir: Path) -> Iterator[tuple[str, list[str]]]:
    page = zlib.decompress((sources_dir / "oryx" / APRIL).read_bytes(), wbits=31)
    december = (sources_dir / "oryx" / DECEMBER).read_bytes()
    asked: list[str] = []
    cdx = [
        ["timestamp", "original", "digest"],
        ["20230424101500", PAGE, "AAAA"],
        ["20230425080000", PAGE, "AAAA"],  # the same bytes again: not fetched
        ["20231218120000", PAGE.replace("https", "http"), "BBBB"],
    ]

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            asked.append(self.path)
            if self.path.startswith("/cdx/search/cdx"):
                body, kind = json.dumps(cdx).encode(), "application/json"
            elif self.path.startswith("/web/20230424101500id_/"):
                body, kind = page, "text/html; charset=UTF-8"
            elif self.path.startswith("/web/20231218120000id_/"):
                body, kind = december, "text/html"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()
        server.server_close()


def test_the_archive_backfill_reads_each_listed_copy_once_and_resumes(
    tmp_path: Path, archive_server: tuple[str, list[str]]
) -> None:
    base, asked = archive_server
    engine = open_store(f"sqlite:///{tmp_path / 'a.db'}")
    adapter = OryxArchive(base)
    adapter.request_interval = 0
    settings = Settings(data_dir=tmp_path)
    with httpx.Client(timeout=5) as client:
        result = IngestResult(adapter.name)
        docs = fetch_live(engine, adapter, client, settings, result, today=D("2024-01-01"))
        ingest_documents(engine, adapter, docs, result, today=D("2024-01-01"))
        assert result.errors == [] and result.snapshots == 3  # the index and two copies
        assert "from=20220224" in asked[0] and len(asked) == 3
        whole = {r.as_of: r.total for r in oryx_rows(engine) if r.equipment == "All Types"}
        assert whole == {D("2023-04-24"): 10110, D("2023-12-18"): 13482}
        again = IngestResult(adapter.name)
        docs = fetch_live(engine, adapter, client, settings, again, today=D("2024-01-01"))
    assert "from=20231219" in asked[3]  # resumes after the newest stored copy


def _confirmed_rows(engine) -> tuple[list[tuple], int]:  # type: ignore[no-untyped-def]
    t = s.confirmed_totals
    with engine.connect() as conn:
        totals = conn.execute(
            select(
                t.c.source,
                t.c.as_of,
                t.c.equipment,
                t.c.total,
                t.c.destroyed,
                t.c.captured,
                t.c.snapshot_id,
            ).order_by(t.c.source, t.c.as_of, t.c.equipment)
        ).all()
        items = conn.execute(select(func.count()).select_from(s.warspotting_items)).scalar_one()
    return [tuple(r) for r in totals], items


def test_a_from_dir_sync_of_oryx_and_warspotting_is_idempotent_and_rebuilds(
    store_url: str, sources_dir: Path, tmp_path: Path
) -> None:
    engine = open_store(store_url)
    names = ["oryx", "oryx_history", "warspotting"]
    first = sync(engine, Settings(data_dir=tmp_path), sources=names, from_dir=sources_dir)
    assert first.ok and {r.source: r.snapshots for r in first.results} == {
        "oryx": 2,
        "oryx_history": 3,
        "warspotting": 1,
    }
    before = _confirmed_rows(engine)
    assert len(before[0]) == 50 + 5518 and before[1] == 20932
    second = sync(engine, Settings(data_dir=tmp_path), sources=names, from_dir=sources_dir)
    assert [(r.snapshots, r.new_observations, r.changed_observations) for r in second.results] == [
        (0, 0, 0)
    ] * 3
    assert _confirmed_rows(engine) == before
    rebuild_store(engine)  # from the stored raw bytes alone
    assert _confirmed_rows(engine) == before
