"""Publishing commands: brief, chart, feed, export. Data to stdout, messages to stderr."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, cast

import typer

from losswatch.cli import app
from losswatch.cli.common import BriefFormat, ExportFormat, FeedFormat, parse_date, state
from losswatch.console import err, out
from losswatch.errors import UsageError
from losswatch.series import Series


def _series(ctx: typer.Context) -> Series:
    from losswatch.store.queries import load_series

    return load_series(state(ctx).engine())


def _choice(value: str, allowed: tuple[str, ...], name: str) -> str:
    if value not in allowed:
        raise UsageError(f"{name} must be one of {', '.join(allowed)}, got {value!r}")
    return value


def _emit_bytes(content: bytes, target: Path | None) -> None:
    """Write to ``target``, or raw to stdout (so `> file.png` works), and say so on stderr."""
    if target is None:
        if sys.stdout.isatty() and not content.lstrip().startswith(b"<"):
            raise UsageError(
                "refusing to write binary data to a terminal: give --out FILE or redirect stdout"
            )
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    err.print(f"wrote {target} ({len(content):,} bytes)", highlight=False)


@app.command()
def brief(
    ctx: typer.Context,
    date: Annotated[
        str | None, typer.Option(help="Report date, YYYY-MM-DD (default: the latest report).")
    ] = None,
    lang: Annotated[str, typer.Option(help="en or uk.")] = "en",
    fmt: BriefFormat = "text",
) -> None:
    """A few publishable sentences on one report: totals, increases, records, milestones."""
    from losswatch.brief import make_brief
    from losswatch.views.confirmed import load_confirmed, with_confirmed

    made = make_brief(series := _series(ctx), parse_date(date), lang)
    made = with_confirmed(made, load_confirmed(state(ctx).engine(), series))  # issue 17
    rendered = {
        "text": made.to_text,
        "markdown": made.to_markdown,
        "html": made.to_html,
        "json": made.to_json,
    }[fmt]()
    out.print(rendered.rstrip("\n"), markup=False, highlight=False, emoji=False)


@app.command()
def chart(
    ctx: typer.Context,
    category: Annotated[str, typer.Argument(help="Category key, e.g. personnel or tanks.")],
    start: Annotated[str | None, typer.Option("--from", help="First date, YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last date, YYYY-MM-DD.")] = None,
    kind: Annotated[str, typer.Option(help="cumulative, daily or monthly.")] = "cumulative",
    target: Annotated[
        Path | None, typer.Option("--out", help="FILE.png or FILE.svg (default: PNG to stdout).")
    ] = None,
) -> None:
    """An article-sized chart (1200x675) of one category as PNG or SVG."""
    from losswatch import categories
    from losswatch.charts import KINDS, Kind, render_chart

    categories.get(category)
    _choice(kind, KINDS, "--kind")
    fmt = "png"
    if target is not None:
        fmt = target.suffix.lower().lstrip(".")
        _choice(fmt, ("png", "svg"), "--out file type")
    content = render_chart(
        _series(ctx),
        category,
        kind=cast(Kind, kind),
        start=parse_date(start, name="--from"),
        end=parse_date(end, name="--to"),
        fmt=fmt,
    )
    _emit_bytes(content, target)


@app.command()
def feed(
    ctx: typer.Context,
    target: Annotated[Path | None, typer.Option("--out", help="File (default: stdout).")] = None,
    fmt: FeedFormat = "atom",
    days: Annotated[int, typer.Option(help="Number of daily briefs.")] = 30,
    base_url: Annotated[
        str, typer.Option(help="Site the entries link to.")
    ] = "http://localhost:8000",
) -> None:
    """An Atom or RSS feed with one entry per daily brief."""
    from losswatch.feed import make_feed

    _emit_bytes(make_feed(_series(ctx), days=days, base_url=base_url, fmt=fmt), target)


@app.command()
def export(
    ctx: typer.Context,
    fmt: ExportFormat,
    target: Annotated[Path, typer.Option("--out", help="Directory to write into.")] = Path(
        "losswatch-export"
    ),
) -> None:
    """The canonical series (wide, long), daily increases, audit and provenance tables."""
    from losswatch.exports import write_export

    written = write_export(state(ctx).engine(), fmt, target)
    for path in written:
        err.print(f"wrote {path} ({path.stat().st_size:,} bytes)", highlight=False)
