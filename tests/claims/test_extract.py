"""The extractor: which numbers are loss figures, what they count, and how they are hedged."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from losswatch.claims import Qualifier, Scope, extract


def flat(text: str, lang: str = "en") -> list[tuple[str | None, int, str]]:
    return [(c.category, c.value, c.scope.value) for c in extract(text, lang)]


def test_huffpost_figures_and_nothing_else(huffpost: str) -> None:
    claims = extract(huffpost, "en")
    assert [(c.text, c.category, c.value) for c in claims] == [
        ("480 troops", "personnel", 480),
        ("around 68,900 troops", "personnel", 68900),
        ("2,628 tanks", "tanks", 2628),
        ("4,076 vehicles and fuel tanks", "vehicles_fuel_tanks", 4076),
    ]
    daily, total = claims[0], claims[1]
    assert daily.scope is Scope.DAILY and daily.day is not None and daily.day.text == "Tuesday"
    assert total.qualifier is Qualifier.APPROX and total.scope is Scope.CUMULATIVE
    assert total.phrase == "through the course of the war"
    values = {c.value for c in claims}
    assert not values & {33000, 6, 33}, "distances, ordinals and 'since June' are not figures"
    # spans point into the article as given
    assert all(huffpost[c.start : c.end] == c.text for c in claims)
    assert huffpost[daily.number_start : daily.number_end] == "480"


@pytest.mark.parametrize(
    "text, value",
    [
        ("Russia lost 68,900 troops.", 68900),
        ("Russia lost 68 900 troops.", 68900),
        ("Russia lost 68\u00a0900 troops.", 68900),
        ("Russia lost 68.900 troops.", 68900),
        ("Russia lost 1.2 million troops.", 1200000),
        ("Russia lost 68.9k troops.", 68900),
        ("Russia lost four hundred and eighty troops.", 480),
        ("Russia lost nine tanks.", 9),
    ],
)
def test_number_formats(text: str, value: int) -> None:
    assert [c.value for c in extract(text, "en")] == [value]


def test_a_or_an_counts_as_one_beside_other_figures() -> None:
    assert [c.value for c in extract("Russia lost 12 tanks and a submarine.", "en")] == [12, 1]
    assert extract("Russia lost a submarine.", "en") == []  # no figure in the sentence at all


@pytest.mark.parametrize(
    "text",
    [
        "The network covers more than 33,000km of track.",
        "It was the sixth incident since June.",
        "A 45-year-old man and 3 children were hurt; the loan was $500 million.",
        "Prices rose 12% in 2023 and the war began on 24 February 2022.",
        "The T-72 and Su-34 are Russian designs.",
    ],
)
def test_numbers_that_are_not_loss_figures(text: str) -> None:
    assert extract(text, "en") == []


def test_shared_constructions() -> None:
    assert flat("Russia lost 4,175 drones, 711 multiple missile systems and 18 boats.") == [
        ("uav", 4175, "cumulative"),
        ("mlrs", 711, "cumulative"),
        ("ships", 18, "cumulative"),
    ]
    assert [c[:2] for c in flat("with 2,628 tanks and 4,076 vehicles and fuel tanks lost")] == [
        ("tanks", 2628),
        ("vehicles_fuel_tanks", 4076),
    ]


@pytest.mark.parametrize(
    "text, qualifier, tolerance",
    [
        ("around 68,900 troops", Qualifier.APPROX, None),
        ("more than 68,000 troops", Qualifier.LOWER_BOUND, None),
        ("at least 68,000 troops", Qualifier.LOWER_BOUND, None),
        ("nearly 69,000 troops", Qualifier.UPPER_BOUND, 0.03),
        ("almost 69,000 troops", Qualifier.UPPER_BOUND, 0.05),
        ("between 400 and 500 troops", Qualifier.RANGE, None),
    ],
)
def test_qualifiers(text: str, qualifier: Qualifier, tolerance: float | None) -> None:
    (claim,) = extract(f"Russia lost {text}.", "en")
    assert claim.qualifier is qualifier and claim.tolerance == tolerance


def test_range_keeps_both_ends() -> None:
    (claim,) = extract("Russia lost 400-500 troops yesterday.", "en")
    assert (claim.value, claim.value_high, claim.scope) == (400, 500, Scope.DAILY)


def test_scope_belongs_to_the_nearest_figure() -> None:
    text = (
        "The Ukrainian Armed Forces said Tuesday that about 85,000 Russian servicemen have "
        "been killed in action, including 400 over the past day."
    )
    claims = extract(text, "en")
    assert [(c.value, c.scope, c.scope_explicit) for c in claims] == [
        (85000, Scope.CUMULATIVE, False),
        (400, Scope.DAILY, True),
    ]


def test_periods_and_records() -> None:
    claims = extract(
        "Last month, Kyiv said 279 Russian tanks were lost. Russia lost 1,740 troops "
        "in a single day, the highest number since the start of the war.",
        "en",
    )
    assert [(c.value, c.scope) for c in claims] == [
        (279, Scope.PERIOD),
        (1740, Scope.DAILY),
        (1740, Scope.RECORD),
    ]
    assert claims[0].period is not None and claims[0].period.kind == "last_month"


def test_ukrainian_sentences() -> None:
    text = (
        "Сили оборони України знищили ще чотири російські танки, 11 бойових броньованих "
        "машин, 19 артилерійських систем і 55 одиниць автомобільної техніки та автоцистерн."
    )
    assert [(c.category, c.value) for c in extract(text, "uk")] == [
        ("tanks", 4),
        ("afv", 11),
        ("artillery", 19),
        ("vehicles_fuel_tanks", 55),
    ]
    official = "особового складу ‒ близько 68900 (+480) осіб, танків ‒ 2628 (+17)"
    assert flat(official, "uk") == [
        ("personnel", 68900, "cumulative"),
        ("personnel", 480, "daily"),
        ("tanks", 2628, "cumulative"),
        ("tanks", 17, "daily"),
    ]


def test_other_languages() -> None:
    assert flat("Az ukrán hadsereg 1 907 tankot (ebből tegnap nyolcat) semmisített meg.", "hu") == [
        ("tanks", 1907, "cumulative"),
        ("tanks", 8, "daily"),
    ]
    assert flat("بلغ حوالي 23 ألفا و500 جندي و1026 دبابة", "ar") == [
        ("personnel", 23500, "cumulative"),
        ("tanks", 1026, "cumulative"),
    ]
    assert [c[:2] for c in flat("mifumo 923 ya kurushia makombora, helikopta 324", "sw")] == [
        ("mlrs", 923),
        ("helicopters", 324),
    ]


WORDS = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Z", "S"]), max_size=300
)


@settings(max_examples=200, deadline=None)
@given(WORDS)
def test_extractor_never_crashes(text: str) -> None:
    for claim in extract(text, "en"):
        assert 0 <= claim.start < claim.end <= len(text)
        assert claim.value >= 0


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=2, max_value=9_999_999),
    st.sampled_from(["tanks", "troops", "drones", "helicopters", "artillery systems"]),
    st.sampled_from(["{n:,}", "{n}", "{n:_}"]),
)
def test_reads_back_what_the_formatter_wrote(n: int, noun: str, fmt: str) -> None:
    number = fmt.format(n=n).replace("_", " ")
    (claim,) = extract(f"Russia has lost {number} {noun} since the start of the war.", "en")
    assert claim.value == n


@pytest.mark.parametrize(
    "code", ["en", "de", "pl", "it", "es", "ro", "hu", "tr", "ar", "fil", "sw", "uk"]
)
def test_no_pathological_backtracking(code: str) -> None:
    import time

    junk = [
        "-  - -  -" * 30 + " 1234",
        " ".join(["and"] * 200) + " 5",
        "tanks " * 100 + "12 ",
        "–" * 400 + "7 танків",
        "1, " * 300,
    ]
    start = time.perf_counter()
    for text in junk:
        extract(text, code)
    assert time.perf_counter() - start < 1.0
