"""Helpers for the benchmarks that start servers: one synced store, servers on 127.0.0.1, wrk.

Every server is a child process started by :func:`server` (a context manager that always stops
it), every wait is bounded by a deadline, and all traffic goes to 127.0.0.1.
"""

from __future__ import annotations

import atexit
import functools
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from _common import ROOT, SOURCES

HOST = "127.0.0.1"
MAIN_BIN = Path(sys.executable).parent
PEERS = ROOT / "benchmarks" / ".venv-peers"
PEER_PYTHON = PEERS / "bin" / "python"
PEER_BIN = PEERS / "bin"


def temp_dir(prefix: str) -> Path:
    """A temporary directory removed when the process exits."""
    path = Path(tempfile.mkdtemp(prefix=f"losswatch-{prefix}-"))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


@functools.lru_cache(maxsize=1)
def synced_store() -> Path:
    """A SQLite store synced from shared/data/sources (made once per process, then shared)."""
    from losswatch.pipeline import sync
    from losswatch.settings import Settings
    from losswatch.store.engine import open_store

    path = temp_dir("bench-store") / "store.db"
    engine = open_store(f"sqlite:///{path}")
    sync(engine, Settings(data_dir=path.parent), from_dir=SOURCES)
    engine.dispose()
    return path


@functools.lru_cache(maxsize=1)
def series_of_store():  # type: ignore[no-untyped-def]
    from losswatch.store.engine import open_store
    from losswatch.store.queries import load_series

    engine = open_store(f"sqlite:///{synced_store()}")
    try:
        return load_series(engine)
    finally:
        engine.dispose()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def get(port: int, path: str, timeout: float = 10.0) -> tuple[int, bytes]:
    """One GET to 127.0.0.1:port (no proxy, no redirects)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def post_json(port: int, path: str, payload: object, timeout: float = 30.0) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request(
            "POST",
            path,
            body=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
        )
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@dataclass
class Server:
    name: str
    port: int
    proc: subprocess.Popen[bytes]
    log: Path

    @property
    def pid(self) -> int:
        return self.proc.pid


@contextmanager
def server(
    name: str,
    cmd: list[str],
    port: int,
    ready_path: str = "/",
    *,
    cwd: Path | None = None,
    timeout: float = 90.0,
    env: dict[str, str] | None = None,
) -> Iterator[Server]:
    """Start ``cmd`` (listening on 127.0.0.1:port), wait until ``ready_path`` answers, stop it
    at the end whatever happens."""
    workdir = cwd or temp_dir(f"srv-{name}")
    log = workdir / f"{name}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd,
            cwd=workdir,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env or os.environ.copy(),
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(
                    f"{name} exited with {proc.returncode} before it was ready:"
                    f"\n{log.read_text(errors='replace')[-2000:]}"
                )
            try:
                status, _ = get(port, ready_path, timeout=5)
                if status < 500:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} not ready on port {port} after {timeout:.0f} s")
            time.sleep(0.1)
        yield Server(name, port, proc, log)
    finally:
        stop(proc)


def stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM the process (it leads its own session), then SIGKILL after 10 s."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def losswatch_cmd(db: Path, port: int) -> list[str]:
    """Exactly what a user runs: ``losswatch --db FILE serve --host 127.0.0.1 --port N``."""
    return [
        str(MAIN_BIN / "losswatch"),
        "--db",
        str(db),
        "serve",
        "--host",
        HOST,
        "--port",
        str(port),
    ]


def losswatch_env(data_dir: Path) -> dict[str, str]:
    """The user's environment without any LOSSWATCH_* override (defaults apply)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOSSWATCH_")}
    env["LOSSWATCH_DATA_DIR"] = str(data_dir)  # keep the default store out of ~/.local
    return env


def status_kib(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak RSS) of ``pid`` in KiB, from /proc/<pid>/status."""
    out: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0])
    return out


def have_wrk() -> bool:
    return shutil.which("wrk") is not None


def wrk_version() -> str:
    if not have_wrk():
        return "not installed"
    done = subprocess.run(["wrk", "-v"], capture_output=True, text=True, timeout=10)
    words = (done.stdout + done.stderr).split()
    return " ".join(words[:2]) if words else "unknown"


LUA_DONE = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,"connect":%d,"read":%d,'
    .. '"write":%d,"status":%d,"timeout":%d,"p50_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write,
    e.status, e.timeout, latency:percentile(50), latency:percentile(99), latency.max))
end
"""

LUA_BODY = """
wrk.method = "{method}"
wrk.headers["Content-Type"] = "{content_type}"
local f = assert(io.open("{body_path}", "rb"))
wrk.body = f:read("*a")
f:close()
"""


@dataclass
class WrkResult:
    requests: int
    seconds: float
    bytes: int
    p50_ms: float
    p99_ms: float
    max_ms: float
    non_2xx_3xx: int
    socket_errors: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def errors(self) -> int:
        return self.non_2xx_3xx + self.socket_errors


def wrk(
    port: int,
    path: str,
    *,
    threads: int = 2,
    connections: int = 32,
    seconds: int = 8,
    body: bytes | None = None,
    content_type: str = "application/json",
) -> WrkResult:
    """``wrk --latency`` against http://127.0.0.1:port/path for ``seconds`` (bounded)."""
    scratch = temp_dir("wrk")
    script = scratch / "bench.lua"
    lua = LUA_DONE
    if body is not None:
        body_path = scratch / "body"
        body_path.write_bytes(body)
        lua = LUA_BODY.format(method="POST", content_type=content_type, body_path=body_path) + lua
    script.write_text(lua, encoding="utf-8")
    cmd = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        "5s",
        "-s",
        str(script),
        f"http://{HOST}:{port}{path}",
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("WRKJSON ")), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(
            f"wrk failed ({done.returncode}): {done.stdout[-800:]}{done.stderr[-800:]}"
        )
    r = json.loads(line.removeprefix("WRKJSON "))
    return WrkResult(
        requests=r["requests"],
        seconds=r["duration_us"] / 1e6,
        bytes=r["bytes"],
        p50_ms=r["p50_us"] / 1000,
        p99_ms=r["p99_us"] / 1000,
        max_ms=r["max_us"] / 1000,
        non_2xx_3xx=r["status"],
        socket_errors=r["connect"] + r["read"] + r["write"] + r["timeout"],
    )


def peer_versions(*packages: str) -> dict[str, str]:
    """Versions of packages in the peer venv (``not installed`` when it or they are missing)."""
    if not PEER_PYTHON.exists():
        return dict.fromkeys(packages, "not installed (run make bench-env)")
    code = (
        "import json, sys\nfrom importlib.metadata import version, PackageNotFoundError\n"
        "out = {}\nfor p in sys.argv[1:]:\n    try:\n        out[p] = version(p)\n"
        "    except PackageNotFoundError:\n        out[p] = 'not installed'\n"
        "print(json.dumps(out))"
    )
    done = subprocess.run(
        [str(PEER_PYTHON), "-c", code, *packages], capture_output=True, text=True, timeout=60
    )
    try:
        return dict(json.loads(done.stdout))
    except json.JSONDecodeError:
        return dict.fromkeys(packages, "unknown")
