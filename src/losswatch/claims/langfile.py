"""The format of a language file (``claims/lang/<code>.json``), as a pydantic model.

One model is the one schema: loading a file validates it here (unknown keys rejected, optional
keys with their defaults), and ``docs/claims.md`` ("Adding a language") describes the same
fields. :mod:`losswatch.claims.language` compiles a validated file into ready regexes.

Phrase syntax inside the files: words separated by spaces match any run of white space; a
trailing ``*`` on a word matches any word ending ("czołg*" for czołgów/czołgi); a hyphen also
matches a space or nothing ("anti-aircraft"); a phrase starting with ``re:`` is a raw regex.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from losswatch import categories
from losswatch.claims.text import fold_accents
from losswatch.errors import ConfigError

#: Category groups the checker can sum, beyond the keys of :mod:`losswatch.categories`.
#: ``vehicles`` is the bare word: military auto before the 2022-05-01 merge, the merged
#: category after. ``armour`` is tanks + AFVs ("20 armoured vehicles, including nine tanks").
#: ``air`` is aircraft + helicopters ("310 aircraft and helicopters").
#: ``equipment`` is every equipment category ("300 weapons and military equipment").
#: ``untracked`` names things the General Staff does not count (a claim we cannot check).
GROUPS: frozenset[str] = frozenset({"vehicles", "armour", "air", "equipment", "untracked"})

QUALIFIER_KINDS = ("approx", "lower_bound", "upper_bound", "upper_bound_loose")
SCOPE_KINDS = ("cumulative", "daily", "record", "same")
PERIOD_KINDS = ("past_week", "this_week", "this_month", "last_month", "this_year", "last_year")

_KINDS = {"qualifiers": QUALIFIER_KINDS, "scope": SCOPE_KINDS, "periods": PERIOD_KINDS}

Phrases = list[Annotated[str, Field(min_length=1)]]


def phrase_regex(phrase: str) -> str:
    """The regex source for one phrase of a language file (see the module docstring), without
    Greek accents, as the text it is matched against."""
    if phrase.startswith("re:"):
        return fold_accents(phrase[3:])
    parts = []
    for word in fold_accents(phrase.lower()).split():
        wildcard = word.endswith("*") and len(word) > 1
        core = word[:-1] if wildcard else word
        pieces = core.split("-")
        if all(pieces):  # "anti-aircraft" also matches "anti aircraft"; a bare "-" stays "-"
            piece = "[-\\s]?".join(re.escape(p) for p in pieces)
        else:
            piece = re.escape(core)
        parts.append(piece + ("\\w*" if wildcard else ""))
    return "\\s+".join(parts)


def _checked_phrases(where: str, phrases: list[str]) -> list[str]:
    for phrase in phrases:
        try:
            re.compile(phrase_regex(phrase))
        except re.error as exc:
            raise ValueError(f"{where}: bad phrase {phrase!r} ({exc})") from exc
    return phrases


def _kinds(section: str, value: dict[str, list[str]], allowed: tuple[str, ...]) -> None:
    for kind, phrases in value.items():
        if kind not in allowed:
            raise ValueError(f"{section}: unknown kind {kind!r} (allowed: {', '.join(allowed)})")
        _checked_phrases(f"{section}.{kind}", phrases)


class LanguageFile(BaseModel):
    """One language file. Lists of phrases use the phrase syntax of the module docstring."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)

    comment: str = Field("", alias="_comment", description="free text for people")
    code: str = Field(description="ISO 639-1 code (or 639-3 where none): the file's name")
    name: str = Field(description="the language's own name")
    text2num: str | None = Field(None, description="text2num language for number words")
    script: str | None = Field(None, description="a script only this file uses (detection)")
    spaced: bool = Field(
        True,
        description="false for scripts written without spaces (ja, zh): phrases then match "
        "anywhere, not only at word edges",
    )
    stopwords: list[str] = Field(description="frequent short words, for detection")
    order: Literal["number_first", "noun_first"] = Field(
        description="whether the figure usually precedes its noun (2,628 tanks) or follows it"
    )
    decimal_separator: str
    number_words: dict[str, int] = Field(default_factory=dict, description="word -> value")
    indefinite: list[str] = Field(default_factory=list, description='"a"/"ein": a count of one')
    scale_words: dict[str, int] = Field(description='"million", "тис.", "万" -> multiplier')
    scale_joiners: list[str] = Field(
        default_factory=list, description='"و" in "23 ألفا و500": scaled number + smaller one'
    )
    categories: dict[str, Phrases] = Field(
        description="category key (or keys joined by |, or a group) -> phrases"
    )
    fillers: list[str] = Field(description="words allowed between a figure and its noun")
    links: list[str] = Field(description="words between a noun and a figure after it")
    qualifiers: dict[str, Phrases] = Field(description="approx/lower_bound/upper_bound(_loose)")
    inclusion: list[str] = Field(default_factory=list, description='"including": a part')
    loss_verbs: list[str]
    scope: dict[str, Phrases] = Field(description="cumulative/daily/record/same -> phrases")
    periods: dict[str, Phrases] = Field(description="past_week ... last_year -> phrases")
    period_prepositions: list[str]
    weekdays: list[list[str]] = Field(min_length=7, max_length=7, description="Monday first")
    relative_days: dict[str, int] = Field(description='"yesterday" -> -1')
    report_markers: list[str] = Field(description='"said", "according to": a report date')
    months: list[list[str]] = Field(min_length=12, max_length=12, description="January first")
    exclude_after: list[str] = Field(description="units that make a number no figure (km, %)")
    exclude_before: list[str] = Field(description="signs before a number ($, No.)")
    range_joiners: list[str] = Field(default_factory=list, description='"to" in "400 to 500"')
    topic_markers: list[str] = Field(default_factory=list, description='"as for" + category')
    months_capitalized: bool = False
    number_word_hint: str | None = Field(
        None, description="regex: text2num reads only sentences it finds in"
    )
    range_prefix: str | None = Field(None, description='regex: "between" in "between 4 and 5"')
    estimators: dict[str, list[str]] = Field(
        default_factory=dict, description="another estimator's name -> phrases naming it here"
    )
    total_words: list[str] = Field(
        default_factory=list, description='"total", "toll": the figure after one is a total'
    )
    respectively: list[str] = Field(
        default_factory=list, description='"respectively": pairs figures with names in order'
    )

    @field_validator("categories")
    @classmethod
    def _known_categories(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for target, phrases in value.items():
            for part in target.split("|"):
                if part not in categories.BY_KEY and part not in GROUPS:
                    raise ValueError(f"unknown category {part!r}")
            _checked_phrases(f"categories.{target}", phrases)
        return value

    @field_validator("qualifiers", "scope", "periods")
    @classmethod
    def _known_kinds(
        cls, value: dict[str, list[str]], info: ValidationInfo
    ) -> dict[str, list[str]]:
        section = str(info.field_name)
        _kinds(section, value, _KINDS[section])
        return value

    @field_validator("number_word_hint", "range_prefix")
    @classmethod
    def _regex(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"bad regex {value!r} ({exc})") from exc
        return value


def _describe(error: Any) -> str:
    where = ".".join(str(part) for part in error["loc"])
    if error["type"] == "missing":
        return f"missing key {where!r}"
    if error["type"] == "extra_forbidden":
        return f"unknown key {where!r}"
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def parse(data: object, code: str = "?") -> LanguageFile:
    """Validate one parsed language file; raise :class:`ConfigError` naming every problem."""
    if not isinstance(data, dict):
        raise ConfigError(f"language file {code}.json: must hold one JSON object")
    try:
        spec = LanguageFile.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(_describe(e) for e in exc.errors())
        raise ConfigError(f"language file {code}.json: {problems}") from None
    if spec.code != code and code != "?":
        raise ConfigError(
            f"language file {code}.json: code {spec.code!r} does not match the file name"
        )
    return spec
