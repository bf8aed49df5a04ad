"""The labelled dev set (shared/claims/dev.jsonl): extraction and verdict levels, per language.

Measured with the store pipeline's series (2026-12): overall precision 0.962, recall 0.996,
verdict accuracy 0.988; per labelled language en 0.942/1.000/0.980, ar 0.933/1.000/1.000,
uk 1.000/1.000/1.000, other (de, hu, it, pl, sw) 1.000/0.988/1.000. The thresholds below sit a
little under those so a regression fails while small label noise does not. The dev set was used
while writing the language files, so these are not held-out scores.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from losswatch.claims.evaluate import Evaluation, evaluate, load_records
from losswatch.series import Series


@pytest.fixture(scope="module")
def result(shared_dir: Path, series: Series) -> Evaluation:
    return evaluate(load_records(shared_dir / "claims" / "dev.jsonl"), series)


def test_overall(result: Evaluation) -> None:
    o = result.overall
    assert o.expected == 255
    assert o.precision >= 0.93, result.misses
    assert o.recall >= 0.97, result.misses
    assert o.verdict_accuracy >= 0.95, result.misses


@pytest.mark.parametrize(
    "lang, precision, recall, accuracy",
    [
        ("en", 0.92, 0.97, 0.94),
        ("ar", 0.90, 0.95, 0.90),
        ("uk", 0.95, 0.95, 0.85),
        ("other", 0.95, 0.95, 0.95),
    ],
)
def test_per_language(
    result: Evaluation, lang: str, precision: float, recall: float, accuracy: float
) -> None:
    s = result.by_lang[lang]
    assert (s.precision, s.recall) >= (precision, 0) and s.recall >= recall, result.misses
    assert s.verdict_accuracy >= accuracy, result.misses


def test_every_language_of_the_set_is_detected(result: Evaluation) -> None:
    assert set(result.by_detected) == {"en", "ar", "uk", "de", "hu", "it", "pl", "sw"}
    for code, s in result.by_detected.items():
        assert s.recall >= 0.9, (code, s.as_dict())
