"""``create_app(settings)``: the API (/api/v1, /api/v2), the dashboard and its static files.

One process serves everything (``losswatch serve``). Nothing is created at import time: the
engine, the series cache, the templates and the submission store are made here, from the
settings passed in, so tests build as many independent apps as they like.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from sqlalchemy import Engine
from starlette.responses import FileResponse, Response

import losswatch
from losswatch import web
from losswatch.api import problems, v2
from losswatch.api.deps import Clock, kyiv_today
from losswatch.api.forwarded import TrustedProxy
from losswatch.api.middleware import (
    BodyLimit,
    CatchAll,
    HeadAsGet,
    ReadOnlyCors,
    SecurityHeaders,
)
from losswatch.api.response_cache import ResponseCache
from losswatch.api.routes import admin, check, confirmed, files, insights, reports
from losswatch.errors import NotFound
from losswatch.settings import Settings
from losswatch.store.engine import open_store
from losswatch.views.snapshot import DataCache

DESCRIPTION = """Ukraine's General Staff daily reports of Russian combat losses, reconciled from
several public sources into one canonical series. Read-only to the public; errors are
`application/problem+json` with a stable `code`. `/api/v2` mirrors the russianwarship.rip API
(and serves its older `/api/v1/statistics` and `/api/v1/terms` paths, not listed here)."""


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def create_app(
    settings: Settings,
    *,
    engine: Engine | None = None,
    clock: Clock | None = None,
    cache_ttl: float = 2.0,
) -> FastAPI:
    """The whole web application for ``settings`` (``engine`` and ``clock`` for tests)."""
    own_engine = engine is None
    store = (
        engine
        if engine is not None
        else open_store(
            settings.effective_database_url, create_folder=settings.database_url is None
        )
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if own_engine:
            store.dispose()

    app = FastAPI(
        title="losswatch",
        version=losswatch.__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.cache = DataCache(store, ttl=cache_ttl)
    app.state.clock = clock or _utcnow

    respond = problems.install(app, html=web.render_problem)
    for module in (reports, insights, check, files, admin, confirmed):
        app.include_router(module.router)
    app.include_router(admin.health_router)
    for prefix in v2.PREFIXES:  # /api/v1 aliases: the upstream's older paths, same bodies
        app.include_router(v2.router, prefix=prefix, include_in_schema=prefix == "/api/v2")
    app.include_router(v2.info_router)
    _docs(app)
    web.mount(app)  # the dashboard, after the API's routes

    schema: dict[str, Any] = {}

    def openapi() -> dict[str, Any]:
        if not schema:
            schema.update(
                problems.document_problems(
                    get_openapi(
                        title=app.title,
                        version=app.version,
                        description=app.description,
                        routes=app.routes,
                    )
                )
            )
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
    # Added innermost first: the security headers wrap everything, 413s and 500s included.
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(ReadOnlyCors)
    app.add_middleware(CatchAll, render=respond)
    app.add_middleware(SecurityHeaders)
    # The one cache: public GETs answered from memory per data version, every header the stack
    # above added included (so a hit costs no routing and no middleware: the hot path)
    app.add_middleware(
        ResponseCache,
        cache=app.state.cache,
        day=lambda: kyiv_today(app.state.clock),
        settings=settings,
    )
    app.add_middleware(HeadAsGet)  # every GET answer, errors included, has a HEAD
    # outermost: a trusted proxy's X-Forwarded-* made the scope before anything reads it
    app.add_middleware(TrustedProxy, trusted=settings.forwarded_allow_ips)
    return app


def _swagger_assets() -> Path | None:
    """Swagger UI 5's files (it renders OpenAPI 3.1) from the installed fastapi-offline
    package (the web extra), so the docs page works offline; None when it is not installed
    (then the CDN is used)."""
    try:
        static = resources.files("fastapi_offline") / "static"
    except ModuleNotFoundError:
        return None
    path = Path(str(static))
    return path if (path / "swagger-ui-bundle.js").is_file() else None


def _docs(app: FastAPI) -> None:
    """Swagger UI at /docs, allowed by a CSP that names its inline script by hash."""
    assets = _swagger_assets()
    files = {"swagger-ui-bundle.js": "text/javascript", "swagger-ui.css": "text/css"}

    @app.get("/docs-assets/{name}", include_in_schema=False)
    def swagger_file(name: str) -> Response:
        if assets is None or name not in files:
            raise NotFound(f"no such file: {name[:80]}")
        return FileResponse(
            assets / name,
            media_type=files[name],
            headers={"Cache-Control": "public, max-age=86400"},
        )

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        local: dict[str, Any] = (
            {
                "swagger_js_url": "/docs-assets/swagger-ui-bundle.js",
                "swagger_css_url": "/docs-assets/swagger-ui.css",
                "swagger_favicon_url": "/static/favicon.svg",
            }
            if assets
            else {}
        )
        page = get_swagger_ui_html(openapi_url="/openapi.json", title="losswatch API", **local)
        body = page.body.decode() if isinstance(page.body, bytes) else str(page.body)
        hashes = " ".join(
            "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
            for s in re.findall(r"<script>(.*?)</script>", body, flags=re.S)
        )
        cdn = "" if assets else " https://cdn.jsdelivr.net"
        logo = "" if assets else " https://fastapi.tiangolo.com"
        csp = (
            f"default-src 'self'; img-src 'self' data:{logo}; "
            f"script-src 'self'{cdn} {hashes}; "
            f"style-src 'self'{cdn}; connect-src 'self'; "
            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
        )
        return Response(body, media_type="text/html", headers={"Content-Security-Policy": csp})
