"""POST /api/v1/check: article text (or a URL to fetch it from) in, one verdict per figure out.

Exactly one of ``text`` and ``url`` must be given
(:func:`~losswatch.views.check_input.article_from`, shared with the dashboard's form). A URL is
fetched by :mod:`losswatch.guarded_fetch` (public addresses only, size and time capped).
The check itself is a pure function of the text and the series.
"""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import Response

from losswatch.api.deps import EngineDep, FetcherDep, SnapshotDep, dumps, envelope
from losswatch.api.models import CheckRequest, Dict, Envelope
from losswatch.api.problems import responses
from losswatch.views.check_input import article_from

router = APIRouter(prefix="/api/v1", tags=["check"])


@router.post("/check", response_model=Envelope[Dict], responses=responses(400, 404, 413, 502))
def check(
    body: CheckRequest, engine: EngineDep, snapshot: SnapshotDep, fetch: FetcherDep
) -> Response:
    """Check every loss figure of an article against the canonical series (a figure attributed
    to Oryx or WarSpotting against that source's own series)."""
    from losswatch.claims.render import as_json
    from losswatch.views.confirmed import check_text

    article = article_from(body.text, body.url, fetch)
    report = check_text(
        article.text,
        snapshot,
        engine,
        article_date=body.article_date or article.date,
        lang=body.lang,
    )
    payload = envelope(as_json(report), snapshot, url=article.url)
    return Response(dumps(payload), media_type="application/json")
