"""``losswatch confirmed`` on the real store: every Oryx date, formats, coded errors."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from losswatch.cli import _register, app

_register()


def invoke(*args: str, db: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["--db", db, *args], input=input, catch_exceptions=True)


def test_confirmed_tanks_prints_every_oryx_date_with_ratios(real_store_url: str) -> None:
    result = invoke("confirmed", "tanks", "--format", "csv", db=real_store_url)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 529  # every date the Oryx series has a tanks figure
    april = next(r for r in rows if r["date"] == "2023-04-24")
    assert april["confirmed"] == "1907" and float(april["ratio"]) == round(
        int(april["claimed"]) / 1907, 3
    )
    text = invoke("confirmed", "tanks", db=real_store_url)
    assert text.exit_code == 0 and "2023-04-24" in text.stdout and "1,907" in text.stdout
    assert "529 dates" in text.stdout and "lag:" in text.stdout


def test_confirmed_json_range_and_summary(real_store_url: str) -> None:
    view = json.loads(
        invoke(
            "confirmed",
            "afv",
            "--from",
            "2025-01-01",
            "--to",
            "2025-02-01",
            "--format",
            "json",
            db=real_store_url,
        ).stdout
    )
    assert view["points"] and all("2025-01-01" <= p["date"] <= "2025-02-01" for p in view["points"])
    summary = json.loads(invoke("confirmed", "--format", "json", db=real_store_url).stdout)
    assert {r["category"] for r in summary} >= {"tanks", "afv", "artillery", "aircraft", "ships"}


def test_confirmed_errors_are_coded(real_store_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert invoke("confirmed", "personnel", db=real_store_url).exit_code == 2
    assert invoke("confirmed", "bogus", db=real_store_url).exit_code == 2
    assert invoke("confirmed", "tanks", "--from", "24.02.2022", db=real_store_url).exit_code == 2
    empty = invoke("confirmed", "tanks", db=f"sqlite:///{tmp_path / 'e.db'}")
    assert empty.exit_code == 2 and "not-found" in empty.output


def test_confirmed_check_names_the_source_and_exits_1_when_contradicted(
    real_store_url: str,
) -> None:
    ok = invoke(
        "confirmed", "--check", "Oryx has confirmed 4,074 Russian tanks.", db=real_store_url
    )
    assert (
        ok.exit_code == 0
        and "supported: '4,074 Russian tanks': Oryx's confirmed count" in ok.stdout
    )
    wrong = invoke(
        "confirmed",
        "--check",
        "According to Oryx, 4,300 tanks.",
        "--format",
        "json",
        db=real_store_url,
    )
    assert wrong.exit_code == 1 and json.loads(wrong.stdout)[0]["value"] == 4074


def test_losswatch_check_reads_oryx_figures_against_oryx(real_store_url: str) -> None:
    result = invoke(
        "check",
        "-",
        "--date",
        "2025-08-01",
        "--format",
        "json",
        db=real_store_url,
        input="According to Oryx, 4,300 tanks have been destroyed.",
    )
    assert result.exit_code == 1, result.output
    (verdict,) = json.loads(result.stdout)["verdicts"]
    assert verdict["verdict"] == "contradicted" and "Oryx" in verdict["explanation"]
