"""The API's own dependencies and responses: the write token, the ``{"data", "meta"}``
envelope, and :func:`cached_response`, the one place that turns a payload into bytes with
ETag / Last-Modified / Cache-Control and answers ``If-None-Match`` with 304.

The handles the dashboard shares (settings, engine, snapshot, clock...) live in
:mod:`losswatch.views.deps` and are re-exported here for the API's routes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Callable, Hashable
from email.utils import format_datetime
from typing import Annotated, Any

from fastapi import Depends, Request
from starlette.responses import Response

from losswatch.errors import Unauthorized
from losswatch.timefmt import iso_text
from losswatch.views.deps import (
    CACHE_CONTROL,
    FALLBACK_BASE_URL,
    CacheDep,
    Clock,
    ClockDep,
    EngineDep,
    FetcherDep,
    SettingsDep,
    SnapshotDep,
    get_fetcher,
    get_settings,
    kyiv_today,
    link_base,
    page_link,
)
from losswatch.views.present import public
from losswatch.views.snapshot import Snapshot

__all__ = [
    "CACHE_CONTROL",
    "CacheDep",
    "Clock",
    "ClockDep",
    "FALLBACK_BASE_URL",
    "EngineDep",
    "FetcherDep",
    "SettingsDep",
    "SnapshotDep",
    "TokenDep",
    "cached_response",
    "conditional_headers",
    "dumps",
    "envelope",
    "etag_for",
    "get_fetcher",
    "get_settings",
    "kyiv_today",
    "link_base",
    "not_modified",
    "page_link",
    "require_token",
]


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
    URLs of recorded files show their file name only (:func:`~losswatch.views.present.public`)."""
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
    """The representation ``key`` of ``snapshot`` with its ETag (from the data version and
    ``key``), Last-Modified and ``Cache-Control: public``, which lets the response cache
    (:mod:`losswatch.api.response_cache`) and any proxy keep it.

    ``build`` returns a JSON-able payload, or bytes when ``raw``; it is not called when a
    matching If-None-Match gets a 304 with no body.
    """
    headers = conditional_headers(snapshot, key) | (extra_headers or {})
    if not_modified(request, headers):
        return Response(status_code=304, headers=headers)
    body: bytes = build() if raw else dumps(build())
    return Response(body, media_type=media_type, headers=headers)
