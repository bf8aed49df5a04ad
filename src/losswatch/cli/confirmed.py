"""``losswatch confirmed``: the General Staff's claims beside Oryx's and WarSpotting's counts."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from typing import Annotated

import typer
from rich.table import Table

from losswatch import categories
from losswatch.cli import app
from losswatch.cli.common import ConfirmedFormat, parse_date, state
from losswatch.console import err, out
from losswatch.errors import NotFound
from losswatch.views.confirmed import (
    CREDIT,
    ConfirmedData,
    category_view,
    load_confirmed,
    move_sentence,
    summary_view,
)

COLUMNS = (
    "date", "claimed", "confirmed", "destroyed", "damaged", "abandoned", "captured", "ratio",
    "ratio_change",
)  # fmt: skip


def _n(value: object) -> str:
    return "-" if value is None else f"{value:,}" if isinstance(value, int) else str(value)


@app.command()
def confirmed(
    ctx: typer.Context,
    category: Annotated[
        str | None, typer.Argument(help="A category key (tanks, afv, ...); none: all, latest.")
    ] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="First date.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last date.")] = None,
    daily: Annotated[
        bool, typer.Option(help="WarSpotting counts per day instead of per week.")
    ] = False,
    fmt: ConfirmedFormat = "text",
    claim: Annotated[
        str | None,
        typer.Option(
            "--check",
            help="Check figures attributed to Oryx or WarSpotting in TEXT against that "
            "source (as of --to, default: its newest figure); exit 1 if one is contradicted.",
        ),
    ] = None,
) -> None:
    """Claimed vs confirmed: per date with an Oryx figure, the General Staff's running total,
    Oryx's confirmed total by status and the ratio; WarSpotting's counts beside the daily
    increases, with the lag where the data shows it."""
    start, end = parse_date(date_from, name="--from"), parse_date(date_to, name="--to")
    key = categories.get(category).key if category is not None else None
    if key is not None and key not in categories.confirmed_keys("oryx"):
        raise NotFound(f"{key!r} has no Oryx counterpart (see `losswatch categories`)")
    data = load_confirmed(state(ctx).engine())
    if not data.has_oryx:
        raise NotFound("no Oryx figures stored: run `losswatch sync` (or --from-dir) first")
    if claim is not None:
        _check(claim, data, end, fmt)
        return
    if key is None:
        _summary(summary_view(data), fmt)
        return
    view = category_view(data, key, start=start, end=end, weekly=not daily)
    if fmt == "json":
        out.print_json(json.dumps(view, default=str))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(COLUMNS)
        for p in view["points"]:  # type: ignore[attr-defined]
            writer.writerow([p[c] for c in COLUMNS])
    else:
        _text(view)


def _text(view: dict[str, object]) -> None:
    points: list[dict[str, object]] = view["points"]  # type: ignore[assignment]
    table = Table(
        title=f"{view['label']}: claimed (General Staff) vs confirmed (Oryx), {len(points)} dates",
        caption="Oryx: " + " + ".join(view["oryx_categories"]),  # type: ignore[arg-type]
    )
    for col in COLUMNS:
        table.add_column(col, justify="left" if col == "date" else "right")
    for p in points:
        table.add_row(*(_n(p[c]) for c in COLUMNS))
    out.print(table)
    ws: dict[str, object] = view["warspotting"]  # type: ignore[assignment]
    periods: list[dict[str, object]] = ws["periods"]  # type: ignore[assignment]
    spotted = Table(title=f"WarSpotting records per {ws['period']} beside the claimed increases")
    for col in ("from", "warspotting", "claimed increase"):
        spotted.add_column(col, justify="left" if col == "from" else "right")
    for row in periods:
        spotted.add_row(str(row["start"]), _n(row["spotted"]), _n(row["claimed_increase"]))
    out.print(spotted)
    if ws["lag_days"] is not None:
        out.print(
            f"lag: WarSpotting's dated records follow the claims by {ws['lag_days']} day(s) "
            f"(correlation {ws['lag_correlation']} of 7-day means)"
        )
    else:
        out.print("lag: the data does not show one (no correlation of 0.3 or more)")
    if view["move"]:
        out.print(move_sentence(str(view["category"]), view["move"]))  # type: ignore[arg-type]
    err.print(CREDIT, style="dim")


def _summary(rows: list[dict[str, object]], fmt: str) -> None:
    if fmt == "json":
        out.print_json(json.dumps(rows, default=str))
        return
    cols = ("category", "date", "claimed", "confirmed", "ratio", "dates")
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(cols)
        for r in rows:
            writer.writerow([r[c] for c in cols])
        return
    table = Table(title="claimed vs confirmed: the newest Oryx date of each category")
    for col in cols:
        table.add_column(col, justify="left" if col in ("category", "date") else "right")
    for r in rows:
        table.add_row(*(_n(r[c]) for c in cols))
    out.print(table)
    for r in rows:
        if r["move"]:
            out.print(move_sentence(str(r["category"]), r["move"]))  # type: ignore[arg-type]
    err.print(CREDIT, style="dim")


def _check(text: str, data: ConfirmedData, on: dt.date | None, fmt: str) -> None:
    from losswatch.claims.confirmed import check_attributed
    from losswatch.claims.model import Outcome

    verdicts = check_attributed(text, data, on=on)
    if fmt == "json":
        rows = [
            {
                "text": v.claim.text,
                "outcome": v.outcome.value,
                "explanation": v.explanation,
                "category": v.category,
                "as_of": v.report_date,
                "value": v.official_value,
                "true_on": v.true_on,
            }
            for v in verdicts
        ]
        out.print_json(json.dumps(rows, default=str))
    else:
        if not verdicts:
            err.print("no figure attributed to Oryx or WarSpotting found")
        for v in verdicts:
            out.print(f"{v.outcome.value}: {v.claim.text!r}: {v.explanation}", highlight=False)
    if any(v.outcome is Outcome.CONTRADICTED for v in verdicts):
        raise typer.Exit(1)
