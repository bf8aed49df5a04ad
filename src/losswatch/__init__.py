"""losswatch: the General Staff's daily loss figures, reconciled, analysed and fact-checked.

The public Python API is the names in :data:`__all__` (pinned by ``tests/test_public_api.py``)::

    >>> import losswatch                                         # doctest: +SKIP
    >>> engine = losswatch.open_store("sqlite:///losswatch.db")  # doctest: +SKIP
    >>> losswatch.sync(engine, losswatch.load_settings())        # doctest: +SKIP
    >>> series = losswatch.load_series(engine)                   # doctest: +SKIP
    >>> losswatch.check_article("Russia has lost 3,000 tanks", series)  # doctest: +SKIP

Everything else is internal and may change. The names load on first use, so ``import
losswatch`` stays cheap for the CLI (and needs no optional extra).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from losswatch.api.app import create_app
    from losswatch.claims import CheckReport, check_article
    from losswatch.errors import LosswatchError
    from losswatch.models import CanonicalValue, Status
    from losswatch.pipeline import SyncSummary, sync
    from losswatch.series import Series
    from losswatch.settings import Settings, load_settings
    from losswatch.store.engine import open_store
    from losswatch.store.queries import load_series

#: Each public name and the module it lives in.
_HOMES = {
    "CanonicalValue": "losswatch.models",
    "CheckReport": "losswatch.claims",
    "LosswatchError": "losswatch.errors",
    "Series": "losswatch.series",
    "Settings": "losswatch.settings",
    "Status": "losswatch.models",
    "SyncSummary": "losswatch.pipeline",
    "check_article": "losswatch.claims",
    "create_app": "losswatch.api.app",
    "load_series": "losswatch.store.queries",
    "load_settings": "losswatch.settings",
    "open_store": "losswatch.store.engine",
    "sync": "losswatch.pipeline",
}

__all__ = [
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


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'losswatch' has no attribute {name!r}")
    return getattr(import_module(home), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
