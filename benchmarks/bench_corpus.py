"""Corpus checking on dask.distributed: articles per second with 1 and 2 workers.

10,000 documents are built from the shared articles: the HuffPost article and the 30 dev-set
articles (claims/evaluate.py's grouping), repeated round-robin with their dates moved by a
varying number of days (articles without a date keep none, so their report date is inferred),
written to one JSONL file. ``check_corpus`` (LocalCluster, one thread per worker) checks it and
writes Parquet; the wall time includes starting and stopping the cluster, scattering the series
and writing the output, as a user of ``losswatch check-corpus`` waits for it. Thread workers
share one process (and its GIL); ``processes=True`` gives each worker its own process.

Run: .venv/bin/python benchmarks/bench_corpus.py [--documents 10000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import time
import warnings
from pathlib import Path

from _common import SHARED
from _servers import series_of_store, temp_dir

from losswatch.claims.corpus import check_corpus
from losswatch.claims.evaluate import articles, load_records

CONFIGS = ((1, False), (2, False), (1, True), (2, True))


def corpus_file(documents: int, folder: Path) -> Path:
    base: list[tuple[str, dt.date | None, str]] = [
        (
            (SHARED / "articles" / "huffpost-russian-losses-480-in-one-day.txt").read_text(
                encoding="utf-8"
            ),
            None,
            "https://www.huffpost.com/entry/russian-losses-480-in-one-day",
        )
    ]
    base += [
        (a.text, a.published, a.url)
        for a in articles(load_records(SHARED / "claims" / "dev.jsonl"))
    ]
    path = folder / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(documents):
            text, day, url = base[i % len(base)]
            shift = (i // len(base)) % 60 - 30  # -30..+29 days around the real date
            moved = (day + dt.timedelta(days=shift)).isoformat() if day else None
            out.write(
                json.dumps({"id": f"doc{i:05d}", "text": text, "date": moved, "url": f"{url}#{i}"})
                + "\n"
            )
    return path


def run(documents: int = 10_000) -> str:
    series = series_of_store()
    folder = temp_dir("corpus")
    path = corpus_file(documents, folder)
    logging.getLogger("distributed").setLevel(logging.ERROR)
    results: dict[tuple[int, bool], tuple[float, int]] = {}
    for workers, processes in CONFIGS:
        out = folder / f"out-{workers}-{processes}.parquet"
        started = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            summary = check_corpus(path, series, out=out, n_workers=workers, processes=processes)
        results[workers, processes] = (time.perf_counter() - started, summary.claims)
        if summary.documents != documents:
            raise RuntimeError(f"checked {summary.documents} of {documents} documents")
    lines = [
        f"{documents:,} documents ({path.stat().st_size / 1e6:.1f} MB of JSONL), "
        f"one thread per worker; wall time of the whole check_corpus call.",
        "",
        "| workers | kind | seconds | articles/s | claims (rows) | speed-up vs 1 worker "
        "of the same kind | vs 1 thread worker |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    base = results[1, False][0]
    for workers, processes in CONFIGS:
        seconds, claims = results[workers, processes]
        same = results[1, processes][0] / seconds
        lines.append(
            f"| {workers} | {'processes' if processes else 'threads'} | "
            f"{seconds:.1f} | {documents / seconds:,.0f} | {claims:,} | {same:.2f}x | "
            f"{base / seconds:.2f}x |"
        )
    best = max(results, key=lambda k: documents / results[k][0])
    threads = results[1, False][0] / results[2, False][0]
    procs = results[1, False][0] / results[2, True][0]
    lines += [
        "",
        f"Fastest: {best[0]} {'process' if best[1] else 'thread'} worker(s), "
        f"{documents / results[best][0]:,.0f} articles/s. 2 thread workers vs 1: "
        f"{threads:.2f}x (check_article is pure Python, so threads in one process share "
        f"one GIL); 2 process workers vs 1 thread worker: {procs:.2f}x. Process workers "
        "are the only configuration that can use both cores, but each result row is "
        "pickled back to the client, and the 2 cores also run the scheduler, the "
        "client and anything else on the machine (see the load average).",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=10_000)
    print(run(parser.parse_args().documents))  # noqa: T201
