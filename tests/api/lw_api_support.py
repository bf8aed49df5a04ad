"""Helpers shared by tests/api and tests/web: the store built once, the app, assert_problem.

Imported as ``tests.api.lw_api_support`` by both conftests so the store (a real sync of the recorded
sources into a SQLite file, ~5 s) is built once per session however the tests are selected.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import sqlite3
import warnings
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI
from pydantic import SecretStr

from losswatch.api.deps import get_fetcher
from losswatch.guarded_fetch import FetchedArticle, fetch_article
from losswatch.settings import Settings

with warnings.catch_warnings():
    # starlette's TestClient warns at import that it prefers the httpx2 package, which is not a
    # dependency of losswatch; the warning is about packaging, not about our code.
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

__all__ = [
    "FIXED_NOW",
    "TOKEN",
    "TestClient",
    "assert_problem",
    "copy_store",
    "go_offline",
    "make_settings",
]

#: 09:00 in Kyiv on the newest recorded report date: today's report is out.
FIXED_NOW = dt.datetime(2026, 8, 22, 6, 0, tzinfo=dt.UTC)
LATEST = dt.date(2026, 8, 22)
TOKEN = "test-token-9f2c"
PROBLEM_KEYS = {"type", "code", "title", "status", "detail"}

#: What every public URL serves in tests (a real-looking article page, no network).
ARTICLE_HTML = (
    "<html><head><title>Russian losses</title><meta name='date' content='2022-10-26'></head>"
    "<body><article><h1>Russian losses soared to 480 in one day</h1>"
    "<p>Russia lost 480 troops on Tuesday alone, according to the latest estimates from "
    "Ukraine's Armed Forces.</p><p>There have already been around 68,900 troops lost "
    "through the course of the war, and 2,628 tanks, Kyiv said in its daily update on "
    "the war's progress, published every morning.</p></article></body></html>"
)
PUBLIC_TEST_ADDRESS = "93.184.216.34"


def copy_store(path: Path, target_dir: Path) -> Path:
    """A private copy of the built store, for tests that write (sync) or break it."""
    target = target_dir / "store-copy.db"
    with sqlite3.connect(path) as source, sqlite3.connect(target) as copy:
        source.backup(copy)  # consistent even with a WAL beside the file
    return target


def _offline_resolver(host: str, port: int, **_: Any) -> list[tuple[Any, ...]]:
    """IP literals as themselves, localhost as loopback, every other name a public address."""
    try:
        address = str(ipaddress.ip_address(host))
    except ValueError:
        address = "127.0.0.1" if host == "localhost" else PUBLIC_TEST_ADDRESS
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    return [(family, socket.SOCK_STREAM, 6, "", (address, port))]


def go_offline(app: FastAPI, content_type: str = "text/html; charset=utf-8") -> FastAPI:
    """Fetch articles through the real guard, but from a MockTransport: no test uses the net.

    Every page is :data:`ARTICLE_HTML` (UTF-8 bytes) sent with ``content_type``.
    """
    settings = app.state.settings
    transport = httpx.MockTransport(
        lambda request: httpx.Response(
            200, content=ARTICLE_HTML.encode(), headers={"Content-Type": content_type}
        )
    )

    def fetcher() -> Any:
        def fetch(url: str) -> FetchedArticle:
            return fetch_article(url, settings, transport=transport, resolver=_offline_resolver)

        return fetch

    app.dependency_overrides[get_fetcher] = fetcher
    return app


def make_settings(db_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": f"sqlite:///{db_path}",
        "data_dir": db_path.parent,
        "api_token": SecretStr(TOKEN),
    }
    return Settings(**(values | overrides))


def assert_problem(response: Any, status: int, code: str) -> dict[str, Any]:
    """The response is our one error shape (problem+json, stable code), with this status."""
    assert response.status_code == status, (response.status_code, response.text[:500])
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert PROBLEM_KEYS <= body.keys(), body
    assert body["status"] == status
    assert body["code"] == code == body["type"], body
    assert "Traceback" not in response.text
    return body
