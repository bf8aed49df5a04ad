"""The claim checker: read loss figures in news text and check them against the series.

    >>> report = check_article(text, series)            # doctest: +SKIP
    >>> [(v.claim.text, v.outcome) for v in report.verdicts]  # doctest: +SKIP

See :mod:`losswatch.claims.check` for how dates are found and figures read.
"""

from losswatch.claims.check import check_article
from losswatch.claims.extract import extract
from losswatch.claims.model import CheckReport, Claim, Outcome, Qualifier, Scope, Verdict

__all__ = [
    "CheckReport",
    "Claim",
    "Outcome",
    "Qualifier",
    "Scope",
    "Verdict",
    "check_article",
    "extract",
]
