"""Fetching: retries, conditional requests and every failure mode, with no internet.

Most cases use httpx.MockTransport; timeouts and truncated bodies use a real HTTP server on
127.0.0.1, since those are properties of a socket.
"""

from __future__ import annotations

import datetime as dt
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from losswatch.errors import BadContentType, SourceError
from losswatch.pipeline import sync
from losswatch.settings import Settings
from losswatch.sources.base import LiveRequest, fetch
from losswatch.store.engine import open_store
from losswatch.store.queries import load_series, sources_status

NO_SLEEP = lambda _seconds: None  # noqa: E731


def client_for(handler) -> httpx.Client:  # type: ignore[no-untyped-def]
    return httpx.Client(transport=httpx.MockTransport(handler), timeout=2)


def test_200_returns_bytes_and_validators() -> None:
    def ok(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            json=[{"date": "2022-10-26"}],
            headers={"ETag": '"v1"', "Last-Modified": "Wed, 26 Oct 2022"},
        )

    raw = fetch(client_for(ok), LiveRequest("https://example.test/a.json"))
    assert raw.status == 200 and raw.etag == '"v1"' and b"2022-10-26" in raw.content


def test_304_when_the_validator_matches() -> None:
    def conditional(request: httpx.Request) -> httpx.Response:
        if request.headers.get("if-none-match") == '"v1"':
            return httpx.Response(304)
        return httpx.Response(200, json=[], headers={"ETag": '"v1"'})

    raw = fetch(client_for(conditional), LiveRequest("https://example.test/a.json"), etag='"v1"')
    assert raw.status == 304 and raw.content == b""


def test_404_is_a_coded_error_without_retries() -> None:
    calls = []

    def missing(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(404, text="not here")

    with pytest.raises(SourceError) as info:
        fetch(client_for(missing), LiveRequest("https://example.test/a.json"), sleep=NO_SLEEP)
    assert info.value.code == "source-unavailable" and info.value.detail["http_status"] == 404
    assert len(calls) == 1


def test_500_is_retried_with_backoff_then_succeeds() -> None:
    statuses = iter([500, 503, 200])
    pauses: list[float] = []

    def flaky(request: httpx.Request) -> httpx.Response:
        return httpx.Response(next(statuses), json=[])

    raw = fetch(
        client_for(flaky),
        LiveRequest("https://example.test/a.json"),
        retries=3,
        sleep=pauses.append,
    )
    assert raw.status == 200 and pauses == [0.5, 1.0]


def test_500_forever_gives_up_with_the_last_error() -> None:
    with pytest.raises(SourceError, match="HTTP 500 after 3 attempts"):
        fetch(
            client_for(lambda r: httpx.Response(500)),
            LiveRequest("https://x.test/a"),
            retries=2,
            sleep=NO_SLEEP,
        )


def test_html_error_page_with_status_200_is_a_wrong_content_type() -> None:
    def html(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, text="<html>Service down</html>", headers={"content-type": "text/html"}
        )

    with pytest.raises(BadContentType) as info:
        fetch(client_for(html), LiveRequest("https://example.test/a.json"))
    assert info.value.code == "bad-content-type"


@pytest.fixture
def local_server() -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 that stalls on /slow and cuts /truncated short."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            if self.path == "/slow":
                threading.Event().wait(1.5)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b'[{"date": "2022-10-26", "tank": 26')  # then closes early

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_timeout_against_a_real_server(local_server: str) -> None:
    with httpx.Client(timeout=0.3) as client, pytest.raises(SourceError, match="timeout"):
        fetch(client, LiveRequest(f"{local_server}/slow"), retries=1, sleep=NO_SLEEP)


def test_truncated_body_against_a_real_server(local_server: str) -> None:
    with httpx.Client(timeout=2) as client, pytest.raises(SourceError):
        fetch(client, LiveRequest(f"{local_server}/truncated"), retries=0)


def recorded_web(sources_dir: Path):  # type: ignore[no-untyped-def]
    """A fake internet that serves the recorded files at the adapters' live URLs."""
    files = {
        "/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset/main/data/russia_losses_equipment.json": sources_dir
        / "petroivaniuk"
        / "russia_losses_equipment.json",
        "/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset/main/data/russia_losses_personnel.json": sources_dir
        / "petroivaniuk"
        / "russia_losses_personnel.json",
        "/PetroIvaniuk/2022-Ukraine-Russia-War-Dataset/main/data/"
        "russia_losses_equipment_correction.json": sources_dir
        / "petroivaniuk"
        / "russia_losses_equipment_correction.json",
        "/lod-db/orc-losses/main/russian-losses.json": sources_dir
        / "orc-losses"
        / "russian-losses.json",
        "/api/v2/statistics/latest": sources_dir
        / "russianwarship"
        / "statistics_latest__2022-11-24.json",
    }
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        path = files.get(request.url.path)
        if path is None:
            return httpx.Response(404, text="no such page")
        etag = f'"{path.stat().st_size}"'
        if request.headers.get("if-none-match") == etag:
            return httpx.Response(304)
        return httpx.Response(
            200,
            content=path.read_bytes(),
            headers={"content-type": "application/json; charset=utf-8", "ETag": etag},
        )

    return handler, seen


def test_live_sync_against_recorded_responses_then_conditional_refresh(
    sources_dir: Path, tmp_path: Path
) -> None:
    handler, seen = recorded_web(sources_dir)
    engine = open_store(f"sqlite:///{tmp_path / 'live.db'}")
    with client_for(handler) as client:
        summary = sync(
            engine,
            Settings(http_retries=0),
            client=client,
            sources=["petroivaniuk", "orc_losses", "russianwarship"],
            today=dt.date(2022, 11, 25),
        )
        assert summary.ok, [r.errors for r in summary.results]
        assert load_series(engine).value("tanks", dt.date(2022, 10, 26)) == 2628
        seen.clear()
        again = sync(
            engine,
            Settings(http_retries=0),
            client=client,
            sources=["petroivaniuk", "orc_losses"],
            today=dt.date(2022, 11, 25),
        )
    assert [(r.snapshots, r.new_observations, r.unchanged) for r in again.results] == [
        (0, 0, 3),
        (0, 0, 1),
    ]  # every URL answered 304
    assert all(r.headers.get("if-none-match") for r in seen)
    status = {s["source"]: s for s in sources_status(engine)}
    assert status["petroivaniuk"]["last_status"] == "unchanged"


def test_offline_sync_records_the_failure_and_keeps_the_store(
    sources_dir: Path, tmp_path: Path
) -> None:
    def offline(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("Name or service not known", request=request)

    engine = open_store(f"sqlite:///{tmp_path / 'off.db'}")
    sync(engine, Settings(), from_dir=sources_dir, sources=["orc_losses"])
    with client_for(offline) as client:
        summary = sync(engine, Settings(), client=client, sources=["orc_losses"])
    [result] = summary.results
    assert not summary.ok and "cannot connect" in result.errors[0]
    assert load_series(engine).value("tanks", dt.date(2022, 10, 26)) == 2628
    status = {s["source"]: s for s in sources_status(engine)}["orc_losses"]
    assert status["last_status"] == "failed" and "source-unavailable" in status["last_error"]


def test_live_official_pages_look_back_a_week_at_most() -> None:
    from losswatch.sources.official import LIVE_LOOKBACK_DAYS, live_dates

    today = dt.date(2026, 12, 1)
    after_import = live_dates(dt.date(2024, 3, 23), today)  # recorded texts end in 2024
    assert after_import[0] == today - dt.timedelta(days=LIVE_LOOKBACK_DAYS)
    assert after_import[-1] == today
    assert live_dates(today - dt.timedelta(days=2), today) == [today - dt.timedelta(days=1), today]


def test_russianwarship_follows_only_its_own_pages() -> None:
    from losswatch.sources import get_adapter
    from losswatch.sources.base import RawDocument

    adapter = get_adapter("russianwarship")

    def page(next_url: str) -> RawDocument:
        body = json.dumps({"data": {"records": [], "paging": {"next_url": next_url}}}).encode()
        return RawDocument(url="https://russianwarship.rip/api/v2/statistics", content=body)

    own = "https://russianwarship.rip/api/v2/statistics?offset=50&limit=50"
    assert [r.url for r in adapter.next_requests(page(own))] == [own]
    assert adapter.next_requests(page("http://169.254.169.254/latest/meta-data")) == []
