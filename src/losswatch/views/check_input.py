"""The article to check, from what a request gave: its text, or a URL to fetch it from.

The API (``POST /api/v1/check``) and the dashboard's Check form both call
:func:`article_from`, so they accept and refuse the same input: exactly one of the two must be
given (blank counts as not given); both or neither is a 400 ``bad-request``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from losswatch.errors import UsageError
from losswatch.guarded_fetch import FetchedArticle


@dataclass(frozen=True)
class Article:
    text: str
    #: The date found in the fetched page (None for pasted text).
    date: dt.date | None
    #: Where the text was fetched from, after redirects (None for pasted text).
    url: str | None


def article_from(
    text: str | None, url: str | None, fetch: Callable[[str], FetchedArticle]
) -> Article:
    """The pasted ``text`` as it is, or the article ``fetch`` downloads from ``url``."""
    has_text, has_url = bool(text and text.strip()), bool(url and url.strip())
    if has_text and has_url:
        raise UsageError("give the article's text or its URL, not both")
    if has_text:
        return Article(text or "", None, None)
    if not has_url:
        raise UsageError("give the article's text or its URL")
    fetched = fetch((url or "").strip())
    return Article(fetched.text, fetched.date, fetched.url)
