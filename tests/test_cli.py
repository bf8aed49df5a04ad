"""The CLI end to end in a subprocess-free runner: exit codes, stdout data, stderr messages."""

from __future__ import annotations

import json
import subprocess
import sys
import typing
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from losswatch import categories
from losswatch.cli import _register, app

_register()
runner = CliRunner()


def invoke(*args: str, db: str | None = None):  # type: ignore[no-untyped-def]
    full = (["--db", db] if db else []) + list(args)
    return runner.invoke(app, full, catch_exceptions=True)


def test_show_2022_10_26_from_every_source(real_store_url: str) -> None:
    result = invoke("show", "2022-10-26", "--format", "json", db=real_store_url)
    assert result.exit_code == 0, result.output
    view = json.loads(result.stdout)
    rows = {r["category"]: r for r in view["rows"]}
    assert view["loss_day"] == "2022-10-25"
    assert set(view["sources"]) == {"minfin", "official_en", "orc_losses", "petroivaniuk"}
    for cat, expected in {"personnel": 68900, "tanks": 2628, "vehicles_fuel_tanks": 4076}.items():
        assert rows[cat]["value"] == expected and rows[cat]["status"] == "agreed"
        assert {s["value"] for s in rows[cat]["sources"].values()} == {expected}
    assert rows["personnel"]["sources"]["official_en"]["stated_increment"] == 480
    table = invoke("show", "2022-10-26", db=real_store_url)
    assert "68,900 (+480)" in table.stdout


def test_audit_json_and_csv(real_store_url: str) -> None:
    result = invoke("audit", "--format", "json", "--since", "2022-06-01", db=real_store_url)
    view = json.loads(result.stdout)
    cell = next(
        c
        for c in view["cells"]
        if c["report_date"] == "2022-06-03" and c["category"] == "artillery"
    )
    assert cell["value"] == 675 and cell["status"] == "resolved_by_increment"
    assert all(c["report_date"] >= "2022-06-01" for c in view["cells"])
    assert {r["source"] for r in view["reliability"]} >= {"official_en", "petroivaniuk"}
    csv_out = invoke("audit", "--format", "csv", db=real_store_url).stdout
    assert csv_out.splitlines()[0].startswith("report_date,category,value,status")
    assert invoke("audit", "--format", "xml", db=real_store_url).exit_code == 2


def test_sources_lists_every_source(real_store_url: str) -> None:
    shown = invoke("sources", "--format", "json", db=real_store_url).stdout
    assert invoke("sources", "--json", db=real_store_url).stdout == shown  # the hidden alias
    rows = json.loads(shown)
    assert {r["source"] for r in rows} == {
        "official_en",
        "official_uk",
        "petroivaniuk",
        "orc_losses",
        "russianwarship",
        "minfin",
        "oryx",
        "oryx_history",
        "oryx_archive",
        "warspotting",
    }
    live_only = {"oryx_archive"}  # the Internet Archive backfill has no recorded files
    assert all(
        r["observations"] > 0 and r["last_status"] == "ok"
        for r in rows
        if r["source"] not in live_only
    )
    counts = {r["source"]: (r["observations"], r["last_status"]) for r in rows}
    assert counts["oryx_archive"] == (0, "unchanged")
    assert counts["oryx"][0] == 50 and counts["warspotting"][0] == 20932


def test_doctor_passes_on_the_real_store(real_store_url: str) -> None:
    result = invoke("doctor", db=real_store_url)
    assert result.exit_code == 0 and "monotonic" in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "exit_code"),
    [
        (["show", "2022-13-01"], "invalid-date", 2),
        (["show", "2022-10-26", "--as-of", "yesterday"], "invalid-date", 2),
        (["sync", "--source", "no-such-source"], "unknown-source", 2),
        (["sync", "--every", "soon"], "bad-request", 2),
    ],
)
def test_user_mistakes_give_a_code_and_no_traceback(
    args: list[str], code: str, exit_code: int, tmp_path: Path
) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "losswatch", "--db", str(tmp_path / "x.db"), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == exit_code
    assert code in proc.stderr and "Traceback" not in proc.stderr


def test_sync_from_dir_then_rebuild_gives_the_same_series(
    sources_dir: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "cli.db")
    sub = tmp_path / "src"
    sub.mkdir()
    for name in ("orc-losses", "official_uk"):
        (sub / name).symlink_to(sources_dir / name, target_is_directory=True)
    assert invoke("sync", "--from-dir", str(sub), db=db).exit_code == 0
    before = invoke("show", "2024-02-01", "-f", "json", db=db).stdout
    assert invoke("rebuild", db=db).exit_code == 0
    assert (
        json.loads(invoke("show", "2024-02-01", "-f", "json", db=db).stdout)["rows"]
        == json.loads(before)["rows"]
    )


def test_offline_first_run_uses_the_bundled_snapshot(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import httpx, sys\n"
            "def offline(*a, **k):\n    raise httpx.ConnectError('offline')\n"
            "httpx.Client.get = offline\n"
            "sys.argv = ['losswatch', '--db', sys.argv[1], 'sync', '--or-snapshot']\n"
            "from losswatch.cli import main\nmain()",
            str(tmp_path / "first.db"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "bundled snapshot" in proc.stderr and "Traceback" not in proc.stderr
    shown = invoke("show", "2022-10-26", "--json", db=str(tmp_path / "first.db"))
    rows = {r["category"]: r for r in json.loads(shown.stdout)["rows"]}
    assert rows["personnel"]["value"] == 68900


def test_config_masks_the_api_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOSSWATCH_API_TOKEN", "s3cret-token")
    result = invoke("config")
    assert "s3cret-token" not in result.stdout and "api_token" in result.stdout


DATA_COMMANDS = ("sources", "show", "audit", "categories", "config", "doctor", "check", "brief")


@pytest.mark.parametrize("name", [*DATA_COMMANDS, "feed", "export", "confirmed"])
def test_every_data_command_has_the_one_format_option(name: str) -> None:
    """Like sqlite-utils' output options: the same ``--format``/``-f`` with listed choices."""
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    option = next(p for p in command.params if "--format" in p.opts)
    choices = typing.get_args(option.type_descriptor.annotation)
    assert "-f" in option.opts and len(choices) > 1
    assert "json" in choices or name == "feed"


def test_a_format_outside_the_choices_is_a_usage_error(real_store_url: str) -> None:
    result = invoke("sources", "--format", "yaml", db=real_store_url)
    assert result.exit_code == 2 and "yaml" in result.output


def test_categories_and_doctor_as_json(real_store_url: str) -> None:
    cats = json.loads(invoke("categories", "-f", "json").stdout)
    assert cats[0]["key"] == "personnel" and len(cats) == len(categories.CATEGORIES)
    findings = json.loads(invoke("doctor", "-f", "json", db=real_store_url).stdout)
    assert {f["check"] for f in findings} >= {"monotonic", "canonical"}


def test_settings_come_from_each_runs_own_options(tmp_path: Path) -> None:
    """No global state: a run's --db does not stay for the next run in the same process."""
    first = json.loads(invoke("config", "-f", "json", db=str(tmp_path / "a.db")).stdout)
    second = json.loads(invoke("config", "-f", "json").stdout)
    assert first["effective_database_url"].endswith("a.db")
    assert not second["effective_database_url"].endswith("a.db")
