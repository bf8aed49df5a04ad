"""The daily brief on the real series, and its round trip through the claim checker."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree

import pytest

from losswatch.analytics.records import all_time_records
from losswatch.brief import make_brief
from losswatch.errors import NotFound, UsageError
from losswatch.models import Status
from losswatch.series import Series

D = dt.date.fromisoformat


@pytest.fixture(scope="session")
def series(real_series: Series) -> Series:
    return real_series


def test_the_brief_of_26_october_2022(series: Series) -> None:
    text = make_brief(series, D("2022-10-26")).to_text()
    assert (
        "Russia lost about 480 personnel on Tuesday 25 October 2022, according to the General "
        "Staff report of 26 October 2022." in text
    )
    assert (
        "In total about 68,900 personnel have been lost since the start of the invasion, along "
        "with 2,628 tanks (+17)" in text
    )
    assert "4,076 vehicles and fuel tanks (+22)" in text
    assert "It was the highest daily personnel loss since 17 October 2022." in text
    assert "General Staff of the AFU via losswatch" in text


def test_records_milestones_and_conflicts_are_named(series: Series) -> None:
    record = next(r for r in all_time_records(series) if r["category"] == "personnel")
    text = make_brief(series, D(record["report_date"])).to_text()
    assert f"Russia lost about {record['value']:,} personnel" in text
    assert (
        "It was the highest daily personnel loss in the daily reports since 1 April 2022." in text
    )
    assert (
        "more than 100,000 personnel have been lost in total"
        in make_brief(series, D("2022-12-22")).to_text()
    )
    conflict = next(
        cv
        for cv in series
        if cv.status is Status.CONFLICT and cv.category == "afv" and cv.report_date.year >= 2024
    )
    brief = make_brief(series, conflict.report_date)
    assert (
        "the sources disagree on this report's figure for armoured combat vehicles"
        in brief.to_text()
    )
    assert brief.facts["conflicts"][0]["category"] == "afv"


def test_every_format_carries_the_same_brief(series: Series) -> None:
    brief = make_brief(series, D("2024-03-01"))
    assert brief.to_markdown().startswith(f"## {brief.headline}\n\n")
    data = json.loads(brief.to_json())
    assert data["report_date"] == "2024-03-01" and data["text"] == brief.body
    personnel = data["facts"]["summary"]["categories"]["personnel"]
    assert personnel["value"] == series.value("personnel", D("2024-03-01"))
    root = ElementTree.fromstring(brief.to_html())
    assert root.tag == "article" and root.find("h2").text == brief.headline  # type: ignore[union-attr]


def test_html_is_escaped(series: Series) -> None:
    hostile = replace(
        series,
        report_urls={
            **series.report_urls,
            D("2024-03-01"): 'https://x.test/"><script>alert(1)</script>',
        },
    )
    html = make_brief(hostile, D("2024-03-01")).to_html()
    assert "<script>" not in html and "&lt;script&gt;" in html
    ElementTree.fromstring(html)


def test_ukrainian_brief(series: Series) -> None:
    text = make_brief(series, D("2022-10-26"), lang="uk").to_text()
    assert (
        "Росія втратила близько 480 осіб особового складу у вівторок, 25 жовтня 2022 року" in text
    )
    assert "особовий склад – близько 68\u00a0900 осіб, танки – 2\u00a0628 (+17)" in text
    assert "з 17 жовтня 2022 року" in text


def test_bad_dates_and_languages_are_coded_errors(series: Series) -> None:
    with pytest.raises(NotFound):
        make_brief(series, D("2035-01-01"))
    with pytest.raises(UsageError):
        make_brief(series, D("2024-03-01"), lang="fr")
    assert make_brief(series).report_date == series.latest_date


def _round_trip_dates(series: Series) -> list[dt.date]:
    dates = series.dates("personnel")[1:]  # the 24 February 2022 row is minfin's alone
    # 2022-05-01: the day "vehicles" and "fuel tanks" merged; the printed "(+20)" must hold
    spread = [dates[i * (len(dates) - 1) // 29] for i in range(30)]
    special = [D(x) for x in ("2022-05-01", "2022-10-26", "2022-12-22", "2024-09-26", "2025-06-12")]
    return sorted(set(spread + special))


def _check_round_trip(series: Series, dates: list[dt.date], lang: str) -> None:
    from losswatch import claims
    from losswatch.claims.model import Outcome, Qualifier

    failures = []
    for day in dates:
        brief = make_brief(series, day, lang)
        report = claims.check_article(brief.to_text(), series, article_date=day, lang=lang)
        assert len(report.verdicts) >= 8, f"{day}: only {len(report.verdicts)} claims read"
        for v in report.verdicts:
            ok = (
                v.outcome is Outcome.SUPPORTED
                or (
                    v.outcome is Outcome.APPROXIMATELY_SUPPORTED
                    and v.claim.qualifier is Qualifier.LOWER_BOUND
                )  # "more than 100,000"
                or (v.outcome is Outcome.NOT_CHECKABLE and "is disputed" in v.explanation)
            )  # a figure of the note on a disputed cell, which gives every value
            if not ok:
                failures.append(f"{day}: {v.claim.text!r} -> {v.explanation}")
    assert not failures, "\n".join(failures)


def test_round_trip_every_claim_of_a_brief_is_supported(series: Series) -> None:
    dates = _round_trip_dates(series)
    assert len(dates) >= 30 and dates[0].year == 2022 and dates[-1].year == 2026
    _check_round_trip(series, dates, "en")


def test_round_trip_in_ukrainian(series: Series) -> None:
    claims = pytest.importorskip(
        "losswatch.claims", reason="the claim checker (losswatch.claims) is not in this tree yet"
    )
    if not (Path(claims.__file__).parent / "lang" / "uk.json").exists():
        pytest.skip("the claim checker has no Ukrainian lexicon (claims/lang/uk.json) yet")
    _check_round_trip(series, _round_trip_dates(series)[::3], "uk")


@pytest.fixture
def cli(real_store_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run ``losswatch --db <real store> ARGS`` in-process; returns (exit code, out, err)."""
    from losswatch.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr("sys.argv", ["losswatch", "--db", str(real_store_path), *args])
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 0
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def test_cli_brief(cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("brief", "--date", "2022-10-26")
    assert code == 0 and "Russia lost about 480 personnel on Tuesday 25 October 2022" in out
    code, out, _ = cli("brief", "--date", "2022-10-26", "--format", "json", "--lang", "uk")
    assert code == 0 and json.loads(out)["lang"] == "uk"
    code, out, err = cli("brief", "--date", "26-10-2022")
    assert code == 2 and out == "" and "invalid-date" in err
    code, _, err = cli("brief", "--format", "pdf")
    assert code == 2 and "'pdf' is not one of" in err  # Click's usage error, from the choices
