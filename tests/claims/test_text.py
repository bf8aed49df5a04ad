"""Sentence splitting and the normal form: ordinal dates, full-width digits, "。"."""

from __future__ import annotations

import pytest

from losswatch.claims.text import normalize, sentence_spans


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Der Generalstab meldete am 1. Mai 2023 insgesamt 190.000 getötete Soldaten.",
        "Seit dem 24. Februar 2022 hat Russland 3.000 Panzer verloren.",
        "Od 24. Února 2022 přišlo Rusko o 3 000 tanků.",
        "Vom 24. Februar bis zum 1. März verlor Russland 200 Panzer.",
    ],
)
def test_an_ordinal_day_before_a_month_ends_no_sentence(text: str) -> None:
    assert _sentences(text) == [text]


def test_a_number_with_a_full_stop_before_another_word_still_ends_one() -> None:
    text = "Die Zahl stieg auf 12. Danach meldete der Generalstab 15."
    assert _sentences(text) == ["Die Zahl stieg auf 12.", "Danach meldete der Generalstab 15."]


def test_ideographic_full_stops_end_sentences() -> None:
    text = "ロシア軍は戦車３０００両を失った。兵員の損失は約45万人。"
    assert _sentences(text) == ["ロシア軍は戦車３０００両を失った。", "兵員の損失は約45万人。"]


def test_full_width_digits_and_signs_are_read_as_ascii_in_place() -> None:
    nz = normalize("戦車７，２２９両（＋１６）")
    assert nz.text == "戦車7,229両(+16)"
    assert nz.original(4) == 4  # one character for one: offsets unchanged
