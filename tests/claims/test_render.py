"""Renderers: plain text, JSON-ready dict, escaped HTML and schema.org ClaimReview."""

from __future__ import annotations

import datetime as dt
import json

from losswatch.claims import check_article
from losswatch.claims.render import as_html, as_json, as_text, claim_reviews, summary_line
from losswatch.series import Series


def test_text_marks_each_figure_and_ends_with_a_summary(series: Series, huffpost: str) -> None:
    text = as_text(check_article(huffpost, series))
    lines = text.splitlines()
    assert "Russia lost [480 troops]✓ on Tuesday alone" in text
    assert "[around 68,900 troops]✓" in text and "[2,628 tanks]✓" in text
    assert lines[-1] == (
        "4 figures: 4 supported, 0 approximately supported, 0 contradicted, "
        "0 not checkable; report of 2022-10-26 (inferred from the figures)"
    )
    assert "33,000km" not in text  # only sentences with figures are shown


def test_json_is_serialisable_and_complete(series: Series, huffpost: str) -> None:
    data = as_json(check_article(huffpost, series))
    assert json.loads(json.dumps(data)) == data
    assert data["report_date"] == "2022-10-26" and data["date_inferred"] is True
    assert data["counts"]["supported"] == 4 and data["ok"] is True
    first = data["verdicts"][0]
    assert first["claim"]["text"] == "480 troops" and first["verdict"] == "supported"
    assert first["reading"] == "loss_day" and first["report_date"] == "2022-10-26"


def test_html_escapes_everything(series: Series) -> None:
    text = (
        '<script>alert("x")</script> Russia lost 2,620 tanks & more since the start of the '
        "invasion.\nSecond <b>paragraph</b>."
    )
    page = as_html(check_article(text, series, article_date=dt.date(2022, 10, 26)))
    assert "<script>" not in page and "&lt;script&gt;" in page and "<b>" not in page
    assert '<mark class="verdict-contradicted"' in page and ">2,620 tanks</mark>" in page
    assert "&amp; more" in page and page.count("<p>") == 2
    assert page.startswith('<article class="losswatch-check" lang="en">')


def test_claim_review_has_the_schema_org_fields(series: Series, huffpost: str) -> None:
    report = check_article(huffpost, series)
    reviews = claim_reviews(report, url="https://example.org/a", reviewed_on=dt.date(2026, 1, 2))
    assert len(reviews) == 4
    review = reviews[0]
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "480 troops"
    assert review["datePublished"] == "2026-01-02" and review["url"] == "https://example.org/a"
    assert review["author"]["@type"] == "Organization"
    rating = review["reviewRating"]
    assert rating == {
        "@type": "Rating",
        "ratingValue": 5,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Supported",
    }
    assert review["itemReviewed"]["@type"] == "Claim"
    assert review["itemReviewed"]["appearance"]["url"] == "https://example.org/a"
    if series.report_urls.get(dt.date(2022, 10, 26)):
        assert review["isBasedOn"]["url"] == series.report_urls[dt.date(2022, 10, 26)]


def test_not_checkable_figures_get_no_review(series: Series) -> None:
    report = check_article("Russia lost 480 troops on Tuesday.", series)
    assert claim_reviews(report) == []
    assert summary_line(report).endswith("no report date")
