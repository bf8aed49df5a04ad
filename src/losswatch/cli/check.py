"""``losswatch check`` and ``losswatch check-corpus``: the claim checker from the shell."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from losswatch.cli import app
from losswatch.cli.common import CheckFormat, parse_date, state
from losswatch.console import err, out, write_plain
from losswatch.errors import NotFound, UsageError
from losswatch.settings import Settings


def read_article(source: str, settings: Settings) -> tuple[str, dt.date | None, str | None]:
    """(text, publication date if known, URL if fetched) from a path, ``-`` or a URL."""
    if source.startswith(("http://", "https://")):
        from losswatch.guarded_fetch import fetch_article

        fetched = fetch_article(source, settings)
        return fetched.text, fetched.date, fetched.url
    if source == "-":
        raw = sys.stdin.read()
    else:
        path = Path(source)
        if not path.is_file():
            raise NotFound(f"no such file: {source}")
        raw = path.read_text(encoding="utf-8", errors="replace")
    if raw.lstrip()[:1] == "<":
        from losswatch.claims.article import extract_article_text

        text, date = extract_article_text(raw)
        return text, date, None
    return raw, None, None


@app.command()
def check(
    ctx: typer.Context,
    source: Annotated[
        str, typer.Argument(help="Article: a file (text or HTML), a URL, or - for standard input.")
    ],
    date: Annotated[
        str | None,
        typer.Option(
            help="Article date YYYY-MM-DD (default: the page's date, else inferred from its "
            "figures)."
        ),
    ] = None,
    fmt: CheckFormat = "text",
    lang: Annotated[str | None, typer.Option(help="Language code (default: detected).")] = None,
) -> None:
    """Check every loss figure in an article against the record. Exit 1 if any is contradicted."""
    from losswatch.claims import check_article, render
    from losswatch.store.queries import load_series

    text, page_date, url = read_article(source, state(ctx).settings)
    article_date = parse_date(date) or page_date
    from losswatch.analytics.confirmed import estimator_series
    from losswatch.claims.confirmed import other_series_for
    from losswatch.views.confirmed import load_confirmed

    engine = state(ctx).engine()
    series = load_series(engine)
    # a figure attributed to Oryx or WarSpotting is checked against that source (issue 17)
    others = other_series_for(text, lambda: estimator_series(load_confirmed(engine, series)))
    report = check_article(text, series, article_date=article_date, lang=lang, other_series=others)
    if fmt == "text":
        write_plain(render.as_text(report))
    elif fmt == "json":
        write_plain(json.dumps(render.as_json(report), default=str, indent=2, ensure_ascii=False))
    elif fmt == "html":
        out.print(render.as_html_page(report, url=url), markup=False, highlight=False)
    else:
        today = dt.datetime.now(dt.UTC).date()
        reviews = render.claim_reviews(report, url=url, reviewed_on=today)
        write_plain(json.dumps(reviews, default=str, indent=2, ensure_ascii=False))
    if not report.ok:
        raise typer.Exit(1)


@app.command("check-corpus")
def check_corpus(
    ctx: typer.Context,
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders, globs or fsspec URLs (s3://, gs://, https://) of JSONL "
            "(.jsonl, .jsonl.gz), Parquet, .txt/.html or WARC files."
        ),
    ],
    out_dir: Annotated[
        str,
        typer.Option(
            "--out",
            help="Output folder (or URL) of the Parquet dataset, one part file "
            "per partition; re-running over it resumes.",
        ),
    ] = "corpus-results",
    scheduler: Annotated[
        str | None,
        typer.Option(help="Address of a running Dask scheduler (default: a LocalCluster)."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(help="LocalCluster worker processes (default: one per core; 0: no Dask)."),
    ] = None,
    threads: Annotated[int, typer.Option(help="Threads per LocalCluster worker.")] = 1,
    blocksize: Annotated[
        str, typer.Option(help="Bytes per partition of an uncompressed JSONL file.")
    ] = "16MiB",
    prefilter: Annotated[
        bool,
        typer.Option(help="Skip documents with no loss vocabulary or no number before checking."),
    ] = True,
) -> None:
    """Check a whole corpus on Dask: workers read partitions and write a Parquet dataset."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from losswatch.claims.corpus import check_corpus as run_corpus
    from losswatch.store.queries import load_series

    try:
        from dask.utils import parse_bytes

        size = int(parse_bytes(blocksize))
    except (ImportError, ValueError) as exc:
        raise UsageError(f"--blocksize must be a size such as 16MiB, got {blocksize!r}") from exc
    columns = (BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("partitions", total=None)
        summary = run_corpus(
            sources,
            load_series(state(ctx).engine()),
            out=out_dir,
            scheduler=scheduler,
            workers=workers,
            threads=threads,
            blocksize=size,
            prefilter=prefilter,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
            on_dashboard=lambda link: err.print(f"Dask dashboard: {link}", highlight=False),
        )
    err.print(
        f"{summary.documents:,} documents in {summary.partitions} partitions "
        f"({summary.resumed} already done), {summary.filtered:,} ruled out by the pre-filter, "
        f"{summary.unreadable:,} unreadable; {summary.claims:,} claims -> {summary.out}",
        highlight=False,
    )
    for message in summary.messages:
        err.print(f"unreadable: {message}", markup=False, highlight=False)
    for verdict, count in summary.by_verdict.items():
        out.print(f"{verdict}: {count}", highlight=False)
    for outlet, counts in summary.by_outlet.items():
        out.print(
            f"  {outlet}: " + ", ".join(f"{k} {v}" for k, v in counts.items()),
            markup=False,
            highlight=False,
        )
    for message, count in summary.common_errors:
        out.print(f"most common error ({count}x): {message}", markup=False, highlight=False)
