"""Commands over the store: sync, sources, show, audit, rebuild, doctor, categories, config."""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn
from rich.table import Table
from sqlalchemy import Engine

from losswatch import categories
from losswatch.cli import app
from losswatch.cli.common import (
    AuditFormat,
    JsonFlag,
    TextOrJson,
    parse_date,
    parse_timestamp,
    print_json,
    state,
)
from losswatch.console import err, out
from losswatch.errors import SourceError, UsageError
from losswatch.timefmt import iso_text

if TYPE_CHECKING:
    from losswatch.pipeline import SyncSummary
    from losswatch.settings import Settings


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description:<16}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


@app.command()
def sync(
    ctx: typer.Context,
    source: Annotated[
        list[str] | None, typer.Option("--source", "-s", help="Only this source (repeatable).")
    ] = None,
    from_dir: Annotated[
        Path | None,
        typer.Option(
            help="Load recorded files laid out like shared/data/sources/ instead of fetching."
        ),
    ] = None,
    or_snapshot: Annotated[
        bool,
        typer.Option(
            "--or-snapshot",
            help="If nothing could be fetched, load the bundled snapshot into an "
            "empty store instead of failing (what `make run` uses).",
        ),
    ] = False,
    every: Annotated[
        str | None, typer.Option(help="Run forever, syncing every DURATION (e.g. 1h, 30m).")
    ] = None,
    wait: Annotated[
        float,
        typer.Option(
            min=0,
            help="Seconds to wait for another sync of the same store to finish "
            "(0: fail at once with sync-locked).",
        ),
    ] = 600,
) -> None:
    """Fetch every source (or the recorded files), store the raw bytes, parse, reconcile."""
    settings, engine = state(ctx).settings, state(ctx).engine()
    interval = _duration(every) if every else None
    while True:
        summary = _sync_with_progress(engine, settings, source or None, from_dir, lock_wait=wait)
        _print_summary(summary)
        fetched = any(r.snapshots or r.unchanged for r in summary.results)
        if or_snapshot and not fetched:
            _use_bundled(engine)
        elif not summary.ok and interval is None:
            raise typer.Exit(1 if fetched else SourceError.exit_code)
        if interval is None:
            return
        time.sleep(interval)


def _sync_with_progress(
    engine: Engine,
    settings: Settings,
    sources: list[str] | None,
    from_dir: Path | None,
    *,
    lock_wait: float = 0.0,
) -> SyncSummary:
    """One sync with a progress bar per source (on stderr, only on a terminal)."""
    from losswatch.pipeline import sync as run_sync

    with _progress() as progress:
        tasks: dict[str, TaskID] = {}

        def tick(name: str, done: int, total: int) -> None:
            if name not in tasks:
                tasks[name] = progress.add_task(name, total=total or None)
            progress.update(tasks[name], completed=done)

        return run_sync(
            engine,
            settings,
            sources=sources,
            from_dir=from_dir,
            progress=tick,
            lock_wait=lock_wait,
        )


def _use_bundled(engine: Engine) -> None:
    from losswatch.bundled import load_bundled_if_empty

    loaded = load_bundled_if_empty(engine)
    if loaded:
        err.print(
            f"[yellow]offline[/]: no source could be reached; loaded the bundled snapshot "
            f"({loaded} cells). Run `losswatch sync` when online to refresh."
        )
    else:
        err.print(
            "[yellow]offline[/]: no source could be reached; serving the data already stored."
        )


def _duration(text: str) -> float:
    """Seconds in "30s", "30m", "1.5h" or "1d"; a positive, finite number of them."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    try:
        seconds = float(text[:-1]) * units[text[-1]]
    except (KeyError, ValueError, IndexError):
        seconds = math.nan
    if not (0 < seconds < math.inf):  # also NaN, which time.sleep refuses
        raise UsageError(f"duration must look like 30m, 1h or 1d, got {text!r}")
    return seconds


def _print_summary(summary: SyncSummary) -> None:
    table = Table(title=f"sync ({summary.mode})")
    for col in ("source", "snapshots", "unchanged", "failed", "new obs", "changed", "errors"):
        table.add_column(col, justify="right" if col not in ("source", "errors") else "left")
    for r in summary.results:
        table.add_row(
            r.source,
            str(r.snapshots),
            str(r.unchanged),
            str(r.failed),
            str(r.new_observations),
            str(r.changed_observations),
            "; ".join(r.errors + r.findings)[:160] or "-",
        )
    err.print(table)
    err.print(f"reconciled cells written: {summary.reconciled_cells}")


@app.command()
def sources(
    ctx: typer.Context,
    fmt: TextOrJson = "text",
    as_json: JsonFlag = False,
) -> None:
    """Each source: last successful sync, date range, row count, last error."""
    from losswatch.store.queries import sources_status

    rows = sources_status(state(ctx).engine())
    if as_json or fmt == "json":
        print_json(rows)
        return
    table = Table(title="sources")
    for col in ("source", "observations", "first", "last", "last success", "status", "last error"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            r["source"],
            str(r["observations"]),
            str(r["first_date"] or "-"),
            str(r["last_date"] or "-"),
            iso_text(r["last_success"]) if r["last_success"] else "never",
            str(r["last_status"] or "-"),
            (r["last_error"] or "-")[:80],
        )
    out.print(table)


@app.command()
def show(
    ctx: typer.Context,
    date: Annotated[str, typer.Argument(help="Report date, YYYY-MM-DD.")],
    as_of: Annotated[
        str | None, typer.Option(help="What the record said at this past moment (ISO timestamp).")
    ] = None,
    fmt: TextOrJson = "text",
    as_json: JsonFlag = False,
) -> None:
    """Every source's observation for a report date side by side, with the canonical value."""
    from losswatch.views import day_view

    view = day_view(state(ctx).engine(), parse_date(date), as_of=parse_timestamp(as_of))
    if as_json or fmt == "json":
        print_json(view)
        return
    table = Table(title=f"report of {view['report_date']} (losses of {view['loss_day']})")
    table.add_column("category")
    table.add_column("canonical", justify="right")
    table.add_column("status")
    for name in view["sources"]:
        table.add_column(name, justify="right")
    for row in view["rows"]:
        cells = []
        for name in view["sources"]:
            obs = row["sources"].get(name)
            cells.append(_fmt(obs["value"], obs["stated_increment"]) if obs else "")
        table.add_row(
            row["category"], _fmt(row["value"], row["increment"]), row["status"] or "", *cells
        )
    out.print(table)
    for rev in view["revisions"]:
        out.print(
            f"revised by {rev['source']} at {rev['changed_at'][:19]}: {rev['category']} "
            f"{_fmt(rev['old_value'], rev['old_increment'])} -> "
            f"{_fmt(rev['new_value'], rev['new_increment'])} (snapshot "
            f"{rev['old_snapshot_id']} -> {rev['new_snapshot_id']})",
            highlight=False,
        )


def _fmt(value: int | None, increment: int | None) -> str:
    if value is None:
        return "-"
    return f"{value:,}" + (f" (+{increment:,})" if increment is not None else "")


@app.command()
def audit(
    ctx: typer.Context,
    since: Annotated[str | None, typer.Option(help="Only report dates from this day.")] = None,
    fmt: AuditFormat = "text",
) -> None:
    """Every non-agreed cell with its decision and evidence, and per-source reliability."""
    from losswatch.views import audit_view

    view = audit_view(state(ctx).engine(), since=parse_date(since, name="since"))
    if fmt == "json":
        print_json(view)
    elif fmt == "csv":
        import csv
        import sys

        writer = csv.writer(sys.stdout)
        writer.writerow(
            [
                "report_date",
                "category",
                "value",
                "status",
                "rule",
                "supporting",
                "dissent",
                "reason",
            ]
        )
        for c in view["cells"]:
            writer.writerow(
                [
                    c["report_date"],
                    c["category"],
                    c["value"],
                    c["status"],
                    c["rule"],
                    " ".join(c["supporting"]),
                    " ".join(f"{d['source']}={d['value']}" for d in c["dissent"]),
                    c["reason"],
                ]
            )
    else:
        table = Table(title=f"audit: {len(view['cells'])} cells")
        for col in ("date", "category", "value", "status", "rule", "supporting", "dissent", "why"):
            table.add_column(col)
        for c in view["cells"]:
            table.add_row(
                str(c["report_date"]),
                c["category"],
                f"{c['value']:,}" if c["value"] is not None else "-",
                c["status"],
                c["rule"],
                ", ".join(c["supporting"]),
                ", ".join(
                    f"{d['source']}={d['value']}"
                    + (f" ({'/'.join(d['flags'])})" if d["flags"] else "")
                    for d in c["dissent"]
                ),
                c["reason"],
            )
        out.print(table)
        rel = Table(title="source reliability where sources disagreed")
        for col in ("source", "right", "wrong", "share right"):
            rel.add_column(col)
        for r in view["reliability"]:
            rel.add_row(r["source"], str(r["right"]), str(r["wrong"]), f"{r['share_right']:.0%}")
        out.print(rel)
        out.print(
            f"official corrections listed: {len(view['corrections'])} cells on "
            f"{len({c['report_date'] for c in view['corrections']})} dates"
        )


@app.command("categories")
def list_categories(fmt: TextOrJson = "text") -> None:
    """The category table: keys, labels, date range and lineage."""
    if fmt == "json":
        from losswatch.views.present import category_dict

        print_json([category_dict(c) for c in categories.CATEGORIES])
        return
    table = Table(title="categories")
    for col in ("key", "English", "Ukrainian", "first", "last", "lineage"):
        table.add_column(col)
    for c in categories.CATEGORIES:
        lineage = (
            f"merged into {c.merged_into}"
            if c.merged_into
            else f"replaced by {c.replaced_by}"
            if c.replaced_by
            else ""
        )
        table.add_row(
            c.key, c.label_en, c.label_uk, str(c.first_report), str(c.last_report or ""), lineage
        )
    out.print(table)


@app.command()
def config(ctx: typer.Context, fmt: TextOrJson = "text") -> None:
    """The effective settings (secrets masked)."""
    settings = state(ctx).settings
    shown = settings.model_dump()
    if shown.get("database_url"):
        shown["database_url"] = settings.display_database_url
    if fmt == "json":
        print_json(shown | {"effective_database_url": settings.display_database_url})
        return
    for name, value in shown.items():
        out.print(f"{name} = {value!r}", highlight=False)
    out.print(f"effective database url = {settings.display_database_url}", highlight=False)


@app.command()
def rebuild(ctx: typer.Context) -> None:
    """Recompute observations and the canonical series from the stored raw snapshots alone."""
    from losswatch.rebuild import rebuild_store

    counts = rebuild_store(state(ctx).engine())
    err.print(
        f"rebuilt from {counts['snapshots']} snapshots: {counts['observations']} "
        f"observations, {counts['canonical']} canonical cells"
    )


@app.command()
def doctor(ctx: typer.Context, fmt: TextOrJson = "text") -> None:
    """Check the store's integrity and say what to do."""
    from dataclasses import asdict

    from losswatch.store.integrity import check_integrity

    report = check_integrity(state(ctx).engine())
    if fmt == "json":
        print_json([asdict(item) for item in report])
    for item in report if fmt == "text" else ():
        colour = {"ok": "green", "warn": "yellow", "error": "red"}[item.level]
        out.print(f"[{colour}]{item.level:5}[/] {escape(item.check)}: {escape(item.message)}")
    if any(i.level == "error" for i in report):
        raise typer.Exit(5)


@app.command("snapshot-write")
def snapshot_write(
    ctx: typer.Context,
    out_file: Annotated[
        Path | None,
        typer.Option("--out", help="Where to write (default: the package's bundled snapshot)."),
    ] = None,
) -> None:
    """Write the store's canonical series as the bundled offline snapshot (maintainers)."""
    from losswatch.bundled import write_bundled

    path = write_bundled(state(ctx).engine(), out_file)
    err.print(f"wrote {path} ({path.stat().st_size:,} bytes)")
