"""Ingest cost: the full recorded history, and how it grows with history length.

The PetroIvaniuk series (equipment + personnel) is extended synthetically to 10x and 100x its
days (each copy continues the cumulative counts of the one before), synced from a directory and
reconciled; the cost per day must stay flat (linear growth).

Run: .venv/bin/python benchmarks/bench_ingest.py [--max-scale 100]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import tempfile
import time
from pathlib import Path

from _common import SOURCES, fresh_store

from losswatch.pipeline import sync
from losswatch.settings import Settings
from losswatch.store.engine import open_store


def extended(records: list[dict[str, object]], scale: int) -> list[dict[str, object]]:
    """``records`` repeated ``scale`` times on consecutive days, counts kept cumulative."""
    start = dt.date.fromisoformat(str(records[0]["date"]))
    last = records[-1]
    out: list[dict[str, object]] = []
    for copy in range(scale):
        for i, rec in enumerate(records):
            row = dict(rec)
            row["date"] = (start + dt.timedelta(days=copy * len(records) + i)).isoformat()
            for key, value in rec.items():
                if key not in ("date", "day") and isinstance(value, int):
                    base = last.get(key, 0)
                    row[key] = value + copy * (base if isinstance(base, int) else 0)
            out.append(row)
    return out


def synthetic_tree(scale: int) -> Path:
    root = Path(tempfile.mkdtemp(prefix=f"losswatch-x{scale}-"))
    folder = root / "petroivaniuk"
    folder.mkdir()
    for name in ("russia_losses_equipment.json", "russia_losses_personnel.json"):
        records = json.loads((SOURCES / "petroivaniuk" / name).read_text(encoding="utf-8"))
        (folder / name).write_text(json.dumps(extended(records, scale)), encoding="utf-8")
    return root


def timed_sync(from_dir: Path, sources: list[str] | None = None) -> tuple[float, int]:
    url, path = fresh_store("ingest")
    engine = open_store(url)
    started = time.perf_counter()
    summary = sync(engine, Settings(data_dir=path.parent), from_dir=from_dir, sources=sources)
    return time.perf_counter() - started, sum(r.new_observations for r in summary.results)


def run(max_scale: int = 100) -> str:
    full, full_obs = timed_sync(SOURCES)
    lines = ["| input | days | observations | seconds | ms per 1,000 observations |",
             "| --- | --- | --- | --- | --- |",
             f"| all recorded sources (sync + reconcile) | 1,626 | {full_obs:,} | {full:.1f} | "
             f"{1e6 * full / full_obs:.0f} |"]
    per_obs: dict[int, float] = {}
    base_days = len(json.loads((SOURCES / "petroivaniuk" /
                                "russia_losses_equipment.json").read_text(encoding="utf-8")))
    for scale in (s for s in (1, 10, 100) if s <= max_scale):
        seconds, obs = timed_sync(synthetic_tree(scale), sources=["petroivaniuk"])
        per_obs[scale] = seconds / obs
        lines.append(f"| PetroIvaniuk x{scale} (synthetic) | {base_days * scale:,} | {obs:,} | "
                     f"{seconds:.1f} | {1e6 * per_obs[scale]:.0f} |")
    top = max(per_obs)
    ratio = per_obs[top] / per_obs[1]
    lines += ["", f"Cost per observation at x{top} relative to x1: {ratio:.2f} "
              f"({'linear' if ratio < 1.5 else 'NOT linear'}: 1.0 is perfectly linear)."]
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-scale", type=int, default=100)
    print(run(parser.parse_args().max_scale))  # noqa: T201
