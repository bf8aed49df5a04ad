"""The one cache: finished responses of public GETs, per data version, answered before routing.

Read endpoints are pure functions of the data version and the request's path and query, so the
finished response (status, headers, body) of every 200 that says ``Cache-Control: public`` is
kept on the current :class:`~losswatch.views.snapshot.Snapshot`, under a normalised request:
path, query parameters (sorted by name), the base of published links
(:func:`~losswatch.views.deps.link_key`: the configured public URL, or a local development
host; never a Host header a client made up), whether it is a cross-origin request, and the Kyiv
date (``latest`` and the Today page). An answer that says ``Vary: Host`` (the russianwarship.rip
layer's absolute links on the request's own base) is kept per scheme, Host and root path, and
every later request to its path is looked up that way. A new data version is a new snapshot,
so nothing stale is ever served; a matching ``If-None-Match`` gets its 304 here too. Nothing else
is memoised: the endpoints build on a miss, and ETag + ``Cache-Control`` let a reverse proxy keep
the answers.

It sits outside the other middleware, so a hit costs no routing and no middleware (the API's
hot path) and replays every header they added. The CORS headers of a read depend only on
whether an Origin was sent (any origin may read: ``Access-Control-Allow-Origin: *``); an answer
that names one origin is never kept.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from losswatch.settings import Settings
from losswatch.views.deps import link_key
from losswatch.views.snapshot import DataCache, Snapshot

Stored = tuple[int, list[tuple[bytes, bytes]], bytes, bytes | None]  # status, headers, body, etag
DROPPED_ON_304 = {b"content-length", b"content-type"}


def _header(scope: Scope, name: bytes) -> bytes:
    for key, value in scope["headers"]:
        if key == name:
            return bytes(value)
    return b""


@lru_cache(maxsize=1024)
def normalised_query(query_string: bytes) -> tuple[tuple[str, str], ...]:
    """The query's parameters sorted by name (a repeated name keeps its values' order)."""
    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    return tuple(sorted(pairs, key=lambda pair: pair[0]))


class ResponseCache:
    def __init__(
        self, app: ASGIApp, cache: DataCache, day: Callable[[], Hashable], settings: Settings
    ) -> None:
        self.app, self.cache, self.day, self.settings = app, cache, day, settings
        self._checking = False
        #: Paths whose answers said ``Vary: Host``: their keys hold scheme, Host and root path.
        self._by_host: set[str] = set()

    def keys(self, scope: Scope) -> tuple[Hashable, Hashable]:
        """The request's key, and its key for an answer that varies with the Host."""
        host, cross_origin = b"", False
        for name, value in scope["headers"]:
            if name == b"host":
                host = bytes(value)
            elif name == b"origin":
                cross_origin = True
        query, path = scope["query_string"], scope["path"]
        common = (
            path,
            normalised_query(query) if query else (),
            link_key(self.settings, scope, host),
            cross_origin,
            self.day(),
        )
        by_host = (*common, (scope.get("scheme"), host, scope.get("root_path", "")))
        return (by_host if path in self._by_host else (*common, None)), by_host

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        key, by_host = self.keys(scope)
        snapshot = self.cache.fresh()
        if snapshot is None:
            # The version is due for a check: one request at a time goes through and makes the
            # check (the snapshot dependency); meanwhile the others are answered from the
            # snapshot loaded last, so a check never turns every open request into a miss.
            base = self.cache.loaded()
            if base is None or not self._checking:
                self._checking = True
                try:
                    await self.app(scope, receive, self._recorder(send, base, key, by_host))
                finally:
                    self._checking = False
                return
            snapshot = base
        hit: Stored | None = snapshot.kept(key)
        if hit is not None:
            await self._replay(hit, _header(scope, b"if-none-match"), send)
            return
        await self.app(scope, receive, self._recorder(send, snapshot, key, by_host))

    def _recorder(
        self, send: Send, snapshot: Snapshot | None, key: Hashable, by_host: Hashable
    ) -> Send:
        """Pass the response through, and keep it if it is public and was made on ``snapshot``:
        the one still loaded when it ends (a reload during the request means: do not keep;
        without one, the route used this snapshot)."""
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def record(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message, headers=list(message.get("headers", [])))
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    self._keep(start, b"".join(chunks), snapshot, key, by_host)
            await send(message)

        return record

    def _keep(
        self,
        start: dict[str, Any],
        body: bytes,
        snapshot: Snapshot | None,
        key: Hashable,
        by_host: Hashable,
    ) -> None:
        headers = [(bytes(k).lower(), bytes(v)) for k, v in start.get("headers", [])]
        cache_control = next((v for k, v in headers if k == b"cache-control"), b"")
        varies = b",".join(v for k, v in headers if k == b"vary").lower()
        if (
            start.get("status") != 200
            or b"public" not in cache_control
            or next((v for k, v in headers if k == b"access-control-allow-origin"), b"*") != b"*"
            or snapshot is None
            or self.cache.loaded() is not snapshot
        ):
            return
        if b"host" in varies:
            self._by_host.add(str(by_host[0]))  # type: ignore[index]
            key = by_host
        etag = next((v for k, v in headers if k == b"etag"), None)
        snapshot.keep(key, (200, headers, body, etag), len(body))

    @staticmethod
    async def _replay(hit: Stored, if_none_match: bytes, send: Send) -> None:
        status, headers, body, etag = hit
        if etag is not None and if_none_match and _matches(if_none_match, etag):
            await send(
                {
                    "type": "http.response.start",
                    "status": 304,
                    "headers": [h for h in headers if h[0] not in DROPPED_ON_304],  # a copy
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return
        # a copy: whoever sends it on may add headers to the message in place
        await send({"type": "http.response.start", "status": status, "headers": list(headers)})
        await send({"type": "http.response.body", "body": body})


def _matches(if_none_match: bytes, etag: bytes) -> bool:
    tags = {t.strip().removeprefix(b"W/") for t in if_none_match.split(b",")}
    return b"*" in tags or etag in tags
