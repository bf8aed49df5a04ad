"""Check a corpus on dask.distributed: workers read their partitions and write their results.

The client lists the input's partitions (:mod:`.inputs`), scatters the series once and hands
out one task per partition. Each task reads its documents itself, drops those the pre-filter
rules out, checks the rest and writes one Parquet part file (``part-NNNNNN-<key>.parquet``)
into the output folder, atomically (a temporary name, then a rename). Only a small count of
what it found travels back, so the client's memory does not grow with the corpus. A part file
that already exists is a partition done: re-running over the same output folder resumes, and a
task re-run after a worker died rewrites its one file, so no row is lost or written twice.
"""

from __future__ import annotations

import json
import os
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from losswatch.claims.corpus.inputs import (
    DEFAULT_BLOCKSIZE,
    Document,
    Partition,
    discover,
    filesystem,
    page_text,
    read_partition,
    unescaped,
)
from losswatch.errors import ConfigError
from losswatch.series import Series

COLUMNS = (
    "document",
    "outlet",
    "url",
    "article_date",
    "report_date_used",
    "date_inferred",
    "language",
    "sentence_index",
    "start",
    "end",
    "text",
    "value",
    "category",
    "scope",
    "qualifier",
    "verdict",
    "official_value",
    "correct_value",
    "true_on",
    "reading",
    "source_url",
    "explanation",
)
#: Where a part file keeps its partition's counts (Parquet key-value metadata).
COUNTS_KEY = b"losswatch.counts"
#: How many unreadable-record messages a partition keeps (the count is always whole).
KEEP_MESSAGES = 5


@dataclass
class Counts:
    """What one partition (or the whole run, summed) found."""

    documents: int = 0
    filtered: int = 0
    unreadable: int = 0
    claims: int = 0
    by_verdict: Counter[str] = field(default_factory=Counter)
    by_outlet: dict[str, Counter[str]] = field(default_factory=dict)
    errors: Counter[str] = field(default_factory=Counter)
    messages: list[str] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        self.documents += other.documents
        self.filtered += other.filtered
        self.unreadable += other.unreadable
        self.claims += other.claims
        self.by_verdict.update(other.by_verdict)
        for outlet, verdicts in other.by_outlet.items():
            self.by_outlet.setdefault(outlet, Counter()).update(verdicts)
        self.errors.update(other.errors)
        self.messages.extend(other.messages[: max(0, KEEP_MESSAGES - len(self.messages))])

    def to_json(self) -> str:
        return json.dumps(
            {
                "documents": self.documents,
                "filtered": self.filtered,
                "unreadable": self.unreadable,
                "claims": self.claims,
                "by_verdict": self.by_verdict,
                "by_outlet": self.by_outlet,
                "errors": self.errors,
                "messages": self.messages,
            }
        )

    @classmethod
    def from_json(cls, raw: str | bytes) -> Counts:
        data = json.loads(raw)
        return cls(
            data["documents"],
            data["filtered"],
            data["unreadable"],
            data["claims"],
            Counter(data["by_verdict"]),
            {k: Counter(v) for k, v in data["by_outlet"].items()},
            Counter(data["errors"]),
            list(data["messages"]),
        )


@dataclass
class CorpusSummary:
    """What a corpus run found: counts per verdict and per outlet, and the commonest errors."""

    documents: int
    claims: int
    out: str
    filtered: int = 0
    unreadable: int = 0
    partitions: int = 0
    resumed: int = 0
    by_verdict: dict[str, int] = field(default_factory=dict)
    by_outlet: dict[str, dict[str, int]] = field(default_factory=dict)
    common_errors: list[tuple[str, int]] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    dashboard: str | None = None


def claim_rows(document: Document, series: Series) -> list[dict[str, Any]]:
    """One row per claim the checker finds in a document."""
    from losswatch.claims.check import check_article

    report = check_article(document.text, series, article_date=document.date)
    rows = []
    for v in report.verdicts:
        c = v.claim
        rows.append(
            {
                "document": document.name,
                "outlet": document.outlet or document.name,
                "url": document.url,
                "article_date": document.date,
                "report_date_used": v.report_date,
                "date_inferred": report.date_inferred,
                "language": report.language,
                "sentence_index": c.sentence_index,
                "start": c.start,
                "end": c.end,
                "text": c.text,
                "value": c.value,
                "category": v.category or c.category,
                "scope": (v.scope or c.scope).value,
                "qualifier": c.qualifier.value if c.qualifier else None,
                "verdict": v.outcome.value,
                "official_value": v.official_value,
                "correct_value": v.correct_value,
                "true_on": v.true_on,
                "reading": v.reading,
                "source_url": v.source_url,
                "explanation": v.explanation,
            }
        )
    return rows


def _error(row: dict[str, Any]) -> str | None:
    if row["verdict"] == "contradicted":
        kind = "stale figure" if row["true_on"] is not None else "wrong figure"
        return f"{row['category']} {row['scope']}: {kind}"
    if row["verdict"] == "not_checkable":
        return f"not checkable: {row['explanation'].split(':')[0]}"
    return None


def check_partition(
    partition: Partition, series: Series, *, prefilter: bool = True
) -> tuple[list[dict[str, Any]], Counts]:
    """Rows and counts of one partition, read here (the worker), never on the client."""
    from losswatch.claims.prefilter import may_hold_figures

    counts = Counts()

    def unreadable(message: str) -> None:
        counts.unreadable += 1
        if len(counts.messages) < KEEP_MESSAGES:
            counts.messages.append(message)

    rows: list[dict[str, Any]] = []
    for document in read_partition(partition, unreadable):
        counts.documents += 1
        if prefilter and not may_hold_figures(unescaped(document)):
            counts.filtered += 1
            continue
        found = claim_rows(page_text(document), series)
        for row in found:
            counts.by_verdict[row["verdict"]] += 1
            counts.by_outlet.setdefault(row["outlet"], Counter())[row["verdict"]] += 1
            error = _error(row)
            if error is not None:
                counts.errors[error] += 1
        counts.claims += len(found)
        rows += found
    return rows, counts


def _schema() -> Any:
    import pyarrow as pa

    text, num, day = pa.string(), pa.int64(), pa.date32()
    types = {
        "article_date": day,
        "report_date_used": day,
        "true_on": day,
        "date_inferred": pa.bool_(),
        "sentence_index": num,
        "start": num,
        "end": num,
        "value": num,
        "official_value": num,
        "correct_value": num,
    }
    return pa.schema([(name, types.get(name, text)) for name in COLUMNS])


def part_name(index: int, partition: Partition) -> str:
    """The part file of the ``index``-th partition: ordered, and tied to what it read."""
    return f"part-{index:06d}-{partition.key}.parquet"


def write_part(out: str, name: str, rows: list[dict[str, Any]], counts: Counts) -> None:
    """Write one part file under a temporary name, then rename it into place."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    fs, root = filesystem(out)
    schema = _schema().with_metadata({COUNTS_KEY: counts.to_json().encode("utf-8")})
    table = pa.Table.from_pylist(rows, schema=schema)
    final = f"{root.rstrip('/')}/{name}"
    temporary = f"{root.rstrip('/')}/.{name}.{uuid.uuid4().hex}.tmp"
    with fs.open(temporary, "wb") as handle:
        pq.write_table(table, handle)
    fs.mv(temporary, final)


def run_partition(
    index: int, partition: Partition, series: Series, out: str, prefilter: bool = True
) -> Counts:
    """The task a worker runs: read, filter, check, write one part file; return its counts."""
    rows, counts = check_partition(partition, series, prefilter=prefilter)
    write_part(out, part_name(index, partition), rows, counts)
    return counts


def _done(out: str) -> dict[str, str]:
    """Part files already in the output folder, by name, with their full paths."""
    fs, root = filesystem(out)
    if not fs.exists(root):
        fs.makedirs(root, exist_ok=True)
        return {}
    return {path.rsplit("/", 1)[-1]: path for path in fs.glob(f"{root.rstrip('/')}/part-*.parquet")}


def _counts_of(path: str, out: str) -> Counts:
    import pyarrow.parquet as pq

    fs, _ = filesystem(out)
    with fs.open(path, "rb") as handle:
        metadata = pq.read_schema(handle).metadata or {}
    return Counts.from_json(metadata.get(COUNTS_KEY, b"{}"))


def _summary(total: Counts, out: str, partitions: int, resumed: int) -> CorpusSummary:
    return CorpusSummary(
        documents=total.documents,
        claims=total.claims,
        out=out,
        filtered=total.filtered,
        unreadable=total.unreadable,
        partitions=partitions,
        resumed=resumed,
        by_verdict=dict(sorted(total.by_verdict.items())),
        by_outlet={k: dict(sorted(v.items())) for k, v in sorted(total.by_outlet.items())},
        common_errors=total.errors.most_common(10),
        messages=list(total.messages),
    )


Progress = Callable[[int, int], None]


def check_corpus(
    sources: Sequence[str | os.PathLike[str]],
    series: Series,
    *,
    out: str | os.PathLike[str],
    scheduler: str | None = None,
    workers: int | None = None,
    threads: int = 1,
    blocksize: int = DEFAULT_BLOCKSIZE,
    prefilter: bool = True,
    progress: Progress | None = None,
    on_dashboard: Callable[[str], None] | None = None,
) -> CorpusSummary:
    """Check every document of ``sources`` and write a Parquet dataset (one part per partition).

    ``scheduler``: a running Dask scheduler's address. Otherwise ``workers`` worker processes
    (default: one per core) of ``threads`` threads each in a LocalCluster that lives only for
    this call; ``workers=0`` checks in this process without Dask (same rows). ``progress`` is
    called with (partitions finished, partitions in all).
    """
    out_url = os.fspath(out)
    partitions = discover([os.fspath(s) for s in sources], blocksize=blocksize)
    done = _done(out_url)
    total, todo = Counts(), []
    for index, partition in enumerate(partitions):
        name = part_name(index, partition)
        if name in done:
            total.add(_counts_of(done[name], out_url))
        else:
            todo.append((index, partition))
    resumed = len(partitions) - len(todo)
    report = progress or (lambda finished, of: None)
    report(resumed, len(partitions))
    if workers == 0 and scheduler is None:
        for finished, (index, partition) in enumerate(todo, start=resumed + 1):
            total.add(run_partition(index, partition, series, out_url, prefilter))
            report(finished, len(partitions))
        return _summary(total, out_url, len(partitions), resumed)
    dashboard = _on_dask(
        todo,
        series,
        out_url,
        total,
        scheduler,
        workers,
        threads,
        prefilter,
        lambda finished: report(resumed + finished, len(partitions)),
        on_dashboard,
    )
    summary = _summary(total, out_url, len(partitions), resumed)
    summary.dashboard = dashboard
    return summary


def _on_dask(
    todo: list[tuple[int, Partition]],
    series: Series,
    out: str,
    total: Counts,
    scheduler: str | None,
    workers: int | None,
    threads: int,
    prefilter: bool,
    finished: Callable[[int], None],
    on_dashboard: Callable[[str], None] | None,
) -> str | None:
    """Run the partitions' tasks on a cluster; sum their counts into ``total`` as they end."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:  # pragma: no cover - only without the extra
        raise ConfigError(
            "corpus checks need the corpus extra: pip install 'losswatch[corpus]'"
        ) from exc
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=threads,
            processes=True,
            dashboard_address=":0",  # a free port, never a clash on 8787
        )
    try:
        with Client(scheduler or cluster) as client:  # type: ignore[no-untyped-call]
            if on_dashboard is not None and client.dashboard_link:
                on_dashboard(client.dashboard_link)
            shared = client.scatter(series, broadcast=True, hash=False)
            run_id = uuid.uuid4().hex[:8]
            futures = [
                client.submit(
                    run_partition,
                    index,
                    partition,
                    shared,
                    out,
                    prefilter,
                    key=f"losswatch-part-{run_id}-{index:06d}",
                )
                for index, partition in todo
            ]
            completed = as_completed(futures)  # type: ignore[no-untyped-call]
            for count, future in enumerate(completed, start=1):
                total.add(future.result())
                future.release()
                finished(count)
            return str(client.dashboard_link) if client.dashboard_link else None
    finally:
        if cluster is not None:
            cluster.close()
