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
#: The feed's own words, by language (the entries are the briefs in the same language).
FEED_TEXT = {
    "en": (
        "losswatch: daily brief on Russian combat losses",
        "Totals, increases, records and milestones from the General Staff of the "
        "Armed Forces of Ukraine, reconciled across sources.",
    ),
    "uk": (
        "losswatch: щоденний огляд бойових втрат росії",
        "Загальні втрати, денні прирости, рекорди й рубежі за даними Генерального штабу "
        "Збройних сил України, звірені між джерелами.",
    ),
}
FEED_TITLE = FEED_TEXT["en"][0]


def entry_url(base_url: str, report_date: dt.date, lang: str = "en") -> str:
    """The page of one day's brief (what the dashboard serves at ``/?date=``)."""
    suffix = "" if lang == "en" else f"&lang={lang}"
    return f"{base_url.rstrip('/')}/?date={report_date.isoformat()}{suffix}"


def feed_path(fmt: str, lang: str = "en") -> str:
    """Where the API serves the feed: ``/feed.atom`` or ``/feed.rss``, with ``?lang=``."""
    return f"/feed.{fmt}" + ("" if lang == "en" else f"?lang={lang}")


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
    if lang not in FEED_TEXT:
        raise UsageError(f"feed language must be one of {', '.join(FEED_TEXT)}, got {lang!r}")
    if days < 1:
        raise UsageError(f"days must be at least 1, got {days}")
    dates = series.dates("personnel")[-days:]
    if not dates:
        raise NotFound("the canonical series is empty; run `losswatch sync` first")
    base = base_url.rstrip("/")
    feed = FeedGenerator()
    feed.id(f"{base}/feed")
    title, subtitle = FEED_TEXT[lang]
    feed.title(title)
    feed.subtitle(subtitle)
    feed.author({"name": "losswatch"})
    # feedgen takes RSS's single <link> from the last link added: the site, not the feed
    feed.link(href=f"{base}{feed_path(fmt, lang)}", rel="self")
    feed.link(href=f"{base}/" + ("" if lang == "en" else f"?lang={lang}"), rel="alternate")
    feed.language(lang)
    feed.updated(dt.datetime.combine(dates[-1], PUBLISHED_AT))
    # feedgen lists entries in the reverse order of adding them: add oldest first
    for day in dates:
        brief = make_brief(series, day, lang)
        stamp = dt.datetime.combine(day, PUBLISHED_AT)
        entry = feed.add_entry()
        entry.id(entry_url(base, day, lang))
        entry.title(brief.headline)
        entry.link(href=entry_url(base, day, lang), rel="alternate")
        entry.updated(stamp)
        entry.published(stamp)
        entry.summary(brief.body)
        entry.content(brief.to_html(), type="html")
        if fmt == "rss":
            entry.guid(entry_url(base, day, lang), permalink=True)
    if fmt == "rss":
        feed.lastBuildDate(dt.datetime.combine(dates[-1], PUBLISHED_AT))
        return bytes(feed.rss_str(pretty=True))
    return bytes(feed.atom_str(pretty=True))
