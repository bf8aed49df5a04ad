"""The dashboard: Today, Explore, Audit and Check, server-rendered (tables work without JS).

Each handler parses its query, calls the read model the JSON API uses, and renders one
template. Dates in query strings are parsed here, so a bad one is a 400 page with the
``invalid-date`` problem, never a 500.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Form, Query, Request
from markupsafe import Markup
from starlette.responses import RedirectResponse, Response

from losswatch import categories
from losswatch.errors import CrossOrigin, NotFound
from losswatch.views import explore, present
from losswatch.views.check_input import article_from
from losswatch.views.dates import parse_day
from losswatch.views.deps import (
    ClockDep,
    EngineDep,
    FetcherDep,
    SnapshotDep,
    kyiv_today,
    page_link,
)
from losswatch.views.insights import audit_payload, brief_for
from losswatch.web import pages
from losswatch.web.checks import Submission
from losswatch.web.i18n import pick_lang, translator
from losswatch.web.templating import render

router = APIRouter(include_in_schema=False)
Text = Annotated[str | None, Query(max_length=100)]


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


@router.get("/")
def today_page(
    request: Request,
    engine: EngineDep,
    snapshot: SnapshotDep,
    clock: ClockDep,
    date: Text = None,
    lang: Text = None,
) -> Response:
    """Today: the latest report (or ``?date=``) as cards, records, milestones, the brief."""
    code = pick_lang(lang)
    today = kyiv_today(clock)
    report = present.latest_report(snapshot.series, today, snapshot.last_modified, parse_day(date))
    day = dt.date.fromisoformat(report["report_date"])
    brief = brief_for(snapshot, day, code, engine)
    return render(
        request,
        "today.html",
        {
            "report": report,
            "is_latest": report["report_date"] == report["latest_report_date"],
            "brief_html": Markup(brief.to_html()),  # noqa: S704 - Brief.to_html escapes all text
            **pages.today_extras(snapshot, day, code),
        },
        lang=code,
        public=True,
    )


@router.get("/explore")
def explore_page(
    request: Request,
    snapshot: SnapshotDep,
    category: Annotated[list[str], Query(max_length=60)] = [],  # noqa: B006
    kind: Text = "cumulative",
    start: Annotated[str | None, Query(alias="from", max_length=20)] = None,
    end: Annotated[str | None, Query(alias="to", max_length=20)] = None,
    lang: Text = None,
) -> Response:
    """Explore: a chart per category (drawn by static/explore.js from the JSON API) and the
    same table below it, with its CSV download."""
    code = pick_lang(lang)
    keys = explore.parse_categories(",".join(category) or None)
    chosen = kind or "cumulative"
    first, last = parse_day(start, "from"), parse_day(end, "to")
    table = explore.explore_table(snapshot.series, keys, chosen, start=first, end=last, lang=code)
    query = [("categories", ",".join(keys)), ("kind", chosen), ("lang", code)]
    query += [(k, v.isoformat()) for k, v in (("from", first), ("to", last)) if v]
    api_url = "/api/v1/explore?" + urlencode(query)
    return render(
        request,
        "explore.html",
        {
            "table": table,
            "keys": keys,
            "kind": chosen,
            "kinds": explore.KINDS,
            "start": first.isoformat() if first else "",
            "end": last.isoformat() if last else "",
            "api_url": api_url,
            "csv_url": api_url + "&format=csv",
            "choices": [(c.key, pages.label_of(c.key, code)) for c in categories.CATEGORIES],
            "first_date": _iso(snapshot.series.first_date),
            "last_date": _iso(snapshot.series.latest_date),
        },
        lang=code,
        public=True,
    )


@router.get("/audit")
def audit_page(
    request: Request,
    engine: EngineDep,
    snapshot: SnapshotDep,
    since: Text = None,
    category: Text = None,
    status: Text = None,
    lang: Text = None,
) -> Response:
    """Audit: every cell where sources disagreed, with each value, the decision and rule."""
    code = pick_lang(lang)
    if category:
        categories.get(category)
    view = audit_payload(snapshot, engine, parse_day(since, "since"))
    rows = pages.audit_rows(view, category=category, status=status, lang=code)
    return render(
        request,
        "audit.html",
        {
            "rows": rows,
            "view": view,
            "since": since or "",
            "category": category or "",
            "status": status or "",
            "statuses": sorted({c["status"] for c in view["cells"]}),
            "choices": [(c.key, pages.label_of(c.key, code)) for c in categories.CATEGORIES],
        },
        lang=code,
        public=True,
    )


@router.get("/check")
def check_form(request: Request, lang: Text = None) -> Response:
    """Check: the form (paste an article, or give its URL)."""
    return render(
        request,
        "check.html",
        {"result": None, "form": {"text": "", "url": "", "article_date": ""}},
        lang=pick_lang(lang),
        public=True,
    )


def same_origin(request: Request) -> None:
    """Refuse a form posted from another site (CSRF): browsers name the page's origin in
    ``Origin`` (or at least ``Referer``) and say ``Sec-Fetch-Site``; it must be this host.
    A client that sends none of them (curl, a script) is no browser being tricked."""
    if request.headers.get("sec-fetch-site") == "cross-site":
        raise CrossOrigin("this form can only be sent from the dashboard's own pages")
    origin = request.headers.get("origin") or request.headers.get("referer")
    if origin and urlsplit(origin).netloc.lower() != request.headers.get("host", "").lower():
        raise CrossOrigin(
            f"this form can only be sent from the dashboard's own pages, not {origin[:100]}"
        )


@router.post("/check")
def check_submit(
    request: Request,
    fetch: FetcherDep,
    text: Annotated[str, Form(max_length=500_000)] = "",
    url: Annotated[str, Form(max_length=2000)] = "",
    article_date: Annotated[str, Form(max_length=20)] = "",
    lang: Annotated[str, Form(max_length=5)] = "en",
) -> Response:
    """Store the submission (fetching the URL first) and redirect to its permalink."""
    same_origin(request)
    code = pick_lang(lang)
    day = parse_day(article_date, "article_date")
    article = article_from(text, url, fetch)  # the API's rule: text or URL, not both
    submission = Submission(article.text, day or article.date, article.url)
    key = request.app.state.submissions.put(submission)
    return RedirectResponse(f"/check/{key}?lang={code}", status_code=303)


@router.get("/check/{key}")
def check_result(
    request: Request, key: str, snapshot: SnapshotDep, engine: EngineDep, lang: Text = None
) -> Response:
    """A check result, highlighted in the text, at a stable address (a figure attributed to
    Oryx or WarSpotting checked against that source's series, as the API does)."""
    from losswatch.views.confirmed import check_text

    code = pick_lang(lang)
    submission = request.app.state.submissions.get(key)
    if submission is None:
        raise NotFound(translator(code)("expired"))
    from losswatch.claims.render import as_html

    report = check_text(submission.text, snapshot, engine, article_date=submission.article_date)
    return render(
        request,
        "check.html",
        {
            "form": {
                "text": submission.text,
                "url": submission.url or "",
                "article_date": submission.article_date.isoformat()
                if submission.article_date
                else "",
            },
            "result": {
                "report": report,
                "rows": pages.verdict_rows(report, code),
                # as_html escapes every piece of the (untrusted) article text itself.
                "article_html": Markup(as_html(report)),  # noqa: S704
                "permalink": page_link(request, lang=code),
            },
        },
        lang=code,
    )
