"""X-Forwarded-* only from trusted proxies: the peer list and what a trusted peer may rewrite."""

from __future__ import annotations

import pytest
from starlette.types import Receive, Scope, Send

from losswatch.api.forwarded import Trusted, TrustedProxy


async def _app(scope: Scope, receive: Receive, send: Send) -> None:
    """Never called: the tests read :meth:`TrustedProxy.rewrite` directly."""


def _scope(client: str, **headers: str) -> dict[str, object]:
    raw = [(b"host", b"internal:8000")]
    raw += [(k.lower().replace("_", "-").encode(), v.encode()) for k, v in headers.items()]
    return {"type": "http", "scheme": "http", "client": (client, 5000), "headers": raw}


def _host(scope: dict[str, object]) -> str:
    headers = scope["headers"]
    assert isinstance(headers, list)
    return next(v.decode() for k, v in headers if k == b"host")


def test_the_peer_list_takes_addresses_networks_names_and_any() -> None:
    trusted = Trusted("127.0.0.1, 10.0.0.0/8,::1, unix-socket")
    assert "10.200.3.4" in trusted and "::1" in trusted and "unix-socket" in trusted
    assert "11.0.0.1" not in trusted and "" not in trusted and "testclient" not in trusted
    assert "203.0.113.9" in Trusted("*")
    assert "127.0.0.1" not in Trusted("")


def test_a_trusted_peer_sets_scheme_host_and_client() -> None:
    proxy = TrustedProxy(_app, "10.0.0.0/8")
    scope = proxy.rewrite(
        _scope(
            "10.0.0.2",
            x_forwarded_proto="https",
            x_forwarded_host="losses.example, internal",
            x_forwarded_for="198.51.100.7, 10.0.0.9",
        )
    )
    assert scope["scheme"] == "https" and _host(scope) == "losses.example"
    assert scope["client"] == ("198.51.100.7", 0)  # the nearest hop that is not a proxy
    ported = proxy.rewrite(
        _scope("10.0.0.2", x_forwarded_host="losses.example", x_forwarded_port="8443")
    )
    assert _host(ported) == "losses.example:8443"


@pytest.mark.parametrize(
    "bad", ["evil.example/path", "evil.example@x", "a b", "", "javascript:alert(1)"]
)
def test_a_forwarded_host_that_is_no_host_is_ignored(bad: str) -> None:
    proxy = TrustedProxy(_app, "10.0.0.0/8")
    scope = proxy.rewrite(_scope("10.0.0.2", x_forwarded_host=bad, x_forwarded_proto="gopher"))
    assert _host(scope) == "internal:8000" and scope["scheme"] == "http"
