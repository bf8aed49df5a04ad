"""Profile ``losswatch serve`` under wrk with py-spy (from the peer venv); not in `make bench`.

Starts the server as bench_api.py does, samples it with ``py-spy record`` while wrk loads one
path, and prints where the busy samples go: self time per frame, then the inclusive share of
every frame whose text contains ``--match`` (default: the project's own code). Idle samples
(threads waiting on a condition or on epoll) are left out.

Run: .venv/bin/python benchmarks/profile_api.py [/api/v1/latest] [--seconds 8] [--match losswatch/]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import time
from collections import Counter
from pathlib import Path

from _servers import (
    PEER_BIN,
    free_port,
    get,
    losswatch_cmd,
    losswatch_env,
    server,
    synced_store,
    temp_dir,
    wrk,
)

IDLE = ("Condition.wait", "EpollSelector.select", "select (selectors.py")


def _short(frame: str) -> str:
    frame = re.sub(r"\S*/site-packages/", "", frame)
    frame = re.sub(r"\S*/src/", "", frame)
    return re.sub(r"\S*/lib/python3\.\d+/", "", frame)


def summarise(raw: Path, match: str, top: int = 25) -> str:
    own: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames = stack.split(";")
        if not count.isdigit() or any(mark in frames[-1] for mark in IDLE):
            continue
        total += int(count)
        own[_short(frames[-1])] += int(count)
        for frame in {_short(f) for f in frames}:
            inclusive[frame] += int(count)
    if not total:
        return "no busy samples"
    out = [f"{total} busy samples", "", "self:"]
    out += [f"{100 * n / total:5.1f}% {f}" for f, n in own.most_common(top)]
    out += ["", f"inclusive (frames matching {match!r}):"]
    out += [f"{100 * n / total:5.1f}% {f}" for f, n in inclusive.most_common() if match in f][:top]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="?", default="/api/v1/latest")
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--match", default="losswatch/")
    args = parser.parse_args()
    spy_bin = PEER_BIN / "py-spy"
    if not spy_bin.exists():
        raise SystemExit("py-spy is not in the peer venv: run make bench-env")
    db, work, port = synced_store(), temp_dir("profile"), free_port()
    raw = work / "profile.txt"
    with server(
        "losswatch",
        losswatch_cmd(db, port),
        port,
        "/api/v1/latest",
        env=losswatch_env(work / "data"),
    ) as lw:
        for _ in range(20):
            get(port, args.path)
        spy = subprocess.Popen(
            [
                str(spy_bin),
                "record",
                "--pid",
                str(lw.pid),
                "--duration",
                str(args.seconds),
                "--rate",
                "200",
                "--format",
                "raw",
                "--output",
                str(raw),
                "--threads",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            time.sleep(0.5)
            r = wrk(port, args.path, seconds=args.seconds)
            spy.wait(timeout=args.seconds + 60)
        finally:
            if spy.poll() is None:
                spy.kill()
                spy.wait(timeout=10)
    print(
        f"{args.path}: {r.rps:,.0f} req/s, p50 {r.p50_ms:.2f} ms, "  # noqa: T201
        f"p99 {r.p99_ms:.2f} ms, errors {r.errors}\n"
    )
    print(summarise(raw, args.match))  # noqa: T201


if __name__ == "__main__":
    main()
