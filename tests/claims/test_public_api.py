"""The claim checker's public names are pinned."""

from __future__ import annotations

import losswatch.claims as claims


def test_exported_names() -> None:
    assert sorted(claims.__all__) == [
        "CheckReport",
        "Claim",
        "Outcome",
        "Qualifier",
        "Scope",
        "Verdict",
        "check_article",
        "extract",
    ]
    for name in claims.__all__:
        assert getattr(claims, name) is not None
