"""Corpus checking on a real Dask cluster: documents per second with 1 and 2 workers, client memory.

A news-archive-like corpus is generated: 5% of the documents are the real articles of the shared
folder (the HuffPost piece and every dev/dev2 article, dates moved by -30..+29 days) and 95% are
other news built from a few dozen neutral sentence templates about budgets, sport, weather and
science with random numbers (losswatch's own text, not scraped). It is written as 16 JSONL files.
A ``dask scheduler`` and 1, then 2, ``dask worker`` processes (one thread each) are started on
this machine; ``losswatch check-corpus --scheduler`` is the client, in its own process, whose
peak RSS is measured. The same corpus is also checked in one process without Dask
(``--workers 0``) and the three output datasets are compared row for row. A second corpus of
1,000,000 documents (0.5% real articles, the rest other news, so mostly ruled out by the
pre-filter) shows that the client's memory does not grow with the corpus.

Run: .venv/bin/python benchmarks/bench_corpus.py [--documents 100000] [--million 1000000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import SHARED
from _servers import synced_store, temp_dir

FILES = 16
TEMPLATES = (
    "The city council approved a budget of {n} million for road repairs on {day}.",
    "Local schools will receive {n} new buses next year, the education office said.",
    "The national football team won {a}-{b} in a friendly match on {day}.",
    "Forecasters expect temperatures of around {a} degrees and light rain this weekend.",
    "Researchers published a study of {n} patients that tracked sleep over {a} years.",
    "The central bank kept its key rate at {a}.{b} percent, citing steady inflation.",
    "A new bridge across the river will open in {a} months, the mayor announced.",
    "Ticket sales for the summer festival passed {n} within the first week.",
    "The museum's new exhibition shows {a} paintings from private collections.",
    "Farmers reported a harvest of {n} tonnes of wheat, up {a} percent on last year.",
    "The airline will add {a} routes in spring and hire {n} staff for its new base.",
    "The orchestra performed {a} concerts on its tour of {b} cities.",
)


def other_news(rng: random.Random) -> str:
    """About 1 KB of neutral news text with numbers and no loss vocabulary."""
    sentences = [
        rng.choice(TEMPLATES).format(
            n=rng.randint(100, 90_000),
            a=rng.randint(1, 40),
            b=rng.randint(0, 9),
            day=rng.choice(("Monday", "Tuesday", "Friday")),
        )
        for _ in range(12)
    ]
    return " ".join(sentences)


def real_articles() -> list[tuple[str, dt.date | None, str]]:
    from losswatch.claims.evaluate import articles, load_records

    huffpost = SHARED / "articles" / "huffpost-russian-losses-480-in-one-day.txt"
    base: list[tuple[str, dt.date | None, str]] = [
        (huffpost.read_text(encoding="utf-8"), None, "https://www.huffpost.com/entry/480")
    ]
    for name in ("dev.jsonl", "dev2.jsonl"):
        base += [
            (a.text, a.published, a.url) for a in articles(load_records(SHARED / "claims" / name))
        ]
    return base


def write_corpus(folder: Path, documents: int, share: float, seed: int = 7) -> Path:
    """``documents`` JSONL lines over 16 files; every ``1/share``-th one a real article."""
    rng = random.Random(seed)
    base = real_articles()
    every = round(1 / share)
    folder.mkdir(parents=True, exist_ok=True)
    handles = [(folder / f"news-{i:02d}.jsonl").open("w", encoding="utf-8") for i in range(FILES)]
    try:
        for i in range(documents):
            row: dict[str, object] = {"id": f"doc{i:07d}"}
            if i % every == 0:
                text, day, url = base[(i // every) % len(base)]
                shift = (i // every // len(base)) % 60 - 30
                row |= {
                    "text": text,
                    "url": f"{url}#{i}",
                    "date": (day + dt.timedelta(days=shift)).isoformat() if day else None,
                }
            else:
                row |= {
                    "text": other_news(rng),
                    "url": f"https://news.example/{i}",
                    "date": "2024-05-01",
                }
            handles[i % FILES].write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        for handle in handles:
            handle.close()
    return folder


CLIENT = """
import resource, sys
from losswatch.cli import main
rss_file, sys.argv = sys.argv[1], ["losswatch", *sys.argv[2:]]
try:
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
with open(rss_file, "w") as out:
    out.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
sys.exit(code)
"""


def run_client(args: list[str], db: str) -> tuple[float, float]:
    """(wall seconds, client peak RSS in MB) of one ``losswatch check-corpus`` process."""
    with tempfile.NamedTemporaryFile(suffix=".rss") as rss:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", CLIENT, rss.name, "--db", db, "check-corpus", *args],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        seconds = time.perf_counter() - started
        return seconds, int(Path(rss.name).read_text()) / 1024


class Cluster:
    """A ``dask scheduler`` and ``dask worker`` processes on loopback, stopped on exit."""

    def __init__(self, folder: Path) -> None:
        self.file = folder / "scheduler.json"
        self.dask = str(Path(sys.executable).with_name("dask"))
        self.processes: list[subprocess.Popen[bytes]] = []

    def __enter__(self) -> Cluster:
        self._start(
            [
                self.dask,
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--no-dashboard",
                "--scheduler-file",
                str(self.file),
            ]
        )
        deadline = time.monotonic() + 60
        while not self.file.exists():
            if time.monotonic() > deadline:
                raise RuntimeError("the dask scheduler did not start")
            time.sleep(0.2)
        return self

    @property
    def address(self) -> str:
        return str(json.loads(self.file.read_text())["address"])

    def add_worker(self) -> None:
        self._start(
            [
                self.dask,
                "worker",
                "--scheduler-file",
                str(self.file),
                "--nthreads",
                "1",
                "--nworkers",
                "1",
                "--no-dashboard",
                "--memory-limit",
                "0",
            ]
        )
        self._wait_for(sum(1 for p in self.processes[1:] if p.poll() is None))

    def _wait_for(self, workers: int) -> None:
        from distributed import Client

        with Client(self.address, timeout="60s") as client:  # type: ignore[no-untyped-call]
            client.wait_for_workers(workers, timeout=120)
            client.run(lambda: __import__("losswatch.claims.check"))  # warm the imports

    def _start(self, command: list[str]) -> None:
        self.processes.append(
            subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        )

    def __exit__(self, *exc: object) -> None:
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def rows_of(folder: Path) -> list[tuple[object, ...]]:
    import pyarrow.parquet as pq

    table = pq.read_table(folder)
    return sorted(tuple(map(str, row.values())) for row in table.to_pylist())


def _met(ok: bool) -> str:
    return "**met**" if ok else "**MISSED**"


def run(documents: int = 100_000, million: int = 1_000_000) -> str:
    db_url = f"sqlite:///{synced_store()}"
    folder = temp_dir("corpus")
    corpus = write_corpus(folder / "corpus", documents, 0.05)
    size = sum(p.stat().st_size for p in corpus.iterdir()) / 1e6
    results: dict[str, tuple[float, float]] = {}
    with Cluster(folder) as cluster:
        for workers in (1, 2):
            cluster.add_worker()
            out = folder / f"out-{workers}"
            results[f"{workers}"] = run_client(
                [
                    str(corpus),
                    "--out",
                    str(out),
                    "--scheduler",
                    cluster.address,
                    "--blocksize",
                    "4MiB",
                ],
                db_url,
            )
        results["local"] = run_client(
            [str(corpus), "--out", str(folder / "out-local"), "--workers", "0"], db_url
        )
        same = (
            rows_of(folder / "out-1") == rows_of(folder / "out-2") == rows_of(folder / "out-local")
        )
        claims = len(rows_of(folder / "out-2"))
        big = write_corpus(folder / "million", million, 0.005)
        big_size = sum(p.stat().st_size for p in big.iterdir()) / 1e6
        results["million"] = run_client(
            [
                str(big),
                "--out",
                str(folder / "out-million"),
                "--scheduler",
                cluster.address,
                "--blocksize",
                "16MiB",
            ],
            db_url,
        )
    shutil.rmtree(folder / "million", ignore_errors=True)
    rate = {k: (documents if k != "million" else million) / v[0] for k, v in results.items()}
    speedup = rate["2"] / rate["1"]
    lines = [
        f"{documents:,} documents ({size:.0f} MB of JSONL in {FILES} files, cut into 4 MiB "
        f"partitions), 5% real articles; {claims:,} claims found.",
        "",
        "| run | documents | wall s | documents/s | client peak RSS |",
        "| --- | --- | --- | --- | --- |",
    ]
    labels = {
        "1": "dask scheduler + 1 worker process",
        "2": "dask scheduler + 2 worker processes",
        "local": "one process, no Dask (`--workers 0`)",
        "million": f"2 workers, {million:,} documents ({big_size:.0f} MB), 0.5% real",
    }
    for key, label in labels.items():
        seconds, rss = results[key]
        count = million if key == "million" else documents
        lines.append(f"| {label} | {count:,} | {seconds:.1f} | {rate[key]:,.0f} | {rss:.0f} MB |")
    flat = results["million"][1] <= results["2"][1] * 1.05
    lines += [
        "",
        f"- 2 workers vs 1: {speedup:.2f}x documents per second (goal: at least 1.7x): "
        f"{_met(speedup >= 1.7)}",
        f"- client peak RSS {results['2'][1]:.0f} MB at {documents:,} documents (goal: under "
        f"300 MB): {_met(results['2'][1] < 300)}",
        f"- client peak RSS {results['million'][1]:.0f} MB at {million:,} documents (goal: no "
        f"higher than at {documents:,}, within 5%): {_met(flat)}",
        f"- output rows identical for 1 worker, 2 workers and one process: {_met(same)}",
        "",
        "Wall times include the client's start (imports, loading the series from the store) "
        f"and the scheduler's bookkeeping; this machine has {os.cpu_count()} cores, which also "
        "run the scheduler and the client.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--million", type=int, default=1_000_000)
    args = parser.parse_args()
    print(run(args.documents, args.million))  # noqa: T201
