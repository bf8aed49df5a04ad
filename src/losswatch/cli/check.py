"""``losswatch check`` and ``losswatch check-corpus``: the claim checker from the shell."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from losswatch.cli import app
from losswatch.cli.common import STATE, parse_date
from losswatch.console import err, out, write_plain
from losswatch.errors import NotFound, UsageError

FORMATS = ("text", "json", "html", "claimreview")


def read_article(source: str) -> tuple[str, dt.date | None, str | None]:
    """(text, publication date if known, URL if fetched) from a path, ``-`` or a URL."""
    if source.startswith(("http://", "https://")):
        from losswatch.fetch_article import fetch_article

        fetched = fetch_article(source, STATE.settings)
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
    fmt: Annotated[str, typer.Option("--format", help="text, json, html or claimreview.")] = "text",
    lang: Annotated[str | None, typer.Option(help="Language code (default: detected).")] = None,
) -> None:
    """Check every loss figure in an article against the record. Exit 1 if any is contradicted."""
    from losswatch.claims import check_article, render
    from losswatch.store.queries import load_series

    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    text, page_date, url = read_article(source)
    article_date = parse_date(date) or page_date
    report = check_article(text, load_series(STATE.engine()), article_date=article_date, lang=lang)
    if fmt == "text":
        write_plain(render.as_text(report))
    elif fmt == "json":
        write_plain(json.dumps(render.as_json(report), default=str, indent=2, ensure_ascii=False))
    elif fmt == "html":
        out.print(render.as_html(report), markup=False, highlight=False)
    else:
        write_plain(
            json.dumps(
                render.claim_reviews(report, url=url), default=str, indent=2, ensure_ascii=False
            )
        )
    if not report.ok:
        raise typer.Exit(1)


@app.command("check-corpus")
def check_corpus(
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
        source, load_series(STATE.engine()), out=out_file, scheduler=scheduler, n_workers=workers
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
