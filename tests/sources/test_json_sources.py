"""The JSON adapters (PetroIvaniuk, orc-losses, russianwarship) on the real recorded files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from losswatch.errors import ParseError
from losswatch.models import ParseOutcome
from losswatch.sources import NAMES, get_adapter
from losswatch.sources.base import RawDocument, parse_count, parse_increment

D = dt.date.fromisoformat


def doc(path: Path) -> RawDocument:
    return RawDocument(url=path.as_uri(), content=path.read_bytes(), media_type="application/json")


def cells(outcome: ParseOutcome) -> dict[tuple[dt.date, str], tuple[int | None, int | None]]:
    return {(f.report_date, f.category): (f.value, f.stated_increment) for f in outcome.figures}


def test_petroivaniuk_equipment_personnel_and_corrections(sources_dir: Path) -> None:
    adapter = get_adapter("petroivaniuk")
    names = [d.url.rsplit("/", 1)[-1] for d in adapter.recorded_documents(sources_dir)]
    assert sorted(names) == [
        "russia_losses_equipment.json",
        "russia_losses_equipment_correction.json",
        "russia_losses_personnel.json",
    ]  # not the Oryx-derived file
    folder = sources_dir / "petroivaniuk"
    equipment = cells(adapter.parse(doc(folder / "russia_losses_equipment.json")))
    assert equipment[(D("2022-10-26"), "tanks")] == (2628, None)
    assert equipment[(D("2022-10-26"), "vehicles_fuel_tanks")] == (4076, None)
    assert equipment[(D("2022-04-30"), "military_auto")] == (1701, None)
    assert equipment[(D("2022-04-30"), "mobile_srbm")] == (4, None)
    assert (D("2022-05-01"), "military_auto") not in equipment
    assert equipment[(D("2026-08-08"), "ground_robotic_systems")] == (2162, None)
    personnel = cells(adapter.parse(doc(folder / "russia_losses_personnel.json")))
    assert personnel[(D("2022-10-26"), "personnel")] == (68900, None)
    assert personnel[(D("2022-04-27"), "pow")][0] is not None
    corrections = adapter.parse(doc(folder / "russia_losses_equipment_correction.json"))
    assert len({c.report_date for c in corrections.corrections}) == 28
    assert ("afv", -25) in {
        (c.category, c.delta) for c in corrections.corrections if c.report_date == D("2022-10-13")
    }


def test_orc_losses_keeps_the_source_url_and_the_pre_merge_meaning(sources_dir: Path) -> None:
    outcome = get_adapter("orc_losses").parse(
        doc(sources_dir / "orc-losses" / "russian-losses.json")
    )
    by = {(f.report_date, f.category): f for f in outcome.figures}
    assert by[(D("2022-10-26"), "personnel")].value == 68900
    assert by[(D("2022-10-26"), "personnel")].source_url.startswith("https://")  # type: ignore[union-attr]
    # before 2022-05-01 its "unarmoredVehicles" is military auto alone
    assert (D("2022-04-14"), "vehicles_fuel_tanks") not in by
    assert by[(D("2022-04-14"), "military_auto")].value is not None
    assert by[(D("2026-08-22"), "submarines")].value == 2


def test_russianwarship_stats_and_increase(sources_dir: Path) -> None:
    adapter = get_adapter("russianwarship")
    late = cells(
        adapter.parse(doc(sources_dir / "russianwarship" / "statistics_latest__2022-11-24.json"))
    )
    assert late[(D("2022-11-24"), "personnel")] == (85720, 310)
    assert late[(D("2022-11-24"), "cruise_missiles")] == (531, 51)
    assert (D("2022-11-24"), "mobile_srbm") not in late  # the API's obsolete key, skipped
    early = adapter.parse(
        doc(sources_dir / "russianwarship" / "statistics_latest__2022-04-14.json")
    )
    early_cells = cells(early)
    assert early_cells[(D("2022-04-14"), "military_auto")] == (1437, 8)
    assert early_cells[(D("2022-04-14"), "mobile_srbm")] == (4, 0)
    assert (D("2022-04-14"), "cruise_missiles") not in early_cells  # 0 placeholder


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("orc_losses", b"", "empty document"),
        ("orc_losses", b"[]", "non-empty JSON list"),
        ("orc_losses", b"<html><body>502 Bad Gateway</body></html>", "looks like HTML"),
        ("orc_losses", b'[{"date": "2022-10-26", "tankz": 5}]', "renamed fields"),
        ("petroivaniuk", b'[{"tank": 5}]', "record without a date"),
        ("petroivaniuk", b'[{"date": "26/10/2022", "tank": 5}]', "not a date"),
        ("russianwarship", b'{"message": "x", "data": {"date": "2022-11-24"}}', "no 'stats'"),
        ("russianwarship", b"\x00\x01\x02garbage", "binary content"),
    ],
)
def test_broken_documents_give_coded_parse_errors(name: str, content: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message) as info:
        get_adapter(name).parse(RawDocument(url=f"https://x.test/{name}.json", content=content))
    assert info.value.code == "parse-error"


def test_a_non_integer_count_is_a_warning_never_a_zero() -> None:
    raw = RawDocument(
        url="https://x.test/o.json",
        content=json.dumps([{"date": "2022-10-26", "tanks": "2,628", "personnel": 68900}]).encode(),
    )
    outcome = get_adapter("orc_losses").parse(raw)
    assert [(f.category, f.value) for f in outcome.figures] == [("personnel", 68900)]
    assert any("not an integer count" in w for w in outcome.warnings)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("68900", 68900),
        ("68,900", 68900),
        ("68 900", 68900),
        ("1,234,560", 1234560),
        ("18\u00a0355", 18355),
    ],
)
def test_parse_count(text: str, value: int) -> None:
    assert parse_count(text) == value


def test_parse_increment_and_rejects() -> None:
    assert parse_increment("(+480)") == 480 and parse_increment("(-25)") == -25
    for bad in ("", "about", "12a", "1,23"):
        with pytest.raises(ParseError):
            parse_count(bad)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(["petroivaniuk", "orc_losses", "russianwarship"]), data=st.data())
def test_mutated_json_never_crashes_the_parsers(name: str, data: st.DataObject) -> None:
    base = json.dumps(
        [
            {
                "date": "2022-10-26",
                "tank": 2628,
                "tanks": 2628,
                "personnel": 68900,
                "stats": {"tanks": 2628},
            }
        ]
    ).encode()
    if name == "russianwarship":
        base = b'{"data": {"date": "2022-11-24", "stats": {"tanks": 2898}, "increase": {}}}'
    position = data.draw(st.integers(0, len(base)))
    junk = data.draw(st.binary(max_size=8))
    cut = data.draw(st.integers(0, 4))
    mutated = base[:position] + junk + base[position + cut :]
    try:
        outcome = get_adapter(name).parse(RawDocument(url="https://x.test/f.json", content=mutated))
    except ParseError:
        return
    assert all(isinstance(f.value, int) or f.value is None for f in outcome.figures)


def test_registry_knows_every_source_and_rejects_others() -> None:
    from losswatch.errors import UnknownSource

    assert set(NAMES) == {
        "official_en",
        "official_uk",
        "petroivaniuk",
        "orc_losses",
        "russianwarship",
        "minfin",
        "oryx",
        "oryx_history",
        "oryx_archive",
        "warspotting",
    }
    with pytest.raises(UnknownSource):
        get_adapter("no-such-source")


def test_the_cached_field_lookup_answers_as_the_category_table() -> None:
    """figures_from_record looks fields up through a cache (2 million look-ups at x100): on
    every source key, around every date a category starts or ends, it must answer exactly as
    categories.for_source_key."""
    from losswatch import categories
    from losswatch.sources.base import category_for

    edges = {d for c in categories.CATEGORIES for d in (c.first_report, c.last_report) if d}
    days = sorted(
        {e + dt.timedelta(days=k) for e in edges for k in (-1, 0, 1)} | {dt.date.min, dt.date.max}
    )
    keys = {
        (src, key)
        for c in categories.CATEGORIES
        for src, names in c.source_keys.items()
        for key in names
    } | {("petroivaniuk", "no such field"), ("nowhere", "tank")}
    for source, key in sorted(keys):
        for day in days:
            assert category_for(source, key, day) is categories.for_source_key(source, key, day), (
                source,
                key,
                day,
            )
