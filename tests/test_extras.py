"""Each extra installs what its commands import (issue 14: ``pip install 'losswatch[claims]'``
could not read HTML, since trafilatura needs ``lxml_html_clean`` and only the dev extras pulled
it in).

Always on: every module a command of an extra imports (the table below) comes from a
distribution the extra requires, directly or through the installed packages' own requirements,
read from this checkout's pyproject.toml. Opt-in (``LOSSWATCH_TEST_EXTRAS=1``, it downloads from
PyPI or pip's cache): one wheel is built, each extra is installed alone into a fresh venv, in
parallel, and one of its commands is run there (``LOSSWATCH_TEST_EXTRAS=claims,web``: those).
"""

from __future__ import annotations

import importlib.metadata as md
import os
import subprocess
import sys
import tomllib
import venv
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
CLAIMS = ("trafilatura", "lxml_html_clean", "text_to_num", "py3langid")
#: extra -> the third-party modules its commands import (lazily, inside the commands)
NEEDS: dict[str, tuple[str, ...]] = {
    "claims": CLAIMS,  # check (text and HTML articles)
    "web": (  # serve: the API and the dashboard, whose check form runs the claim checker
        "fastapi",
        "starlette",
        "jinja2",
        "markupsafe",
        "multipart",
        "fastapi_offline",
        "uvicorn",
        *CLAIMS,
    ),
    "analytics": ("statsmodels", "numpy", "matplotlib", "feedgen"),  # brief/chart/feed
    "export": ("pyarrow",),  # export --format parquet
    # check-corpus: text, HTML and WARC archives, local or remote (fsspec), keyword prefilter
    "corpus": ("dask", "distributed", "pyarrow", "fsspec", "ahocorasick", "warcio", *CLAIMS),
    "postgres": ("psycopg",),
}


#: extra -> modules its own requirements must name, not leave to another package's: trafilatura
#: reads HTML through lxml.html.clean, whose provider moved out of lxml in 5.2 and reaches a
#: fresh venv only while some other dependency (justext 3.0.2) happens to ask for it
DECLARED: dict[str, tuple[str, ...]] = {"claims": CLAIMS, "web": CLAIMS, "corpus": CLAIMS}


def direct(extra: str) -> set[str]:
    """The distributions ``losswatch[extra]`` names itself (through the extras it includes)."""
    extras: dict[str, list[str]] = project()["optional-dependencies"]  # type: ignore[assignment]
    names, todo, seen = set(), [extra], set()
    while todo:
        current = todo.pop()
        seen.add(current)
        for req in map(Requirement, extras[current]):
            if canonicalize_name(req.name) == "losswatch":
                todo += sorted(req.extras - seen)
            else:
                names.add(canonicalize_name(req.name))
    return names


@pytest.mark.parametrize("extra", sorted(DECLARED))
def test_each_extra_names_the_html_reader_it_needs(extra: str) -> None:
    providers = md.packages_distributions()
    named = direct(extra)
    missing = [
        m for m in DECLARED[extra] if not {canonicalize_name(d) for d in providers[m]} & named
    ]
    assert missing == [], f"losswatch[{extra}] does not name the providers of {missing}"


def project() -> dict[str, object]:
    return dict(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"])


def closure(extra: str) -> set[str]:
    """Every distribution ``pip install 'losswatch[extra]'`` brings in (as installed here)."""
    meta = project()
    extras: dict[str, list[str]] = meta["optional-dependencies"]  # type: ignore[assignment]
    todo = [Requirement(r) for r in [*meta["dependencies"], *extras[extra]]]  # type: ignore[misc]
    seen: set[str] = set()
    done_extras = {extra}
    while todo:
        req = todo.pop()
        name = canonicalize_name(req.name)
        if name == "losswatch":
            for sub in req.extras - done_extras:
                done_extras.add(sub)
                todo += [Requirement(r) for r in extras[sub]]
            continue
        if name in seen and not req.extras:
            continue
        seen.add(name)
        try:
            requires = md.requires(name) or []
        except md.PackageNotFoundError:
            continue  # not installed here: its own requirements cannot be followed
        for line in requires:
            sub_req = Requirement(line)
            envs = [{"extra": e} for e in (req.extras or {""})]
            if sub_req.marker is None or any(sub_req.marker.evaluate(env) for env in envs):
                todo.append(sub_req)
    return seen


@pytest.mark.parametrize("extra", sorted(NEEDS))
def test_each_extra_requires_what_its_commands_import(extra: str) -> None:
    providers = md.packages_distributions()
    have = closure(extra)
    missing = {
        module: providers.get(module, ["?"])
        for module in NEEDS[extra]
        if not {canonicalize_name(d) for d in providers.get(module, [])} & have
    }
    assert missing == {}, f"losswatch[{extra}] does not install {missing}"


def test_the_table_names_every_extra_but_the_aggregates() -> None:
    extras = set(project()["optional-dependencies"])  # type: ignore[arg-type]
    assert extras - {"all", "dev"} == set(NEEDS)


# --- opt-in: each extra alone in a fresh venv -------------------------------------------------

ARTICLE = (
    "<html><head><title>Losses</title></head><body><article><p>Russia lost 480 troops on "
    "Tuesday alone, bringing the total to around 68,900 troops.</p></article></body></html>"
)
#: extra -> a command run in its venv (``{dir}``: a folder holding article.html)
COMMANDS: dict[str, list[str]] = {
    "claims": ["losswatch", "--db", "sqlite:///{dir}/s.db", "check", "{dir}/article.html"],
    "web": [
        "python",
        "-c",
        "from fastapi.testclient import TestClient; from losswatch.api import create_app; "
        "from losswatch.settings import Settings; "
        "c = TestClient(create_app(Settings(database_url='sqlite:///{dir}/s.db'))); "
        "r = c.post('/api/v1/check', json={{'text': open('{dir}/article.html').read()}}); "
        "assert r.status_code == 200, r.text",
    ],
    "analytics": ["losswatch", "--db", "sqlite:///{dir}/s.db", "chart", "--help"],
    "export": ["python", "-c", "import pyarrow, losswatch.exports.tables"],
    "corpus": ["python", "-c", "import losswatch.claims.corpus, dask.distributed"],
    "postgres": ["python", "-c", "import psycopg"],
}


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        timeout=600,
    )
    [built] = out.glob("losswatch-*.whl")
    return built


def _install_and_run(extra: str, wheel: Path, base: Path) -> tuple[str, int, str]:
    env_dir = base / f"venv-{extra}"
    venv.create(env_dir, with_pip=True)
    pip = [str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q"]
    # no PYTHONPATH: a src/ on it (with the egg-info the wheel build left) reads as installed
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LOSSWATCH_", "PYTHON"))}
    done = subprocess.run(
        [*pip, f"{wheel}[{extra}]"], capture_output=True, text=True, timeout=1500, env=env
    )
    if done.returncode != 0:
        return extra, done.returncode, done.stderr[-1000:]
    work = base / f"work-{extra}"
    work.mkdir()
    (work / "article.html").write_text(ARTICLE, encoding="utf-8")
    command = [part.format(dir=work) for part in COMMANDS[extra]]
    command[0] = str(env_dir / "bin" / command[0])
    ran = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env, cwd=work)
    return extra, ran.returncode, ran.stdout[-500:] + ran.stderr[-1500:]


@pytest.fixture(scope="session")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    base = tmp_path_factory.mktemp("extras")
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(lambda e: _install_and_run(e, wheel, base), sorted(SELECTED)))
    yield {extra: (code, output) for extra, code, output in results}


_CHOSEN = os.environ.get("LOSSWATCH_TEST_EXTRAS", "")
#: the extras to install: LOSSWATCH_TEST_EXTRAS=1 for all, or a list such as "claims,web"
SELECTED = set(COMMANDS) if _CHOSEN == "1" else set(_CHOSEN.split(",")) & set(COMMANDS)


@pytest.mark.slow
@pytest.mark.parametrize("extra", sorted(COMMANDS))
def test_each_extra_alone_runs_its_command(extra: str, request: pytest.FixtureRequest) -> None:
    if extra not in SELECTED:
        pytest.skip(
            "installs the extra into a fresh venv from PyPI: set LOSSWATCH_TEST_EXTRAS=1 "
            f"(or ={extra})"
        )
    installed: dict[str, Any] = request.getfixturevalue("installed")
    code, output = installed[extra]
    assert code in (0, 1), output  # 1: the checker found the article's figures contradicted
    assert "config-error" not in output and "Traceback" not in output, output
