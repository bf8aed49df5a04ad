"""Run every benchmark and write BENCHMARKS.md from scratch (what `make bench` runs).

Each benchmark module has ``run() -> str`` (Markdown); this script adds the machine, the
versions and the revision, one section per benchmark with how long it took, and a summary of
the goals. A benchmark that fails is reported as failed (the others still run) and the exit
status is then 1. The synthetic ingest scales go up to LOSSWATCH_BENCH_MAX_SCALE (default 100:
x1, x10 and x100; the ingest section takes about 2-3 minutes, x100 most of it): the whole run
then takes 6-8 minutes on 2 cores (more when the machine is busy with other work), and no
benchmark is started after 9 minutes.

Run: .venv/bin/python benchmarks/run_all.py [--out BENCHMARKS.md] [--only api,load]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from _common import ROOT, machine, version_of
from _servers import peer_versions, wrk_version

BUDGET_SECONDS = 540.0  # start no benchmark after 9 minutes


def revision() -> str:
    """HEAD's commit, read from .git without running git (the work tree may differ from it)."""
    git = ROOT / ".git"
    try:
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head[:12]
        ref = head.removeprefix("ref: ")
        if (git / ref).exists():
            return (git / ref).read_text().strip()[:12] + f" ({ref.rsplit('/', 1)[-1]})"
        packed = git / "packed-refs"
        if packed.exists():
            for line in packed.read_text().splitlines():
                if line.endswith(" " + ref):
                    return line.split()[0][:12] + f" ({ref.rsplit('/', 1)[-1]})"
    except OSError:
        pass
    return "unknown"


def _mem_total() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _say(message: str) -> None:
    sys.stderr.write(f"[bench] {message}\n")
    sys.stderr.flush()


def _load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def _reconcile_ratio(text: str) -> str:
    found = dict(
        re.findall(
            r"\| (losswatch canonical series|plain majority vote \(peer\)) "
            r"\| \d+ \| \d+ \| ([\d.]+)% \|",
            text,
        )
    )
    ours, peer = found.get("losswatch canonical series"), found.get("plain majority vote (peer)")
    if not ours or not peer:
        return ""
    return (
        f"\n\nRatio against the peer: losswatch accuracy / majority-vote accuracy = "
        f"{float(ours) / float(peer):.2f}x ({ours}% vs {peer}%)."
    )


def _ingest_about(max_scale: int, measured: str) -> str:
    """What the ingest table measured: the scales actually run, and what a synthetic day is."""
    scales = ", ".join(f"x{s}" for s in (1, 10, 100) if s <= max_scale)
    left_out = (
        ""
        if max_scale >= 100
        else (f" Larger scales were left out (LOSSWATCH_BENCH_MAX_SCALE={max_scale}).")
    )
    against = "x1 and against x10" if max_scale > 10 else "x1"
    return (
        "No external peer: the ratios are the cost per observation at the largest "
        f"synthetic scale against {against}. Synthetic scales run: {scales}."
        f"{left_out} {measured}"
    )


def sections(max_scale: int) -> list[tuple[str, str, str, Callable[[], str]]]:
    import bench_api
    import bench_claims
    import bench_corpus
    import bench_ingest
    import bench_load
    import bench_long_input
    import bench_reconcile
    import claims_table

    return [
        (
            "ingest",
            "1a. Ingest: sync cost and linear growth",
            _ingest_about(
                max_scale, (bench_ingest.__doc__ or "").split("\n\n")[1].replace("\n", " ")
            ),
            lambda: bench_ingest.run(max_scale),
        ),
        (
            "reconcile",
            "1b. Reconciliation accuracy",
            "shared/reconcile/dev-labels.csv, against a plain majority vote of the sources.",
            lambda: (lambda t: t + _reconcile_ratio(t))(bench_reconcile.run()),
        ),
        (
            "claims",
            "2. Claim checking vs quantulum3",
            (bench_claims.__doc__ or "").split("\n\n")[1].replace("\n", " "),
            bench_claims.run,
        ),
        (
            "claims-quality",
            "2a. Claim checker quality per language and kind (dev, dev2, held out)",
            (claims_table.__doc__ or "").split("\n\n")[1].replace("\n", " "),
            claims_table.run,
        ),
        (
            "long-input",
            "2b. Long articles up to the cap: check time and memory",
            (bench_long_input.__doc__ or "").split("\n\n")[1].replace("\n", " "),
            bench_long_input.run,
        ),
        (
            "api",
            "3. Read API vs Datasette and a static file server",
            (bench_api.__doc__ or "").split("\n\n")[1].replace("\n", " "),
            bench_api.run,
        ),
        (
            "load",
            "4. Load test (issue 8)",
            (bench_load.__doc__ or "").split("\n\n")[1].replace("\n", " "),
            bench_load.run,
        ),
        (
            "corpus",
            "5. Corpus checking on a Dask cluster (1 and 2 workers, client memory)",
            (bench_corpus.__doc__ or "").split("\n\n")[1].replace("\n", " "),
            bench_corpus.run,
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--only", default="", help="comma-separated section keys")
    args = parser.parse_args()
    max_scale = int(os.environ.get("LOSSWATCH_BENCH_MAX_SCALE", "100"))
    only = {k for k in args.only.split(",") if k}
    started, load_before = time.monotonic(), _load()
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    body: list[str] = []
    goals: list[str] = []
    failed = False
    for key, title, about, fn in sections(max_scale):
        if only and key not in only:
            continue
        _say(f"{key} ...")
        if time.monotonic() - started > BUDGET_SECONDS:
            body += [f"## {title}", "", "**Skipped**: the run was past its time budget.", ""]
            failed = True
            continue
        begun = time.monotonic()
        try:
            result = fn()
        except Exception:  # a broken benchmark is reported, the others still run
            failed = True
            result = (
                "**Failed**:\n\n```\n"
                + "".join(traceback.format_exc().splitlines(True)[-15:])
                + "```"
            )
        seconds = time.monotonic() - begun
        _say(f"{key}: {seconds:.0f} s")
        body += [
            f"## {title}",
            "",
            about,
            "",
            result,
            "",
            f"_{key}: {seconds:.0f} s; load average (1/5/15 min) at the end: {_load()}._",
            "",
        ]
        goals += [
            f"- {title.split('. ', 1)[0]} {line.lstrip('- ')}"
            for line in result.splitlines()
            if "**met**" in line or "**MISSED**" in line
        ]
    total = time.monotonic() - started
    info = machine()
    peers = peer_versions("datasette", "quantulum3", "scikit-learn")
    libs = ", ".join(
        f"{p} {version_of(p)}"
        for p in ("fastapi", "starlette", "uvicorn", "sqlalchemy", "dask", "distributed", "pyarrow")
    )
    head = [
        "# Benchmarks",
        "",
        f"Generated by `make bench` (benchmarks/run_all.py) on {stamp}, in {total:.0f} s. "
        "Do not edit by hand: every run rewrites this file.",
        "",
        "| | |",
        "| --- | --- |",
        f"| machine | {info['cpu']}, {info['cores']} cores, {_mem_total()} RAM |",
        f"| platform | {info['platform']} |",
        f"| Python | {info['python']} |",
        f"| losswatch | {version_of('losswatch')} at revision {revision()} |",
        f"| libraries | {libs} |",
        f"| peers (benchmarks/.venv-peers) | datasette {peers['datasette']}, quantulum3 "
        f"{peers['quantulum3']} (scikit-learn {peers['scikit-learn']}) |",
        f"| load generator | {wrk_version()} |",
        f"| load average (1/5/15 min) | {load_before} at the start, {_load()} at the end |",
        "",
        "Every server listens on 127.0.0.1 only and is stopped at the end of its "
        "benchmark. The machine may be shared with other work (see the load averages); "
        "timings move with it.",
        "",
        "## Goals",
        "",
        *(goals or ["- (no goal was evaluated)"]),
        "",
    ]
    text = "\n".join(head + body).rstrip() + "\n"
    tmp = args.out.with_suffix(".md.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(args.out)
    _say(f"wrote {args.out} in {total:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
