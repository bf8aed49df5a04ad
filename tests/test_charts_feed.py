"""Charts (PNG/SVG) and the Atom/RSS feed, rendered from the real series."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PIL import Image

from losswatch.charts import HEIGHT, SOURCE_LINE, WIDTH, chart_title, render_chart
from losswatch.errors import NotFound, UnknownCategory, UsageError
from losswatch.feed import make_feed
from losswatch.series import Series

D = dt.date.fromisoformat
ATOM = "{http://www.w3.org/2005/Atom}"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="session")
def series(real_series: Series) -> Series:
    return real_series


def _assert_real_png(content: bytes) -> None:
    image = Image.open(io.BytesIO(content))
    assert image.format == "PNG" and image.size == (WIDTH, HEIGHT) == (1200, 675)
    colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 100, "the chart looks blank"
    background = max(colours)[0] / (WIDTH * HEIGHT)
    assert background < 0.95


@pytest.mark.parametrize("kind", ["cumulative", "daily", "monthly"])
def test_png_charts_are_article_sized_and_drawn(series: Series, kind: str) -> None:
    _assert_real_png(render_chart(series, "personnel", kind=kind, fmt="png"))  # type: ignore[arg-type]


def test_svg_chart_is_xml_with_its_title_and_source(series: Series) -> None:
    content = render_chart(
        series, "tanks", kind="daily", start=D("2024-01-01"), end=D("2024-06-30"), fmt="svg"
    )
    root = ElementTree.fromstring(content)
    assert root.tag == f"{SVG}svg"
    assert (root.get("width"), root.get("height")) == ("1200", "675")
    title = root.find(f"{SVG}title")
    assert title is not None and title.text is not None
    assert title.text.startswith(
        "Russian losses of tanks according to Ukraine's General Staff: Daily increase"
    )
    assert "1 Jan 2024 to 30 Jun 2024" in title.text
    texts = " ".join(t for t in root.itertext())
    assert "Russian losses of tanks" in texts and SOURCE_LINE in texts


def test_a_date_range_limits_the_chart(series: Series) -> None:
    short = render_chart(
        series, "uav", kind="monthly", start=D("2025-01-01"), end=D("2025-12-31"), fmt="svg"
    )
    assert b"Jan 2025 to Dec 2025" in short
    _assert_real_png(render_chart(series, "uav", kind="cumulative", start=D("2025-01-01")))


def test_chart_errors_are_coded(series: Series) -> None:
    with pytest.raises(UnknownCategory):
        render_chart(series, "dragons")
    with pytest.raises(UsageError):
        render_chart(series, "tanks", kind="pie")  # type: ignore[arg-type]
    with pytest.raises(UsageError):
        render_chart(series, "tanks", start=D("2024-02-01"), end=D("2024-01-01"))
    with pytest.raises(UsageError):
        render_chart(series, "tanks", fmt="gif")
    with pytest.raises(NotFound):
        render_chart(series, "submarines", start=D("2022-03-01"), end=D("2022-04-01"))


def test_atom_feed_has_one_valid_entry_per_brief(series: Series) -> None:
    base = "https://losswatch.example"
    root = ElementTree.fromstring(make_feed(series, days=30, base_url=base + "/"))
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{tag}") is not None
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 30
    latest = series.latest_date
    assert latest is not None
    ids = set()
    for i, entry in enumerate(entries):
        day = latest - dt.timedelta(days=i)  # newest first, one per report date
        link = entry.find(f"{ATOM}link")
        assert link is not None and link.get("href") == f"{base}/?date={day.isoformat()}"
        entry_id, title, updated = (
            entry.findtext(f"{ATOM}{t}") for t in ("id", "title", "updated")
        )
        assert entry_id and title and updated
        assert dt.datetime.fromisoformat(updated).date() == day
        ids.add(entry_id)
        content = entry.find(f"{ATOM}content")
        assert content is not None and content.get("type") == "html"
    assert len(ids) == 30
    assert root.findtext(f"{ATOM}updated") == entries[0].findtext(f"{ATOM}updated")


def test_rss_feed(series: Series) -> None:
    root = ElementTree.fromstring(make_feed(series, days=5, fmt="rss"))
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel is not None
    assert channel.findtext("link") == "http://localhost:8000/"
    items = channel.findall("item")
    assert len(items) == 5
    for item in items:
        for tag in ("title", "link", "guid", "pubDate", "description"):
            assert item.findtext(tag), tag
        assert item.findtext("link", "").startswith("http://localhost:8000/?date=")
    with pytest.raises(UsageError):
        make_feed(series, fmt="json")


def test_cli_chart_and_feed(
    real_store_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    from losswatch.cli import main

    def run(*args: str) -> int:
        monkeypatch.setattr("sys.argv", ["losswatch", "--db", str(real_store_path), *args])
        try:
            main()
        except SystemExit as exc:
            return exc.code if isinstance(exc.code, int) else 0
        return 0

    target = tmp_path / "tanks.svg"
    assert (
        run("chart", "tanks", "--kind", "monthly", "--from", "2024-01-01", "--out", str(target))
        == 0
    )
    assert ElementTree.parse(target).getroot().tag == f"{SVG}svg"
    capsysbinary.readouterr()
    assert run("feed", "--format", "rss", "--days", "2") == 0
    out = capsysbinary.readouterr().out
    assert len(ElementTree.fromstring(out).findall("channel/item")) == 2
    assert run("chart", "dragons") == 2
    assert b"unknown-category" in capsysbinary.readouterr().err


@pytest.mark.parametrize("category", ["personnel", "uav", "tanks"])
def test_nothing_is_cut_at_the_left_edge(series: Series, category: str) -> None:
    """The y-axis label and tick labels of the largest totals stay inside the image."""
    image = Image.open(io.BytesIO(render_chart(series, category, kind="cumulative"))).convert("L")
    edge = [image.getpixel((x, y)) for x in range(3) for y in range(image.height)]
    assert min(edge) > 200, "dark pixels at the left edge: a label is clipped"


def test_chart_titles_say_whose_figures_they_are(series: Series) -> None:
    title, _ = chart_title("tanks", "cumulative", dt.date(2024, 1, 1), dt.date(2024, 2, 1))
    assert title.endswith("according to Ukraine's General Staff")
