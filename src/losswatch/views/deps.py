"""The request's handles that the API's and the dashboard's routes share, as ``Annotated``
aliases so tests can override them: settings, engine, the current data snapshot, the clock, the
article fetcher, and the base of published links.

Everything comes from ``app.state`` (set by :func:`losswatch.api.app.create_app`): nothing is
created at import time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from functools import lru_cache
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit
from zoneinfo import ZoneInfo

from fastapi import Depends, Request
from sqlalchemy import Engine
from starlette.types import Scope

from losswatch.guarded_fetch import FetchedArticle, fetch_article
from losswatch.settings import Settings
from losswatch.views.snapshot import DataCache, Snapshot

KYIV = ZoneInfo("Europe/Kyiv")
#: What every cacheable read answers (API responses, dashboard pages): a minute fresh.
CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300"
Clock = Callable[[], dt.datetime]
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


@lru_cache(maxsize=64)
def _hostname(host: bytes) -> str | None:
    return urlsplit("//" + host.decode("latin-1")).hostname


def link_key(settings: Settings, scope: Scope, host: bytes) -> Hashable:
    """What of a request (its ``scope`` and Host header) :func:`link_base` reads, as a cache
    key: nothing when the settings name the public base URL or the Host is not a local name;
    else scheme, Host and root path."""
    if settings.public_base_url or _hostname(host) not in LOCAL_HOSTS:
        return None
    return (scope.get("scheme"), host, scope.get("root_path", ""))


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
