"""Article text and publication date out of a web page's HTML (trafilatura).

Fetching is not done here (URL fetching, with its SSRF protection, lives elsewhere): callers
pass the HTML they already have. The title is kept as the first line, because headlines carry
figures too ("Russian losses soared to 480 in just one day").
"""

from __future__ import annotations

import datetime as dt

from losswatch.errors import ConfigError


def extract_article_text(html: str) -> tuple[str, dt.date | None]:
    """(main text with the title first, publication date or None) of an HTML page.

    A page with no recognisable article text gives ``("", None)`` rather than an error: the
    checker then simply finds no figures.
    """
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - only without the extra
        raise ConfigError(
            f"reading HTML needs the claims extra, and importing it failed ({exc}): "
            "pip install 'losswatch[claims]'"
        ) from exc
    doc = trafilatura.bare_extraction(html, with_metadata=True)
    if doc is None:
        return "", None
    text = str(getattr(doc, "text", "") or "")
    title = str(getattr(doc, "title", "") or "").strip()
    if title and not text.startswith(title):
        text = f"{title}\n{text}"
    return text, _as_date(getattr(doc, "date", None))


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None
