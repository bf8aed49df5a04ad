"""What each dashboard page shows, built from the same read models as the JSON API.

No SQL and no arithmetic on figures here: values come from :mod:`losswatch.views.present`,
:mod:`losswatch.views.explore`, :mod:`losswatch.views` and :mod:`losswatch.analytics`; this module
only picks, labels and orders them for the templates.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from losswatch import categories
from losswatch.claims.model import CheckReport
from losswatch.views.snapshot import Snapshot


def web_link(url: str | None) -> str | None:
    """``url`` if a reader can follow it (http or https); None for a recorded ``file://`` copy,
    whose path on this machine is never published."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def label_of(key: str | None, lang: str) -> str:
    if key is None or key not in categories.BY_KEY:
        return key or "–"
    cat = categories.BY_KEY[key]
    return cat.label_uk_nominative if lang == "uk" else cat.label_en


def today_extras(snapshot: Snapshot, report_date: dt.date, lang: str) -> dict[str, Any]:
    """Records (as known on that morning), milestones of that report and the next ones."""
    from losswatch.analytics.milestones import milestones
    from losswatch.analytics.records import all_time_records

    series = snapshot.series
    loss_day = report_date - dt.timedelta(days=1)
    records = all_time_records(series, as_of=loss_day)
    reached = milestones(series, as_of=report_date, forecast=False)
    return {
        "records": [r | {"label": label_of(r["category"], lang)} for r in records],
        "milestones": [
            m | {"label": label_of(m["category"], lang)}
            for m in reached
            if m["crossed_on"] == report_date.isoformat() and not m["opening"]
        ],
        "next_milestones": [
            m | {"label": label_of(m["category"], lang)} for m in reached if m["crossed_on"] is None
        ],
    }


def audit_rows(
    view: dict[str, Any], *, category: str | None, status: str | None, lang: str
) -> list[dict[str, Any]]:
    """The audit cells to show, newest first, each source's value spelled out."""
    rows = []
    for cell in reversed(view["cells"]):
        if (category and cell["category"] != category) or (status and cell["status"] != status):
            continue
        rows.append(cell | {"label": label_of(cell["category"], lang)})
    return rows


def verdict_rows(report: CheckReport, lang: str) -> list[dict[str, Any]]:
    """One table row per figure, in text order (the highlighted article is rendered by
    :func:`losswatch.claims.render.as_html`, which the CLI's HTML output uses too)."""
    return [
        {
            "n": n,
            "text": v.claim.text,
            "value": v.claim.value,
            "category": label_of(v.category or v.claim.category, lang),
            "outcome": v.outcome.value,
            "css": v.outcome.value.replace("_", "-"),
            "official": v.official_value,
            "correct": v.correct_value,
            "explanation": v.explanation,
            "report_date": v.report_date.isoformat() if v.report_date else None,
            "source_url": web_link(v.source_url),
        }
        for n, v in enumerate(sorted(report.verdicts, key=lambda v: v.claim.start), 1)
    ]
