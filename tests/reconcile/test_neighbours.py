"""Unresolved cells decided by the neighbouring days (issue 18): which value makes both its
own increment and the next day's plausible, said in the audit."""

from __future__ import annotations

import datetime as dt

from losswatch.models import Status
from losswatch.reconcile.rules import plausible_by_neighbours
from losswatch.series import Series
from losswatch.views import audit_view

D = dt.date.fromisoformat
# personnel, the seven days before 2025-10-28 (canonical increments)
OCTOBER = [1130, 1050, 920, 910, 910, 900, 800]


def test_the_transposition_of_2025_10_28_is_decided_by_the_neighbours() -> None:
    fit = plausible_by_neighbours({1_137_850, 1_138_750}, 1_137_690, 1_139_900, OCTOBER)
    assert fit is not None and (fit.value, fit.before, fit.after) == (1_138_750, 1_060, 1_150)


def test_values_a_unit_apart_or_in_a_quiet_category_stay_undecided() -> None:
    # artillery 2025-05-02: 27,186 (+50, +48) or 27,183 (+47, +51)
    assert (
        plausible_by_neighbours({27_186, 27_183}, 27_136, 27_234, [72, 70, 42, 31, 42, 11, 45])
        is None
    )
    # aircraft 2025-06-03: 384 or 413 after a week without a loss
    assert plausible_by_neighbours({384, 413}, 372, 413, [0] * 7) is None


def test_the_real_series_and_its_audit(real_series: Series, real_store_url: str) -> None:
    cell = real_series.cell("personnel", D("2025-10-28"))
    assert cell is not None and cell.value == 1_138_750
    assert cell.status is Status.RESOLVED_BY_NEIGHBOURS
    assert real_series.increment("personnel", D("2025-10-28")) == 1_060
    unresolved = [
        cv for cv in real_series if cv.status is Status.CONFLICT and cv.report_date.year >= 2025
    ]
    assert len(unresolved) == 54  # of 57 before the neighbour rule
    from losswatch.store.engine import open_store

    view = audit_view(open_store(real_store_url), since=D("2025-10-28"))
    reason = next(
        c["reason"]
        for c in view["cells"]
        if c["report_date"] == "2025-10-28" and c["category"] == "personnel"
    )
    assert "1,138,750 gives +1,060 then +1,150; 1,137,850 gives +160 then +2,050" in reason
    disputed = next(c for c in view["cells"] if c["status"] == "conflict")
    assert "disputed" in disputed["reason"]
