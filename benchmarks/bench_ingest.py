"""Ingest cost: the full recorded history, and how it grows with history length.

The PetroIvaniuk series (equipment + personnel) is extended synthetically to 10x and 100x its
days (each copy continues the cumulative counts of the one before), synced from a directory and
reconciled, as `losswatch sync --from-dir` does it; the cost per observation must stay flat
(linear growth). Beyond x1 the synthetic days run decades (x10) to centuries (x100) past
today, so each synthetic sync runs as of its last synthetic day (``sync(today=...)``): nothing
is quarantined as from the future and every synthetic day is stored and reconciled (the
quarantined column shows it).

Each store and synthetic tree is deleted after its run (a x100 store takes about 600 MB).

Run: .venv/bin/python benchmarks/bench_ingest.py [--max-scale 100]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
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
    """A --from-dir tree with the PetroIvaniuk equipment and personnel files ``extended``."""
    root = Path(tempfile.mkdtemp(prefix=f"losswatch-x{scale}-"))
    folder = root / "petroivaniuk"
    folder.mkdir()
    for name in ("russia_losses_equipment.json", "russia_losses_personnel.json"):
        records = json.loads((SOURCES / "petroivaniuk" / name).read_text(encoding="utf-8"))
        (folder / name).write_text(json.dumps(extended(records, scale)), encoding="utf-8")
    return root


def _last_day(tree: Path) -> dt.date:
    """The newest report date of a synthetic tree: the day its sync runs as."""
    records = json.loads((tree / "petroivaniuk" / "russia_losses_equipment.json").read_bytes())
    return max(dt.date.fromisoformat(str(r["date"])) for r in records)


def timed_sync(
    from_dir: Path, sources: list[str] | None = None, *, today: dt.date | None = None
) -> tuple[float, int, int]:
    """Seconds of one sync (with its reconciliation) into a fresh store, the new observations
    and how many of them were quarantined; the store is deleted afterwards."""
    url, path = fresh_store("ingest")
    engine = open_store(url)
    try:
        started = time.perf_counter()
        summary = sync(
            engine, Settings(data_dir=path.parent), from_dir=from_dir, sources=sources, today=today
        )
        seconds = time.perf_counter() - started
    finally:
        engine.dispose()
        shutil.rmtree(path.parent, ignore_errors=True)
    return (
        seconds,
        sum(r.new_observations for r in summary.results),
        sum(r.quarantined for r in summary.results),
    )


def run(max_scale: int = 100) -> str:
    full, full_obs, full_held = timed_sync(SOURCES)
    lines = [
        "| input | days | observations | of which quarantined | seconds | "
        "ms per 1,000 observations |",
        "| --- | --- | --- | --- | --- | --- |",
        f"| all recorded sources (sync + reconcile) | 1,626 | {full_obs:,} | "
        f"{full_held:,} | {full:.1f} | {1e6 * full / full_obs:.0f} |",
    ]
    per_obs: dict[int, float] = {}
    base_days = len(
        json.loads(
            (SOURCES / "petroivaniuk" / "russia_losses_equipment.json").read_text(encoding="utf-8")
        )
    )
    for scale in (s for s in (1, 10, 100) if s <= max_scale):
        tree = synthetic_tree(scale)
        try:
            seconds, obs, held = timed_sync(tree, sources=["petroivaniuk"], today=_last_day(tree))
        finally:
            shutil.rmtree(tree, ignore_errors=True)
        per_obs[scale] = seconds / obs
        lines.append(
            f"| PetroIvaniuk x{scale} (synthetic) | {base_days * scale:,} | {obs:,} | "
            f"{held:,} | {seconds:.1f} | {1e6 * per_obs[scale]:.0f} |"
        )
    top = max(per_obs)
    ratio = per_obs[top] / per_obs[1]
    lines += [
        "",
        f"Cost per observation at x{top} relative to x1: {ratio:.2f} "
        f"({'linear' if ratio < 1.5 else 'NOT linear'}: 1.0 is perfectly linear; under 1, "
        "a sync's fixed costs are spread over more days).",
    ]
    if 10 in per_obs and top > 10:
        step = per_obs[top] / per_obs[10]
        lines += [
            "",
            f"Cost per observation at x{top} relative to x10: {step:.2f} "
            f"({'linear' if step < 1.5 else 'NOT linear'}).",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-scale", type=int, default=100)
    print(run(parser.parse_args().max_scale))  # noqa: T201
