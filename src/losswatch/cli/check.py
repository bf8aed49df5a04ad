"""``losswatch check`` and ``losswatch check-corpus``: the claim checker from the shell."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from losswatch.cli import app
from losswatch.cli.common import CheckFormat, parse_date, print_json, state
from losswatch.console import err, out
from losswatch.errors import NotFound
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
    report = check_article(
        text, load_series(state(ctx).engine()), article_date=article_date, lang=lang
    )
    if fmt == "text":
        out.print(render.as_text(report), markup=False, highlight=False)
    elif fmt == "json":
        print_json(render.as_json(report))
    elif fmt == "html":
        out.print(render.as_html(report), markup=False, highlight=False)
    else:
        print_json(render.claim_reviews(report, url=url))
    if not report.ok:
        raise typer.Exit(1)


@app.command("check-corpus")
def check_corpus(
    ctx: typer.Context,
    source: Annotated[
        Path,
        typer.Argument(
            help="A folder of .txt/.html articles, or a JSONL file with text/url/date fields."
        ),
    ],
    out_file: Annotated[
        Path, typer.Option("--out", help="Parquet file of per-claim results.")
    ] = Path("results.parquet"),
    scheduler: Annotated[
        str | None,
        typer.Option(help="Address of a running Dask scheduler (default: a LocalCluster)."),
    ] = None,
    workers: Annotated[int, typer.Option(help="LocalCluster workers.")] = 2,
) -> None:
    """Check a whole corpus on Dask distributed and write every verdict to Parquet."""
    from losswatch.claims.corpus import check_corpus as run_corpus
    from losswatch.store.queries import load_series

    if not source.exists():
        raise NotFound(f"no such file or folder: {source}")
    summary = run_corpus(
        source,
        load_series(state(ctx).engine()),
        out=out_file,
        scheduler=scheduler,
        n_workers=workers,
    )
    err.print(f"{summary.documents} articles, {summary.claims} claims -> {summary.out}")
    for verdict, count in sorted(summary.by_verdict.items()):
        out.print(f"{verdict}: {count}", highlight=False)
    for outlet, counts in summary.by_outlet.items():
        out.print(
            f"  {outlet}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())),
            highlight=False,
        )
    for message, count in summary.common_errors:
        out.print(f"most common error ({count}x): {message}", highlight=False)
