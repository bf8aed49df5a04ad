"""The reading of each figure (issue 19), on sentences written for these tests, in several
phrasings and languages, checked against the real series.

Figures used (real reports): 2024-02-19 personnel 403,720 (+1,290), tanks 6,498 (+11), AFVs
12,232 (+34), artillery 9,733 (+24), aircraft 336, helicopters 325; 2024-02-17 personnel
401,350, tanks 6,476, AFVs 12,145; January 2024 personnel losses 26,220 (360,010 -> 386,230);
2024 up to the report of 2024-02-19: 43,710.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from losswatch.claims import Outcome, Scope, check_article
from losswatch.claims.render import as_json
from losswatch.series import Series

D = dt.date(2024, 2, 19)


def _found(text: str, series: Series, day: dt.date | None = D, lang: str | None = None):  # type: ignore[no-untyped-def]
    report = check_article(text, series, article_date=day, lang=lang)
    return [(v.category, v.claim.value, v.claim.scope, v.outcome) for v in report.verdicts]


S, A, C, N = (
    Outcome.SUPPORTED,
    Outcome.APPROXIMATELY_SUPPORTED,
    Outcome.CONTRADICTED,
    Outcome.NOT_CHECKABLE,
)


# --- the General Staff's own list format ---------------------------------------------------


def test_bilingual_report_yields_every_line_total_and_increase(
    sources_dir: Path, series: Series
) -> None:
    text = (sources_dir / "official_uk" / "2024-02-19.txt").read_text(encoding="utf-8")
    report = check_article(text, series)  # undated: the totals fix the report
    assert report.report_date == D
    totals = {v.category for v in report.verdicts if v.claim.scope is Scope.CUMULATIVE}
    daily = {v.category for v in report.verdicts if v.claim.scope is Scope.DAILY}
    assert len(totals) == 14 and totals == daily
    assert all(v.outcome is S for v in report.verdicts), report.flatten()


@pytest.mark.parametrize(
    "text",
    [
        "- tanks — 6 498 (+11 over the past day);\n- artillery systems — 9 733 (+24);",
        "• танки — 6498 (+11 за минулу добу)\n• артилерійські системи — 9733 (+24)",
        "танків / tanks ‒ 6498 (+11) од,\nартилерійських систем / artillery systems – 9733(+24) од,",
    ],
)
def test_list_lines_read_label_total_and_increase(text: str, series: Series) -> None:
    assert _found(text, series) == [
        ("tanks", 6498, Scope.CUMULATIVE, S),
        ("tanks", 11, Scope.DAILY, S),
        ("artillery", 9733, Scope.CUMULATIVE, S),
        ("artillery", 24, Scope.DAILY, S),
    ]


# --- attribution ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, who",
    [
        ("Oryx says it has visually confirmed 2,900 destroyed Russian tanks.", "oryx"),
        (
            "According to British intelligence, Russia has lost 350,000 troops.",
            "uk_defence_intelligence",
        ),
        (
            "Laut britischem Geheimdienst hat Russland 350.000 Soldaten verloren.",
            "uk_defence_intelligence",
        ),
        ("Mediazona has confirmed the names of 45,000 Russian soldiers killed.", "media_count"),
        ("Według Zełenskiego Rosja straciła 180 tys. żołnierzy.", "president"),
    ],
)
def test_other_estimators_are_not_checkable(text: str, who: str, series: Series) -> None:
    report = check_article(text, series, article_date=D)
    assert [v.attributed_to for v in report.verdicts] == [who]
    assert report.verdicts[0].outcome is N
    assert report.verdicts[0].explanation.startswith("attributed to")


def test_the_general_staff_and_unattributed_are_checked(series: Series) -> None:
    text = (
        "Russia has lost 403,720 troops, the General Staff said, while Oryx counts "
        "2,900 tanks. Ukraine also reports 6,498 tanks."
    )
    report = check_article(text, series, article_date=D)
    assert [(v.attributed_to, v.outcome) for v in report.verdicts] == [
        ("general_staff", S),
        ("oryx", N),
        ("general_staff", S),
    ]


def test_a_source_named_after_a_contrast_does_not_speak_for_the_figure(series: Series) -> None:
    text = "Kyiv said it had killed 403,720 Russian troops, but British intelligence put the number at 300,000."
    report = check_article(text, series, article_date=D)
    assert [v.attributed_to for v in report.verdicts] == [
        "general_staff",
        "uk_defence_intelligence",
    ]
    assert report.verdicts[0].outcome is S


def test_the_presidents_figure_is_checked_only_where_it_agrees(series: Series) -> None:
    agree = check_article("Zelensky said Russia has lost 403,720 troops.", series, article_date=D)
    assert agree.verdicts[0].outcome is S
    other = check_article("Zelensky said 180,000 Russians were killed.", series, article_date=D)
    assert other.verdicts[0].outcome is N and "president" in other.verdicts[0].explanation


# --- stale quotes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Russia has lost 190,000 soldiers killed so far, according to the president. "
            "Up to 480,000 together with the wounded.",
            None,
        ),
        (
            "Laut Selenskyj sind bisher 190.000 russische Soldaten gefallen. "
            "Bis zu 480.000 mit den Verwundeten.",
            "de",
        ),
        (
            "Загиблими, за словами президента, росіяни втратили 190 000 військових. "
            "До 480 000 – разом із пораненими.",
            "uk",
        ),
    ],
)
def test_a_short_fragment_goes_on_with_the_speakers_figure(
    text: str, lang: str | None, series: Series
) -> None:
    found = _found(text, series, lang=lang)
    assert ("personnel", 480000, Scope.CUMULATIVE, N) in found, found


def test_a_short_fragment_after_the_general_staffs_figure_is_not_read(series: Series) -> None:
    text = "Russia has lost 404,000 troops, the General Staff said. Up to 480,000 by summer."
    found = _found(text, series)
    assert all(v != 480000 for _, v, _, _ in found), found


def test_a_group_of_figures_quoting_a_report_two_days_old_is_supported(series: Series) -> None:
    text = "Russia has lost 401,350 troops, 6,476 tanks and 12,145 armoured vehicles."
    report = check_article(text, series, article_date=D)
    assert report.report_date == dt.date(2024, 2, 17)
    assert [v.outcome for v in report.verdicts] == [S, S, S]
    assert "2024-02-17" in (report.verdicts[0].why_date or "")


def test_a_lone_stale_figure_among_current_ones_stays_contradicted(series: Series) -> None:
    text = "Russia has lost 403,720 troops, 6,498 tanks and 12,145 armoured vehicles."
    report = check_article(text, series, article_date=D)
    assert report.report_date == D
    stale = report.verdicts[2]
    assert stale.outcome is C and stale.true_on == dt.date(2024, 2, 17)


# --- lists, coordination, combined categories -----------------------------------------------


@pytest.mark.parametrize(
    "text, lang",
    [
        (
            "Russia lost 11 tanks, 34 armoured vehicles and 24 artillery systems over the past day.",
            None,
        ),
        (
            "Over the past day, Russia lost 11 tanks, 34 armoured vehicles and 24 artillery systems.",
            None,
        ),
        (
            "W ciągu ostatniej doby Rosja straciła 11 czołgów, 34 bojowe wozy opancerzone i 24 systemy artyleryjskie.",
            "pl",
        ),
    ],
)
def test_a_scope_phrase_covers_the_whole_list(text: str, lang: str | None, series: Series) -> None:
    assert [(c, v, s) for c, v, s, _ in _found(text, series, lang=lang)] == [
        ("tanks", 11, Scope.DAILY),
        ("afv", 34, Scope.DAILY),
        ("artillery", 24, Scope.DAILY),
    ]


def test_combined_categories_are_a_sum_and_compounds_name_the_category(series: Series) -> None:
    found = _found(
        "Ukraine has destroyed 9,733 artillery systems and 661 aircraft and helicopters.", series
    )
    assert found[-1] == ("air", 661, Scope.CUMULATIVE, S)  # 336 + 325
    assert _found("Tank losses rose to 6,498 and armoured vehicle losses to 12,232.", series) == [
        ("tanks", 6498, Scope.CUMULATIVE, S),
        ("afv", 12232, Scope.CUMULATIVE, S),
    ]


def test_weapon_designations_name_the_category(series: Series) -> None:
    found = _found("Over the past day Ukraine destroyed 11 tanks and one Su-25 jet.", series)
    assert [(c, v) for c, v, _, _ in found] == [("tanks", 11), ("aircraft", 1)]


# --- running totals and numbers as written ---------------------------------------------------


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Russia lost 1,290 soldiers over the past day, bringing the total to 403,720.", None),
        (
            "Russia lost 1,290 soldiers over the past day, raising the overall toll to 403,720.",
            None,
        ),
        (
            "Russland verlor am vergangenen Tag 1.290 Soldaten, die Gesamtzahl stieg auf 403.720.",
            "de",
        ),
        ("Rosja straciła w ciągu ostatniej doby 1290 żołnierzy, łącznie to już 403 720.", "pl"),
    ],
)
def test_bringing_the_total_to(text: str, lang: str | None, series: Series) -> None:
    assert _found(text, series, lang=lang) == [
        ("personnel", 1290, Scope.DAILY, S),
        ("personnel", 403720, Scope.CUMULATIVE, S),
    ]


@pytest.mark.parametrize(
    "text, lang, value, outcome",
    [
        ("Russia has lost nearly half a million troops.", None, 500000, C),
        ("Rosja straciła już ponad 400 tys. żołnierzy.", "pl", 400000, A),
        ("Rusya şu ana kadar 403 bin 720 asker kaybetti.", "tr", 403720, S),
        ("Росія втратила понад пів мільйона військових.", "uk", 500000, C),
        ("Russia has lost around 404,000 soldiers.", None, 404000, A),
    ],
)
def test_numbers_as_written(
    text: str, lang: str | None, value: int, outcome: Outcome, series: Series
) -> None:
    assert _found(text, series, lang=lang) == [("personnel", value, Scope.CUMULATIVE, outcome)]


def test_a_range_shares_its_high_ends_scale(series: Series) -> None:
    report = check_article(
        "Between 400-410 000 Russian soldiers were killed.", series, article_date=D
    )
    v = report.verdicts[0]
    assert (v.claim.value, v.claim.value_high, v.outcome) == (400000, 410000, A)


# --- periods, records, dates -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Russia lost 26,220 troops in January.", None),
        ("In January alone, Russian losses reached 26,220 soldiers.", None),
        ("Im Januar verlor Russland 26.220 Soldaten.", "de"),
        ("W styczniu Rosja straciła 26 220 żołnierzy.", "pl"),
    ],
)
def test_named_months(text: str, lang: str | None, series: Series) -> None:
    assert _found(text, series, lang=lang) == [("personnel", 26220, Scope.PERIOD, S)]


def test_respectively_pairs_figures_with_months(series: Series) -> None:
    text = "Russia lost 26,220 and 17,490 troops in January and February respectively."
    assert _found(text, series) == [
        ("personnel", 26220, Scope.PERIOD, S),
        ("personnel", 17490, Scope.PERIOD, S),
    ]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Since the beginning of the year, Russia has lost 43,710 soldiers.", None),
        ("Od początku roku Rosja straciła 43 710 żołnierzy.", "pl"),
    ],
)
def test_since_the_beginning_of_the_year(text: str, lang: str | None, series: Series) -> None:
    assert _found(text, series, lang=lang) == [("personnel", 43710, Scope.PERIOD, S)]


def test_a_word_that_is_also_a_month_is_not_a_period(series: Series) -> None:
    text = "Rusia a pierdut 1.290 de militari în ultima zi. Mai mult, au fost distruse 11 tancuri."
    found = _found(text, series, lang="ro")
    assert all(s is not Scope.PERIOD for _, _, s, _ in found), found


def test_record_phrase_before_the_figure(series: Series) -> None:
    text = "It was not the highest daily loss since the invasion began: 1,290 soldiers."
    found = _found(text, series)
    assert ("personnel", 1290, Scope.DAILY, S) in found
    assert any(s is Scope.RECORD for _, _, s, _ in found)


def test_an_undated_article_is_placed_by_a_date_it_names(series: Series) -> None:
    text = (
        "Станом на 19 лютого 2024 року загальні втрати ворога орієнтовно становлять 404 000 осіб."
    )
    report = check_article(text, series)
    assert report.report_date == D and report.date_inferred
    assert report.verdicts[0].outcome is A


# --- the JSON output says why -----------------------------------------------------------------


def test_json_shows_why(series: Series) -> None:
    text = "Russia has lost 403,720 troops, the General Staff said. Oryx counts 2,900 tanks."
    out = as_json(check_article(text, series, article_date=D))
    first, second = out["verdicts"]
    assert first["attributed_to"] == "general_staff" and second["attributed_to"] == "oryx"
    assert "troops" in first["why_category"] and "2024-02-19" in first["why_date"]
    assert second["claim"]["attribution_text"] == "Oryx"


@pytest.mark.parametrize(
    "text, value, outcome",
    [
        ("Russian death toll rises to 403,720", 403720, S),
        ("Some 403,720 of Moscow's soldiers have been killed or injured, Kyiv says.", 403720, S),
        ("Russian losses near 404,000, according to Kyiv.", 404000, A),
        ("Russia's troop casualties have surpassed 400,000.", 400000, A),
    ],
)
def test_headline_phrasings_of_the_running_total(
    text: str, value: int, outcome: Outcome, series: Series
) -> None:
    assert _found(text, series) == [("personnel", value, Scope.CUMULATIVE, outcome)]


def test_a_phrase_in_brackets_belongs_to_the_figure_it_follows(series: Series) -> None:
    text = "Russia lost 403,720 soldiers (including 1,290 in the past day), 6,498 tanks (+11)."
    assert _found(text, series) == [
        ("personnel", 403720, Scope.CUMULATIVE, S),
        ("personnel", 1290, Scope.DAILY, S),
        ("tanks", 6498, Scope.CUMULATIVE, S),
        ("tanks", 11, Scope.DAILY, S),
    ]


def test_designations_of_missiles_and_drones(series: Series) -> None:
    text = "Over the past day Ukraine shot down 11 Shahed-136 drones; Russia also fired 20 S-300s."
    assert [(c, v) for c, v, _, _ in _found(text, series)] == [("uav", 11)]


@pytest.mark.parametrize(
    "text, lang",
    [
        (
            "Russia lost 1,290 soldiers, 11 tanks and 34 armoured vehicles. The total is 403,720.",
            None,
        ),
        (
            "Russland verlor 1.290 Soldaten, 11 Panzer und 34 Schützenpanzer. Insgesamt seien es 403.720.",
            "de",
        ),
    ],
)
def test_a_total_after_a_list_is_the_total_of_the_category_it_fits(
    text: str, lang: str | None, series: Series
) -> None:
    found = _found(text, series, lang=lang)
    assert found[-1] == ("personnel", 403720, Scope.CUMULATIVE, S)


def test_a_weekday_before_a_report_verb_names_the_report(series: Series) -> None:
    text = "Am Montag meldete der Generalstab außerdem 9733 Artilleriesysteme."
    assert _found(text, series, lang="de") == [("artillery", 9733, Scope.CUMULATIVE, S)]


@pytest.mark.parametrize(
    "text, lang, who, outcome",
    [
        (
            "The British newspaper reported that Russia has lost 403,720 troops.",
            None,
            "general_staff",
            S,
        ),
        (
            "Die britische Zeitung berichtet, Russland habe 403.720 Soldaten verloren.",
            "de",
            "general_staff",
            S,
        ),
        (
            "Laut dem britischen Verteidigungsministerium hat Russland 350.000 Soldaten verloren.",
            "de",
            "uk_defence_intelligence",
            N,
        ),
        (
            "Британська розвідка оцінює втрати росії у 350 тисяч військових.",
            "uk",
            "uk_defence_intelligence",
            N,
        ),
    ],
)
def test_british_is_an_estimator_only_with_intelligence_or_a_ministry(
    text: str, lang: str | None, who: str, outcome: Outcome, series: Series
) -> None:
    report = check_article(text, series, article_date=D, lang=lang)
    assert [(v.attributed_to, v.outcome) for v in report.verdicts] == [(who, outcome)]


def test_an_estimators_own_series_plugs_in(series: Series) -> None:
    """The hook for Oryx's series (issue 17): given one, Oryx's figures are checked against it."""
    from losswatch.models import CanonicalValue, Status

    oryx = Series.from_values([CanonicalValue(D, "tanks", 2900, Status.AGREED, "test")])
    text = "Oryx says it has confirmed 2,900 destroyed Russian tanks; Kyiv says 6,498 tanks."
    plain = check_article(text, series, article_date=D)
    assert [v.outcome for v in plain.verdicts] == [N, S]
    plugged = check_article(text, series, article_date=D, other_series={"oryx": oryx})
    assert [v.outcome for v in plugged.verdicts] == [S, S]
    assert plugged.verdicts[0].explanation.startswith(
        "checked against Oryx's photo-confirmed count"
    )


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "Russia's losses so far: tanks (6,498), armoured vehicles (12,232 or so)."),
        ("de", "Russlands Verluste bisher: Panzer (6498), gepanzerte Fahrzeuge (12.232)."),
        ("uk", "Втрати ворога: танків (6498), бойових броньованих машин (12 232)."),
        ("fr", "Pertes russes : chars (6 498), véhicules blindés (12 232)."),
        ("pl", "Straty Rosji: czołgi (6498), bojowe wozy opancerzone (12 232)."),
    ],
)
def test_a_figure_in_brackets_after_its_noun_is_that_nouns(
    lang: str, text: str, series: Series
) -> None:
    """'tanks (6,498)': the figure in brackets is the noun's, not the previous sentence's
    topic (the brief's note on disputed cells is written this way)."""
    found = _found("The General Staff reported on Monday. " + text, series, lang=lang)
    assert [(cat, value) for cat, value, _, _ in found] == [("tanks", 6498), ("afv", 12232)]
