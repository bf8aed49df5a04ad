"""Analytics: pure functions over a canonical :class:`~losswatch.series.Series`.

Nothing here touches the store, the network or a clock, so the brief, the API, the dashboard and
the claim checker all derive the same figures from the same series. Modules, one topic each:

``daily``       daily increases by loss day, rolling means, week/month/year totals
``records``     "highest since", all-time records, rank of a day in its month/year/all time
``milestones``  round-number crossings and the forecast of the next one (``forecast``)
``summary``     the per-category summary of one report date, and the 30-day comparison
``highlights``  what is news in one report (the facts the daily brief puts into words)

Dict-returning functions meant for the API return JSON-ready values (ISO date strings).
Heavy libraries (statsmodels) are imported inside the functions that need them, so building a
brief does not pay for them.
"""

from __future__ import annotations

__all__ = ["daily", "forecast", "highlights", "milestones", "records", "summary"]
