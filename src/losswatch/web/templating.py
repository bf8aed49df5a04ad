"""Jinja2 set-up for the dashboard: autoescape everywhere, strict undefined, shared context.

Autoescape is on for every template (not only ``*.html`` by suffix), so any text a user sent —
an article, a query parameter — reaches the page escaped unless a template explicitly marks it
safe, which none does for user input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi.templating import Jinja2Templates
from starlette.requests import Request
from starlette.responses import Response

from losswatch import categories
from losswatch.views.deps import CACHE_CONTROL
from losswatch.web.i18n import days, pick_lang, translator

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
NAV: tuple[tuple[str, str], ...] = (
    ("today", "/"),
    ("explore", "/explore"),
    ("audit", "/audit"),
    ("check", "/check"),
)
NAV += (("confirmed", "/confirmed"),)  # issue 17: Claimed vs confirmed


def fmt_number(value: Any, lang: str = "en") -> str:
    """12 345,5 (uk: narrow no-break space for thousands, comma decimals) or 12,345.5 (en);
    a dash for None. The one place the dashboard formats a number."""
    if value is None:
        return "–"
    text = f"{value:,.1f}" if isinstance(value, float) else f"{int(value):,}"
    if lang != "uk":
        return text
    return text.replace(",", "\u202f").replace(".", ",")


def cat_label(key: str, lang: str = "en") -> str:
    """A category's label standing alone (nominative in Ukrainian)."""
    cat = categories.get(key)
    return cat.label_uk_nominative if lang == "uk" else cat.label_en


def fmt_increment(value: int | None, lang: str = "en") -> str:
    if value is None:
        return ""
    sign = "+" if value >= 0 else "−"
    return f"({sign}{fmt_number(abs(value), lang)})"


def make_templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = fmt_number
    env.filters["inc"] = fmt_increment
    env.filters["days"] = days
    env.filters["cat_label"] = cat_label
    return Jinja2Templates(env=env)


def switch_lang_url(request: Request, lang: str) -> str:
    """This page in the other language (a relative URL; other parameters kept on GET)."""
    items = request.query_params.multi_items() if request.method == "GET" else []
    query = urlencode([(k, v) for k, v in items if k != "lang"] + [("lang", lang)])
    return f"{request.url.path}?{query}"


def render(
    request: Request,
    name: str,
    context: dict[str, Any],
    *,
    status: int = 200,
    lang: str | None = None,
    public: bool = False,
) -> Response:
    """Render ``name`` with the context every page needs (language, nav, switch link).

    ``public``: the page is a pure function of the data version and its URL, so it says
    ``Cache-Control: public`` and the response cache keeps it (never a page with a user's text).
    """
    code = pick_lang(lang if lang is not None else request.query_params.get("lang"))
    other = "en" if code == "uk" else "uk"
    page = {
        "request": request,
        "lang": code,
        "_": translator(code),
        "nav": NAV,
        "path": request.url.path,
        "other_lang": other,
        "other_lang_url": switch_lang_url(request, other),
    }
    templates: Jinja2Templates = request.app.state.templates
    response = templates.TemplateResponse(request, name, page | context, status_code=status)
    if public:
        response.headers["Cache-Control"] = CACHE_CONTROL
    return response


def render_problem(request: Request, problem: dict[str, Any]) -> Response:
    """The dashboard's error page: the same problem object the API would return."""
    return render(request, "error.html", {"problem": problem}, status=int(problem["status"]))
