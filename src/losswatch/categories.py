"""The one table of loss categories: keys, labels, date ranges, source keys and lineage.

Every other module asks this table. The official report renamed, merged, added and dropped
categories over time (``military auto`` + ``fuel tank`` became ``vehicles and fuel tanks`` on
2022-05-01, ``mobile SRBM system`` gave way to ``cruise missiles``...). Keeping that history in
one place means the parsers, the reconciler, the claim checker and the API cannot disagree on it.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources

from losswatch.errors import UnknownCategory

D = dt.date.fromisoformat


@dataclass(frozen=True)
class Category:
    """A loss category as the General Staff reports it.

    ``en`` and ``uk`` are the labels of the official report (the first is the canonical one,
    the others are variants seen in the recorded texts). ``source_keys`` maps a source name to
    the field names that source uses. ``merged_into`` names the successor category whose value
    includes this one after ``last_report`` (lineage); ``replaced_by`` a category that took its
    place in the report without containing it.
    """

    key: str
    en: tuple[str, ...]
    uk: tuple[str, ...]
    first_report: dt.date
    last_report: dt.date | None = None
    unit_en: str = "units"
    merged_into: str | None = None
    replaced_by: str | None = None
    main: bool = True
    source_keys: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def label_en(self) -> str:
        return self.en[0]

    @property
    def label_uk(self) -> str:
        return self.uk[0]

    @property
    def label_uk_nominative(self) -> str:
        """The Ukrainian label on its own (a card, a table row): ``label_uk`` is the genitive
        the report's sentence uses ("знищено ... танків"); a heading needs "танки"."""
        return NOMINATIVE_UK.get(self.key, self.label_uk)

    @property
    def retired(self) -> bool:
        return self.last_report is not None

    def active_on(self, report_date: dt.date) -> bool:
        """Whether the official report carried this category on ``report_date``."""
        if report_date < self.first_report:
            return False
        return self.last_report is None or report_date <= self.last_report


NOMINATIVE_UK = {
    "personnel": "особовий склад",
    "tanks": "танки",
    "afv": "бойові броньовані машини",
    "artillery": "артилерійські системи",
    "aircraft": "літаки",
    "helicopters": "гелікоптери",
    "vehicles_fuel_tanks": "автомобільна техніка та автоцистерни",
    "military_auto": "автомобільна техніка",
    "fuel_tanks": "цистерни з ПММ",
    "pow": "полонені",
}  # where the first ``uk`` name is genitive; the others are nominative already

WAR_START = D("2022-02-24")  # the full-scale invasion: day 1 of the war's day count
START = D("2022-02-25")  # the first morning report
MERGE_DAY = D("2022-05-01")

CATEGORIES: tuple[Category, ...] = (
    Category(
        "personnel",
        ("personnel",),
        ("особового складу", "особовий склад"),
        START,
        unit_en="persons",
        source_keys={
            "petroivaniuk": ("personnel",),
            "orc_losses": ("personnel",),
            "russianwarship": ("personnel_units",),
            "minfin": ("Особовий склад",),
        },
    ),
    Category(
        "tanks",
        ("tanks",),
        ("танків", "танки"),
        START,
        source_keys={
            "petroivaniuk": ("tank",),
            "orc_losses": ("tanks",),
            "russianwarship": ("tanks",),
            "minfin": ("Танки",),
        },
    ),
    Category(
        "afv",
        ("armoured combat vehicles", "APV", "armored combat vehicles"),
        ("бойових броньованих машин", "ББМ"),
        START,
        source_keys={
            "petroivaniuk": ("APC",),
            "orc_losses": ("afvs",),
            "russianwarship": ("armoured_fighting_vehicles",),
            "minfin": ("ББМ",),
        },
    ),
    Category(
        "artillery",
        ("artillery systems",),
        ("артилерійських систем",),
        START,
        source_keys={
            "petroivaniuk": ("field artillery",),
            "orc_losses": ("artillery",),
            "russianwarship": ("artillery_systems",),
            "minfin": ("Гармати",),
        },
    ),
    Category(
        "mlrs",
        ("MLRS",),
        ("РСЗВ",),
        START,
        source_keys={
            "petroivaniuk": ("MRL",),
            "orc_losses": ("rocketSystems",),
            "russianwarship": ("mlrs",),
            "minfin": ("РСЗВ", "РСЗВ Град"),
        },
    ),
    Category(
        "air_defense",
        ("anti-aircraft warfare systems", "air defense systems", "aircraft warfare systems"),
        ("засоби ППО", "засобів ППО"),
        START,
        source_keys={
            "petroivaniuk": ("anti-aircraft warfare",),
            "orc_losses": ("airDefense",),
            "russianwarship": ("aa_warfare_systems",),
            "minfin": ("Засоби ППО",),
        },
    ),
    Category(
        "aircraft",
        ("aircraft",),
        ("літаків", "літаки"),
        START,
        source_keys={
            "petroivaniuk": ("aircraft",),
            "orc_losses": ("fixedWingAircraft",),
            "russianwarship": ("planes",),
            "minfin": ("Літаки",),
        },
    ),
    Category(
        "helicopters",
        ("helicopters",),
        ("гелікоптерів", "гелікоптери"),
        START,
        source_keys={
            "petroivaniuk": ("helicopter",),
            "orc_losses": ("rotaryWingAircraft",),
            "russianwarship": ("helicopters",),
            "minfin": ("Гелікоптери",),
        },
    ),
    Category(
        "uav",
        ("UAV operational-tactical level", "UAVs", "drones"),
        ("БПЛА оперативно-тактичного рівня", "БПЛА"),
        START,
        source_keys={
            "petroivaniuk": ("drone",),
            "orc_losses": ("uavs",),
            "russianwarship": ("uav_systems",),
            "minfin": ("БПЛА",),
        },
    ),
    Category(
        "cruise_missiles",
        ("cruise missiles",),
        ("крилаті ракети",),
        MERGE_DAY,
        source_keys={
            "petroivaniuk": ("cruise missiles",),
            "orc_losses": ("missiles",),
            "russianwarship": ("cruise_missiles",),
            "minfin": ("Крилаті ракети",),
        },
    ),
    Category(
        "ships",
        ("warships / boats", "boats / cutters", "warships/boats", "boats"),
        ("кораблі / катери", "кораблі /катери", "кораблі/катери"),
        START,
        source_keys={
            "petroivaniuk": ("naval ship",),
            "orc_losses": ("ships",),
            "russianwarship": ("warships_cutters",),
            "minfin": ("Кораблі (катери)",),
        },
    ),
    Category(
        "submarines",
        ("submarines",),
        ("підводні човни",),
        D("2023-09-14"),
        source_keys={
            "petroivaniuk": ("submarines",),
            "orc_losses": ("submarines",),
            "russianwarship": ("submarines",),
            "minfin": ("Підводні човни",),
        },
    ),
    Category(
        "vehicles_fuel_tanks",
        ("vehicles and fuel tanks",),
        ("автомобільної техніки та автоцистерн", "автомобільної техніки і автоцистерн"),
        MERGE_DAY,
        source_keys={
            "petroivaniuk": ("vehicles and fuel tanks",),
            "orc_losses": ("unarmoredVehicles",),
            "russianwarship": ("vehicles_fuel_tanks",),
            "minfin": ("Автомобілі та автоцистерни",),
        },
    ),
    Category(
        "special_equipment",
        ("special equipment",),
        ("спеціальна техніка", "спеціальної техніки"),
        D("2022-03-16"),
        source_keys={
            "petroivaniuk": ("special equipment",),
            "orc_losses": ("specialEquipment",),
            "russianwarship": ("special_military_equip",),
            "minfin": ("Спеціальна техніка",),
        },
    ),
    Category(
        "ground_robotic_systems",
        ("ground robotic systems",),
        ("наземні робототехнічні комплекси", "НРК"),
        D("2026-05-03"),
        source_keys={
            "petroivaniuk": ("ground robotic systems",),
            "orc_losses": ("groundRoboticSystems",),
            "russianwarship": ("ground_robotic_systems",),
        },
    ),
    # Retired categories. Before 2022-05-01 the community datasets that have a single
    # "vehicles" field (orc-losses, russianwarship) carried military auto only.
    Category(
        "military_auto",
        ("vehicles", "military auto"),
        ("автомобільної техніки", "автомобілі"),
        START,
        D("2022-04-30"),
        merged_into="vehicles_fuel_tanks",
        main=False,
        source_keys={
            "petroivaniuk": ("military auto",),
            "orc_losses": ("unarmoredVehicles",),
            "russianwarship": ("vehicles_fuel_tanks",),
            "minfin": ("Автомобілі",),
        },
    ),
    Category(
        "fuel_tanks",
        ("fuel tanks", "fuel tank"),
        ("цистерн з ПММ", "цистерни з ПММ"),
        START,
        D("2022-04-30"),
        merged_into="vehicles_fuel_tanks",
        main=False,
        source_keys={"petroivaniuk": ("fuel tank",), "minfin": ("Цистерни з ППМ",)},
    ),
    Category(
        "mobile_srbm",
        ("mobile SRBM system", "mobile SRBM systems"),
        ("пускові установки ОТРК/ТРК", "пускові установки ОТРК"),
        D("2022-03-26"),
        D("2022-04-30"),
        replaced_by="cruise_missiles",
        main=False,
        source_keys={
            "petroivaniuk": ("mobile SRBM system",),
            "russianwarship": ("atgm_srbm_systems",),
            "minfin": ("Пускові установки ОТРК",),
        },
    ),
    Category(
        "pow",
        ("prisoners of war",),
        ("полонених",),
        START,
        D("2022-04-27"),
        unit_en="persons",
        main=False,
        source_keys={"petroivaniuk": ("POW",), "minfin": ("полонених",)},
    ),
)

BY_KEY: dict[str, Category] = {c.key: c for c in CATEGORIES}
KEYS: tuple[str, ...] = tuple(BY_KEY)
MAIN_KEYS: tuple[str, ...] = tuple(c.key for c in CATEGORIES if c.main)


def get(key: str) -> Category:
    """The category for ``key``; raises :class:`UnknownCategory` with the valid keys."""
    try:
        return BY_KEY[key]
    except KeyError:
        raise UnknownCategory(f"unknown category {key!r}; known: {', '.join(KEYS)}") from None


def for_source_key(source: str, field_name: str, report_date: dt.date) -> Category | None:
    """The category a source's field means on ``report_date`` (None if we do not track it).

    A field may mean different categories over time (orc-losses ``unarmoredVehicles`` is military
    auto before the 2022-05-01 merge), so the date picks among the candidates.
    """
    candidates = [c for c in CATEGORIES if field_name in c.source_keys.get(source, ())]
    if not candidates:
        return None
    for cat in candidates:
        if cat.active_on(report_date):
            return cat
    return candidates[0]


def merged_parts(key: str) -> tuple[str, ...]:
    """The retired categories whose values sum into ``key`` before it existed."""
    return tuple(c.key for c in CATEGORIES if c.merged_into == key)


def normalize_label(label: str) -> str:
    """Lower-case, collapse spaces around slashes and runs of white space, for label lookup."""
    text = " ".join(label.replace("\u00a0", " ").split()).strip(" .,:;").lower()
    return text.replace(" / ", "/").replace("/ ", "/").replace(" /", "/")


def _label_index(cats: Iterable[Category]) -> dict[str, str]:
    index: dict[str, str] = {}
    for cat in cats:
        for label in (*cat.en, *cat.uk):
            index.setdefault(normalize_label(label), cat.key)
    return index


LABEL_INDEX: dict[str, str] = _label_index(CATEGORIES)


def for_label(label: str) -> str | None:
    """The category key of an official-report label in English or Ukrainian, or None."""
    return LABEL_INDEX.get(normalize_label(label))


# --- confirmed losses (issue 17): Oryx and WarSpotting categories -> the General Staff's --------


@dataclass(frozen=True)
class ConfirmedLabel:
    """One category name of a confirmed-loss source, with its lineage and counterpart.

    ``series`` is the name the source's category carries today (renames fold into it);
    ``category`` the General Staff's key it counts toward, or None when it has no counterpart.
    The table itself is data (``data/confirmed-categories.csv``) so it can be read and diffed.
    """

    source: str
    name: str
    series: str
    category: str | None
    note: str = ""


@functools.lru_cache(maxsize=1)
def confirmed_labels() -> tuple[ConfirmedLabel, ...]:
    """The mapping table, read once from the package data."""
    text = resources.files("losswatch").joinpath("data/confirmed-categories.csv").read_text()
    rows = csv.DictReader(io.StringIO(text))
    return tuple(
        ConfirmedLabel(r["source"], r["name"], r["series"], r["category"] or None, r["note"])
        for r in rows
    )


def _fold(name: str) -> str:
    return " ".join(name.replace("\u00a0", " ").split()).casefold()


def confirmed_label(source: str, name: str) -> ConfirmedLabel | None:
    """The mapping row of ``source``'s category ``name`` (case and spacing ignored)."""
    wanted = _fold(name)
    for label in confirmed_labels():
        if label.source == source and _fold(label.name) == wanted:
            return label
    return None


def confirmed_series_for(source: str, key: str) -> tuple[str, ...]:
    """The source's category series (current names) that sum into the General Staff's ``key``."""
    get(key)
    names = (lb.series for lb in confirmed_labels() if lb.source == source and lb.category == key)
    return tuple(dict.fromkeys(names))


def confirmed_keys(source: str = "oryx") -> tuple[str, ...]:
    """The General Staff's categories that have a counterpart at ``source``, in table order."""
    mapped = {lb.category for lb in confirmed_labels() if lb.source == source and lb.category}
    return tuple(k for k in KEYS if k in mapped)
