"""Dependencies shared by the routes, as ``Annotated`` aliases so tests can override them.

Everything comes from ``app.state`` (set by :func:`losswatch.api.app.create_app`): nothing is
created at import time. :func:`cached_response` is the one place that turns a memoised payload
into bytes with ETag / Last-Modified / Cache-Control and answers ``If-None-Match`` with 304.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Callable, Hashable
from email.utils import format_datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import Depends, Request
from sqlalchemy import Engine
from starlette.responses import Response

from losswatch.api.cache import DataCache, Snapshot
from losswatch.errors import Unauthorized
from losswatch.fetch_article import FetchedArticle, fetch_article
from losswatch.settings import Settings

KYIV = ZoneInfo("Europe/Kyiv")
Clock = Callable[[], dt.datetime]
CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300"


def get_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def get_engine(request: Request) -> Engine:
    return request.app.state.cache.engine  # type: ignore[no-any-return]


def get_cache(request: Request) -> DataCache:
    return request.app.state.cache  # type: ignore[no-any-return]


def get_snapshot(request: Request) -> Snapshot:
    """The current data snapshot (a plain ``def``: FastAPI runs it in the thread pool)."""
    return get_cache(request).current()


def get_clock(request: Request) -> Clock:
    return request.app.state.clock  # type: ignore[no-any-return]


SettingsDep = Annotated[Settings, Depends(get_settings)]
EngineDep = Annotated[Engine, Depends(get_engine)]
CacheDep = Annotated[DataCache, Depends(get_cache)]
SnapshotDep = Annotated[Snapshot, Depends(get_snapshot)]
ClockDep = Annotated[Clock, Depends(get_clock)]


def kyiv_today(clock: Clock) -> dt.date:
    """Today's date in Kyiv: the General Staff publishes each morning, Kyiv time."""
    return clock().astimezone(KYIV).date()


def require_token(request: Request, settings: SettingsDep) -> None:
    """Writes need ``Authorization: Bearer <settings.api_token>``; without a token set, none."""
    expected = settings.api_token.get_secret_value() if settings.api_token else ""
    if not expected:
        raise Unauthorized("writes are disabled: the server has no LOSSWATCH_API_TOKEN")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(),
                                                                expected.encode()):
        raise Unauthorized("this call writes: send Authorization: Bearer <api token>")


TokenDep = Annotated[None, Depends(require_token)]


def get_fetcher(settings: SettingsDep) -> Callable[[str], FetchedArticle]:
    """How articles are fetched for the claim checker (tests swap in an offline one)."""

    def fetch(url: str) -> FetchedArticle:
        return fetch_article(url, settings)

    return fetch


FetcherDep = Annotated[Callable[[str], FetchedArticle], Depends(get_fetcher)]


def dumps(payload: Any) -> bytes:
    """Compact UTF-8 JSON, dates as ISO strings."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"),
                      default=_default).encode()


def _default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def envelope(data: Any, snapshot: Snapshot, **meta: Any) -> dict[str, Any]:
    """The one success shape of the v1 API: ``{"data": ..., "meta": {...}}``."""
    return {"data": data, "meta": {"data_version": snapshot.version, **meta}}


def etag_for(snapshot: Snapshot, key: Hashable) -> str:
    digest = hashlib.sha256(f"{snapshot.version}|{key!r}".encode()).hexdigest()[:20]
    return f'"{digest}"'


def conditional_headers(snapshot: Snapshot, key: Hashable) -> dict[str, str]:
    headers = {"ETag": etag_for(snapshot, key), "Cache-Control": CACHE_CONTROL}
    if snapshot.last_modified is not None:
        headers["Last-Modified"] = format_datetime(snapshot.last_modified.astimezone(dt.UTC),
                                                   usegmt=True)
    return headers


def not_modified(request: Request, headers: dict[str, str]) -> bool:
    """Whether the client's If-None-Match already names this representation."""
    given = request.headers.get("if-none-match")
    if not given:
        return False
    tags = {t.strip().removeprefix("W/") for t in given.split(",")}
    return "*" in tags or headers["ETag"] in tags


def cached_response(request: Request, snapshot: Snapshot, key: Hashable,
                    build: Callable[[], Any], *, media_type: str = "application/json",
                    raw: bool = False, extra_headers: dict[str, str] | None = None) -> Response:
    """Serve the memoised representation ``key`` of ``snapshot`` (built once per version).

    ``build`` returns a JSON-able payload, or bytes when ``raw``. A matching If-None-Match gets
    a 304 with no body.
    """
    headers = conditional_headers(snapshot, key) | (extra_headers or {})
    if not_modified(request, headers):
        return Response(status_code=304, headers=headers)
    body: bytes = snapshot.memo(("http", key), lambda: build() if raw else dumps(build()))
    return Response(body, media_type=media_type, headers=headers)
