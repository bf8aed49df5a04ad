"""Small pieces of the dashboard: the permalink store's bounds, translations, number format."""

from __future__ import annotations

from losswatch.web.checks import Submission, SubmissionStore
from losswatch.web.i18n import STRINGS, pick_lang, translator
from losswatch.web.templating import fmt_increment, fmt_number


def test_same_submission_same_permalink() -> None:
    store = SubmissionStore()
    first = store.put(Submission("Russia lost 480 troops.", None, None))
    assert store.put(Submission("Russia lost 480 troops.", None, None)) == first
    assert len(first) == 64 and store.get(first) is not None


def test_store_is_bounded_by_count_and_by_characters() -> None:
    store = SubmissionStore(size=3, max_chars=1000)
    keys = [store.put(Submission(f"text {i}", None, None)) for i in range(5)]
    assert [store.get(k) is not None for k in keys] == [False, False, True, True, True]
    big = store.put(Submission("x" * 900, None, None))
    assert store.get(keys[2]) is None and store.get(big) is not None
    huge = store.put(Submission("y" * 5000, None, None))  # kept alone, the newest always stays
    assert store.get(huge) is not None and store.get(big) is None


def test_every_string_is_translated() -> None:
    assert set(STRINGS["en"]) == set(STRINGS["uk"])
    assert all(STRINGS["uk"].values())


def test_language_fallback_never_echoes_input() -> None:
    assert pick_lang("uk") == pick_lang("ua") == "uk"
    assert pick_lang("<script>") == pick_lang(None) == "en"
    assert translator("uk")("today") == "Сьогодні"
    assert translator("en")("report_of", date="2022-10-26") == "Report of 2022-10-26"


def test_number_formats() -> None:
    assert fmt_number(68900) == "68,900"
    assert fmt_number(68900, "uk") == "68\u202f900"
    assert fmt_number(None) == "–"
    assert fmt_increment(480) == "(+480)" and fmt_increment(-14) == "(−14)"
    assert fmt_increment(None) == ""
