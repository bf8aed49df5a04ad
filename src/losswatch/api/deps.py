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
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import Depends, Request
from sqlalchemy import Engine
from starlette.responses import Response

from losswatch.api.cache import DataCache, Snapshot
from losswatch.api.present import public
from losswatch.errors import Unauthorized
from losswatch.fetch_article import FetchedArticle, fetch_article
from losswatch.settings import Settings
from losswatch.timefmt import iso_text

KYIV = ZoneInfo("Europe/Kyiv")
Clock = Callable[[], dt.datetime]
CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300"
#: Hosts whose requests may name the base of published links themselves (``testserver`` is
#: the name of Starlette's test client).
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "testserver"})
#: The feed's base when no trusted one is known (Atom ids and links must be absolute).
FALLBACK_BASE_URL = "http://localhost:8000"


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
    if scheme.lower() != "bearer" or not secrets.compare_digest(
        given.strip().encode(), expected.encode()
    ):
        raise Unauthorized("this call writes: send Authorization: Bearer <api token>")


TokenDep = Annotated[None, Depends(require_token)]


def link_base(request: Request) -> str | None:
    """The base (scheme, host, optional path prefix; no trailing slash) of the links a
    response publishes — the feed's, the pagination links — or None for relative links.

    ``settings.public_base_url`` when set. Otherwise the request's own base URL, but only when
    its Host is a local name (:data:`LOCAL_HOSTS`: a development server or a test): these
    responses go out with ``Cache-Control: public``, so a Host header one client made up must
    never reach what a shared cache serves to everybody else. Any other host gives None, and
    the caller publishes relative links (pagination) or uses :data:`FALLBACK_BASE_URL` (the
    feed). Behind a proxy, set ``LOSSWATCH_PUBLIC_BASE_URL`` to get absolute links.
    """
    configured = get_settings(request).public_base_url
    if configured:
        return configured.rstrip("/")
    if request.url.hostname in LOCAL_HOSTS:
        return str(request.base_url).rstrip("/")
    return None


def page_link(request: Request, **params: Any) -> str:
    """This endpoint with ``params`` as its query: absolute on :func:`link_base` (which holds
    the app's root path), else relative (path and query only)."""
    base, path = link_base(request), request.url.path
    root = str(request.scope.get("root_path", ""))
    if base is not None and root and path.startswith(root):
        path = path[len(root) :]
    return f"{base or ''}{path}?{urlencode(params)}"


def get_fetcher(settings: SettingsDep) -> Callable[[str], FetchedArticle]:
    """How articles are fetched for the claim checker (tests swap in an offline one)."""

    def fetch(url: str) -> FetchedArticle:
        return fetch_article(url, settings)

    return fetch


FetcherDep = Annotated[Callable[[str], FetchedArticle], Depends(get_fetcher)]


def dumps(payload: Any) -> bytes:
    """Compact UTF-8 JSON, dates as ISO strings."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=_default).encode()


def _default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return iso_text(value)
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def envelope(data: Any, snapshot: Snapshot, **meta: Any) -> dict[str, Any]:
    """The one success shape of the v1 API: ``{"data": ..., "meta": {...}}``; ``file://``
    URLs of recorded files show their file name only (:func:`~losswatch.api.present.public`)."""
    shown: dict[str, Any] = public(
        {"data": data, "meta": {"data_version": snapshot.version, **meta}}
    )
    return shown


def etag_for(snapshot: Snapshot, key: Hashable) -> str:
    digest = hashlib.sha256(f"{snapshot.version}|{key!r}".encode()).hexdigest()[:20]
    return f'"{digest}"'


def conditional_headers(snapshot: Snapshot, key: Hashable) -> dict[str, str]:
    headers = {"ETag": etag_for(snapshot, key), "Cache-Control": CACHE_CONTROL}
    if snapshot.last_modified is not None:
        headers["Last-Modified"] = format_datetime(
            snapshot.last_modified.astimezone(dt.UTC), usegmt=True
        )
    return headers


def not_modified(request: Request, headers: dict[str, str]) -> bool:
    """Whether the client's If-None-Match already names this representation."""
    given = request.headers.get("if-none-match")
    if not given:
        return False
    tags = {t.strip().removeprefix("W/") for t in given.split(",")}
    return "*" in tags or headers["ETag"] in tags


def cached_response(
    request: Request,
    snapshot: Snapshot,
    key: Hashable,
    build: Callable[[], Any],
    *,
    media_type: str = "application/json",
    raw: bool = False,
    extra_headers: dict[str, str] | None = None,
) -> Response:
    """Serve the memoised representation ``key`` of ``snapshot`` (built once per version).

    ``build`` returns a JSON-able payload, or bytes when ``raw``. A matching If-None-Match gets
    a 304 with no body.
    """
    headers = conditional_headers(snapshot, key) | (extra_headers or {})
    if not_modified(request, headers):
        return Response(status_code=304, headers=headers)
    body: bytes = snapshot.memo(("http", key), lambda: build() if raw else dumps(build()))
    return Response(body, media_type=media_type, headers=headers)
