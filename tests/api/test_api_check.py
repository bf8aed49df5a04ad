"""POST /api/v1/check: text in, verdicts out; every bad input is a 4xx problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from losswatch.api import create_app
from losswatch.claims.language import available
from losswatch.models import MAX_ARTICLE_CHARS
from tests.api.lw_api_support import (
    FIXED_NOW,
    TestClient,
    assert_problem,
    go_offline,
    make_settings,
)


@pytest.fixture(scope="module")
def article(shared_dir: Path) -> str:
    return (shared_dir / "articles" / "huffpost-russian-losses-480-in-one-day.txt").read_text(
        encoding="utf-8"
    )


def test_the_huffpost_article_is_supported(client: TestClient, article: str) -> None:
    response = client.post("/api/v1/check", json={"text": article})
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["report_date"] == "2022-10-26"
    assert data["date_inferred"] is True
    assert [(v["category"], v["claim"]["value"], v["verdict"]) for v in data["verdicts"]] == [
        ("personnel", 480, "supported"),
        ("personnel", 68900, "supported"),
        ("tanks", 2628, "supported"),
        ("vehicles_fuel_tanks", 4076, "supported"),
    ]
    assert data["ok"] is True


def test_a_wrong_figure_is_contradicted_with_the_correct_value(client: TestClient) -> None:
    text = "Russia has lost 2,700 tanks since the start of the invasion, Ukraine said."
    data = client.post("/api/v1/check", json={"text": text, "article_date": "2022-10-26"}).json()[
        "data"
    ]
    (verdict,) = data["verdicts"]
    assert verdict["verdict"] == "contradicted"
    assert verdict["correct_value"] == 2628


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({}, "bad-request"),
        ({"text": "   "}, "bad-request"),
        ({"text": "a", "url": "https://example.org/"}, "bad-request"),
        ({"text": "a", "article_date": "yesterday"}, "invalid-date"),
        ({"text": "a", "colour": "red"}, "bad-request"),
        ({"text": 12}, "bad-request"),
        ({"text": "a", "lang": "xx"}, "bad-request"),
    ],
)
def test_bad_bodies(client: TestClient, body: dict[str, object], code: str) -> None:
    assert_problem(client.post("/api/v1/check", json=body), 400, code)


def test_broken_json_and_wrong_media_type(client: TestClient) -> None:
    broken = client.post(
        "/api/v1/check", content=b'{"text": ', headers={"Content-Type": "application/json"}
    )
    assert_problem(broken, 400, "bad-request")
    form = client.post("/api/v1/check", data={"text": "a"})
    assert_problem(form, 400, "bad-request")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/",
        "http://localhost/admin",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "file:///etc/passwd",
        "gopher://example.org/",
    ],
)
def test_urls_inside_our_network_are_refused(client: TestClient, url: str) -> None:
    body = assert_problem(client.post("/api/v1/check", json={"url": url}), 400, "fetch-refused")
    assert "passwd" not in body.get("text", "")


def test_a_public_url_is_fetched_and_checked(client: TestClient) -> None:
    """Through the real SSRF guard and article extraction; the page comes from a mock."""
    response = client.post("/api/v1/check", json={"url": "https://news.example/losses"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["meta"]["url"] == "https://news.example/losses"
    verdicts = [(v["claim"]["value"], v["verdict"]) for v in body["data"]["verdicts"]]
    assert verdicts == [(480, "supported"), (68900, "supported"), (2628, "supported")]


def test_oversized_body_is_413(store_path: Path) -> None:
    small = create_app(make_settings(store_path, max_body_bytes=2000), clock=lambda: FIXED_NOW)
    with TestClient(small) as c:
        declared = c.post("/api/v1/check", json={"text": "x" * 5000})
        assert_problem(declared, 413, "payload-too-large")

        def chunks() -> object:  # no Content-Length: the limit is enforced while streaming
            for _ in range(10):
                yield b"x" * 500

        streamed = c.post(
            "/api/v1/check",
            content=chunks(),  # type: ignore[arg-type]
            headers={"Content-Type": "application/json"},
        )
        assert_problem(streamed, 413, "payload-too-large")
        assert streamed.headers["x-content-type-options"] == "nosniff"
        assert c.post("/api/v1/check", json={"text": "Russia lost 480 troops."}).status_code == 200


# --- regressions of the HTTP-layer review -----------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "100.64.0.1",  # carrier-grade NAT (not private, not global)
        "100.100.100.200",  # a cloud metadata address inside 100.64.0.0/10
        "[2002:7f00:1::]",  # 6to4 wrapping 127.0.0.1
        "[::ffff:127.0.0.1]",
        "169.254.169.254",
        "[fd00::1]",
        "0.0.0.0",
    ],
)
def test_ssrf_bypass_addresses_are_refused(client: TestClient, address: str) -> None:
    response = client.post("/api/v1/check", json={"url": f"http://{address}/latest"})
    assert_problem(response, 400, "fetch-refused")


@pytest.mark.parametrize("charset", ["undefined", "idna", "punycode", "no-such-charset"])
def test_a_remote_charset_python_cannot_decode_with_falls_back_to_utf8(
    store_path: Path, charset: str
) -> None:
    app = go_offline(
        create_app(make_settings(store_path), clock=lambda: FIXED_NOW),
        content_type=f"text/html; charset={charset}",
    )
    with TestClient(app) as c:
        response = c.post("/api/v1/check", json={"url": "https://news.example/losses"})
    assert response.status_code == 200, response.text[:500]
    verdicts = [(v["claim"]["value"], v["verdict"]) for v in response.json()["data"]["verdicts"]]
    assert verdicts == [(480, "supported"), (68900, "supported"), (2628, "supported")]


@pytest.mark.parametrize("code", available())
def test_every_shipped_language_is_accepted(client: TestClient, code: str) -> None:
    response = client.post(
        "/api/v1/check",
        json={"text": "Russia lost 480 troops.", "article_date": "2022-10-26", "lang": code},
    )
    assert response.status_code == 200, response.text[:500]
    assert response.json()["data"]["language"] == code


@pytest.mark.parametrize("lang", ["xx", "EN", "en-GB", "", "../en"])
def test_a_language_without_a_file_is_a_400_problem(client: TestClient, lang: str) -> None:
    body = assert_problem(
        client.post("/api/v1/check", json={"text": "a", "lang": lang}), 400, "bad-request"
    )
    assert body["errors"][0]["field"] == "lang"


def test_the_schema_lists_the_shipped_languages(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    lang = schema["components"]["schemas"]["CheckRequest"]["properties"]["lang"]
    assert {"type": "string", "enum": list(available())}.items() <= lang["anyOf"][0].items()
    assert len(available()) >= 12


def test_text_and_url_together_are_refused_with_a_clear_problem(client: TestClient) -> None:
    body = assert_problem(
        client.post(
            "/api/v1/check",
            json={"text": "Russia lost 480 troops.", "url": "https://news.example/losses"},
        ),
        400,
        "bad-request",
    )
    assert body["detail"] == "give the article's text or its URL, not both"


def test_an_article_over_the_cap_is_413_article_too_long_as_in_the_cli(client: TestClient) -> None:
    text = (
        "x" * (MAX_ARTICLE_CHARS + 1 - len("Russia lost 480 troops.")) + "Russia lost 480 troops."
    )
    body = assert_problem(
        client.post("/api/v1/check", json={"text": text}), 413, "article-too-long"
    )
    assert "at most 500,000" in body["detail"]
