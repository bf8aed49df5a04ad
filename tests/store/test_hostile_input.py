"""Hostile input at the store (issue 14): numbers too large for the database, two syncs racing
to migrate a brand-new store, a missing source folder. On SQLite and PostgreSQL alike."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from tests.conftest import child_env
from typer.testing import CliRunner

from losswatch.cli import _register, app
from losswatch.store import schema as s
from losswatch.store.engine import open_store
from losswatch.store.engine import upgrade as open_store_with
from losswatch.store.integrity import check_integrity

ORC = "russian-losses.json"

_register()


def invoke(*args: str, db: str) -> Any:
    """The CLI in-process, on the store ``db``."""
    return CliRunner().invoke(app, ["--db", db, *args], catch_exceptions=True)


def losswatch(url: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "losswatch", "--db", url, *args]


@pytest.fixture
def oversized(sources_dir: Path, tmp_path: Path) -> Path:
    """Half a year of orc-losses with one personnel count of 2^63 and one tank count of 10^30,
    beside ten clean official texts of October 2022."""
    root = tmp_path / "sources"
    (root / "official_en").mkdir(parents=True)
    (root / "orc-losses").mkdir()
    records = json.loads((sources_dir / "orc-losses" / ORC).read_bytes())
    kept = [r for r in records if "2022-07-01" <= r["date"] <= "2022-12-31"]
    kept[3]["personnel"] = 2**63
    kept[40]["tanks"] = 10**30
    (root / "orc-losses" / ORC).write_text(json.dumps(kept), encoding="utf-8")
    for f in sorted((sources_dir / "official_en").glob("2022-10-*.txt"))[:10]:
        (root / "official_en" / f.name).symlink_to(f)
    return root


def test_numbers_too_large_to_store_are_quarantined_and_the_rest_is_synced(
    store_url: str, oversized: Path
) -> None:
    first = invoke("sync", "--from-dir", str(oversized), db=store_url)
    assert first.exit_code == 1, first.output  # the documented partial failure
    assert first.exception is None or isinstance(first.exception, SystemExit)
    engine = open_store(store_url)
    with engine.connect() as conn:
        held = conn.execute(
            select(
                s.observations.c.category,
                s.observations.c.value,
                s.observations.c.quarantine_reason,
            ).where(s.observations.c.quarantined)
        ).all()
        runs = {r.source: r for r in conn.execute(select(s.sync_runs))}
        official = conn.execute(
            select(s.observations.c.id).where(s.observations.c.source == "official_en")
        ).all()
    assert sorted((c, v) for c, v, _ in held) == [("personnel", None), ("tanks", None)]
    reasons = sorted(r for _, _, r in held)
    assert reasons[0].startswith("[value-out-of-range] count 100000000000... (31 digits)")
    assert reasons[1] == "[value-out-of-range] count 9223372036854775808 beyond the 64-bit range"
    assert (runs["orc_losses"].status, runs["orc_losses"].error_code) == (
        "partial",
        "value-out-of-range",
    )
    assert "2 figures beyond the store's range" in runs["orc_losses"].error_message
    assert runs["official_en"].status == "ok" and len(official) > 100
    statuses = {
        r["source"]: r for r in json.loads(invoke("sources", "--json", db=store_url).stdout)
    }
    assert statuses["orc_losses"]["last_error"].startswith("[value-out-of-range]")
    assert statuses["orc_losses"]["quarantined"] == 2
    assert [f for f in check_integrity(engine) if f.level == "error"] == []
    # a rerun finds nothing new and does not crash either
    again = invoke("sync", "--from-dir", str(oversized), db=store_url)
    assert again.exit_code == 0, again.output


# --- two syncs on a brand-new store ------------------------------------------------------------


@pytest.fixture
def few_texts(sources_dir: Path, tmp_path: Path) -> Path:
    root = tmp_path / "texts"
    (root / "official_en").mkdir(parents=True)
    for f in sorted((sources_dir / "official_en").glob("2022-10-*.txt"))[:3]:
        (root / "official_en" / f.name).symlink_to(f)
    return root


def test_syncs_racing_on_a_brand_new_store_all_complete(
    store_url: str, few_texts: Path, tmp_path: Path
) -> None:
    """Two syncs started at once on a store nobody has migrated yet: the migration is
    serialized (a file lock on SQLite, an advisory lock on PostgreSQL), then the sync lock."""
    children = [
        subprocess.Popen(
            losswatch(store_url, "sync", "--from-dir", str(few_texts)),
            cwd=tmp_path,
            env=child_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    outcomes = [(child.wait(timeout=120), child.communicate()[1].decode()) for child in children]
    assert [code for code, _ in outcomes] == [0, 0], [err[-1500:] for _, err in outcomes]
    engine = open_store(store_url)
    with engine.connect() as conn:
        statuses = sorted(r.status for r in conn.execute(select(s.sync_runs.c.status)))
    assert statuses.count("ok") == 1 and len(statuses) > 3


def test_stores_opened_at_once_by_many_threads_are_migrated_once(store_url: str) -> None:
    """Six engines opening the same brand-new store at the same instant (a barrier): without
    the migration lock some fail with ``database is locked`` (SQLite) or a duplicate
    ``alembic_version`` / ``pg_type`` row (PostgreSQL)."""
    from losswatch.store.engine import make_engine, schema_version

    barrier = threading.Barrier(6)
    failures: list[BaseException] = []

    def open_at_once() -> None:
        engine = make_engine(store_url)
        barrier.wait()
        try:
            open_store_with(engine)
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            failures.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=open_at_once, daemon=True) for _ in range(6)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 30
    for thread in threads:  # unserialized DDL on PostgreSQL can also deadlock: bounded
        thread.join(timeout=max(0.0, deadline - time.monotonic()))
    assert [t for t in threads if t.is_alive()] == [] and failures == []
    current, head = schema_version(open_store(store_url))
    assert current == head is not None


# --- what --from-dir reads ---------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_a_utf16_or_utf32_text_with_its_bom_is_read_like_utf8(
    sources_dir: Path, tmp_path: Path, encoding: str
) -> None:
    from losswatch.sources import get_adapter

    adapter = get_adapter("official_en")
    original = sources_dir / "official_en" / "2022-10-26.txt"
    text = original.read_text(encoding="utf-8")
    (tmp_path / "official_en").mkdir()
    bom = {"utf-16-be": "\ufeff"}.get(encoding, "")  # utf-16 and utf-32 write their own
    (tmp_path / "official_en" / original.name).write_bytes((bom + text).encode(encoding))
    (tmp_path / "utf8" / "official_en").mkdir(parents=True)
    (tmp_path / "utf8" / "official_en" / original.name).symlink_to(original)
    [doc] = adapter.recorded_documents(tmp_path)
    [reference] = adapter.recorded_documents(tmp_path / "utf8")
    outcome = adapter.parse(doc)
    assert len(outcome.figures) > 10
    assert outcome.figures == adapter.parse(reference).figures


@pytest.mark.parametrize(
    ("folder", "args", "message"),
    [
        ("nowhere", [], "no such folder"),
        ("sources", ["--source", "orc_losses"], "has no folder orc-losses/ (orc_losses)"),
        ("empty", [], "has no folder"),
    ],
)
def test_a_missing_source_folder_is_a_coded_error_and_the_store_is_untouched(
    store_url: str, few_texts: Path, tmp_path: Path, folder: str, args: list[str], message: str
) -> None:
    (tmp_path / "empty").mkdir()
    root = {"sources": few_texts, "empty": tmp_path / "empty"}.get(folder, tmp_path / folder)
    result = invoke("sync", "--from-dir", str(root), *args, db=store_url)
    assert result.exit_code == 4, result.output
    assert result.stderr.startswith("no-recorded-files: --from-dir") and message in result.stderr
    with open_store(store_url).connect() as conn:
        assert conn.execute(select(s.sync_runs)).first() is None
