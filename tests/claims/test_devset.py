"""The labelled sets: dev.jsonl, the development part of dev2.jsonl, and its held-out part.

dev.jsonl (measured 2026-12, issue 19): precision 0.958, recall 0.996, verdict accuracy 0.984;
per labelled language en 0.936/1.000/0.980, ar 0.933/1.000/1.000, uk 1.000/1.000/1.000, other
(de, hu, it, pl, sw) 1.000/0.988/1.000. It was used while writing the language files, so these
are not held-out scores.

dev2.jsonl is split by tests/claims/heldout.txt: 12 articles to develop on, 7 kept aside (never
read for failures while the checker was tuned). Levels are asserted on the labelled languages
that have a word file, so the test measures the reading, not which files exist: development part
(en, it, pl, uk on this branch) precision 1.000, recall 0.979, verdict accuracy 0.979; held out
(de, en, es, uk) 1.000 / 0.842 / 0.813. With the word files of every dev2 language (merged with
issue 19's other branches): development part 0.983 / 0.937 / 0.975, held out 1.000 / 0.867 /
0.865. ``benchmarks/claims_table.py`` prints every slice.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from losswatch.claims import language
from losswatch.claims.evaluate import Evaluation, Scores, evaluate, load_records, read_urls, split
from losswatch.series import Series

HELDOUT = Path(__file__).with_name("heldout.txt")


@pytest.fixture(scope="module")
def result(shared_dir: Path, series: Series) -> Evaluation:
    return evaluate(load_records(shared_dir / "claims" / "dev.jsonl"), series)


@pytest.fixture(scope="module")
def dev2(shared_dir: Path, series: Series) -> tuple[Evaluation, Evaluation]:
    records = load_records(shared_dir / "claims" / "dev2.jsonl")
    develop, held = split(records, read_urls(HELDOUT))
    return evaluate(develop, series), evaluate(held, series)


def test_overall(result: Evaluation) -> None:
    o = result.overall
    assert o.expected == 255
    assert o.precision >= 0.94, result.misses
    assert o.recall >= 0.99, result.misses
    assert o.verdict_accuracy >= 0.97, result.misses


@pytest.mark.parametrize(
    "lang, precision, recall, accuracy",
    [
        ("en", 0.92, 0.97, 0.96),
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
    assert {"en", "ar", "uk", "de", "hu", "it", "pl", "sw"} <= set(result.by_detected)
    for code, s in result.by_detected.items():
        assert s.recall >= 0.9, (code, s.as_dict())


def _with_files(e: Evaluation) -> Scores:
    """The slices of labelled languages that have a word file, summed."""
    have = set(language.available())
    out = Scores()
    for code, s in e.by_lang.items():
        if code in have:
            out.expected += s.expected
            out.predicted += s.predicted
            out.matched += s.matched
            out.verdict_correct += s.verdict_correct
    return out


def test_dev2_development_part(dev2: tuple[Evaluation, Evaluation]) -> None:
    develop = dev2[0]
    assert develop.overall.expected == 126
    s = _with_files(develop)
    assert s.expected >= 48, s.as_dict()
    assert s.precision >= 0.97 and s.recall >= 0.9, (s.as_dict(), develop.misses)
    assert s.verdict_accuracy >= 0.95, (s.as_dict(), develop.misses)


def test_dev2_held_out_part(dev2: tuple[Evaluation, Evaluation]) -> None:
    """Reported separately and only with a floor: these articles are not tuned on."""
    held = dev2[1]
    assert held.overall.expected == 60
    s = _with_files(held)
    assert s.expected >= 38, s.as_dict()
    assert s.precision >= 0.95 and s.recall >= 0.8, s.as_dict()
    assert s.verdict_accuracy >= 0.75, s.as_dict()
