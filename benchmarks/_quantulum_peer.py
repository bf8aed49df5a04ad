"""Run in the peer venv (benchmarks/.venv-peers): time quantulum3 on texts, print JSON.

Input (a JSON file named on the command line): ``{"groups": {name: [text, ...]},
"sentences": [text, ...], "min_seconds": s, "max_passes": n}``. Each group's texts are parsed
once to warm up, then in whole passes until ``min_seconds`` have gone by (at most
``max_passes``). Output: per group the passes, seconds, mean and best-pass ms per text; for
every sentence the values of the quantities quantulum3 extracts from it.

Run by bench_claims.py: benchmarks/.venv-peers/bin/python benchmarks/_quantulum_peer.py IN.json
"""

from __future__ import annotations

import json
import sys
import time
import warnings
from importlib.metadata import version
from pathlib import Path


def main() -> None:
    job = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    warnings.simplefilter("ignore")
    started = time.perf_counter()
    from quantulum3 import parser

    parser.parse("Russia lost 480 troops and 3 tanks on Tuesday.")  # load units + classifier
    load_seconds = time.perf_counter() - started
    groups = {}
    for name, texts in job["groups"].items():
        for text in texts:
            parser.parse(text)
        passes, best, begun = 0, float("inf"), time.perf_counter()
        while passes < job["max_passes"]:
            one = time.perf_counter()
            for text in texts:
                parser.parse(text)
            best = min(best, time.perf_counter() - one)
            passes += 1
            if time.perf_counter() - begun >= job["min_seconds"]:
                break
        seconds = time.perf_counter() - begun
        groups[name] = {
            "texts": len(texts),
            "passes": passes,
            "seconds": seconds,
            "ms_per_text": 1000 * seconds / (passes * len(texts)),
            "best_ms_per_text": 1000 * best / len(texts),
        }
    values = [[q.value for q in parser.parse(s)] for s in job["sentences"]]
    print(
        json.dumps(
            {
                "version": version("quantulum3"),
                "load_seconds": load_seconds,  # noqa: T201
                "groups": groups,
                "sentence_values": values,
            }
        )
    )


if __name__ == "__main__":
    main()
