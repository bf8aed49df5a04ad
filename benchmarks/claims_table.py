"""Print the claim checker's per-language and per-kind table on dev, dev2 and the held-out part.

dev2.jsonl is split by tests/claims/heldout.txt: the articles listed there were kept aside while
the checker was developed (issue 19) and are reported on their own.

Run: .venv/bin/python benchmarks/claims_table.py [--misses]
"""

from __future__ import annotations

import sys
from pathlib import Path

from _common import SHARED
from _servers import series_of_store

from losswatch.claims.evaluate import evaluate, load_records, read_urls, split, table

HELDOUT = Path(__file__).resolve().parents[1] / "tests" / "claims" / "heldout.txt"


def main() -> None:
    series = series_of_store()
    dev = load_records(SHARED / "claims" / "dev.jsonl")
    dev2, held = split(load_records(SHARED / "claims" / "dev2.jsonl"), read_urls(HELDOUT))
    for name, records in (("dev", dev), ("dev2 (dev part)", dev2), ("held out", held)):
        result = evaluate(records, series)
        print(table(name, result), end="\n\n")  # noqa: T201
        if "--misses" in sys.argv:
            print("\n".join(result.misses), end="\n\n")  # noqa: T201


if __name__ == "__main__":
    main()
