"""The dashboard: server-rendered pages over the read models the API uses too
(:mod:`losswatch.views`).

The application (:func:`losswatch.api.app.create_app`) mounts it with :func:`mount` and renders
its HTML problems with :func:`render_problem`; nothing in here imports the API.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.responses import FileResponse, Response

from losswatch.web.checks import SubmissionStore
from losswatch.web.templating import STATIC, make_templates, render_problem

__all__ = ["mount", "plotly_js", "render_problem"]


def plotly_js() -> Path:
    """The plotly.min.js that ships inside the installed plotly package (never copied)."""
    return Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))


def mount(app: FastAPI) -> None:
    """Add the pages, their templates, the submission store and the static files to ``app``."""
    from losswatch.web import confirmed, routes

    app.state.templates = make_templates()
    app.state.submissions = SubmissionStore()
    script = plotly_js()

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly() -> Response:
        return FileResponse(
            script,
            media_type="text/javascript",
            headers={"Cache-Control": "public, max-age=604800"},
        )

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(routes.router)
    app.include_router(confirmed.router)
