"""WarSpotting: the recorded records, the paged live API (politely, resuming), and re-typed
records kept as versions so "what did it show then" stays answerable."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from pathlib import Path

import httpx
import pytest

from losswatch.errors import ParseError
from losswatch.pipeline import fetch_live, ingest_documents
from losswatch.settings import Settings
from losswatch.sources.base import RawDocument
from losswatch.sources.warspotting import PAGE_SIZE, WarSpotting
from losswatch.store.confirmed import spotted_rows
from losswatch.store.engine import open_store
from losswatch.store.writes import IngestResult

D = dt.date.fromisoformat
API = "https://api.warspotting.test/api"


@pytest.fixture(scope="module")
def recorded(sources_dir: Path) -> RawDocument:
    docs = list(WarSpotting().recorded_documents(sources_dir))
    assert len(docs) == 1
    return docs[0]


@pytest.fixture(scope="module")
def records(recorded: RawDocument) -> list[dict[str, str]]:
    return list(csv.DictReader(recorded.content.decode().splitlines()))


def test_the_recorded_records_parse_whole(recorded: RawDocument) -> None:
    items = WarSpotting().parse(recorded).spotted_items
    assert len(items) == 20932 == len({i.item_id for i in items})
    tanks = Counter(i.loss_date.year for i in items if i.type == "Tanks")
    assert tanks[2022] == 1010  # from 2022-04-03: the slice leaves out the first weeks
    assert (
        sum(1 for i in items if i.type == "Tanks" and i.loss_date.strftime("%Y-%m") == "2023-04")
        == 38
    )
    assert recorded.fetched_at == dt.datetime(2026, 8, 22, tzinfo=dt.UTC)


def _api(
    records: list[dict[str, str]], retyped: dict[int, str] | None = None, size: int = PAGE_SIZE
):  # type: ignore[no-untyped-def]
    """A WarSpotting API on the recorded records, paged per date like the real one."""
    asked: list[str] = []
    by_day: dict[str, list[dict[str, object]]] = {}
    for r in records:
        item = {
            k: r[k]
            for k in ("type", "model", "status", "lost_by", "date", "nearest_location", "unit")
        }
        item["id"] = int(r["id"])
        if retyped and int(r["id"]) in retyped:
            item["type"] = retyped[int(r["id"])]
        by_day.setdefault(r["date"], []).append(item)

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.path)
        *_, day, page = request.url.path.split("/")
        losses = by_day.get(day, [])[(int(page) - 1) * size : int(page) * size]
        return httpx.Response(200, json={"losses": losses})

    return httpx.Client(transport=httpx.MockTransport(handler)), asked


def test_live_sync_pages_each_day_and_resumes(
    tmp_path: Path, records: list[dict[str, str]]
) -> None:
    """A fresh store asks from the first day of the war, ``per_sync`` days at most."""
    window = Counter(r["date"] for r in records if r["date"] < "2022-06-03")
    busy = window.most_common(1)[0]  # spring 2022 had days of 95 records: pages of 40
    assert busy[1] > 80
    day = D(busy[0])
    engine = open_store(f"sqlite:///{tmp_path / 'w.db'}")
    adapter = WarSpotting(API)
    adapter.request_interval = 0
    adapter.page_size = 40
    client, asked = _api(records, size=40)
    result = IngestResult(adapter.name)
    today = D("2026-01-01")
    docs = fetch_live(engine, adapter, client, Settings(data_dir=tmp_path), result, today=today)
    ingest_documents(engine, adapter, docs, result, today=today)
    assert result.errors == [] and len([a for a in asked if a.endswith("/1")]) == adapter.per_sync
    assert asked[:3] == [
        "/api/losses/russia/2022-02-24/1",
        "/api/losses/russia/2022-02-25/1",
        "/api/losses/russia/2022-02-26/1",
    ]
    assert {f"/api/losses/russia/{day}/{n}" for n in (2, 3)} <= set(asked)  # full pages
    stored = Counter(r.loss_date for r in spotted_rows(engine))
    assert stored[day] == busy[1]
    # the next sync starts a week before the newest stored day (re-typing happens late)
    nxt = adapter.live_requests(latest=max(stored), today=max(stored) + dt.timedelta(days=30))
    assert nxt[0].url.endswith(f"/{max(stored) - dt.timedelta(days=7)}/1")


def test_a_retyped_record_is_a_new_version_and_the_old_one_stays(
    tmp_path: Path, records: list[dict[str, str]]
) -> None:
    first_day = [r for r in records if r["date"] == "2022-04-03"]
    target = int(first_day[0]["id"])
    engine = open_store(f"sqlite:///{tmp_path / 'v.db'}")
    adapter = WarSpotting(API)
    then = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    later = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    for seen, retyped in ((then, None), (later, {target: "Other"})):
        client, _ = _api(first_day, retyped)
        response = client.get(f"{API}/losses/russia/2022-04-03/1")
        doc = RawDocument(url=str(response.url), content=response.content, fetched_at=seen)
        ingest_documents(engine, adapter, [doc], IngestResult("warspotting"), today=D("2026-01-01"))
    now = {r.item_id: r.type for r in spotted_rows(engine)}
    before = {r.item_id: r.type for r in spotted_rows(engine, as_of=then)}
    assert now[target] == "Other" and before[target] == first_day[0]["type"]
    assert len(now) == len(before) == len(first_day)


@pytest.mark.parametrize(
    "body",
    [
        b"<html>busy</html>",
        b'{"losses": [{"id": "x", "type": "Tanks", "status": "Destroyed", "date": "2024-01-01"}]}',
        b'{"losses": 3}',
    ],
)
def test_broken_api_pages_are_parse_errors(body: bytes) -> None:
    with pytest.raises(ParseError):
        WarSpotting(API).parse(RawDocument(url=f"{API}/losses/russia/2024-01-01/1", content=body))
