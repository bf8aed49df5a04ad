"""Plain ASGI middleware (no BaseHTTPMiddleware, so the hot path stays cheap).

* :class:`SecurityHeaders` adds CSP, nosniff, Referrer-Policy and X-Frame-Options to every
  response, errors and 413s included, and HSTS when served over HTTPS; a route may set its own
  CSP (the API docs page does).
* :class:`ReadOnlyCors` lets any origin *read* the API (GET/HEAD, with the caching headers
  exposed) through Starlette's CORSMiddleware; a cross-origin write gets no CORS grant, so
  browsers refuse to send it; a plain OPTIONS gets 200 with Allow.
* :class:`BodyLimit` answers 413 (problem) for a body over ``settings.max_body_bytes``, from
  Content-Length or while the body streams in.
* :class:`CatchAll` turns an unexpected exception into a 500 problem *inside* the security
  headers, with nothing of the traceback in the response.
* :class:`HeadAsGet` answers HEAD like GET, headers only (FastAPI routes GET alone, and CORS
  advertises HEAD).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from losswatch.api.problems import problem_body, problem_response
from losswatch.errors import PayloadTooLarge, UsageError

log = logging.getLogger("losswatch.api")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
BASE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
#: Sent only on HTTPS responses (uvicorn sets the scheme from X-Forwarded-Proto of a trusted
#: proxy): a browser then never asks for the plain-HTTP address again for a year.
HSTS = "max-age=31536000"
READ_METHODS = ("GET", "HEAD")
CORS_HEADERS = ["Accept", "Accept-Language", "Content-Type", "If-None-Match", "If-Modified-Since"]
CORS_PREFIXES = ("/api/", "/feed.atom", "/feed.rss", "/openapi.json")


class SecurityHeaders:
    def __init__(self, app: ASGIApp, csp: str = CSP) -> None:
        self.app, self.csp = app, csp

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in BASE_HEADERS.items():
                    headers.setdefault(key, value)
                headers.setdefault("Content-Security-Policy", self.csp)
                if scope.get("scheme") == "https":  # served over TLS (or behind a TLS proxy)
                    headers.setdefault("Strict-Transport-Security", HSTS)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class ReadOnlyCors:
    """Starlette's :class:`~starlette.middleware.cors.CORSMiddleware` on the public paths, for
    reads only, plus an answer to a plain ``OPTIONS``.

    Any origin may read (GET/HEAD) with the caching headers exposed; a preflight may ask for
    ``Content-Type`` (clients send it on GETs too, which makes them preflighted) and the
    conditional headers. A write (POST) gets no CORS grant, so a browser refuses to send it
    cross-origin. ``OPTIONS`` without a preflight (no Origin, as curl or a server-side client
    sends it) answers 200 with ``Allow`` where a route exists, as the upstream (Laravel) does,
    instead of FastAPI's 405.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.cors = CORSMiddleware(
            app,
            allow_origins=["*"],
            allow_methods=[*READ_METHODS, "OPTIONS"],
            allow_headers=CORS_HEADERS,
            expose_headers=["ETag", "Last-Modified", "Content-Disposition"],
            max_age=86400,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith(CORS_PREFIXES):
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        headers = Headers(scope=scope)
        preflight = "origin" in headers and "access-control-request-method" in headers
        if method == "OPTIONS" and not preflight:
            await _options(self.app, scope, receive, send)
            return
        if method in READ_METHODS or method == "OPTIONS":
            await self.cors(scope, receive, send)
            return
        await self.app(scope, receive, send)


async def _options(app: ASGIApp, scope: Scope, receive: Receive, send: Send) -> None:
    """Route a plain OPTIONS: where the router says 405 (the path exists, OPTIONS is no method
    of it), answer 200 with its ``Allow`` plus HEAD and OPTIONS; a 404 stays a 404."""
    allowed = False

    async def rewrite(message: Message) -> None:
        nonlocal allowed
        if message["type"] == "http.response.start" and message["status"] == 405:
            allowed = True
            given = Headers(raw=message.get("headers", [])).get("allow", "")
            methods = {m.strip() for m in given.split(",") if m.strip()} | {"OPTIONS"}
            methods |= {"HEAD"} if "GET" in methods else set()
            out = MutableHeaders(scope=message)
            out["Allow"] = ", ".join(sorted(methods))
            out["Content-Length"] = "0"
            del out["Content-Type"]
            message = dict(message, status=200)
        elif message["type"] == "http.response.body" and allowed:
            if message.get("more_body", False):
                return
            message = {"type": "http.response.body", "body": b"", "more_body": False}
        await send(message)

    await app(scope, receive, rewrite)


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                body = problem_body(UsageError("Content-Length must be a number"))
                await problem_response(body)(scope, receive, send)
                return
            if int(declared) > self.max_bytes:
                await problem_response(problem_body(self._error()))(scope, receive, send)
                return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise self._error()
            return message

        await self.app(scope, limited, send)

    def _error(self) -> PayloadTooLarge:
        return PayloadTooLarge(f"the request body is larger than {self.max_bytes:,} bytes")


class CatchAll:
    def __init__(
        self,
        app: ASGIApp,
        render: Callable[[Request, dict[str, object]], Awaitable[Response] | Response],
    ) -> None:
        self.app, self.render = app, render

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking)
        except Exception as exc:
            log.exception(
                "unexpected error on %s %s", scope.get("method"), scope.get("path"), exc_info=exc
            )
            if started:
                raise
            from losswatch.errors import LosswatchError

            body = problem_body(LosswatchError("an unexpected error occurred; it has been logged"))
            try:
                response = self.render(Request(scope), body)
                if not isinstance(response, Response):
                    response = await response
            except Exception as again:  # the error page itself failed: plain problem JSON
                log.exception("error page failed", exc_info=again)
                response = problem_response(body)
            await response(scope, receive, send)


class HeadAsGet:
    """Serve HEAD as GET with the same status and headers (Content-Length and ETag included)
    and an empty body; a route without GET still answers 405."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app(dict(scope, method="GET"), receive, without_body)
