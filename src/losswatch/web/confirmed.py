"""The dashboard's Claimed vs confirmed page: one category's chart (claimed and confirmed lines,
the ratio under them, drawn by static/confirmed.js from the JSON API) and the same numbers as a
server-rendered table, with a summary of every category and the sources' credit."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from losswatch import categories
from losswatch.views.confirmed import (
    CREDIT,
    category_view,
    confirmed_data,
    confirmed_key,
    move_sentence,
    summary_rows,
)
from losswatch.views.dates import parse_day
from losswatch.views.deps import EngineDep, SnapshotDep
from losswatch.web import pages
from losswatch.web.i18n import pick_lang
from losswatch.web.routes import Text
from losswatch.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/confirmed")
def confirmed_page(
    request: Request,
    engine: EngineDep,
    snapshot: SnapshotDep,
    category: Text = "tanks",
    start: Annotated[str | None, Query(alias="from", max_length=20)] = None,
    end: Annotated[str | None, Query(alias="to", max_length=20)] = None,
    lang: Text = None,
) -> Response:
    """Claimed vs confirmed for one category (default: tanks), and the newest of each."""
    code = pick_lang(lang)
    key = confirmed_key(category or "tanks")
    first, last = parse_day(start, "from"), parse_day(end, "to")
    view = category_view(confirmed_data(snapshot, engine), key, start=first, end=last)
    summary = summary_rows(snapshot, engine)
    query = "&".join(f"{k}={v.isoformat()}" for k, v in (("from", first), ("to", last)) if v)
    move = view["move"]
    return render(
        request,
        "confirmed.html",
        {
            "view": view,
            "key": key,
            "label": pages.label_of(key, code),
            "summary": [r | {"label": pages.label_of(str(r["category"]), code)} for r in summary],
            "choices": [(k, pages.label_of(k, code)) for k in categories.confirmed_keys("oryx")],
            "api_url": f"/api/v1/confirmed/{key}" + (f"?{query}" if query else ""),
            "start": first.isoformat() if first else "",
            "end": last.isoformat() if last else "",
            "move_sentence": move_sentence(key, move, code) if isinstance(move, dict) else "",
            "credit": CREDIT,
        },
        lang=code,
        public=True,  # a pure function of the data version and the URL: the cache keeps it
    )
