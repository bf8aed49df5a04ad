"""``losswatch serve``: the JSON API and the dashboard in one uvicorn process."""

from __future__ import annotations

from typing import Annotated

import typer

from losswatch.cli import app
from losswatch.cli.common import state
from losswatch.console import err


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option(help="Interface to listen on (0.0.0.0 for all).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    db: Annotated[
        str | None,
        typer.Option("--db", help="SQLite file path or SQLAlchemy URL (same as the global --db)."),
    ] = None,
) -> None:
    """Serve the API (/api/v1, /api/v2, /docs) and the dashboard (/) until interrupted."""
    import uvicorn

    from losswatch.api import create_app

    if db:
        state(ctx).use_database(db)  # the global option's parsing, so both behave alike
    settings = state(ctx).settings
    application = create_app(settings)
    err.print(
        f"losswatch: serving http://{host}:{port}/ (API docs at /docs) from "
        f"{settings.display_database_url}",
        highlight=False,
    )
    # loop/http "auto": uvloop and httptools (the web extra installs uvicorn[standard])
    uvicorn.run(
        application,
        host=host,
        port=port,
        log_level=settings.log_level.lower(),
        server_header=False,
        proxy_headers=False,  # X-Forwarded-*: the app's TrustedProxy, from forwarded_allow_ips
        loop="auto",
        http="auto",
    )
