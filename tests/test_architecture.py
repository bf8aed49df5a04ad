"""The direction of imports: sources -> store -> reconcile -> analytics/claims -> views -> api,
web -> cli (docs/architecture.md). A module imports only its own layer or the layers before it;
the dashboard never imports the API, the API imports the dashboard only to mount it, and SQL
(anything of SQLAlchemy beyond the ``Engine`` handle) is written in ``store/`` only.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "losswatch"

#: Each top-level part of the package and its layer: a part may import parts of its own layer
#: or of a lower one, never of a higher one.
LAYERS: dict[str, int] = {
    **dict.fromkeys(
        ("errors", "settings", "categories", "models", "series", "console", "timefmt"), 0
    ),
    "sources": 1,
    "store": 2,
    **dict.fromkeys(("reconcile", "pipeline", "rebuild", "bundled"), 3),
    **dict.fromkeys(("analytics", "claims", "brief", "charts", "feed", "guarded_fetch"), 4),
    **dict.fromkeys(("views", "exports"), 5),
    **dict.fromkeys(("api", "web"), 6),
    **dict.fromkeys(("cli", "docgen", "__main__"), 7),
}
#: Pairs within one layer that must not import each other (first never imports second).
FORBIDDEN = {("web", "api"), ("views", "exports")}
#: The one place the API imports the dashboard: ``create_app`` mounts it.
MOUNT = ("losswatch.api.app", "losswatch.web")
#: The SQLAlchemy names allowed outside store/: the engine handle, and URL parsing in settings.
SQLALCHEMY_OUTSIDE_STORE = {"Engine", "make_url", "ArgumentError"}


def _modules() -> list[tuple[str, Path, ast.Module]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found.append((name, path, ast.parse(path.read_text(encoding="utf-8"))))
    return found


MODULES = _modules()


def _imports(tree: ast.Module) -> list[tuple[str, str, int]]:
    """(module, imported name, line) of every import, however deep in a function."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(alias.name, "", node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out += [(node.module, alias.name, node.lineno) for alias in node.names]
    return out


def _part(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


def _targets(module: str, name: str) -> str:
    """The losswatch module an import reaches (``from losswatch import web`` reaches web)."""
    return f"losswatch.{name}" if module == "losswatch" and name else module


def test_every_part_has_a_layer() -> None:
    parts = {_part(name) for name, _, _ in MODULES} - {""}
    assert parts <= set(LAYERS), f"give these parts a layer: {sorted(parts - set(LAYERS))}"


def test_imports_point_down_the_layers() -> None:
    wrong = []
    for name, path, tree in MODULES:
        here = _part(name)
        if not here:  # losswatch/__init__.py: the public facade over every layer
            continue
        for module, imported, line in _imports(tree):
            target = _targets(module, imported)
            there = _part(target)
            if not target.startswith("losswatch.") or there in ("", here):
                continue
            if (name, target) == MOUNT:
                continue
            if LAYERS[there] > LAYERS[here] or (here, there) in FORBIDDEN:
                wrong.append(f"{path.relative_to(PACKAGE)}:{line} {here} imports {target}")
    assert not wrong, "imports against the flow:\n" + "\n".join(wrong)


def test_web_never_imports_the_api() -> None:
    hits = [
        f"{name}: {module}"
        for name, _, tree in MODULES
        if _part(name) == "web"
        for module, imported, _ in _imports(tree)
        if _targets(module, imported).startswith("losswatch.api")
    ]
    assert not hits


def test_the_api_imports_the_dashboard_only_to_mount_it() -> None:
    hits = [
        (name, _targets(module, imported))
        for name, _, tree in MODULES
        if _part(name) == "api"
        for module, imported, _ in _imports(tree)
        if _targets(module, imported).startswith("losswatch.web")
    ]
    assert hits == [MOUNT]


@pytest.mark.parametrize("name", ["losswatch.web.routes", "losswatch.api.routes.reports"])
def test_the_checker_sees_a_violation(name: str) -> None:
    """The walk really finds imports (a check over nothing would pass for ever)."""
    tree = next(t for n, _, t in MODULES if n == name)
    assert any(m.startswith("losswatch.views") for m, _, _ in _imports(tree))


def test_sql_lives_in_the_store() -> None:
    wrong = []
    for name, path, tree in MODULES:
        if _part(name) == "store":
            continue
        for module, imported, line in _imports(tree):
            if module.split(".")[0] != "sqlalchemy":
                continue
            if not imported or imported not in SQLALCHEMY_OUTSIDE_STORE:
                wrong.append(f"{path.relative_to(PACKAGE)}:{line} {module}.{imported}")
    assert not wrong, "SQL outside store/ (move the query into a store function):\n" + "\n".join(
        wrong
    )


def test_the_architecture_page_names_every_part() -> None:
    page = (PACKAGE.parents[1] / "docs" / "architecture.md").read_text(encoding="utf-8")
    base = {name for name, layer in LAYERS.items() if layer == 0}
    missing = [
        part
        for part in LAYERS
        if part not in base | {"__main__", "docgen"} and f"{part}/" not in page and part not in page
    ]
    assert not missing, f"docs/architecture.md does not mention {missing}"
