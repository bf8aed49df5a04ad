"""An Atom or RSS feed with one entry per daily brief, for newsrooms' feed readers.

Built with feedgen, which writes spec-valid Atom 1.0 and RSS 2.0. Every timestamp is derived
from the report date (the General Staff posts its report in the morning, Kyiv time; we stamp
entries 07:00 UTC), never from the clock, so the same series always yields the same bytes and
feed readers do not see entries "change" on every request.
"""

from __future__ import annotations

import datetime as dt

from losswatch.brief import make_brief
from losswatch.errors import NotFound, UsageError
from losswatch.series import Series

FORMATS = ("atom", "rss")
PUBLISHED_AT = dt.time(7, 0, tzinfo=dt.UTC)
FEED_TITLE = "losswatch: daily brief on Russian combat losses"


def entry_url(base_url: str, report_date: dt.date) -> str:
    """The page of one day's brief (what the dashboard serves at ``/?date=``)."""
    return f"{base_url.rstrip('/')}/?date={report_date.isoformat()}"


def make_feed(
    series: Series,
    *,
    days: int = 30,
    base_url: str = "http://localhost:8000",
    fmt: str = "atom",
    lang: str = "en",
) -> bytes:
    """The feed of the briefs of the last ``days`` report dates, newest first, as bytes.

    Entry ids are the entry URLs (stable and unique per report date); ``updated`` is the
    report's publication time; the content is the brief's HTML, the summary its plain text.
    """
    from feedgen.feed import FeedGenerator

    if fmt not in FORMATS:
        raise UsageError(f"feed format must be atom or rss, got {fmt!r}")
    if days < 1:
        raise UsageError(f"days must be at least 1, got {days}")
    dates = series.dates("personnel")[-days:]
    if not dates:
        raise NotFound("the canonical series is empty; run `losswatch sync` first")
    base = base_url.rstrip("/")
    feed = FeedGenerator()
    feed.id(f"{base}/feed")
    feed.title(FEED_TITLE)
    feed.subtitle(
        "Totals, increases, records and milestones from the General Staff of the "
        "Armed Forces of Ukraine, reconciled across sources."
    )
    feed.author({"name": "losswatch"})
    # feedgen takes RSS's single <link> from the last link added: the site, not the feed
    feed.link(href=f"{base}/feed.{'xml' if fmt == 'rss' else fmt}", rel="self")
    feed.link(href=f"{base}/", rel="alternate")
    feed.language(lang)
    feed.updated(dt.datetime.combine(dates[-1], PUBLISHED_AT))
    # feedgen lists entries in the reverse order of adding them: add oldest first
    for day in dates:
        brief = make_brief(series, day, lang)
        stamp = dt.datetime.combine(day, PUBLISHED_AT)
        entry = feed.add_entry()
        entry.id(entry_url(base, day))
        entry.title(brief.headline)
        entry.link(href=entry_url(base, day), rel="alternate")
        entry.updated(stamp)
        entry.published(stamp)
        entry.summary(brief.body)
        entry.content(brief.to_html(), type="html")
        if fmt == "rss":
            entry.guid(entry_url(base, day), permalink=True)
    if fmt == "rss":
        feed.lastBuildDate(dt.datetime.combine(dates[-1], PUBLISHED_AT))
        return bytes(feed.rss_str(pretty=True))
    return bytes(feed.atom_str(pretty=True))
