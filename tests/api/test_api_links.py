"""Links the API publishes (the Atom feed, pagination) never take a made-up Host header.

These responses are ``Cache-Control: public``: a Host header one client sends must not end up
in what a shared cache serves to the others (see :func:`losswatch.api.deps.link_base`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from losswatch.api import create_app
from tests.api.lw_api_support import FIXED_NOW, TestClient, make_settings

EVIL = {"Host": "evil.example"}
SERIES = "/api/v1/series/tanks?from=2022-11-20&to=2022-11-24&limit=2&offset=2"
V2 = "/api/v2/statistics?limit=3&offset=3&date_from=2022-11-01"


def links(client: TestClient, headers: dict[str, str], v2: bool = True) -> list[str]:
    """Every link we publish: the feed's own links and ids, the series and (``v2``) the v2
    paging URLs (the entries' content may link the official report pages, which are not ours)."""
    feed = client.get("/feed.atom", headers=headers)
    assert feed.status_code == 200
    found = re.findall(r'<link [^>]*href="([^"]+)"|<id>([^<]+)</id>', feed.text)
    found = [href or ident for href, ident in found]
    series = client.get(SERIES, headers=headers).json()["meta"]["links"]
    found += [v for v in series.values() if v]
    if v2:
        paging = client.get(V2, headers=headers).json()["data"]["paging"]
        found += [v for v in paging.values() if v]
    assert len(found) > 30
    return found


def test_a_foreign_host_header_never_reaches_the_links(client: TestClient) -> None:
    """The feed and /api/v1; the russianwarship.rip layer builds its links from the request,
    as the upstream does (test_api_v2_contract), and keys its caches by that host."""
    published = links(client, EVIL, v2=False)
    assert not [link for link in published if "evil.example" in link]
    honest = client.get(V2).json()["data"]["paging"]["next_url"]
    client.get(V2, headers=EVIL)
    assert client.get(V2).json()["data"]["paging"]["next_url"] == honest
    assert honest.startswith("http://testserver/api/v2/statistics?")
    feed = [link for link in published if "://" in link]
    assert feed and all(link.startswith("http://localhost:8000/") for link in feed)
    series = client.get(SERIES, headers=EVIL).json()["meta"]["links"]
    assert series["next"] == "/api/v1/series/tanks?from=2022-11-20&to=2022-11-24&limit=2&offset=4"
    assert series["prev"].startswith("/api/v1/series/tanks?") and series["prev"].endswith(
        "offset=0"
    )
    # the poisoned answer is not what the next (honest) client gets from the cache either
    assert "evil.example" not in client.get("/feed.atom").text


def test_a_local_host_gets_absolute_links_on_itself(client: TestClient) -> None:
    for host in ("localhost:8000", "127.0.0.1", "[::1]:8000"):
        published = links(client, {"Host": host})
        assert all(link.startswith(f"http://{host}/") for link in published), host
    default = client.get(SERIES).json()["meta"]["links"]["next"]
    assert default.startswith("http://testserver/api/v1/series/tanks?")


@pytest.fixture(scope="module")
def configured(store_path: Path) -> Iterator[TestClient]:
    settings = make_settings(store_path, public_base_url="https://losswatch.example/data/")
    with TestClient(create_app(settings, clock=lambda: FIXED_NOW)) as c:
        yield c


def test_public_base_url_is_used_whatever_the_host(configured: TestClient) -> None:
    for headers in (EVIL, {}, {"Host": "localhost"}):
        published = links(configured, headers)
        assert all(link.startswith("https://losswatch.example/data/") for link in published)
    nxt = configured.get(V2, headers=EVIL).json()["data"]["paging"]["next_url"]
    assert nxt == (
        "https://losswatch.example/data/api/v2/statistics?offset=6&limit=3&date_from=2022-11-01"
    )
