"""Reconciliation accuracy on shared/reconcile/dev-labels.csv, against a plain majority vote.

Run: .venv/bin/python benchmarks/bench_reconcile.py  (prints a Markdown table)
"""

from __future__ import annotations

import time

from _common import SHARED, SOURCES, fresh_store

from losswatch.pipeline import sync
from losswatch.reconcile import load_evidence
from losswatch.reconcile.evaluate import evaluate, read_labels
from losswatch.reconcile.rules import vote
from losswatch.settings import Settings
from losswatch.store.engine import open_store
from losswatch.store.queries import load_series


def run() -> str:
    url, path = fresh_store("reconcile")
    engine = open_store(url)
    started = time.perf_counter()
    sync(engine, Settings(data_dir=path.parent), from_dir=SOURCES)
    elapsed = time.perf_counter() - started
    labels_path = SHARED / "reconcile" / "dev-labels.csv"
    ours = evaluate(load_series(engine), labels_path)
    evidence = load_evidence(engine)
    baseline = 0
    for day, cat, truth, _kind in read_labels(labels_path):
        cell = evidence.obs.get(cat, {}).get(day, {})
        plain = vote({s: v for s, (v, _) in cell.items() if v is not None})
        baseline += plain.value == truth
    n = len(ours.results)
    by_kind: dict[str, list[bool]] = {}
    for r in ours.results:
        by_kind.setdefault(r.label_kind, []).append(r.correct)
    lines = [
        "| method | correct | labels | accuracy |",
        "| --- | --- | --- | --- |",
        f"| losswatch canonical series | {ours.correct} | {n} | {ours.accuracy:.1%} |",
        f"| plain majority vote (peer) | {baseline} | {n} | {baseline / n:.1%} |",
        "",
        "| label kind | losswatch correct |",
        "| --- | --- |",
        *[f"| {k} | {sum(v)}/{len(v)} |" for k, v in sorted(by_kind.items())],
        "",
        f"Full sync + reconcile of every recorded source: {elapsed:.1f} s.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())  # noqa: T201
