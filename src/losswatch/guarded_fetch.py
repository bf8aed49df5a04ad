"""Fetch an article for the claim checker without letting a URL reach inside our network.

A public server fetching user-given URLs is an SSRF risk, so: only http/https; the host is
resolved once with :func:`socket.getaddrinfo` and *every* address must be globally reachable
(``ipaddress``'s ``is_global``, so loopback, private, link-local, carrier-grade NAT 100.64.0.0/10,
unspecified and documentation ranges are refused; multicast and reserved ones too), and so must
any IPv4 address an IPv6 one carries (IPv4-mapped, 6to4 2002::/16, Teredo), unless
``settings.allow_private_urls``; the connection then goes to the address that
was checked (Host header and TLS SNI keep the name), so a second DNS answer cannot swap it
(DNS rebinding); redirects are followed by hand and each hop is checked again. The body is
streamed and capped at ``settings.fetch_max_bytes``, the whole fetch at ``settings.http_timeout``
seconds, and only text/html or text/plain is accepted.

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
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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
    raw, content_type, final_url = _download(url, settings, transport, resolver)
    text = _decode(raw, _charset(content_type))
    if content_type.startswith("text/plain"):
        return FetchedArticle(final_url, text, None, content_type)
    from losswatch.claims.article import extract_article_text

    body, date = extract_article_text(text)
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


def _download(
    url: str, settings: Settings, transport: httpx.BaseTransport | None, resolver: Resolver
) -> tuple[bytes, str, str]:
    deadline = time.monotonic() + settings.http_timeout
    timeout = httpx.Timeout(settings.http_timeout)
    headers = {"User-Agent": settings.user_agent, "Accept": "text/html, text/plain;q=0.9"}
    with httpx.Client(
        transport=transport, timeout=timeout, follow_redirects=False, headers=headers
    ) as client:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            parsed, address = check_url(current, settings, resolver)
            request = _pinned_request(client, parsed, address)
            try:
                response = client.send(request, stream=True)
            except httpx.TimeoutException as exc:
                raise SourceError(
                    f"{parsed.host} did not answer within {settings.http_timeout:g} s"
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
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchRefused(f"the article is larger than the {limit:,}-byte limit")
            if time.monotonic() > deadline:
                raise SourceError(f"{parsed.host} took longer than {settings.http_timeout:g} s")
            chunks.append(chunk)
    except httpx.HTTPError as exc:
        raise SourceError(f"reading from {parsed.host} failed: {exc}") from exc
    return b"".join(chunks)
