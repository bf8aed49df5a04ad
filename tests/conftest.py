"""Shared fixtures: where the recorded real data lives, and fresh stores to load it into."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LOSSWATCH_SHARED_DIR", ROOT.parent / "shared"))
SOURCES = SHARED / "data" / "sources"


def child_env() -> dict[str, str]:
    """The environment for a ``python -m losswatch`` child: no LOSSWATCH_* variables (only
    --db decides the store) and this checkout's src first on PYTHONPATH (a relative one does
    not survive the child's working directory, and the child would run another checkout's
    code, e.g. the shared venv's editable install)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOSSWATCH_")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), *filter(None, [env.get("PYTHONPATH")])])
    return env


def need_shared(path: Path = SOURCES) -> Path:
    """Skip (with the reason) when the recorded data is not beside the checkout."""
    if not path.exists():
        pytest.skip(f"recorded data not found at {path} (set LOSSWATCH_SHARED_DIR)")
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return need_shared(SHARED)


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    return need_shared(SOURCES)


@pytest.fixture(scope="session")
def huffpost(shared_dir: Path) -> str:
    """The HuffPost piece "Russian losses soared to 480 in one day" (report of 2022-10-26)."""
    path = shared_dir / "articles" / "huffpost-russian-losses-480-in-one-day.txt"
    return path.read_text(encoding="utf-8")


# --- stores: SQLite always, PostgreSQL when a server can be started ---------------------------

import glob  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
from collections.abc import Iterator  # noqa: E402


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _as_postgres(cmd: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run its tools as the postgres user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throwaway PostgreSQL server on a Unix socket in a temp dir, started as the postgres
    user (or the server named by LOSSWATCH_TEST_POSTGRES_URL)."""
    if os.environ.get("LOSSWATCH_TEST_POSTGRES_URL"):
        yield os.environ["LOSSWATCH_TEST_POSTGRES_URL"]
        return
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries not installed (make test installs them via apt)")
    base = Path(tempfile.mkdtemp(prefix="losswatch-pg-"))
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
        shutil.chown(sock, "postgres")
    run = lambda cmd: subprocess.run(_as_postgres(cmd), check=True, capture_output=True)  # noqa: E731
    try:
        run(
            [
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "--no-sync",
                "-E",
                "UTF8",
            ]
        )
        run(
            [
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(base / "log"),
                "-w",
                "start",
                "-o",
                f"-k {sock} -c listen_addresses='' -c fsync=off",
            ]
        )
    except subprocess.CalledProcessError as exc:
        pytest.skip(f"could not start PostgreSQL: {exc.stderr.decode(errors='replace')[:300]}")
    try:
        yield f"postgresql+psycopg://postgres@/postgres?host={sock}"
    finally:
        subprocess.run(
            _as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(base, ignore_errors=True)


def _fresh_pg_database(url: str, name: str) -> str:
    from sqlalchemy import create_engine, text

    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.replace("/postgres?", f"/{name}?")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of an empty store, once per backend: the same tests run on both."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    pg = request.getfixturevalue("postgres_url")
    return _fresh_pg_database(pg, f"t_{abs(hash(request.node.nodeid)) % 10**10}")


@pytest.fixture
def recorded_subset(sources_dir: Path, tmp_path: Path) -> Path:
    """A small tree laid out like shared/data/sources (links, not copies): three JSON
    sources and October 2022 of the official texts, so store tests stay quick on both backends."""
    root = tmp_path / "sources"
    root.mkdir()
    for name in ("petroivaniuk", "orc-losses", "russianwarship"):
        (root / name).symlink_to(sources_dir / name, target_is_directory=True)
    (root / "official_en").mkdir(parents=True)
    for f in sorted((sources_dir / "official_en").glob("2022-10-2*.txt")):
        (root / "official_en" / f.name).symlink_to(f)
    return root


@pytest.fixture(scope="session")
def real_store_path(sources_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store synced from every recorded source, built once per test process and
    shared by every test that only reads it (tests that write take a copy)."""
    from losswatch.pipeline import sync
    from losswatch.settings import Settings
    from losswatch.store.engine import open_store

    path = tmp_path_factory.mktemp("real-store") / "store.db"
    engine = open_store(f"sqlite:///{path}")
    summary = sync(engine, Settings(data_dir=path.parent), from_dir=sources_dir)
    assert summary.ok, [r.errors for r in summary.results if r.errors]
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def real_store_url(real_store_path: Path) -> str:
    return f"sqlite:///{real_store_path}"


@pytest.fixture(scope="session")
def real_series(real_store_url: str):  # type: ignore[no-untyped-def]
    """The canonical series of the real recorded sources, as the pipeline makes it."""
    from losswatch.store.engine import open_store
    from losswatch.store.queries import load_series

    return load_series(open_store(real_store_url))
