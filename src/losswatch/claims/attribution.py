"""Whose figure it is: the General Staff's, or another estimator's (Oryx, British intelligence...).

News articles quote other counts beside the General Staff's: Oryx's photo-confirmed losses, UK
Defence Intelligence's casualty estimates, the Russian defence ministry's, the president's own
rounding, named-dead counts by Mediazona. Checked against the General Staff those all come out
"contradicted", which is wrong: they are another basis. Each figure is attributed to the source
named nearest before it in its sentence (else the nearest after it); a figure with no source
named is the General Staff's, as the articles this checker reads quote it by default.

The names are proper nouns, mostly the same in every Latin-script language, so a table here
covers them; a language file may add its own phrases under the optional key ``estimators``
(estimator -> phrases, e.g. Ukrainian "британська розвідка").

:func:`series_for` is the hook for checking another estimator's figures against its own series
(Oryx, WarSpotting): it names the series key, or None when there is none to check against.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from losswatch.claims.language import Lexicon, phrase_regex, raw
from losswatch.series import Series

GENERAL_STAFF = "general_staff"

#: estimator -> phrases (language-file syntax) recognised in every language.
ESTIMATORS: dict[str, tuple[str, ...]] = {
    GENERAL_STAFF: (
        "general staff",
        "re:gen(?:eral)?[-\\s]?sta(?:b|ff)\\w*",
        "re:генштаб\\w*",
        "re:генеральн\\w+\\s+штаб\\w*",
        "re:sztab\\w*\\s+generaln\\w*",
        "re:estado\\s+mayor\\w*",
        "re:stato\\s+maggiore",
        "re:statul\\s+major",
        "re:vezérkar\\w*",
        "re:genelkurmay\\w*",
        "re:هيئة\\s+الأركان|الأركان\\s+العامة",
        "re:generalštáb\\w*|generální\\w*\\s+štáb\\w*|generálny\\w*\\s+štáb\\w*",
        "re:yleisesikun\\w*",
        "re:γενικό\\w*\\s+επιτελεί\\w*",
        "re:état[-\\s]major",
        "re:estado[-\\s]maior",
        "re:staf\\s+umum",
        "re:参謀本部|총참모부|总参谋部",
    ),
    "oryx": ("oryx",),
    "warspotting": ("warspotting", "war spotting"),
    "uk_defence_intelligence": (
        "re:(?:british|uk|uk's|u\\.k\\.|britain's)\\s+(?:military\\s+|defen[cs]e\\s+)?"
        "(?:intelligence|ministry|mod|defen[cs]e\\s+ministry|government|officials?)",
        "re:ministry\\s+of\\s+defen[cs]e\\s+(?:in|of)\\s+(?:london|britain|the\\s+uk)",
        # "British" in another language, then (within two words) intelligence or a ministry:
        # a British newspaper quoting the General Staff is not a British estimate
        "re:(?:britisch|brytyjsk|britannic|británic|britânic|britanic|britann|британськ|"
        "британск|brit|britsk|brittiläi|βρετανικ|ingiliz|İngiliz|البريطاني)\\w*\\s+"
        "(?:[^\\W\\d]+\\s+){0,2}?(?:geheimdienst|nachrichtendienst|militärgeheimdienst|"
        "verteidigungsministeri|ministeri|ministerstw|wywiad|resort|servizi|intelligence|"
        "inteligencia|defensa|serviciil|hírszerz|minisztérium|istihbarat|savunma|розвідк|"
        "міноборон|міністерств|разведк|минобороны|министерств|zpravodaj|spravodaj|"
        "tiedustel|puolustusministeri|υπηρεσ|υπουργεί|renseignement|ministère|inteligência|"
        "ministério|intelijen|kementerian|الاستخبارات|وزارة)\\w*",
        "re:英国防省|英国国防省|영국\\s*국방부|영국\\s*정보",
    ),
    "russia_mod": (
        "re:(?:russian|russia's)\\s+(?:defen[cs]e\\s+)?ministry(?:\\s+of\\s+defen[cs]e)?",
        "re:(?:kremlin|moscow)\\s+(?:says|said|claims|claimed)",
        "re:минобороны\\s+(?:россии|рф)|міноборони\\s+(?:росії|рф)|russisch\\w*\\s+verteidigungs\\w*",
    ),
    "isw": ("isw", "institute for the study of war", "re:institut\\w*\\s+(?:for|für|zur)\\s+"),
    "media_count": (
        "mediazona",
        "re:медиазон\\w*|медіазон\\w*",
        "re:new\\s+york\\s+times|ニューヨーク・タイムズ|뉴욕타임스",
        "re:(?:us|u\\.s\\.|american|pentagon)\\s+(?:officials?|intelligence|estimates?)",
        "pentagon",
        "re:米政府高官",
    ),
    "president": (
        "re:zelensk\\w*|зеленськ\\w*|зеленск\\w*|selenskyj\\w*|zełensk\\w*|zelenszk\\w*",
        "re:zelenski\\w*|ζελένσκ\\w*|젤렌스키|ゼレンスキー",
        # the office, not a name: not when it is Putin's ("President Putin's army lost ...")
        "re:(?:president\\w*|президент\\w*|präsident\\w*|prezydent\\w*|presidente|"
        "președinte\\w*|elnök\\w*|cumhurbaşkan\\w*|prezident\\w*|presidentti\\w*|"
        "πρόεδρ\\w*|presiden|pangulo|rais|الرئيس)(?!\\s+(?:vladimir\\s+)?(?:putin|путін|путин))",
        "re:大統領|대통령|总统",
    ),
}

#: Estimators whose figures the checker holds against the General Staff's series: its own,
#: and the president's, but only where he quotes it (see :func:`checked_against`).
_CHECKED = frozenset({GENERAL_STAFF})


@dataclass(frozen=True)
class Source:
    """A source named in a sentence (offsets in the normalised sentence)."""

    estimator: str
    start: int
    end: int
    text: str


@functools.cache
def _pattern(code: str) -> re.Pattern[str]:
    """One alternation of every estimator phrase, a named group per estimator."""
    extra = raw(code).get("estimators", {}) if code else {}
    parts = []
    for i, (name, phrases) in enumerate(ESTIMATORS.items()):
        alts = [phrase_regex(p).lower() for p in (*phrases, *extra.get(name, ()))]
        parts.append(f"(?P<e{i}>{'|'.join(f'(?:{a})' for a in alts)})")
    # matched on the lower-cased sentence: no IGNORECASE (slow on Unicode), and tried only at
    # the start of a word
    return re.compile(r"(?<![\w])(?=[^\W\d_])(?:" + "|".join(parts) + r")(?![\w])")


_NAMES = tuple(ESTIMATORS)


#: lower-case stems of every estimator but the General Staff: a sentence without any of them
#: is the General Staff's (or unattributed) and the full pattern is not run on it. Plain
#: literals let ``re`` skip ahead by first character, which the full pattern cannot.
_TRIGGERS = re.compile(
    "|".join(
        re.escape(w).replace("_", " ")
        for w in (
            "oryx warsp war_spot brit брит bryt u.k. uk_ uk's kreml moscow_ минобор міноборон "
            "russian_def russian_min russia's_def russia's_min russisch isw institut mediaz "
            "медиаз медіаз new_york ニューヨーク 뉴욕 u.s. us_ american pentagon 米政府 zelen "
            "zełen selensk зелен ζελέν 젤렌 ゼレン presid президент präsid prezyd prezid "
            "președ elnök cumhurb πρόεδρ pangulo rais الرئيس 大統領 대통령 总统 英国 영국 βρετανι "
            "ingiliz i̇ngiliz بريطان"
        ).split()
    )
)


def sources(norm: str, lex: Lexicon) -> list[Source]:
    """Every source named in a normalised sentence, left to right."""
    if not _TRIGGERS.search(norm) and not raw(lex.code).get("estimators"):
        return []
    out = []
    for m in _pattern(lex.code).finditer(norm):
        name = _NAMES[int((m.lastgroup or "e0")[1:])]
        out.append(Source(name, m.start(), m.end(), m.group()))
    return out


#: a contrast between a figure and a source named after it ("415,000, but British
#: intelligence said ..."): the source then speaks for another clause
_CONTRAST = re.compile(
    r";|(?<![\w])(?:but|while|whereas|however|aber|während|jedoch|ale|natomiast|ma|mentre|"
    r"pero|mientras|dar|viszont|ama|lakin|але|но|однак|проте|tetapi|namun|mutta|αλλά|však|"
    r"mais|tandis|mas|enquanto|لكن|بينما|lakini|ngunit)(?![\w])",
    re.IGNORECASE,
)


def attribute(found: list[Source], nstart: int, norm: str = "") -> Source | None:
    """The source a figure at ``nstart`` is quoted from: the nearest named before it, else
    the nearest after it, in the same clause either way (no "but" or ";" between), else None
    (the General Staff by default)."""
    before = [s for s in found if s.end <= nstart]
    if before:
        last = before[-1]
        return None if _CONTRAST.search(norm, last.end, nstart) else last
    after = [s for s in found if s.start >= nstart]
    if not after or _CONTRAST.search(norm, nstart, after[0].start):
        return None
    return after[0]


def checked_against(estimator: str | None) -> bool:
    """Whether a figure of ``estimator`` is checked against the General Staff's series."""
    return estimator is None or estimator in _CHECKED


#: estimator -> the key its own series is passed under (``check_article(other_series=...)``)
SERIES_KEYS: dict[str, str] = {"oryx": "oryx", "warspotting": "warspotting"}


def series_for(estimator: str | None, available: Mapping[str, Series]) -> Series | None:
    """The series another estimator's figures are checked against, if the caller has it.

    The hook for issue 17's Oryx and WarSpotting series: pass them to ``check_article`` as
    ``other_series={"oryx": ...}`` and a figure attributed to Oryx is checked against Oryx's
    own counts instead of being ``not_checkable``.
    """
    key = SERIES_KEYS.get(estimator or "")
    return available.get(key) if key is not None else None
