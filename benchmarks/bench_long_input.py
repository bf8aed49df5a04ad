"""Long articles: check time and memory against article length, up to the 500,000-character cap.

Texts: every article in shared/articles concatenated ("news"), and one sentence with two
figures ("dense": a figure every 43 characters), each repeated to 62,500, 125,000, 250,000 and
500,000 characters (losswatch.models.MAX_ARTICLE_CHARS). Each size runs in a fresh process that
loads the real store's series and warms the checker up; it then times ``check_article``
(extraction, date inference, verdicts), the text report and the JSON report (``json.dumps`` of
``as_json``), then repeats the three under tracemalloc for their peak Python memory. Linear
growth shows as flat "per 100,000 characters" columns.

Run: .venv/bin/python benchmarks/bench_long_input.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

from _common import SHARED
from _servers import synced_store

SIZES = (62_500, 125_000, 250_000, 500_000)
DENSE = "On 26 October the General Staff said Russia had lost 480 soldiers and 2,628 tanks. "


def article(chars: int, kind: str = "news") -> str:
    if kind == "dense":
        whole = DENSE
    else:
        paths = sorted((SHARED / "articles").glob("*.txt"))
        whole = "\n\n".join(p.read_text(encoding="utf-8") for p in paths)
    return (whole * (chars // len(whole) + 1))[:chars]


def measure_one(chars: int, kind: str, store: Path) -> dict[str, Any]:
    """In this process: the warmed-up checker on an article of ``chars`` characters."""
    from losswatch.claims import check_article
    from losswatch.claims.render import as_json, as_text
    from losswatch.store.engine import open_store
    from losswatch.store.queries import load_series

    series = load_series(open_store(f"sqlite:///{store}"))
    as_text(check_article(article(5_000), series))  # warm-up: language tables, figures
    text = article(chars, kind)
    begun = time.perf_counter()
    report = check_article(text, series)
    checked = time.perf_counter()
    as_text(report)
    texted = time.perf_counter()
    json.dumps(as_json(report), default=str)
    done = time.perf_counter()
    figures = len(report.verdicts)
    del report
    tracemalloc.start()
    json.dumps(as_json(checked_report := check_article(text, series)), default=str)
    as_text(checked_report)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "kind": kind,
        "chars": chars,
        "figures": figures,
        "check_s": checked - begun,
        "text_s": texted - checked,
        "json_s": done - texted,
        "peak_mb": peak / 2**20,
    }


def run() -> str:
    store = synced_store()
    rows = []
    for kind, chars in ((k, c) for k in ("news", "dense") for c in SIZES):
        done = subprocess.run(
            [sys.executable, __file__, "--one", str(chars), kind, str(store)],
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    lines = [
        "| text | characters | figures | check s | text report s | JSON report s | check s per "
        "100k chars | peak memory MB | MB per 100k chars |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        per = 100_000 / r["chars"]
        lines.append(
            f"| {r['kind']} | {r['chars']:,} | {r['figures']:,} | {r['check_s']:.2f} | {r['text_s']:.3f} | "
            f"{r['json_s']:.3f} | {r['check_s'] * per:.2f} | {r['peak_mb']:.0f} | "
            f"{r['peak_mb'] * per:.1f} |"
        )
    total = lambda r: r["check_s"] + r["text_s"] + r["json_s"]  # noqa: E731
    lines.append("")
    for kind in ("news", "dense"):
        small, big = [r for r in rows if r["kind"] == kind][:: len(SIZES) - 1]
        lines.append(
            f"{kind}: {big['chars'] / small['chars']:.0f}x the characters, "
            f"{total(big) / total(small):.1f}x the time (check and both reports), "
            f"{big['peak_mb'] / small['peak_mb']:.1f}x the peak memory (linear: about the same "
            "factor; quadratic: its square).  "
        )
    return "\n".join(lines)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(measure_one(int(sys.argv[2]), sys.argv[3], Path(sys.argv[4]))))
    else:
        print(run())
