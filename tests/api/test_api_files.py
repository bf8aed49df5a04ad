"""Downloads: exports, charts, the Atom feed, static files and the bundled plotly.min.js."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from losswatch.web import plotly_js
from tests.api.lw_api_support import TestClient, assert_problem


def test_csv_export_is_an_attachment(client: TestClient) -> None:
    url = "/api/v1/exports/csv?table=wide"  # the small table; long is the default
    response = client.get(url)
    assert response.status_code == 200
    assert 'filename="losswatch-wide.csv"' in response.headers["content-disposition"]
    assert response.headers["content-disposition"].startswith("attachment")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert "report_date" in rows[0] and len(rows) > 1000
    again = client.get(url, headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304


@pytest.mark.parametrize(
    ("fmt", "magic"), [("json", b"["), ("parquet", b"PAR1"), ("datapackage", b"PK")]
)
def test_other_export_formats(client: TestClient, fmt: str, magic: bytes) -> None:
    response = client.get(f"/api/v1/exports/{fmt}?table=wide")
    assert response.status_code == 200, response.text[:300]
    assert response.content.lstrip()[: len(magic)] in (magic, b"{")
    assert "attachment" in response.headers["content-disposition"]
    if fmt == "datapackage":
        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            assert "datapackage.json" in archive.namelist()
            json.loads(archive.read("datapackage.json"))


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/v1/exports/xlsx", 400, "bad-request"),
        ("/api/v1/exports/csv?table=secret", 400, "bad-request"),
        ("/api/v1/charts/tankz", 404, "unknown-category"),
        ("/api/v1/charts/tanks?kind=pie", 400, "bad-request"),
        ("/api/v1/charts/tanks?format=gif", 400, "bad-request"),
        ("/static/nothing-here.js", 404, "not-found"),
    ],
)
def test_download_errors(client: TestClient, url: str, status: int, code: str) -> None:
    assert_problem(client.get(url), status, code)


def test_charts(client: TestClient) -> None:
    png = client.get("/api/v1/charts/tanks?kind=monthly&from=2023-01-01&to=2023-12-31")
    assert png.headers["content-type"] == "image/png"
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n"
    svg = client.get("/api/v1/charts/personnel?format=svg")
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert b"<svg" in svg.content[:500]


def test_atom_feed(client: TestClient) -> None:
    response = client.get("/feed.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    assert (
        b"<feed" in response.content and b"http://testserver/?date=2026-08-22" in response.content
    )


def test_feeds_link_to_themselves_in_both_formats_and_languages(client: TestClient) -> None:
    """Every feed's self link answers 200 with the same feed; ?lang=uk is Ukrainian."""
    from xml.etree import ElementTree

    for path, media in (
        ("/feed.atom", "application/atom+xml"),
        ("/feed.rss", "application/rss+xml"),
        ("/feed.atom?lang=uk", "application/atom+xml"),
        ("/feed.rss?lang=uk", "application/rss+xml"),
    ):
        response = client.get(path)
        assert response.status_code == 200 and response.headers["content-type"].startswith(media)
        root = ElementTree.fromstring(response.content)
        selfs = [
            link.get("href")
            for link in root.iter()
            if link.tag.endswith("link") and link.get("rel") == "self"
        ]
        assert selfs == [f"http://testserver{path}"], path
        again = client.get(selfs[0].removeprefix("http://testserver"))
        assert again.status_code == 200 and again.content == response.content
        if "uk" in path:
            assert "огляд" in response.text and "Russia lost" not in response.text
    assert client.get("/feed.rss?lang=xx").status_code == 400


def test_plotly_is_served_from_the_installed_package(client: TestClient) -> None:
    response = client.get("/static/plotly.min.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.content == plotly_js().read_bytes()
    assert client.get("/static/explore.js").status_code == 200
    assert client.get("/static/app.css").headers["content-type"].startswith("text/css")
