"""Dashboard pages without JavaScript: content, languages, errors, forms, escaping."""

from __future__ import annotations

import re

import pytest

from tests.api.lw_api_support import TestClient

PAYLOAD = '<script>alert("pwned")</script>'
PAGES = ("/", "/explore", "/audit", "/check")


def test_today_shows_the_latest_report_as_cards(web: TestClient) -> None:
    page = web.get("/")
    assert page.status_code == 200
    html = page.text
    assert '<html lang="en">' in html
    assert "Report of 2026-08-22" in html
    assert re.search(r'data-category="personnel">.*?1,475,270.*?\(\+1,240\)', html, re.S)
    assert "Today&#39;s report (2026-08-22, Kyiv time) is out." in html
    assert '<article class="brief"' in html
    assert "Records (highest daily increase in the daily reports since 1 April 2022)" in html
    assert 'aria-current="page"' in html


def test_today_for_a_past_day(web: TestClient) -> None:
    html = web.get("/?date=2022-10-26").text
    assert "Report of 2022-10-26" in html
    assert re.search(r'data-category="personnel">.*?68,900.*?\(\+480\)', html, re.S)
    assert "A past report; the newest is of 2026-08-22." in html


def test_ukrainian_pages(web: TestClient) -> None:
    html = web.get("/?lang=uk&date=2022-10-26").text
    assert '<html lang="uk">' in html
    assert "Зведення за 2022-10-26" in html
    assert "особового складу" in html
    assert "68\u202f900" in html
    assert 'href="/?date=2022-10-26&amp;lang=en"' in html  # the switch keeps the day
    explore = web.get("/explore?lang=uk&category=tanks").text
    assert "танків" in explore and "дата зведення" in explore


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/?date=2022-02-30", 400, "invalid-date"),
        ("/?date=2019-01-01", 404, "not-found"),
        ("/explore?category=tankz", 404, "unknown-category"),
        ("/explore?kind=weekly", 400, "bad-request"),
        ("/explore?from=soon", 400, "invalid-date"),
        ("/audit?category=nope", 404, "unknown-category"),
        ("/check/0000", 404, "not-found"),
        ("/no-such-page", 404, "not-found"),
    ],
)
def test_errors_are_html_pages_with_the_problem(
    web: TestClient, url: str, status: int, code: str
) -> None:
    page = web.get(url)
    assert page.status_code == status
    assert page.headers["content-type"].startswith("text/html")
    assert f"<code>{code}</code>" in page.text


def test_explore_renders_the_table_and_points_the_chart_at_the_api(web: TestClient) -> None:
    html = web.get(
        "/explore?category=tanks&category=afv&kind=daily&from=2022-11-01&to=2022-11-30"
    ).text
    assert '<table class="data">' in html
    assert html.count('<tr><th scope="row">2022-11-') == 30
    src = re.search(r'data-src="([^"]+)"', html)
    assert src is not None
    api_url = src.group(1).replace("&amp;", "&")
    table = web.get(api_url).json()["data"]
    assert table["kind"] == "daily" and table["categories"] == ["tanks", "afv"]
    assert len(table["rows"]) == 30
    csv_link = re.search(r'href="([^"]+format=csv)"', html)
    assert csv_link is not None
    csv = web.get(csv_link.group(1).replace("&amp;", "&"))
    assert csv.headers["content-disposition"].startswith("attachment")


def test_audit_lists_cells_with_every_source(web: TestClient) -> None:
    html = web.get("/audit?category=afv&since=2022-11-24").text
    row = re.search(r'<tr class="status-resolved_by_increment">.*?2022-11-24.*?</tr>', html, re.S)
    assert row is not None
    shown = re.sub(r"<[^>]+>", "", row.group(0))  # source keys are shown as <code>
    assert "official_en: 5,837" in shown
    assert "russianwarship: 5,839" in shown
    assert "increment-consistency" in row.group(0)


def test_check_form_posts_and_redirects_to_a_permalink(web: TestClient, huffpost: str) -> None:
    form = web.get("/check").text
    assert '<label for="text">' in form and '<textarea id="text"' in form
    posted = web.post("/check", data={"text": huffpost, "lang": "en"}, follow_redirects=False)
    assert posted.status_code == 303
    location = posted.headers["location"]
    assert re.fullmatch(r"/check/[0-9a-f]{64}\?lang=en", location)
    html = web.get(location).text
    marks = re.findall(r'<mark class="verdict-([a-z-]+)" title="([^"]*)">([^<]*)</mark>', html)
    assert [(m[0], m[2]) for m in marks] == [
        ("supported", "480 troops"),
        ("supported", "around 68,900 troops"),
        ("supported", "2,628 tanks"),
        ("supported", "4,076 vehicles and fuel tanks"),
    ]
    assert "68,900" in marks[1][1]  # the official value is in the hover text
    assert "Checked against the report of 2022-10-26 (date inferred" in html
    assert (
        web.post("/check", data={"text": huffpost}, follow_redirects=False)
        .headers["location"]
        .split("?")[0]
        == location.split("?")[0]
    )


def test_check_form_with_a_url(web: TestClient) -> None:
    posted = web.post("/check", data={"url": "https://news.example/losses"}, follow_redirects=False)
    assert posted.status_code == 303
    html = web.get(posted.headers["location"]).text
    assert html.count('<mark class="verdict-supported"') == 3
    assert 'value="https://news.example/losses"' in html


def test_contradicted_figure_shows_the_correct_value_on_hover(web: TestClient) -> None:
    text = "Russia has lost 2,700 tanks since the invasion began, Ukraine said."
    location = web.post(
        "/check", data={"text": text, "article_date": "2022-10-26"}, follow_redirects=False
    ).headers["location"]
    html = web.get(location).text
    title = re.search(r'<mark class="verdict-contradicted" title="([^"]*)"', html)
    assert title is not None and "2,628" in title.group(1)


@pytest.mark.parametrize(
    ("data", "status", "code"),
    [
        ({"text": "  "}, 400, "bad-request"),
        ({"url": "http://127.0.0.1:8000/admin"}, 400, "fetch-refused"),
        ({"text": "x", "article_date": "soon"}, 400, "invalid-date"),
    ],
)
def test_check_form_errors(web: TestClient, data: dict[str, str], status: int, code: str) -> None:
    page = web.post("/check", data=data)
    assert page.status_code == status
    assert f"<code>{code}</code>" in page.text


def test_submitted_text_is_escaped(web: TestClient) -> None:
    text = f"{PAYLOAD} Russia lost 480 troops on Tuesday. <img src=x onerror=alert(1)>"
    location = web.post(
        "/check", data={"text": text, "article_date": "2022-10-26"}, follow_redirects=False
    ).headers["location"]
    html = web.get(location).text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("path", PAGES)
def test_pages_have_no_inline_script_and_label_every_field(web: TestClient, path: str) -> None:
    page = web.get(path)
    assert page.status_code == 200
    scripts = re.findall(r"<script([^>]*)>", page.text)
    assert all("src=" in attrs for attrs in scripts)
    assert (
        "unsafe-inline"
        not in page.headers["content-security-policy"].split("script-src")[1].split(";")[0]
    )
    for field_id in re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', page.text):
        assert f'<label for="{field_id}">' in page.text, (path, field_id)
    assert 'class="skip" href="#main"' in page.text


def test_check_form_refuses_text_and_url_together_like_the_api(web: TestClient) -> None:
    data = {"text": "Russia lost 480 troops.", "url": "https://news.example/losses"}
    page = web.post("/check", data=data, follow_redirects=False)
    assert page.status_code == 400
    assert "<code>bad-request</code>" in page.text
    assert "give the article&#39;s text or its URL, not both" in page.text
    api = web.post("/api/v1/check", json=data)
    assert api.status_code == 400
    assert api.json()["detail"] == "give the article's text or its URL, not both"


def test_check_result_permalink_ignores_a_foreign_host(web: TestClient) -> None:
    location = web.post(
        "/check",
        data={"text": "Russia lost 480 troops.", "article_date": "2022-10-26"},
        follow_redirects=False,
    ).headers["location"]
    html = web.get(location, headers={"Host": "evil.example"}).text
    assert "evil.example" not in html
    assert f'href="{location}" rel="bookmark"' in html
