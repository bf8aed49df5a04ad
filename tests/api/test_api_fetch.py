"""fetch_article: SSRF guard, pinned addresses, redirects re-checked, size/type/status limits.

No network: a MockTransport answers and a fake resolver says where names point.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

import httpx
import pytest

from losswatch.errors import BadContentType, FetchRefused, SourceError
from losswatch.guarded_fetch import check_url, fetch_article
from losswatch.settings import Settings

PUBLIC = "93.184.216.34"
SETTINGS = Settings(fetch_max_bytes=10_000, http_timeout=5.0)
ARTICLE = (
    "<html><head><title>Losses</title></head><body><article><h1>Losses</h1>"
    "<p>Russia lost 480 troops on Tuesday alone, according to Ukraine's armed forces, "
    "bringing the total to around 68,900 troops since the invasion began.</p>"
    "<p>Equipment losses include 2,628 tanks, Kyiv said in its daily update.</p>"
    "</article></body></html>"
)


def resolver(table: dict[str, str]) -> Any:
    """A getaddrinfo stand-in: names from ``table``, IP literals as themselves (as the real)."""

    def resolve(host: str, port: int, **_: Any) -> list[tuple[Any, ...]]:
        try:
            address = str(ipaddress.ip_address(host))
        except ValueError:
            if host not in table:
                raise socket.gaierror("unknown host") from None
            address = table[host]
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (address, port))]

    return resolve


NAMES = resolver(
    {
        "news.example": PUBLIC,
        "intranet.example": "10.1.2.3",
        "rebind.example": "127.0.0.1",
        "v6.example": "fd00::1",
    }
)


def transport(handler: Any) -> httpx.MockTransport:
    return httpx.MockTransport(handler)


def test_fetches_html_from_the_checked_address_and_extracts_text() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            200, text=ARTICLE, headers={"Content-Type": "text/html; charset=utf-8"}
        )

    got = fetch_article(
        "https://news.example/war/losses", SETTINGS, transport=transport(handler), resolver=NAMES
    )
    assert "480 troops" in got.text
    assert got.url == "https://news.example/war/losses"
    (request,) = seen
    assert request.url.host == PUBLIC  # connected to the address that was checked
    assert request.headers["host"] == "news.example"
    assert request.extensions["sni_hostname"] == "news.example"


def test_plain_text_is_taken_as_is() -> None:
    got = fetch_article(
        "http://news.example/a.txt",
        SETTINGS,
        resolver=NAMES,
        transport=transport(
            lambda r: httpx.Response(
                200, text="Russia lost 480 troops.", headers={"Content-Type": "text/plain"}
            )
        ),
    )
    assert got.text == "Russia lost 480 troops." and got.date is None


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://10.0.0.8/",
        "http://192.168.1.1/",
        "http://172.16.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[fe80::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://240.0.0.1/",
        "http://intranet.example/",
        "http://rebind.example/",
        "http://v6.example/",
        "ftp://news.example/",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "http:///nohost",
    ],
)
def test_refused_urls(url: str) -> None:
    with pytest.raises(FetchRefused):
        check_url(url, SETTINGS, NAMES)


def test_private_addresses_allowed_only_when_configured() -> None:
    allowed = Settings(allow_private_urls=True)
    parsed, address = check_url("http://intranet.example/x", allowed, NAMES)
    assert (parsed.host, address) == ("intranet.example", "10.1.2.3")


def test_a_redirect_into_the_network_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "http://intranet.example/secret"})

    with pytest.raises(FetchRefused):
        fetch_article(
            "http://news.example/", SETTINGS, transport=transport(handler), resolver=NAMES
        )


def test_redirects_are_followed_when_public() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(301, headers={"Location": "/new"})
        return httpx.Response(
            200, text="Russia lost 480 troops.", headers={"Content-Type": "text/plain"}
        )

    got = fetch_article(
        "http://news.example/old", SETTINGS, transport=transport(handler), resolver=NAMES
    )
    assert got.url == "http://news.example/new"


@pytest.mark.parametrize(
    ("response", "error"),
    [
        (
            httpx.Response(200, content=b"%PDF-1.7", headers={"Content-Type": "application/pdf"}),
            BadContentType,
        ),
        (
            httpx.Response(200, content=b"x" * 20_000, headers={"Content-Type": "text/plain"}),
            FetchRefused,
        ),
        (httpx.Response(503, text="down", headers={"Content-Type": "text/html"}), SourceError),
    ],
)
def test_bad_answers(response: httpx.Response, error: type[Exception]) -> None:
    with pytest.raises(error):
        fetch_article(
            "http://news.example/",
            SETTINGS,
            resolver=NAMES,
            transport=transport(lambda r: response),
        )


def test_streamed_body_over_the_cap_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, headers={"Content-Type": "text/plain"}, content=iter([b"x" * 4000] * 5)
        )  # no Content-Length

    with pytest.raises(FetchRefused):
        fetch_article(
            "http://news.example/", SETTINGS, transport=transport(handler), resolver=NAMES
        )


def test_network_errors_become_source_errors() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused")

    with pytest.raises(SourceError):
        fetch_article(
            "http://news.example/", SETTINGS, transport=transport(handler), resolver=NAMES
        )
    with pytest.raises(SourceError):
        check_url("http://unknown.example/", SETTINGS, NAMES)


@pytest.mark.parametrize(
    "address",
    [
        "100.64.0.1",
        "100.100.100.200",
        "100.127.255.254",  # carrier-grade NAT, cloud metadata
        "2002:7f00:1::",
        "2002:a00:1::1",
        "2002:a9fe:a9fe::",  # 6to4 around 127/8, 10/8, 169.254/16
        "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo (client 127.0.0.1)
        "::ffff:127.0.0.1",
        "::ffff:100.64.0.1",
        "::7f00:1",  # IPv4-mapped, IPv4-compatible
        "169.254.169.254",
        "fd00::1",
        "fec0::1",
        "0.0.0.0",
        "::",
        "192.0.0.1",
        "198.18.0.1",
        "192.0.2.1",
        "2001:db8::1",
        "ff0e::1",
        "224.0.0.251",
        "255.255.255.255",
    ],
)
def test_every_non_global_address_is_refused(address: str) -> None:
    url = f"http://[{address}]/" if ":" in address else f"http://{address}/"
    with pytest.raises(FetchRefused):
        check_url(url, SETTINGS, NAMES)


@pytest.mark.parametrize("address", ["8.8.8.8", "2606:4700:4700::1111", "2002:808:808::1"])
def test_global_addresses_pass(address: str) -> None:
    url = f"http://[{address}]/" if ":" in address else f"http://{address}/"
    assert check_url(url, SETTINGS, NAMES)[1] == address


@pytest.mark.parametrize("charset", ["undefined", "idna", "punycode", "rot13", "nonsense"])
def test_a_charset_that_cannot_decode_falls_back_to_utf8(charset: str) -> None:
    body = "Russia lost 480 troops – Київ.".encode()
    got = fetch_article(
        "http://news.example/a.txt",
        SETTINGS,
        resolver=NAMES,
        transport=transport(
            lambda r: httpx.Response(
                200, content=body, headers={"Content-Type": f"text/plain; charset={charset}"}
            )
        ),
    )
    assert got.text == "Russia lost 480 troops – Київ."
