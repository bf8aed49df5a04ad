"""Read API throughput: ``losswatch serve`` against Datasette and a static file server.

One SQLite store synced from shared/data/sources is served three ways on 127.0.0.1:
``losswatch serve`` (exactly as a user starts it), Datasette (from the peer venv) on the same
file, and ``python -m http.server`` serving /api/v1/latest's JSON saved once as a file. The
same wrk load (threads, connections, duration) hits each; wrk runs on the same 2 cores.

Run: .venv/bin/python benchmarks/bench_api.py  (needs `make bench-env`: wrk and the peer venv)
"""

from __future__ import annotations

import json
import subprocess
import sys
from contextlib import ExitStack
from urllib.parse import urlencode

from _servers import (
    PEER_BIN,
    WrkResult,
    free_port,
    get,
    have_wrk,
    losswatch_cmd,
    losswatch_env,
    server,
    synced_store,
    temp_dir,
    wrk,
)

THREADS, CONNECTIONS, SECONDS, ROUNDS = 2, 32, 6, 2
SERIES_PATH = "/api/v1/series/personnel?from=2023-01-01&to=2023-12-31"
LATEST_SQL = (
    "select * from canonical where report_date = "
    "(select max(report_date) from canonical) order by category"
)
SERIES_SQL = (
    "select report_date, loss_day, value, increment, status, rule, supporting, "
    "dissent, flags from canonical where category = 'personnel' and report_date "
    "between '2023-01-01' and '2023-12-31' order by report_date"
)
GOAL_DATASETTE, WARM_UP = 10.0, 20


def _stack(python: str) -> str:
    """Which loop / HTTP implementation uvicorn's ``auto`` picks under ``python``."""
    code = (
        "import importlib.util as u; print(('uvloop' if u.find_spec('uvloop') else 'asyncio')"
        " + ' + ' + ('httptools' if u.find_spec('httptools') else 'h11'))"
    )
    done = subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=60)
    return done.stdout.strip() or "unknown"


def datasette_path(sql: str) -> str:
    return "/store.json?" + urlencode({"sql": sql, "_shape": "array"})


def _warm(port: int, path: str) -> bytes:
    body = b""
    for _ in range(WARM_UP):
        status, body = get(port, path)
        if status != 200:
            raise RuntimeError(f"GET {path} on {port}: HTTP {status}: {body[:300]!r}")
    return body


def _row(query: str, server_name: str, r: WrkResult, ours: WrkResult | None) -> str:
    ratio = f"{ours.rps / r.rps:.2f}x" if ours is not None and r.rps else "-"
    return (
        f"| {query} | {server_name} | {r.rps:,.0f} | {r.p50_ms:.2f} | {r.p99_ms:.2f} | "
        f"{r.errors} | {ratio} |"
    )


def run() -> str:
    if not have_wrk():
        return "**Not run**: wrk is not installed (`make bench-env` installs it)."
    if not (PEER_BIN / "datasette").exists():
        return "**Not run**: the peer venv has no Datasette (`make bench-env`)."
    db = synced_store()
    work = temp_dir("api")
    static_dir = work / "static"
    static_dir.mkdir()
    runs: dict[tuple[str, str], list[WrkResult]] = {}
    checks: list[str] = []
    lw_port, ds_port, st_port = free_port(), free_port(), free_port()
    ds_cmd = [
        str(PEER_BIN / "datasette"),
        "serve",
        "-i",
        str(db),
        "-h",
        "127.0.0.1",
        "-p",
        str(ds_port),
    ]
    st_cmd = [
        sys.executable,
        "-m",
        "http.server",
        str(st_port),
        "--bind",
        "127.0.0.1",
        "--directory",
        str(static_dir),
    ]
    with ExitStack() as stack:
        lw = stack.enter_context(
            server(
                "losswatch",
                losswatch_cmd(db, lw_port),
                lw_port,
                "/api/v1/latest",
                env=losswatch_env(work / "data"),
            )
        )
        latest = _warm(lw.port, "/api/v1/latest")
        (static_dir / "latest.json").write_bytes(latest)
        series = json.loads(_warm(lw.port, SERIES_PATH))
        checks.append(
            f"losswatch latest: {len(latest):,} bytes, report "
            f"{json.loads(latest)['data']['report_date']}; one-year series: "
            f"{len(series['data'])} rows"
        )
        ds = stack.enter_context(server("datasette", ds_cmd, ds_port, "/-/versions.json"))
        st = stack.enter_context(server("static", st_cmd, st_port, "/latest.json"))
        _warm(st.port, "/latest.json")
        targets = {
            ("latest", "losswatch"): (lw.port, "/api/v1/latest"),
            ("latest", "datasette"): (ds.port, datasette_path(LATEST_SQL)),
            ("latest", "static"): (st.port, "/latest.json"),
            ("series", "losswatch"): (lw.port, SERIES_PATH),
            ("series", "datasette"): (ds.port, datasette_path(SERIES_SQL)),
        }
        for query, sql in (("latest", LATEST_SQL), ("series", SERIES_SQL)):
            rows = json.loads(_warm(ds.port, datasette_path(sql)))
            checks.append(f"Datasette {query}: {len(rows)} rows")
        # Rounds interleave the servers, so a burst of other work on the machine cannot
        # favour one of them; each keeps its best round.
        for _ in range(ROUNDS):
            for key, (port, path) in targets.items():
                runs.setdefault(key, []).append(
                    wrk(port, path, threads=THREADS, connections=CONNECTIONS, seconds=SECONDS)
                )
    results = {k: max(v, key=lambda r: r.rps) for k, v in runs.items()}

    names = {
        "losswatch": "losswatch serve",
        "datasette": "Datasette (immutable)",
        "static": "python -m http.server (static file)",
    }
    lines = [
        f"wrk -t{THREADS} -c{CONNECTIONS} -d{SECONDS}s --latency, 127.0.0.1, one server "
        f"loaded at a time on the same 2 cores as wrk; {ROUNDS} rounds interleaving the "
        "servers, each row its best round (req/s of every round in the last column).",
        "",
        "| query | server | req/s | p50 ms | p99 ms | errors | losswatch / this | "
        "req/s per round |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for query in ("latest", "series"):
        ours = results[query, "losswatch"]
        for key in ("losswatch", "datasette", "static"):
            if (query, key) in results:
                lines.append(
                    _row(
                        query, names[key], results[query, key], None if key == "losswatch" else ours
                    )
                    + " "
                    + " / ".join(f"{r.rps:,.0f}" for r in runs[query, key])
                    + " |"
                )
    goals = []
    for query in ("latest", "series"):
        ratio = results[query, "losswatch"].rps / results[query, "datasette"].rps
        goals.append(
            f"- {query}: {ratio:.1f}x Datasette's req/s (goal >= {GOAL_DATASETTE:.0f}x)"
            f": **{'met' if ratio >= GOAL_DATASETTE else 'MISSED'}**"
        )
    static_ratio = results["latest", "losswatch"].rps / results["latest", "static"].rps
    goals.append(
        f"- latest: {static_ratio:.2f}x the static file server's req/s (goal >= 1x): "
        f"**{'met' if static_ratio >= 1 else 'MISSED'}**"
    )
    errors = {k: sum(r.errors for r in v) for k, v in runs.items()}
    lines += [
        "",
        "Goals:",
        *goals,
        "",
        "Errors over all rounds: "
        + ", ".join(f"{names[k]} {q} {n}" for (q, k), n in errors.items())
        + ".",
        "",
        "Queries: `/api/v1/latest` vs Datasette "
        f"`{LATEST_SQL}` vs the saved JSON; `{SERIES_PATH}` vs Datasette `{SERIES_SQL}` "
        "(both `_shape=array`).",
        "",
        "`losswatch serve` is run as a user runs it (`losswatch --db FILE serve --host "
        "127.0.0.1 --port N`): one uvicorn process, 1 worker, uvicorn's `auto` loop and "
        f"HTTP implementation, which resolve to {_stack(sys.executable)} in the project "
        "venv, log level WARNING (so no access log), `server_header=False`. Datasette "
        "runs with its defaults plus `-i` (immutable file) on uvicorn with "
        f"{_stack(str(PEER_BIN / 'python'))} in the peer venv. `http.server` is the "
        "standard library's threading HTTP/1.0 server: a new connection per request and "
        "a listen backlog of 5, so with 32 connections some connection attempts wait "
        "for a SYN retry (its p99 and any socket errors).",
        "",
        "Sanity checks: " + "; ".join(checks) + ".",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())  # noqa: T201
