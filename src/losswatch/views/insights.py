"""Derived reads of a data version: the audit of disagreements and the written brief.

The API's ``/api/v1/audit`` and ``/api/v1/brief`` and the dashboard's Audit and Today pages
call these, so both show the same object (the response cache keeps the finished pages).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Engine

from losswatch.views import audit_view
from losswatch.views.snapshot import Snapshot


def audit_payload(snapshot: Snapshot, engine: Engine, since: dt.date | None) -> dict[str, Any]:
    """The audit view of ``snapshot``'s data.

    ``since`` only narrows the cells (reliability and corrections cover everything, as in
    :func:`~losswatch.views.audit_view`), so it is applied to the full view.
    """
    full: dict[str, Any] = audit_view(engine)
    if since is None:
        return full
    return full | {"cells": [c for c in full["cells"] if c["report_date"] >= since.isoformat()]}


def brief_for(snapshot: Snapshot, report_date: dt.date | None, lang: str, engine: Engine) -> Any:
    """The brief object (the API's JSON and the Today page show the same), with the
    claimed-vs-confirmed sentence when a ratio moved notably."""
    from losswatch.brief import make_brief
    from losswatch.views.confirmed import confirmed_data, with_confirmed

    made = make_brief(snapshot.series, report_date=report_date, lang=lang)
    return with_confirmed(made, confirmed_data(snapshot, engine))
