"""Text and publication date out of HTML (trafilatura), then checked like any text."""

from __future__ import annotations

import datetime as dt

from losswatch.claims import check_article
from losswatch.claims.article import extract_article_text
from losswatch.series import Series

PAGE = """<html><head><title>Russian losses soar</title>
<meta property="article:published_time" content="2022-10-26T09:30:00+00:00"></head>
<body><nav>Home | World</nav><article><h1>Russian losses soar to 480 in one day</h1>
<p>Russia lost 480 troops on Tuesday alone, according to the latest estimates from Ukraine's
Armed Forces, which are shared with the Kyiv Independent every morning.</p>
<p>There have already been around 68,900 troops lost from Russia's Armed Forces through the
course of the war, according to Ukraine, and 2,628 tanks.</p>
<script>var x = "1,000,000 tanks";</script></article>
<footer>Copyright 2022</footer></body></html>"""


def test_text_and_date(series: Series) -> None:
    text, day = extract_article_text(PAGE)
    assert day == dt.date(2022, 10, 26)
    assert "Russia lost 480 troops on Tuesday alone" in text
    assert "1,000,000" not in text and "Home | World" not in text
    report = check_article(text, series, article_date=day)
    assert [v.outcome.value for v in report.verdicts] == ["supported"] * 3


def test_page_without_an_article() -> None:
    assert extract_article_text("<html><body></body></html>") == ("", None)
