"""The confirmed-loss export tables: claimed vs confirmed, Oryx's totals, WarSpotting's counts.

They carry their own licence note (scarnecchia/oryx_data is CC-BY-4.0: the credit and the
changes made travel with every export of these rows).
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import Engine

from losswatch import categories
from losswatch.analytics import confirmed as an
from losswatch.analytics.confirmed import CREDIT
from losswatch.exports.tables import CATEGORY, Field, Table
from losswatch.series import Series
from losswatch.store.confirmed import STATUSES, oryx_rows, spotted_rows

CC_BY = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Oryx history: scarnecchia/oryx_data (Scrape Oryx), data scraped from Oryx. "
    "Changes: Russia only, renamed categories folded, summary rows dropped, three file "
    "versions joined, sums into the General Staff's categories.",
}
SOURCES = [
    {"title": "Oryx (visually confirmed losses)", "path": "https://www.oryxspioenkop.com/"},
    {
        "title": "scarnecchia/oryx_data (CC-BY-4.0)",
        "path": "https://github.com/scarnecchia/oryx_data",
    },
    {"title": "WarSpotting", "path": "https://ukr.warspotting.net/"},
]
DATE = Field("date", "date", "Date of the Oryx figure (the page's state that day, UTC).")
_STATUS_FIELDS = [Field(k, "integer", f"Oryx: confirmed {k}.") for k in STATUSES]


def confirmed_table(series: Series, engine: Engine) -> Table:
    index = an.OryxIndex(oryx_rows(engine))
    rows = [
        p.as_dict()
        for key in categories.confirmed_keys("oryx")
        for p in an.confirmed_series(series, index, key)
    ]
    return Table(
        "confirmed",
        "Claimed vs confirmed",
        "Per General Staff category, on every date with an Oryx figure: the General Staff's "
        "running total, Oryx's visually confirmed total (summed over the Oryx categories the "
        "mapping table files under it) by status, and the ratio. " + CREDIT,
        [
            DATE,
            CATEGORY,
            Field("claimed", "integer", "The General Staff's running total on that report date."),
            Field("claimed_date", "date", "The report date the claim is from (on or before)."),
            Field("confirmed", "integer", "Oryx's confirmed total (sum of its categories)."),
            *_STATUS_FIELDS,
            Field("ratio", "number", "claimed / confirmed."),
            Field("ratio_change", "number", "Change of the ratio since the previous Oryx date."),
        ],
        rows,
        ("date", "category"),
        licenses=[CC_BY],
    )


def oryx_table(engine: Engine) -> Table:
    rows = [
        {
            "date": r.as_of,
            "oryx_category": r.equipment,
            "category": (
                lb.category if (lb := categories.confirmed_label("oryx", r.equipment)) else None
            ),
            "total": r.total,
            **{k: getattr(r, k) for k in STATUSES},
            "source": r.source,
        }
        for r in oryx_rows(engine)
    ]
    return Table(
        "oryx_totals",
        "Oryx category totals",
        "Oryx's header totals by category and status, on the dates they changed (carry each "
        "forward for a daily series). " + CREDIT,
        [
            DATE,
            Field("oryx_category", "string", "Oryx's category, under its current name."),
            Field("category", "string", "The General Staff's category it counts toward, if any."),
            Field("total", "integer", "Oryx's stated total."),
            *_STATUS_FIELDS,
            Field("source", "string", "Adapter: oryx, oryx_archive or oryx_history."),
        ],
        rows,
        ("date", "oryx_category"),
        licenses=[CC_BY],
    )


def warspotting_table(engine: Engine) -> Table:
    labels = {lb.name: lb for lb in categories.confirmed_labels() if lb.source == "warspotting"}
    counts = Counter(
        (i.loss_date, labels[i.type].category if i.type in labels else None, i.type)
        for i in spotted_rows(engine)
    )
    rows = [
        {"loss_day": day, "category": cat, "warspotting_type": kind, "records": n}
        for (day, cat, kind), n in sorted(counts.items(), key=lambda kv: (kv[0][0], kv[0][2]))
    ]
    return Table(
        "warspotting_daily",
        "WarSpotting records per loss day",
        "WarSpotting's per-item records (their newest version) counted per loss date and type. "
        + CREDIT,
        [
            Field("loss_day", "date", "The loss date WarSpotting gives."),
            Field("category", "string", "The General Staff's category it counts toward, if any."),
            Field("warspotting_type", "string", "WarSpotting's type."),
            Field("records", "integer", "Records of that type dated that day."),
        ],
        rows,
        ("loss_day", "warspotting_type"),
    )
