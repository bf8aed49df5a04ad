"""POST /api/v1/check: article text (or a URL to fetch it from) in, one verdict per figure out.

A URL is fetched by :mod:`losswatch.fetch_article` (public addresses only, size and time
capped). The check itself is a pure function of the text and the series.
"""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from losswatch.api.deps import FetcherDep, SnapshotDep, dumps, envelope
from losswatch.api.models import CheckRequest, Dict, Envelope
from losswatch.api.problems import responses
from losswatch.errors import UsageError

router = APIRouter(prefix="/api/v1", tags=["check"])


@router.post("/check", response_model=Envelope[Dict],
             responses=responses(400, 404, 413, 502))
def check(body: CheckRequest, snapshot: SnapshotDep, fetch: FetcherDep) -> Response:
    """Check every loss figure of an article against the canonical series."""
    from losswatch.claims import check_article
    from losswatch.claims.render import as_json

    if bool(body.text and body.text.strip()) == bool(body.url and body.url.strip()):
        raise UsageError("give exactly one of text or url")
    text, article_date, fetched_from = body.text or "", body.article_date, None
    if body.url:
        fetched = fetch(body.url.strip())
        text, fetched_from = fetched.text, fetched.url
        article_date = article_date or fetched.date
    report = check_article(text, snapshot.series, article_date=article_date, lang=body.lang)
    payload = envelope(as_json(report), snapshot, url=fetched_from)
    return Response(dumps(payload), media_type="application/json")
