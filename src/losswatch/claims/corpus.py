"""Check a corpus of articles on dask.distributed and write every verdict to Parquet.

Input is a folder of ``.txt``/``.html`` files or a JSONL file with ``text`` (or ``html``),
``url``, ``date`` and optionally ``outlet`` fields. The series is scattered to the workers once
(broadcast), documents go out in batches, and the rows come back to be written with pyarrow.
By default a LocalCluster is started (and stopped) here; pass ``scheduler`` to use a running
cluster instead.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from losswatch.claims.article import extract_article_text
from losswatch.claims.check import check_article
from losswatch.errors import ConfigError, DataError
from losswatch.series import Series

BATCH = 8

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


@dataclass(frozen=True)
class Document:
    """One article to check."""

    name: str
    text: str
    url: str | None = None
    date: dt.date | None = None
    outlet: str | None = None


@dataclass
class CorpusSummary:
    """What a corpus run found: counts per verdict and per outlet, and the commonest errors."""

    documents: int
    claims: int
    out: Path
    by_verdict: dict[str, int] = field(default_factory=dict)
    by_outlet: dict[str, dict[str, int]] = field(default_factory=dict)
    common_errors: list[tuple[str, int]] = field(default_factory=list)


def _date(value: object) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _outlet(url: str | None, fallback: str) -> str:
    host = urlparse(url).hostname if url else None
    return host.removeprefix("www.") if host else fallback


def read_documents(input_path: Path) -> Iterator[Document]:
    """The documents of a folder (``*.txt``, ``*.html``) or of a JSONL file."""
    if input_path.is_dir():
        for path in sorted(input_path.iterdir()):
            suffix = path.suffix.lower()
            if suffix == ".txt":
                yield Document(path.name, path.read_text(encoding="utf-8"), outlet=path.stem)
            elif suffix in (".html", ".htm"):
                text, day = extract_article_text(path.read_text(encoding="utf-8"))
                yield Document(path.name, text, date=day, outlet=path.stem)
        return
    if not input_path.is_file():
        raise ConfigError(f"corpus input not found: {input_path}")
    for n, line in enumerate(input_path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(f"{input_path.name} line {n}: not JSON ({exc.msg})") from exc
        text, day = row.get("text"), _date(row.get("date"))
        if text is None and row.get("html"):
            text, page_day = extract_article_text(row["html"])
            day = day or page_day
        name = row.get("id") or row.get("url") or f"{input_path.name}:{n}"
        yield Document(
            str(name),
            text or "",
            row.get("url"),
            day,
            row.get("outlet") or _outlet(row.get("url"), str(name)),
        )


def check_documents(docs: list[Document], series: Series) -> list[dict[str, Any]]:
    """Rows (one per claim) for a batch of documents: the task each worker runs."""
    rows: list[dict[str, Any]] = []
    for doc in docs:
        report = check_article(doc.text, series, article_date=doc.date)
        for v in report.verdicts:
            c = v.claim
            rows.append(
                {
                    "document": doc.name,
                    "outlet": doc.outlet or doc.name,
                    "url": doc.url,
                    "article_date": doc.date,
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


def _write(rows: list[dict[str, Any]], out: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=_schema()), out)


def _error(row: dict[str, Any]) -> str | None:
    if row["verdict"] == "contradicted":
        kind = "stale figure" if row["true_on"] is not None else "wrong figure"
        return f"{row['category']} {row['scope']}: {kind}"
    if row["verdict"] == "not_checkable":
        return f"not checkable: {row['explanation'].split(':')[0]}"
    return None


def _summarise(rows: list[dict[str, Any]], documents: int, out: Path) -> CorpusSummary:
    by_outlet: dict[str, Counter[str]] = {}
    for row in rows:
        by_outlet.setdefault(row["outlet"], Counter())[row["verdict"]] += 1
    errors = Counter(e for e in (_error(r) for r in rows) if e is not None)
    return CorpusSummary(
        documents=documents,
        claims=len(rows),
        out=out,
        by_verdict=dict(Counter(r["verdict"] for r in rows)),
        by_outlet={k: dict(v) for k, v in sorted(by_outlet.items())},
        common_errors=errors.most_common(10),
    )


def check_corpus(
    input_path: Path,
    series: Series,
    *,
    out: Path,
    scheduler: str | None = None,
    n_workers: int = 2,
    processes: bool = False,
) -> CorpusSummary:
    """Check every document under ``input_path`` and write per-claim rows to ``out`` (Parquet).

    Runs on ``Client(scheduler)`` when an address is given, else on a LocalCluster of
    ``n_workers`` workers (threads in this process unless ``processes``) that lives only for
    this call.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - only without the extra
        raise ConfigError(
            "corpus checks need the corpus extra: pip install 'losswatch[corpus]'"
        ) from exc
    docs = list(read_documents(input_path))
    batches = [docs[i : i + BATCH] for i in range(0, len(docs), BATCH)]
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=n_workers, threads_per_worker=1, processes=processes, dashboard_address=":0"
        )  # a free port, never a clash on 8787
    try:
        with Client(
            scheduler
            if scheduler is not None  # type: ignore[no-untyped-call]
            else cluster
        ) as client:
            shared = client.scatter(series, broadcast=True, hash=False)
            futures = client.map(check_documents, batches, series=shared, pure=False)
            rows = [row for batch in client.gather(futures) for row in batch]
    finally:
        if cluster is not None:
            cluster.close()
    _write(rows, out)
    return _summarise(rows, len(docs), out)
