"""Every language file loads against the one schema; a broken file fails with its name."""

from __future__ import annotations

import copy

import pytest

from losswatch.claims import language
from losswatch.errors import ConfigError

CODES = language.available()


def test_the_dev_set_languages_are_shipped() -> None:
    assert {"en", "uk", "de", "pl", "it", "es", "ro", "hu", "tr", "ar", "fil", "sw"} <= set(CODES)


@pytest.mark.parametrize("code", CODES)
def test_language_file_validates_and_compiles(code: str) -> None:
    language.validate(language.raw(code), code)
    lex = language.load(code)
    assert lex.code == code
    assert lex.category_targets, "a language needs category words"
    assert len(lex.weekday_index) >= 7 and len(set(lex.month_index.values())) == 12
    assert set(lex.month_index.values()) == set(range(1, 13))


@pytest.mark.parametrize("code", CODES)
def test_every_main_category_has_words(code: str) -> None:
    targets = {t for ts in language.load(code).category_targets.values() for t in ts}
    needed = {"personnel", "tanks", "afv", "artillery", "aircraft", "helicopters", "uav", "ships"}
    assert needed <= targets


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d["categories"].update({"unicorns": ["unicorns"]}), "unknown category"),
        (lambda d: d.pop("months"), "missing key 'months'"),
        (lambda d: d.update({"order": "sideways"}), "order"),
        (lambda d: d["qualifiers"].update({"maybe": ["perhaps"]}), "unknown kind"),
        (lambda d: d["scope"].update({"daily": ["re:(unclosed"]}), "bad phrase"),
        (lambda d: d.update({"surprise": 1}), "unknown key .surprise."),
    ],
)
def test_schema_rejects_broken_files(mutate: object, message: str) -> None:
    data = copy.deepcopy(language.raw("en"))
    mutate(data)  # type: ignore[operator]
    with pytest.raises(ConfigError, match=message):
        language.validate(data, "en")


@pytest.mark.parametrize(
    "text, code",
    [
        (
            "Russia has lost 68,900 troops since the start of the invasion, the General Staff said.",
            "en",
        ),
        (
            "Die russische Armee hat seit Beginn des Krieges 4.133 Panzer verloren, teilte der "
            "Generalstab mit.",
            "de",
        ),
        ("Загальні бойові втрати противника склали близько 68900 осіб.", "uk"),
        ("بلغ حوالي 23 ألفا و500 جندي و1026 دبابة", "ar"),
        ("Rosjanie stracili też m.in. ponad 400 czołgów, podał sztab.", "pl"),
        ("Russia imepoteza karibu wanajeshi 350,000, Ukraine yasema kwa jumla", "sw"),
    ],
)
def test_detect(text: str, code: str) -> None:
    assert language.detect(text) == code


def test_optional_keys_take_their_defaults() -> None:
    data = copy.deepcopy(language.raw("en"))
    for key in ("range_joiners", "topic_markers", "spaced", "script", "comment"):
        data.pop(key, None)
    parsed = language.LanguageFile.model_validate(data)
    assert parsed.range_joiners == [] and parsed.topic_markers == []
    assert parsed.spaced is True and parsed.script is None


def test_every_problem_of_a_file_is_named_at_once() -> None:
    data = copy.deepcopy(language.raw("en"))
    data["weekdays"] = data["weekdays"][:6]
    data["stopwords"] = "the"
    with pytest.raises(ConfigError) as info:
        language.validate(data, "en")
    assert "weekdays" in str(info.value) and "stopwords" in str(info.value)


def test_unspaced_scripts_match_phrases_inside_runs_of_letters() -> None:
    """Japanese has no spaces: "戦車" (tanks) stands between "の" and the digits."""
    found = language.load("ja").category_re.finditer("ロシア軍の戦車3000両")
    assert [m.group() for m in found] == ["戦車"]
    spaced = language.load("en").category_re.finditer("antitanks 3000")
    assert spaced == []  # a word edge is still needed where the script has spaces
