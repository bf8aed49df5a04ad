"""``X-Forwarded-*`` headers, honoured only when the peer is a trusted proxy.

Behind a reverse proxy the app sees the proxy's address, its own scheme (http) and whatever
Host the proxy sends; the proxy tells the truth in ``X-Forwarded-Proto``, ``-Host``, ``-Port``
and ``-For``. Anybody can send those headers, so they count only when the connection comes
from an address in ``settings.forwarded_allow_ips`` (the same rule and syntax as uvicorn's
``--forwarded-allow-ips``: comma-separated IPs or networks, ``*`` for any). :class:`TrustedProxy`
then rewrites the ASGI scope (scheme, Host header, client) before anything else sees it, so
``request.base_url``, the links the API builds from it and the response cache's key all agree.
``losswatch serve`` turns uvicorn's own proxy-header handling off: this is the one place.
``X-Forwarded-Prefix`` is not honoured (a path prefix belongs in ``public_base_url``).
"""

from __future__ import annotations

import ipaddress
import re

from starlette.types import ASGIApp, Receive, Scope, Send

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
#: A host name or IPv4 address, or a bracketed IPv6 address, with an optional port.
HOST = re.compile(
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?"
)
SCHEMES = ("http", "https")


class Trusted:
    """The parsed ``forwarded_allow_ips``: addresses, networks, literal names or ``*``."""

    def __init__(self, spec: str) -> None:
        items = [item.strip() for item in spec.split(",") if item.strip()]
        self.any = "*" in items
        self.networks: list[Network] = []
        self.names: set[str] = set()
        for item in items:
            try:
                self.networks.append(ipaddress.ip_network(item, strict=False))
            except ValueError:
                self.names.add(item)  # a unix socket path or a test client's name

    def __contains__(self, host: object) -> bool:
        if not isinstance(host, str) or not host:
            return False
        if self.any or host in self.names:
            return True
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
        return any(address in network for network in self.networks)


def _first(value: str | None) -> str:
    """The first entry of a header a chain of proxies may have appended to."""
    return (value or "").split(",")[0].strip()


def _client(forwarded_for: str, trusted: Trusted) -> str | None:
    """The nearest address in ``X-Forwarded-For`` that is not itself a trusted proxy."""
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if hop not in trusted:
            return hop
    return hops[0] if hops else None


class TrustedProxy:
    """Apply the forwarded headers of a trusted peer to the scope (outermost middleware)."""

    def __init__(self, app: ASGIApp, trusted: str) -> None:
        self.app, self.trusted = app, Trusted(trusted)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        client = scope.get("client")
        if scope["type"] != "http" or not client or client[0] not in self.trusted:
            await self.app(scope, receive, send)
            return
        await self.app(self.rewrite(scope), receive, send)

    def rewrite(self, scope: Scope) -> Scope:
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        scope = dict(scope)
        proto = _first(headers.get("x-forwarded-proto")).lower()
        if proto in SCHEMES:
            scope["scheme"] = proto
        host = _first(headers.get("x-forwarded-host"))
        port = _first(headers.get("x-forwarded-port"))
        if host and HOST.fullmatch(host):
            if port.isdigit() and not host.endswith("]") and ":" not in host:
                default = "443" if scope["scheme"] == "https" else "80"
                host = host if port == default else f"{host}:{port}"
            scope["headers"] = [(k, v) for k, v in scope["headers"] if k != b"host"]
            scope["headers"].append((b"host", host.encode("latin-1")))
        forwarded_for = headers.get("x-forwarded-for")
        if forwarded_for:
            address = _client(forwarded_for, self.trusted)
            if address:
                scope["client"] = (address, 0)
        return scope
