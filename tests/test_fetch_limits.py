"""fetch_article's limits against a real (loopback) HTTP server (issue 14): one deadline for the
whole fetch, however slowly the server answers or redirects; a cap on the decoded body that a
gzip bomb cannot get past in memory; the checker's text cap on what was fetched."""

from __future__ import annotations

import gzip
import http.server
import threading
import time
import tracemalloc
from collections.abc import Iterator

import pytest

from losswatch.errors import ArticleTooLong, FetchRefused, SourceError
from losswatch.guarded_fetch import fetch_article
from losswatch.models import MAX_ARTICLE_CHARS
from losswatch.settings import Settings

TIMEOUT = 1.5
PAGE = (
    b"<html><body><article><p>Russia lost 480 troops on Tuesday alone.</p></article></body></html>"
)
BOMB = gzip.compress(b"\0" * 60_000_000, compresslevel=9)  # 60 MB inflated, ~60 KB sent
LONG_TEXT = ("Russia lost 480 troops. " * (MAX_ARTICLE_CHARS // 24 + 100)).encode()


class Handler(http.server.BaseHTTPRequestHandler):
    """Hostile answers; every slow one ends within 12 s even if nobody hangs up."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *_: object) -> None:
        pass

    def _trickle(self, data: bytes, every: float) -> None:
        for i in range(len(data)):
            self.wfile.write(data[i : i + 1])
            self.wfile.flush()
            time.sleep(every)

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        try:
            self._answer()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _answer(self) -> None:
        if self.path == "/trickle-headers":  # a header byte every 1.2 s: 10 s of headers
            self._trickle(b"HTTP/1.1 200 OK\r\nX-Slow: 12345678\r\n", 1.2)
        elif self.path == "/trickle-body":  # the body a byte every 1.2 s
            self._head("text/html", len(PAGE))
            self._trickle(PAGE[:8], 1.2)
        elif self.path.startswith("/hop/"):  # five redirects, each answered after 0.8 s
            hop = int(self.path.rsplit("/", 1)[1])
            time.sleep(0.8)
            if hop < 5:
                self.send_response(302)
                self.send_header("Location", f"/hop/{hop + 1}")
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self._head("text/html", len(PAGE))
                self.wfile.write(PAGE)
        elif self.path == "/bomb":
            self._head("text/html", len(BOMB), encoding="gzip")
            self.wfile.write(BOMB)
        elif self.path == "/long":
            self._head("text/plain; charset=utf-8", len(LONG_TEXT))
            self.wfile.write(LONG_TEXT)
        else:
            self._head("text/html", len(PAGE))
            self.wfile.write(PAGE)

    def _head(self, content_type: str, length: int, encoding: str | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(length))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def settings(**overrides: object) -> Settings:
    values: dict[str, object] = dict(
        http_timeout=TIMEOUT, allow_private_urls=True, fetch_max_bytes=2_000_000
    )
    return Settings(**(values | overrides))  # type: ignore[arg-type]


def test_a_plain_page_is_fetched(server: str) -> None:
    assert "480 troops" in fetch_article(f"{server}/page", settings()).text


@pytest.mark.parametrize("path", ["/trickle-headers", "/trickle-body", "/hop/0"])
def test_one_deadline_holds_for_the_whole_fetch(server: str, path: str) -> None:
    begun = time.monotonic()
    with pytest.raises(SourceError, match="took longer than 1.5 s"):
        fetch_article(f"{server}{path}", settings())
    took = time.monotonic() - begun
    assert took < TIMEOUT + 0.6, f"{path}: {took:.1f} s for a {TIMEOUT} s deadline"


def test_a_gzip_bomb_is_refused_before_it_inflates(server: str) -> None:
    tracemalloc.start()
    try:
        with pytest.raises(FetchRefused, match="larger than the 2,000,000-byte limit"):
            fetch_article(f"{server}/bomb", settings())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 12_000_000, f"{peak / 1e6:.0f} MB allocated for a 2 MB limit"


def test_fetched_text_is_held_to_the_pasted_text_cap(server: str) -> None:
    with pytest.raises(ArticleTooLong, match="at most 500,000"):
        fetch_article(f"{server}/long", settings())
