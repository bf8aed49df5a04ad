"""The dashboard against other sites (issue 14): its check form refuses a cross-origin POST,
and HTTPS responses carry HSTS (plain HTTP ones do not: a browser ignores it there)."""

from __future__ import annotations

import pytest
from fastapi import FastAPI

from tests.api.lw_api_support import TestClient

FORM = {"text": "Russia lost 480 troops on Tuesday alone.", "lang": "en"}


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},  # a sandboxed frame or a data: page
        {"Referer": "https://evil.example/page.html"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Origin": "http://testserver.evil.example"},
    ],
)
def test_a_cross_origin_post_of_the_check_form_is_refused(
    web: TestClient, headers: dict[str, str]
) -> None:
    page = web.post("/check", data=FORM, headers=headers, follow_redirects=False)
    assert page.status_code == 403 and "<code>cross-origin</code>" in page.text


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
        {"Referer": "http://testserver/check?lang=en"},
        {},  # curl or a script: no browser to trick
    ],
)
def test_a_same_origin_post_of_the_check_form_is_accepted(
    web: TestClient, headers: dict[str, str]
) -> None:
    page = web.post("/check", data=FORM, headers=headers, follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/check/")


def test_hsts_only_over_https(app: FastAPI) -> None:
    with TestClient(app, base_url="https://losswatch.example") as secure:
        assert secure.get("/").headers["strict-transport-security"] == "max-age=31536000"
        assert "strict-transport-security" in secure.get("/api/v1/nothing-here").headers
    with TestClient(app) as plain:
        assert "strict-transport-security" not in plain.get("/").headers
