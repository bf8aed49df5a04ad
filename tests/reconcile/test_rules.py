"""Each reconciliation rule on its own, on real cells from the recorded sources."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from losswatch.reconcile import rules


def test_vote_on_2022_06_03_artillery_picks_the_copied_typo_two_to_two() -> None:
    # official_en and orc-losses say 661, minfin and PetroIvaniuk 675: a vote cannot decide
    result = rules.vote({"official_en": 661, "orc_losses": 661, "minfin": 675, "petroivaniuk": 675})
    assert result.value is None and not result.strict_majority


def test_vote_strict_majority_on_2022_10_12_afv() -> None:
    result = rules.vote(
        {"official_en": 5181, "orc_losses": 5181, "petroivaniuk": 5181, "minfin": 5156}
    )
    assert result.value == 5181 and result.strict_majority
    assert result.supporters == ("official_en", "orc_losses", "petroivaniuk")


def test_increment_consistency_exposes_the_official_typo_of_2022_06_03() -> None:
    # artillery 2022-06-02 was 661; the official text of 06-03 printed 661 (+14): 675 fits
    assert rules.fits_increment(675, 661, 14) is True
    assert rules.fits_increment(661, 661, 14) is False
    assert rules.fits_increment(675, None, 14) is None


def test_stale_copy_orc_losses_2024_11_03_repeats_its_previous_row() -> None:
    yesterday = {
        "personnel": 697680,
        "tanks": 9158,
        "afv": 18487,
        "artillery": 20076,
        "cruise_missiles": 2628,
    }
    assert rules.is_stale_row(dict(yesterday), yesterday)
    assert not rules.is_stale_row(yesterday | {"personnel": 699090}, yesterday)
    assert not rules.is_stale_row({"tanks": 1}, {"tanks": 1})  # too few fields to tell


def test_digit_transposition_petroivaniuk_personnel_2025_10_28() -> None:
    assert rules.is_digit_transposition(1138750, 1137850)  # 8 and 7 swapped
    assert rules.is_digit_transposition(3496, 3469)
    assert rules.typo_kind(3496, 3469) == "digit-transposition"
    assert rules.typo_kind(5837, 5839) == "off-by-one-digit"
    assert rules.typo_kind(540, 706) is None


def test_monotonicity_allows_a_fall_only_on_an_official_correction() -> None:
    assert rules.monotonic_ok(5181, 5156)
    assert not rules.monotonic_ok(5156, 5181)
    assert rules.monotonic_ok(5156, 5181, correction=-25)  # 2022-10-13 APC -25


def test_outlier_ten_times_its_neighbours() -> None:
    assert rules.is_outlier(68_900_0, 68_420, 69_220)
    assert not rules.is_outlier(68_900, 68_420, 69_220)


def test_lineage_sums_military_auto_and_fuel_tanks() -> None:
    # 2022-04-12: vehicles 1406 + fuel tanks 76 = vehicles and fuel tanks 1482
    assert rules.lineage_sum({"military_auto": 1406, "fuel_tanks": 76}) == 1482
    assert rules.lineage_sum({"military_auto": 1406, "fuel_tanks": None}) is None


@given(
    st.dictionaries(st.sampled_from(["a", "b", "c", "d", "e"]), st.integers(0, 10**6), min_size=1)
)
def test_vote_does_not_depend_on_input_order(values: dict[str, int]) -> None:
    reordered = dict(reversed(list(values.items())))
    assert rules.vote(values) == rules.vote(reordered)
    result = rules.vote(values)
    if result.value is not None:
        assert min(values.values()) <= result.value <= max(values.values())


def test_stale_cell_only_in_a_category_that_moves_every_day() -> None:
    assert rules.is_moving([1280, 1250, 1160, 1340, 1200, 1100, 1300])
    assert not rules.is_moving([3, 0, 14, 7, 4, 2, 1])  # tanks: quiet days are real
    assert rules.is_stale_cell(660_470, 660_470, moving=True)
    assert not rules.is_stale_cell(660_470, 660_470, moving=False)
