"""Answer repeated GETs from memory, before routing: the API's hot path.

Every read endpoint already memoises its rendered bytes per data version (see
:func:`~losswatch.api.deps.cached_response`), but each request still went through routing,
validation, a thread-pool hop and five middleware. This middleware keeps the *finished*
response (status, every header the stack added, body) of each public, cacheable GET in the
current :class:`~losswatch.api.cache.Snapshot`, keyed by everything the response can depend on:
path, query string, scheme and Host (links), Origin (CORS) and the Kyiv date (``latest``). A new
data version is a new snapshot, so nothing stale is ever served; a matching ``If-None-Match`` gets
its 304 here too.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from losswatch.api.cache import DataCache, Snapshot

Stored = tuple[int, list[tuple[bytes, bytes]], bytes, bytes | None]  # status, headers, body, etag
PREFIXES = ("/api/v1/", "/api/v2/", "/feed.atom")
DROPPED_ON_304 = {b"content-length", b"content-type"}


def _header(scope: Scope, name: bytes) -> bytes:
    for key, value in scope["headers"]:
        if key == name:
            return bytes(value)
    return b""


class FastPath:
    def __init__(self, app: ASGIApp, cache: DataCache, day: Callable[[], Hashable]) -> None:
        self.app, self.cache, self.day = app, cache, day

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or not scope["path"].startswith(PREFIXES)
        ):
            await self.app(scope, receive, send)
            return
        snapshot = self.cache.fresh()
        key = (
            "asgi",
            scope["path"],
            scope["query_string"],
            scope.get("scheme", "http"),  # absolute links (a trusted proxy's X-Forwarded-Proto)
            _header(scope, b"host"),
            _header(scope, b"origin"),
            self.day(),
        )
        hit: Stored | None = snapshot.peek(key) if snapshot is not None else None
        if hit is not None:
            await self._replay(hit, _header(scope, b"if-none-match"), send)
            return
        await self.app(scope, receive, self._recorder(send, snapshot, key))

    def _recorder(self, send: Send, snapshot: Snapshot | None, key: Hashable) -> Send:
        """Pass the response through, and keep it if it is public and was made on the snapshot
        that is still current (a reload during the request means: do not keep)."""
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def record(message: Message) -> None:
            await send(message)
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    self._keep(start, b"".join(chunks), snapshot, key)

        return record

    def _keep(
        self, start: dict[str, Any], body: bytes, snapshot: Snapshot | None, key: Hashable
    ) -> None:
        headers = [(bytes(k).lower(), bytes(v)) for k, v in start.get("headers", [])]
        cache_control = next((v for k, v in headers if k == b"cache-control"), b"")
        if (
            start.get("status") != 200
            or b"public" not in cache_control
            or snapshot is None
            or self.cache.fresh() is not snapshot
        ):
            return
        etag = next((v for k, v in headers if k == b"etag"), None)
        snapshot.memo(key, lambda: (200, headers, body, etag))

    @staticmethod
    async def _replay(hit: Stored, if_none_match: bytes, send: Send) -> None:
        status, headers, body, etag = hit
        if etag is not None and if_none_match and _matches(if_none_match, etag):
            await send(
                {
                    "type": "http.response.start",
                    "status": 304,
                    "headers": [h for h in headers if h[0] not in DROPPED_ON_304],
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _matches(if_none_match: bytes, etag: bytes) -> bool:
    tags = {t.strip().removeprefix(b"W/") for t in if_none_match.split(b",")}
    return b"*" in tags or etag in tags
