"""Every example in the docs runs: curl lines against the app, losswatch lines against the CLI,
and every endpoint of docs/api.md's tables answers (a docs example that 400s is a bug)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.api.lw_api_support import TestClient

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted((ROOT / "docs").glob("*.md")) + [ROOT / "README.md"]
#: Commands that start something long-lived or reach the internet: shown, not run here.
NOT_RUN = ("serve", "sync --every", "sync --source", "check-corpus")
#: Sample values for the path parameters the API tables name.
SAMPLES = {
    "date": "2022-10-26",
    "report_date": "2022-10-26",
    "category": "tanks",
    "key": "tanks",
    "lang": "en",
}


def _console_lines(page: Path) -> list[str]:
    """The ``$ ...`` lines of a page's console blocks, continuation lines joined."""
    lines: list[str] = []
    in_block = False
    for raw in page.read_text(encoding="utf-8").splitlines():
        if raw.startswith("```"):
            in_block = raw.strip() == "```console"
            continue
        if not in_block:
            continue
        if lines and lines[-1].endswith("\\"):
            lines[-1] = lines[-1][:-1] + " " + raw.strip()
        elif raw.startswith("$ "):
            lines.append(raw[2:].strip())
    return [line.split(" #", 1)[0].strip() for line in lines]


def _examples(program: str) -> list[tuple[str, str]]:
    return [
        (page.name, line)
        for page in PAGES
        for line in _console_lines(page)
        if line.startswith(program + " ")
    ]


@pytest.mark.parametrize(("page", "line"), _examples("curl"))
def test_curl_examples_answer(client: TestClient, page: str, line: str) -> None:
    words = shlex.split(line.split(" | ", 1)[0])[1:]
    method, headers, body, url = "GET", {}, None, None
    while words:
        word = words.pop(0)
        if word == "-X":
            method = words.pop(0)
        elif word == "-H":
            name, value = words.pop(0).split(":", 1)
            headers[name.strip()] = value.strip()
        elif word in ("-d", "--data"):
            body, method = words.pop(0), method if method != "GET" else "POST"
        elif not word.startswith("-"):
            url = word
    assert url is not None, line
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    response = client.request(method, path, headers=headers, content=body)
    assert response.status_code < 400, (page, line, response.text[:300])


def _table_endpoints() -> list[tuple[str, str]]:
    """(method, path) of every endpoint listed in docs/api.md's tables, with sample values."""
    found = []
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    for method, cell in re.findall(r"^\| (GET|POST) \| (.+?) \|", text, flags=re.M):
        for path in re.findall(r"`(/[^`]+)`", cell):
            path = path.split("?", 1)[0]
            path = re.sub(r"\{([a-z_]+)\|[^}]*\}", lambda m: m.group(1), path)  # {csv|json}
            path = re.sub(r"\{(\w+)\}", lambda m: SAMPLES.get(m.group(1), m.group(1)), path)
            found.append((method, path))
    return found


@pytest.mark.parametrize(("method", "path"), _table_endpoints())
def test_every_documented_endpoint_exists(client: TestClient, method: str, path: str) -> None:
    response = client.request(method, path, json={"text": "Russia lost 480 troops."})
    # a POST that needs a token answers 401: it exists; nothing documented may be 404 or 405
    assert response.status_code not in (404, 405), (method, path, response.text[:200])


@pytest.mark.parametrize(("page", "line"), _examples("losswatch"))
def test_losswatch_examples_run(real_store_url: str, page: str, line: str) -> None:
    from tests.test_cli import invoke

    if any(line.startswith(f"losswatch {cmd}") for cmd in NOT_RUN):
        pytest.skip(f"{line!r} starts a server or reaches the network")
    args = shlex.split(line)[1:]
    if args[:1] == ["sync"] or args[:1] == ["rebuild"]:
        pytest.skip(f"{line!r} writes: the shared store is read-only here (sync is tested)")
    args = [str(ROOT / a) if a.startswith("../shared") else a for a in args]
    result = invoke(*args, db=real_store_url)
    # `check` exits 1 when a figure is contradicted; anything else is a failure
    assert result.exit_code in (0, 1) if args[0] == "check" else result.exit_code == 0, (
        page,
        line,
        result.output[-500:],
    )
