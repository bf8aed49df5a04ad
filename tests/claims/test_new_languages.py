"""The word files added for issue 19 (ru, pt, cs, sk, fi, el, ja, ko, id, fr), end to end.

Each case is written for this test (not taken from a labelled set): a running total, a day's
increase and the report's own list format, as the language's press writes them, checked against
the real series. Every figure listed must be found with its category and scope and be supported
(exactly or within its qualifier), and the language must be detected from the text alone.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from losswatch.claims import check_article, detect, language
from losswatch.claims.evaluate import articles, load_records
from losswatch.series import Series

OK = {"supported", "approximately_supported"}
D = dt.date.fromisoformat

#: (language, article date, text, [(category, value, scope)])
CASES: list[tuple[str, str, str, list[tuple[str, int, str]]]] = [
    (
        "ru",
        "2024-06-12",
        "Общие боевые потери российских войск с начала полномасштабного вторжения составили "
        "около 521 830 человек, сообщил Генштаб ВСУ.",
        [("personnel", 521830, "cumulative")],
    ),
    (
        "ru",
        "2024-06-12",
        "За минувшие сутки оккупанты потеряли 980 военных, девять танков и 46 артиллерийских "
        "систем, говорится в сводке Генерального штаба.",
        [("personnel", 980, "daily"), ("tanks", 9, "daily"), ("artillery", 46, "daily")],
    ),
    (
        "ru",
        "2024-06-12",
        "Потери противника по состоянию на утро:\n- танки — 7911 (+9);\n"
        "- БпЛА оперативно-тактического уровня — 11 042 (+19);\n"
        "- автомобильная техника и автоцистерны — 18 736 (+60).",
        [
            ("tanks", 7911, "cumulative"),
            ("tanks", 9, "daily"),
            ("uav", 11042, "cumulative"),
            ("uav", 19, "daily"),
            ("vehicles_fuel_tanks", 18736, "cumulative"),
            ("vehicles_fuel_tanks", 60, "daily"),
        ],
    ),
    (
        "pt",
        "2024-09-05",
        "Desde o início da invasão, a Rússia perdeu cerca de 621.550 militares, segundo o "
        "Estado-Maior General das Forças Armadas da Ucrânia.",
        [("personnel", 621550, "cumulative")],
    ),
    (
        "pt",
        "2024-09-05",
        "Nas últimas 24 horas, as tropas russas perderam 1.200 soldados, seis tanques e "
        "42 drones, de acordo com o relatório divulgado esta quinta-feira.",
        [("personnel", 1200, "daily"), ("tanks", 6, "daily"), ("uav", 42, "daily")],
    ),
    (
        "pt",
        "2024-09-05",
        "No total, foram destruídos 8.624 tanques, 16.869 veículos blindados de combate e "
        "17.725 sistemas de artilharia.",
        [
            ("tanks", 8624, "cumulative"),
            ("afv", 16869, "cumulative"),
            ("artillery", 17725, "cumulative"),
        ],
    ),
    (
        "cs",
        "2023-11-20",
        "Rusko od začátku plnohodnotné invaze přišlo už o 319 210 vojáků, uvedl ukrajinský "
        "generální štáb.",
        [("personnel", 319210, "cumulative")],
    ),
    (
        "cs",
        "2023-11-20",
        "Za uplynulý den ruská armáda ztratila 640 vojáků, čtyři tanky a devět dronů.",
        [("personnel", 640, "daily"), ("tanks", 4, "daily"), ("uav", 9, "daily")],
    ),
    (
        "cs",
        "2023-11-20",
        "Celkem Rusové přišli o 5439 tanků, 10 168 obrněných bojových vozidel a 7748 "
        "dělostřeleckých systémů.",
        [
            ("tanks", 5439, "cumulative"),
            ("afv", 10168, "cumulative"),
            ("artillery", 7748, "cumulative"),
        ],
    ),
    (
        "sk",
        "2024-03-08",
        "Rusko od začiatku invázie stratilo už približne 422 310 vojakov, uviedol generálny "
        "štáb ukrajinskej armády.",
        [("personnel", 422310, "cumulative")],
    ),
    (
        "sk",
        "2024-03-08",
        "Za posledných 24 hodín Rusi prišli o 880 vojakov, 11 tankov a 35 dronov.",
        [("personnel", 880, "daily"), ("tanks", 11, "daily"), ("uav", 35, "daily")],
    ),
    (
        "sk",
        "2024-03-08",
        "Celkovo ruská armáda stratila 6706 tankov, 12 798 obrnených bojových vozidiel a "
        "13 598 vozidiel a cisterien.",
        [
            ("tanks", 6706, "cumulative"),
            ("afv", 12798, "cumulative"),
            ("vehicles_fuel_tanks", 13598, "cumulative"),
        ],
    ),
    (
        "fi",
        "2023-07-04",
        "Ukrainan asevoimien yleisesikunnan mukaan Venäjä on menettänyt täysimittaisen "
        "hyökkäyksen alusta lähtien noin 231 030 sotilasta.",
        [("personnel", 231030, "cumulative")],
    ),
    (
        "fi",
        "2023-07-04",
        "Viimeisen vuorokauden aikana venäläisiä sotilaita kaatui 770, ja lisäksi tuhottiin "
        "32 tykistöjärjestelmää ja 29 lennokkia.",
        [("personnel", 770, "daily"), ("artillery", 32, "daily"), ("uav", 29, "daily")],
    ),
    (
        "fi",
        "2023-07-04",
        "Yhteensä Venäjä on menettänyt 4 059 panssarivaunua, 7 908 panssaroitua "
        "taisteluajoneuvoa ja 647 raketinheitintä.",
        [
            ("tanks", 4059, "cumulative"),
            ("afv", 7908, "cumulative"),
            ("mlrs", 647, "cumulative"),
        ],
    ),
    (
        "el",
        "2024-01-22",
        "Σύμφωνα με το Γενικό Επιτελείο των Ενόπλων Δυνάμεων της Ουκρανίας, η Ρωσία έχει χάσει "
        "περίπου 376.860 στρατιώτες από την αρχή της εισβολής.",
        [("personnel", 376860, "cumulative")],
    ),
    (
        "el",
        "2024-01-22",
        "Τις τελευταίες 24 ώρες οι ρωσικές δυνάμεις έχασαν 830 στρατιώτες, 11 άρματα μάχης "
        "και 25 μη επανδρωμένα αεροσκάφη.",
        [("personnel", 830, "daily"), ("tanks", 11, "daily"), ("uav", 25, "daily")],
    ),
    (
        "el",
        "2024-01-22",
        "Συνολικά έχουν καταστραφεί 6.192 άρματα μάχης, 11.489 τεθωρακισμένα οχήματα μάχης "
        "και 8.896 συστήματα πυροβολικού.",
        [
            ("tanks", 6192, "cumulative"),
            ("afv", 11489, "cumulative"),
            ("artillery", 8896, "cumulative"),
        ],
    ),
    (
        "el",
        "2024-01-22",
        "Η ΡΩΣΙΑ ΕΧΑΣΕ 830 ΣΤΡΑΤΙΩΤΕΣ ΚΑΙ 11 ΑΡΜΑΤΑ ΜΑΧΗΣ ΤΙΣ ΤΕΛΕΥΤΑΙΕΣ 24 ΩΡΕΣ",
        [("personnel", 830, "daily"), ("tanks", 11, "daily")],
    ),
    (
        "id",
        "2022-10-11",
        "Menurut Staf Umum Angkatan Bersenjata Ukraina, Rusia telah kehilangan sekitar 63.110 "
        "tentara sejak awal invasi.",
        [("personnel", 63110, "cumulative")],
    ),
    (
        "id",
        "2022-10-11",
        "Pasukan Rusia kehilangan 240 tentara, 9 tank dan 46 rudal jelajah dalam 24 jam terakhir.",
        [("personnel", 240, "daily"), ("tanks", 9, "daily"), ("cruise_missiles", 46, "daily")],
    ),
    (
        "id",
        "2022-10-11",
        "Secara keseluruhan, Ukraina telah menghancurkan 2.504 tank, 5.162 kendaraan tempur "
        "lapis baja, dan 1.496 sistem artileri milik Rusia.",
        [
            ("tanks", 2504, "cumulative"),
            ("afv", 5162, "cumulative"),
            ("artillery", 1496, "cumulative"),
        ],
    ),
    (
        "ko",
        "2024-04-30",
        "우크라이나군 총참모부는 전면 침공 이후 러시아군 병력 손실이 약 46만8720명에 달한다고 "
        "밝혔다.",
        [("personnel", 468720, "cumulative")],
    ),
    (
        "ko",
        "2024-04-30",
        "지난 24시간 동안 러시아군은 병력 1250명, 전차 22대, 장갑차 39대를 잃었다.",
        [("personnel", 1250, "daily"), ("tanks", 22, "daily"), ("afv", 39, "daily")],
    ),
    (
        "ko",
        "2024-04-30",
        "누적 손실은 전차 7307대(+22), 장갑차 1만4046대(+39), 야포 1만2011문(+26)이다.",
        [
            ("tanks", 7307, "cumulative"),
            ("tanks", 22, "daily"),
            ("afv", 14046, "cumulative"),
            ("afv", 39, "daily"),
            ("artillery", 12011, "cumulative"),
            ("artillery", 26, "daily"),
        ],
    ),
    (
        "ja",
        "2022-12-01",
        "ウクライナ軍参謀本部は、侵攻開始以来のロシア軍の兵員の損失が約8万9440人に達したと"
        "発表した。",
        [("personnel", 89440, "cumulative")],
    ),
    (
        "ja",
        "2022-12-01",
        "過去24時間でロシア軍は兵士560人、戦車1両、車両・燃料タンク12台を失った。",
        [("personnel", 560, "daily"), ("tanks", 1, "daily"), ("vehicles_fuel_tanks", 12, "daily")],
    ),
    (
        "ja",
        "2023-03-15",
        "ロシア軍はこれまでに戦車３４９２両、装甲戦闘車両６７９９両、火砲２５２８門を失った。",
        [
            ("tanks", 3492, "cumulative"),
            ("afv", 6799, "cumulative"),
            ("artillery", 2528, "cumulative"),
        ],
    ),
    (
        "fr",
        "2023-09-18",
        "Depuis le début de l'invasion à grande échelle, la Russie a perdu environ 272 940 "
        "soldats, selon l'état-major général des forces armées ukrainiennes.",
        [("personnel", 272940, "cumulative")],
    ),
    (
        "fr",
        "2023-09-18",
        "Au cours des dernières 24 heures, l'armée russe a perdu 620 soldats, trois chars et "
        "24 systèmes d'artillerie.",
        [("personnel", 620, "daily"), ("tanks", 3, "daily"), ("artillery", 24, "daily")],
    ),
    (
        "fr",
        "2023-09-18",
        "Au total, 4 623 chars, 8 834 véhicules blindés de combat et 4 769 drones ont été "
        "détruits.",
        [
            ("tanks", 4623, "cumulative"),
            ("afv", 8834, "cumulative"),
            ("uav", 4769, "cumulative"),
        ],
    ),
]


def _found(report: object) -> dict[tuple[str, int, str], str]:
    out: dict[tuple[str, int, str], str] = {}
    for v in report.verdicts:  # type: ignore[attr-defined]
        scope = (v.scope or v.claim.scope).value
        out.setdefault((v.category or v.claim.category, v.claim.value, scope), v.outcome.value)
    return out


@pytest.mark.parametrize(
    "code, day, text, expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_figures_are_found_and_checked(
    series: Series, code: str, day: str, text: str, expected: list[tuple[str, int, str]]
) -> None:
    report = check_article(text, series, article_date=D(day))
    assert report.language == code
    found = _found(report)
    for figure in expected:
        assert found.get(figure) in OK, (figure, found)


@pytest.mark.parametrize(
    "text, code",
    [
        ("A Rússia perdeu mais de 3 mil tanques desde o início da guerra, diz a Ucrânia.", "pt"),
        ("Rusko podle Kyjeva přišlo už o více než 3000 tanků a 300 letadel.", "cs"),
        ("Rusko podľa Kyjeva prišlo už o viac ako 3000 tankov a 300 lietadiel.", "sk"),
        ("Россия потеряла еще 950 военных за сутки, сообщили в Генштабе.", "ru"),
        ("Росія втратила ще 950 військових за добу, повідомили в Генштабі.", "uk"),
        ("Venäjä on menettänyt yli 3 000 panssarivaunua, kertoo Ukraina.", "fi"),
        ("Η Ρωσία έχει χάσει πάνω από 3.000 άρματα μάχης, σύμφωνα με το Κίεβο.", "el"),
        ("ロシア軍は戦車3000両以上を失ったと発表した。", "ja"),
        ("러시아군은 전차 3000대 이상을 잃었다고 밝혔다.", "ko"),
        ("Rusia telah kehilangan lebih dari 3.000 tank, kata Ukraina.", "id"),
        ("La Russie a perdu plus de 3 000 chars depuis le début de la guerre.", "fr"),
        ("Rusia a pierdut peste 3.000 de tancuri de la începutul războiului.", "ro"),
        ("Rosja straciła już ponad 3 tys. czołgów od początku wojny.", "pl"),
    ],
)
def test_detect_short_texts(text: str, code: str) -> None:
    assert language.detect(text) == code


def test_detect_without_the_identifier_falls_back_to_the_files_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without py3langid (the ``claims`` extra) the scripts and stop words still decide."""
    monkeypatch.setattr(detect, "_identifier", lambda: None)
    assert language.detect("ロシア軍は戦車3000両以上を失ったと発表した。") == "ja"
    assert language.detect("러시아군은 전차 3000대 이상을 잃었다고 밝혔다.") == "ko"
    assert language.detect("Η Ρωσία έχει χάσει πάνω από 3.000 άρματα μάχης.") == "el"
    assert language.detect("Russia has lost 3,000 tanks since the start of the war.") == "en"


def test_every_dev2_article_is_detected_as_its_language(shared_dir: Path) -> None:
    for art in articles(load_records(shared_dir / "claims" / "dev2.jsonl")):
        assert language.detect(art.text) == art.lang, art.url


def test_a_script_written_among_another_counts_for_neither_alone() -> None:
    """Kanji among kana is Japanese, not Chinese; Arabic letters beside Persian ones are
    Persian, not Arabic."""
    assert detect.script_counts("ロシア軍は戦車3000両を失った")["han"] == 0
    assert detect.script_counts("俄罗斯损失了3000辆坦克")["han"] > 0
    assert detect.script_counts("روسیه ۳۰۰۰ تانک از دست داده است")["arabic"] == 0
    assert detect.script_counts("خسرت روسيا 3000 دبابة")["arabic"] > 0
