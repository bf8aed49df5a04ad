"""Issue 8: a bounded load test of ``losswatch serve`` on its main endpoints.

One ``losswatch serve`` (as a user starts it) over a store synced from shared/data/sources, on
127.0.0.1. Each endpoint is requested once cold (timed), a few times warm, then loaded with wrk
for a fixed time; POST /api/v1/check sends the HuffPost article from a body file read by the wrk
Lua script. Reported: requests per second, p50 / p99 latency, errors (non-2xx/3xx responses and
socket errors: must be zero), and the server's RSS before and after (/proc/<pid>/status).

Run: .venv/bin/python benchmarks/bench_load.py  (needs wrk: `make bench-env`)
"""

from __future__ import annotations

import json
import sqlite3
import time
from contextlib import closing

from _common import SHARED
from _servers import (
    free_port,
    get,
    have_wrk,
    losswatch_cmd,
    losswatch_env,
    post_json,
    server,
    status_kib,
    synced_store,
    temp_dir,
    wrk,
)

THREADS, CONNECTIONS, SECONDS = 2, 32, 5
HUFFPOST = SHARED / "articles" / "huffpost-russian-losses-480-in-one-day.txt"


def _request(port: int, path: str, payload: bytes | None) -> tuple[int, bytes]:
    if payload is None:
        return get(port, path, timeout=60)
    return post_json(port, path, json.loads(payload), timeout=60)


def run() -> str:
    if not have_wrk():
        return "**Not run**: wrk is not installed (`make bench-env` installs it)."
    db = synced_store()
    work = temp_dir("load")
    port = free_port()
    body = json.dumps({"text": HUFFPOST.read_text(encoding="utf-8")}).encode()
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        day = conn.execute("select max(report_date) from canonical").fetchone()[0]
    rows: list[str] = []
    total_errors = 0
    # Ready once it answers at all: a missing static file, so nothing loads the series yet.
    with server(
        "losswatch",
        losswatch_cmd(db, port),
        port,
        "/static/ready-probe",
        env=losswatch_env(work / "data"),
    ) as lw:
        before = status_kib(lw.pid)
        endpoints: list[tuple[str, str, bytes | None]] = [
            ("latest", "/api/v1/latest", None),
            (
                "series (personnel, 2023)",
                "/api/v1/series/personnel?from=2023-01-01&to=2023-12-31",
                None,
            ),
            ("day (newest report)", f"/api/v1/days/{day}", None),
            ("categories", "/api/v1/categories", None),
            ("audit", "/api/v1/audit", None),
            ("brief", "/api/v1/brief", None),
            ("dashboard: Today page", "/", None),
            ("POST check (HuffPost article)", "/api/v1/check", body),
        ]
        cold: dict[str, tuple[float, int]] = {}
        for name, path, payload in endpoints:
            started = time.perf_counter()
            status, answer = _request(port, path, payload)
            cold[name] = (1000 * (time.perf_counter() - started), len(answer))
            if status != 200:
                raise RuntimeError(f"{name}: HTTP {status}: {answer[:300]!r}")
            for _ in range(5):
                _request(port, path, payload)
        warm = status_kib(lw.pid)
        for name, path, payload in endpoints:
            r = wrk(
                port, path, threads=THREADS, connections=CONNECTIONS, seconds=SECONDS, body=payload
            )
            total_errors += r.errors
            cold_ms, size = cold[name]
            rows.append(
                f"| {name} | `{'POST' if payload else 'GET'} {path.split('?')[0]}` | "
                f"{size:,} | {cold_ms:.0f} | {r.rps:,.0f} | {r.p50_ms:.2f} | "
                f"{r.p99_ms:.2f} | {r.non_2xx_3xx} | {r.socket_errors} |"
            )
        after = status_kib(lw.pid)
    lines = [
        f"wrk -t{THREADS} -c{CONNECTIONS} -d{SECONDS}s --latency per endpoint, "
        "127.0.0.1, one `losswatch serve` process (uvicorn defaults as `serve` sets them).",
        "",
        "| endpoint | request | body bytes | first request ms (cold) | req/s | p50 ms | "
        "p99 ms | non-2xx/3xx | socket errors |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        *rows,
        "",
        f"Errors over all endpoints: **{total_errors}** (must be 0: "
        f"**{'met' if total_errors == 0 else 'MISSED'}**).",
        "",
        f"Server memory (VmRSS): {before['VmRSS'] / 1024:.0f} MiB after start-up (no data "
        f"request yet), {warm['VmRSS'] / 1024:.0f} MiB once every endpoint was requested "
        f"(series loaded, results memoised), {after['VmRSS'] / 1024:.0f} MiB after the "
        f"load ({(after['VmRSS'] - warm['VmRSS']) / 1024:+.0f} MiB under load); peak RSS "
        f"(VmHWM) {after['VmHWM'] / 1024:.0f} MiB.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())  # noqa: T201
