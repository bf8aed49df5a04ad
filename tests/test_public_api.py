"""The package's public names are pinned (as httpx pins ``httpx.__all__``): adding or removing
one is a decision made here, never a side effect of a refactor."""

from __future__ import annotations

import subprocess
import sys

import losswatch

PUBLIC = [
    "CanonicalValue",
    "CheckReport",
    "LosswatchError",
    "Series",
    "Settings",
    "Status",
    "SyncSummary",
    "__version__",
    "check_article",
    "create_app",
    "load_series",
    "load_settings",
    "open_store",
    "sync",
]


def test_all_is_pinned_and_sorted() -> None:
    assert losswatch.__all__ == PUBLIC == sorted(PUBLIC)


def test_every_public_name_resolves_to_the_object_of_its_home_module() -> None:
    from losswatch.claims import check_article
    from losswatch.store.queries import load_series

    for name in PUBLIC:
        assert getattr(losswatch, name) is not None, name
        assert name in dir(losswatch)
    assert losswatch.check_article is check_article
    assert losswatch.load_series is load_series


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        losswatch.reconcile_everything  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "reconcile_everything" in str(exc)
    else:
        raise AssertionError("an unknown name resolved")


def test_importing_the_package_loads_no_heavy_module() -> None:
    """``import losswatch`` (every CLI call pays it) imports none of the public names' homes."""
    code = (
        "import sys, losswatch; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('losswatch', 'sqlalchemy', 'fastapi', 'httpx')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['losswatch']"
