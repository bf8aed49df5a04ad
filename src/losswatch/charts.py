"""Article-ready charts of one category: cumulative total, daily increases, monthly totals.

Rendered with matplotlib's object-oriented API on the Agg canvas (never pyplot), so no
display is needed, no global figure state leaks between requests and the API can render from
worker threads. Sizes are fixed in pixels (1200x675, 16:9, what article templates expect);
``bbox_inches="tight"`` is avoided on purpose because it changes the size. SVG keeps text as
text (``svg.fonttype = none``) so the title is searchable and screen readers can read it.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any, Literal

from losswatch import categories
from losswatch.analytics.daily import daily, period_end, period_totals, rolling_mean
from losswatch.brief import SOURCE_LINE
from losswatch.errors import NotFound, UsageError
from losswatch.series import Series

Kind = Literal["cumulative", "daily", "monthly"]
KINDS: tuple[Kind, ...] = ("cumulative", "daily", "monthly")
FORMATS = ("png", "svg")
WIDTH, HEIGHT, DPI = 1200, 675, 100
COLOUR, ACCENT = "#1f4e79", "#d1495b"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def chart_title(label: str, kind: Kind, first: dt.date, last: dt.date) -> tuple[str, str]:
    """(title, subtitle): what is shown, then which measure over which dates."""
    what = {
        "cumulative": "Running total",
        "daily": "Daily increase with its 7-day mean",
        "monthly": "Losses per month",
    }[kind]
    span = (
        f"{first:%b %Y} to {last:%b %Y}"
        if kind == "monthly"
        else f"{first.day} {first:%b %Y} to {last.day} {last:%b %Y}"
    )
    return f"Russian losses of {label} according to Ukraine's General Staff", f"{what}, {span}"


def _fit_left(fig: Any, ax: Any) -> None:
    """Move the axes right just enough that the y tick labels and the axis label fit.

    Large totals ("1,200,000") are wider than a fixed margin; the figure keeps its size
    (no ``bbox_inches="tight"``), only the plot area narrows.
    """
    renderer = fig.canvas.get_renderer()
    left_px = ax.yaxis.get_tightbbox(renderer).x0
    margin_px = 0.012 * fig.bbox.width
    if left_px < margin_px:
        x0, y0, width, height = ax.get_position().bounds
        shift = (margin_px - left_px) / fig.bbox.width
        ax.set_position((x0 + shift, y0, width - shift, height))


def _points(
    series: Series, key: str, kind: Kind, start: dt.date | None, end: dt.date | None
) -> tuple[list[dt.date], list[int]]:
    """The x (dates) and y of a chart; x is the report date for totals, the loss day else."""
    if kind == "cumulative":
        days = [
            d
            for d in series.dates(key)
            if (start is None or d >= start) and (end is None or d <= end)
        ]
        return days, [series.value(key, d) or 0 for d in days]
    if kind == "daily":
        values = daily(series, key, start=start, end=end)
        return list(values), list(values.values())
    months = [
        t
        for t in period_totals(series, key, "month")
        if (start is None or t.end >= start) and (end is None or t.start <= end)
    ]
    return [t.start for t in months], [t.total for t in months]


def render_chart(
    series: Series,
    category: str,
    *,
    kind: Kind = "cumulative",
    start: dt.date | None = None,
    end: dt.date | None = None,
    fmt: str = "png",
) -> bytes:
    """A PNG or SVG chart of ``category`` between ``start`` and ``end`` (inclusive).

    Raises UnknownCategory, UsageError (bad kind, format or range) or NotFound (no data in
    the range), all coded, so the CLI and the API report them the same way.
    """
    cat = categories.get(category)
    if kind not in KINDS:
        raise UsageError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
    if fmt not in FORMATS:
        raise UsageError(f"format must be png or svg, got {fmt!r}")
    if start is not None and end is not None and start > end:
        raise UsageError(f"start {start} is after end {end}")
    xs, ys = _points(series, cat.key, kind, start, end)
    if not xs:
        raise NotFound(
            f"no {cat.label_en} figures between {start or 'the start'} and "
            f"{end or 'the latest report'}"
        )
    return _draw(series, cat.key, cat.label_en, kind, xs, ys, fmt)


def _draw(
    series: Series,
    key: str,
    label: str,
    kind: Kind,
    xs: Sequence[dt.date],
    ys: Sequence[int],
    fmt: str,
) -> bytes:
    import matplotlib
    from matplotlib import dates as mdates
    from matplotlib import ticker
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    last = xs[-1]
    if kind == "monthly":
        latest = series.latest_date or last
        last = min(period_end(last, "month"), latest - dt.timedelta(days=1))
    title, subtitle = chart_title(label, kind, xs[0], last)
    x = mdates.date2num(list(xs))  # type: ignore[no-untyped-call]
    with matplotlib.rc_context(
        {"svg.fonttype": "none", "svg.hashsalt": "losswatch", "font.size": 13}
    ):
        fig = Figure(figsize=(WIDTH / DPI, HEIGHT / DPI), dpi=DPI)
        FigureCanvasAgg(fig)  # raster canvas, no display; savefig switches to SVG by format
        ax = fig.add_axes((0.09, 0.16, 0.88, 0.68))
        if kind == "cumulative":
            ax.plot(x, ys, color=COLOUR, linewidth=2.2)
            ax.fill_between(x, ys, color=COLOUR, alpha=0.12)
            ax.set_xlabel("Report date")
            ax.set_ylabel(f"Total {label}")
        elif kind == "daily":
            # a stepped area, not 1,600 bar patches: same look, a tenth of the rendering time
            ax.fill_between(
                x, ys, step="mid", color=COLOUR, alpha=0.35, linewidth=0, label="Daily increase"
            )
            # the mean over the whole series, clipped to the range, so it starts on day one
            full = rolling_mean(daily(series, key), 7)
            mean = {d: full[d] for d in xs if d in full}
            mean_x = mdates.date2num(list(mean))  # type: ignore[no-untyped-call]
            ax.plot(
                mean_x, list(mean.values()), color=ACCENT, linewidth=2, label="7-day rolling mean"
            )
            ax.legend(loc="upper left", frameon=False)
            ax.set_xlabel("Day of the losses (report date minus one day)")
            ax.set_ylabel(f"{_cap(label)} per day")
        else:
            # a month still running (or the first, partial one) is drawn lighter
            complete = {t.start: t.complete for t in period_totals(series, key, "month")}
            colours = [COLOUR if complete.get(d, True) else "#9db3c8" for d in xs]
            ax.bar(x, ys, width=24, align="edge", color=colours)
            ax.set_xlabel("Month of the losses (lighter: month not complete)")
            ax.set_ylabel(f"{_cap(label)} per month")
        fig.text(0.09, 0.93, title, fontsize=18, fontweight="bold")
        fig.text(0.09, 0.875, subtitle, fontsize=13, color="#333333")
        ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
        locator = mdates.AutoDateLocator(minticks=4, maxticks=10)  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
        ax.grid(axis="y", alpha=0.3)
        ax.spines[["top", "right"]].set_visible(False)
        fig.text(0.09, 0.03, SOURCE_LINE, fontsize=11, color="#555555")
        _fit_left(fig, ax)
        buffer = io.BytesIO()
        # no dates or versions in the files, so the same data gives the same bytes
        metadata = (
            {"Title": f"{title}: {subtitle}", "Date": None}
            if fmt == "svg"
            else {"Title": f"{title}: {subtitle}", "Software": None}
        )
        fig.savefig(buffer, format=fmt, dpi=DPI, metadata=metadata)
    content = buffer.getvalue()
    if fmt == "svg":
        # matplotlib sizes SVGs in points (864pt = 12 in); state pixels like the PNG, the
        # viewBox keeps the drawing scaled to fit
        points = f'width="{WIDTH * 72 // DPI}pt" height="{HEIGHT * 72 // DPI}pt"'.encode()
        content = content.replace(points, f'width="{WIDTH}" height="{HEIGHT}"'.encode(), 1)
    return content
