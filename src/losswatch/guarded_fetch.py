"""Fetch an article for the claim checker without letting a URL reach inside our network.

A public server fetching user-given URLs is an SSRF risk, so: only http/https; the host is
resolved once with :func:`socket.getaddrinfo` and *every* address must be globally reachable
(``ipaddress``'s ``is_global``, so loopback, private, link-local, carrier-grade NAT 100.64.0.0/10,
unspecified and documentation ranges are refused; multicast and reserved ones too), and so must
any IPv4 address an IPv6 one carries (IPv4-mapped, 6to4 2002::/16, Teredo), unless
``settings.allow_private_urls``; the connection then goes to the address that
was checked (Host header and TLS SNI keep the name), so a second DNS answer cannot swap it
(DNS rebinding); redirects are followed by hand and each hop is checked again. The body is
streamed and only text/html or text/plain is accepted.

Limits (issue 14): one deadline of ``settings.http_timeout`` seconds for the whole fetch - every
connect, every redirect, every read of headers and body is given only the time left (a network
backend that shortens each socket operation's timeout), so a server trickling a byte at a time
cannot stretch it; the body is decompressed here, chunk by bounded chunk, and refused as soon as
the *decoded* size passes ``settings.fetch_max_bytes`` (a gzip bomb never inflates in memory);
the article's text is held to the checker's cap (``MAX_ARTICLE_CHARS``, as pasted text).

Errors: :class:`~losswatch.errors.FetchRefused` (the URL or the answer is not allowed),
:class:`~losswatch.errors.BadContentType`, :class:`~losswatch.errors.SourceError` (network,
HTTP status, timeout).
"""

from __future__ import annotations

import codecs
import datetime as dt
import ipaddress
import socket
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

from losswatch.errors import BadContentType, FetchRefused, SourceError
from losswatch.settings import Settings

MAX_REDIRECTS = 5
ACCEPTED_TYPES = ("text/html", "text/plain")
#: Python codecs that are not a document's character set (they "decode" ASCII into garbage).
NOT_DOCUMENT_CODECS = frozenset(
    {"idna", "punycode", "undefined", "unicode-escape", "raw-unicode-escape"}
)
Resolver = Callable[..., list[tuple[Any, ...]]]


@dataclass(frozen=True)
class FetchedArticle:
    url: str
    text: str
    date: dt.date | None
    content_type: str


def _public(address: str) -> bool:
    """Whether ``address`` (and every IPv4 address it embeds) is globally reachable."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return _global(ip.ipv4_mapped)
        embedded = [ip.sixtofour] if ip.sixtofour is not None else []
        embedded += list(ip.teredo or ())  # Teredo: the server and the (unobfuscated) client
        if ip.is_site_local or not all(_global(v4) for v4 in embedded):
            return False
    return _global(ip)


def _global(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    # is_global alone lets multicast (224.0.0.0/4, ff0e::/16) and parts of ::/8 through
    return ip.is_global and not (ip.is_multicast or ip.is_reserved)


def check_url(
    url: str, settings: Settings, resolver: Resolver = socket.getaddrinfo
) -> tuple[httpx.URL, str]:
    """The parsed URL and the checked address to connect to; FetchRefused if not allowed."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise FetchRefused(f"not a valid URL: {url[:200]!r}") from exc
    if parsed.scheme not in ("http", "https"):
        raise FetchRefused(f"only http and https URLs can be fetched, not {parsed.scheme!r}")
    host = parsed.host
    if not host:
        raise FetchRefused("the URL has no host")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        infos = resolver(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise SourceError(f"cannot resolve {host!r}: {exc}") from exc
    addresses = sorted({str(info[4][0]) for info in infos})
    if not addresses:
        raise SourceError(f"{host!r} has no address")
    if not settings.allow_private_urls:
        blocked = [a for a in addresses if not _public(a)]
        if blocked:
            raise FetchRefused(
                f"{host} resolves to a non-public address ({blocked[0]}); "
                "only public web pages can be checked"
            )
    return parsed, addresses[0]


def fetch_article(
    url: str,
    settings: Settings,
    *,
    transport: httpx.BaseTransport | None = None,
    resolver: Resolver = socket.getaddrinfo,
) -> FetchedArticle:
    """Download ``url`` safely and extract the article's text and date."""
    from losswatch.claims.check import ensure_checkable_size

    raw, content_type, final_url = _download(url, settings, transport, resolver)
    text = _decode(raw, _charset(content_type))
    if content_type.startswith("text/plain"):
        ensure_checkable_size(text)
        return FetchedArticle(final_url, text, None, content_type)
    from losswatch.claims.article import extract_article_text

    body, date = extract_article_text(text)
    ensure_checkable_size(body)
    return FetchedArticle(final_url, body, date, content_type)


def _charset(content_type: str) -> str:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            name = value.strip('"').strip()
            try:
                "".encode(name)
                codec = codecs.lookup(name).name
            except (LookupError, UnicodeError):  # unknown, or a codec like "undefined"
                return "utf-8"
            return "utf-8" if codec in NOT_DOCUMENT_CODECS else name
    return "utf-8"


def _decode(raw: bytes, charset: str) -> str:
    """The text of ``raw``; UTF-8 when the sender's charset cannot decode leniently (idna and
    punycode refuse ``errors="replace"``)."""
    try:
        return raw.decode(charset, errors="replace")
    except (LookupError, UnicodeError):
        return raw.decode("utf-8", errors="replace")


class _DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every read and write gets at most the time left until
    ``deadline``: httpcore's own timeouts are per operation, so a byte every 19 s under a 20 s
    timeout would otherwise never time out."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: float) -> None:
        self.inner, self.deadline = inner, deadline

    def _left(self, timeout: float | None, error: type[Exception]) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise error("the fetch's deadline has passed")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, self._left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, self._left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(
        self,
        ssl_context: Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        left = self._left(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(
            self.inner.start_tls(ssl_context, server_hostname, left), self.deadline
        )

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


class _DeadlineBackend(httpcore.SyncBackend):
    """The sync network backend, its connections held to one deadline (see _DeadlineStream)."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ConnectTimeout("the fetch's deadline has passed")
        timeout = left if timeout is None else min(timeout, left)
        stream = super().connect_tcp(host, port, timeout, local_address, socket_options)
        return _DeadlineStream(stream, self.deadline)


def _deadline_transport(deadline: float) -> httpx.HTTPTransport:
    transport = httpx.HTTPTransport()
    transport._pool._network_backend = _DeadlineBackend(deadline)  # no public hook for it
    return transport


def _download(
    url: str, settings: Settings, transport: httpx.BaseTransport | None, resolver: Resolver
) -> tuple[bytes, str, str]:
    deadline = time.monotonic() + settings.http_timeout
    timeout = httpx.Timeout(settings.http_timeout)
    headers = {
        "User-Agent": settings.user_agent,
        "Accept": "text/html, text/plain;q=0.9",
        "Accept-Encoding": "gzip, deflate",  # what _decoded can inflate chunk by chunk
    }
    with httpx.Client(
        transport=transport or _deadline_transport(deadline),
        timeout=timeout,
        follow_redirects=False,
        headers=headers,
    ) as client:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            parsed, address = check_url(current, settings, resolver)
            request = _pinned_request(client, parsed, address)
            try:
                response = client.send(request, stream=True)
            except httpx.TimeoutException as exc:
                raise SourceError(
                    f"fetching {parsed.host} took longer than {settings.http_timeout:g} s"
                ) from exc
            except httpx.HTTPError as exc:
                raise SourceError(f"could not fetch {parsed.host}: {exc}") from exc
            try:
                if response.is_redirect:
                    location = response.headers.get("location", "")
                    current = str(parsed.join(location))
                    continue
                return (
                    _read(response, parsed, settings, deadline),
                    response.headers.get("content-type", "").lower(),
                    str(parsed),
                )
            finally:
                response.close()
    raise SourceError(f"more than {MAX_REDIRECTS} redirects from {url[:200]}")


def _pinned_request(client: httpx.Client, parsed: httpx.URL, address: str) -> httpx.Request:
    """A request to the checked address, keeping the name for Host and TLS (SNI + cert)."""
    host_header = parsed.netloc.decode("ascii").rpartition("@")[2]
    pinned = parsed.copy_with(host=address)
    extensions = {"sni_hostname": parsed.host} if parsed.scheme == "https" else {}
    request = client.build_request(
        "GET", pinned, headers={"Host": host_header}, extensions=extensions
    )
    return request


def _read(
    response: httpx.Response, parsed: httpx.URL, settings: Settings, deadline: float
) -> bytes:
    if response.status_code >= 400:
        raise SourceError(
            f"{parsed.host} answered HTTP {response.status_code}",
            detail={"http_status": response.status_code},
        )
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in ACCEPTED_TYPES:
        raise BadContentType(
            f"{parsed.host} sent {content_type or 'no content type'}; "
            "only text/html and text/plain articles can be checked"
        )
    limit = settings.fetch_max_bytes
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchRefused(f"the article is {int(declared):,} bytes; the limit is {limit:,}")
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    raw: Iterable[bytes] = response.iter_raw()
    if response.is_stream_consumed:  # a transport that read (and decoded) the body already
        raw, encoding = [response.content], "identity"
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in _decoded(raw, encoding, limit):
            size += len(chunk)
            if size > limit:
                raise FetchRefused(f"the article is larger than the {limit:,}-byte limit")
            if time.monotonic() > deadline:
                raise SourceError(f"{parsed.host} took longer than {settings.http_timeout:g} s")
            chunks.append(chunk)
    except httpx.TimeoutException as exc:
        raise SourceError(
            f"fetching {parsed.host} took longer than {settings.http_timeout:g} s"
        ) from exc
    except httpx.HTTPError as exc:
        raise SourceError(f"reading from {parsed.host} failed: {exc}") from exc
    return b"".join(chunks)


def _decoded(raw: Iterable[bytes], encoding: str, limit: int) -> Iterator[bytes]:
    """The body's bytes, inflated here (gzip, deflate) at most ``limit + 1`` bytes at a time,
    so a small compressed bomb is refused after ``limit`` bytes, not inflated whole first."""
    if encoding in ("", "identity"):
        yield from raw
        return
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise FetchRefused(f"the article is sent with {encoding!r} encoding; gzip or none expected")
    inflater = zlib.decompressobj(47 if "gzip" in encoding else zlib.MAX_WBITS)
    try:
        for data in raw:
            while data:
                yield inflater.decompress(data, limit + 1)
                data = inflater.unconsumed_tail
        yield inflater.flush()
    except zlib.error as exc:
        raise SourceError(f"the article's {encoding} data is corrupt: {exc}") from exc
