"""Language files: the words the extractor looks for, one JSON file per language.

Adding a language means adding ``lang/<code>.json``; nothing in the code names a language. Each
file is validated against :data:`SCHEMA_KEYS` when loaded (a test loads them all), and compiled
once (``functools.cache``) into a :class:`Lexicon` of ready regexes, so checking an article never
re-reads or re-compiles anything.

Phrase syntax inside the files: words separated by spaces match any run of white space; a
trailing ``*`` on a word matches any word ending ("czołg*" for czołgów/czołgi); a hyphen also
matches a space or nothing ("anti-aircraft"); a phrase starting with ``re:`` is a raw regex.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from losswatch import categories
from losswatch.claims.anchored import Alternative, AnchorIndex, PhraseFinder
from losswatch.errors import ConfigError, UsageError

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

#: key -> (type, required). The one schema every language file is checked against.
SCHEMA_KEYS: dict[str, tuple[type, bool]] = {
    "code": (str, True),
    "name": (str, True),
    "text2num": (str, False),
    "script": (str, False),
    "stopwords": (list, True),
    "order": (str, True),
    "decimal_separator": (str, True),
    "number_words": (dict, False),
    "indefinite": (list, False),
    "scale_words": (dict, True),
    "scale_joiners": (list, False),
    "categories": (dict, True),
    "fillers": (list, True),
    "links": (list, True),
    "qualifiers": (dict, True),
    "inclusion": (list, False),
    "loss_verbs": (list, True),
    "scope": (dict, True),
    "periods": (dict, True),
    "period_prepositions": (list, True),
    "weekdays": (list, True),
    "relative_days": (dict, True),
    "report_markers": (list, True),
    "months": (list, True),
    "exclude_after": (list, True),
    "exclude_before": (list, True),
    "range_joiners": (list, False),
    "topic_markers": (list, False),
    "months_capitalized": (bool, False),
    "number_word_hint": (str, False),
    "range_prefix": (str, False),
    # optional keys read outside this module (issue 19): defaults live with their readers
    "estimators": (dict, False),
    "total_words": (list, False),
    "respectively": (list, False),
}


def _fail(code: str, message: str) -> ConfigError:
    return ConfigError(f"language file {code}.json: {message}")


def validate(data: dict[str, Any], code: str = "?") -> None:
    """Check one parsed language file against the schema; raise :class:`ConfigError` if not."""
    for key, (kind, required) in SCHEMA_KEYS.items():
        if key not in data:
            if required:
                raise _fail(code, f"missing key {key!r}")
            continue
        if not isinstance(data[key], kind):
            raise _fail(code, f"{key!r} must be a {kind.__name__}")
    unknown = set(data) - set(SCHEMA_KEYS) - {"_comment"}
    if unknown:
        raise _fail(code, f"unknown keys {sorted(unknown)}")
    if data["code"] != code and code != "?":
        raise _fail(code, f"code {data['code']!r} does not match the file name")
    if data["order"] not in ("number_first", "noun_first"):
        raise _fail(code, "order must be number_first or noun_first")
    for target, phrases in data["categories"].items():
        for part in target.split("|"):
            if part not in categories.BY_KEY and part not in GROUPS:
                raise _fail(code, f"unknown category {part!r}")
        _check_phrases(code, f"categories.{target}", phrases)
    for section, allowed in (
        ("qualifiers", QUALIFIER_KINDS),
        ("scope", SCOPE_KINDS),
        ("periods", PERIOD_KINDS),
    ):
        for kind, phrases in data[section].items():
            if kind not in allowed:
                raise _fail(code, f"{section}: unknown kind {kind!r}")
            _check_phrases(code, f"{section}.{kind}", phrases)
    if len(data["weekdays"]) != 7 or len(data["months"]) != 12:
        raise _fail(code, "weekdays needs 7 lists (Monday first) and months 12")
    for name in ("number_words", "scale_words", "relative_days"):
        for word, value in data.get(name, {}).items():
            if not isinstance(word, str) or not isinstance(value, int):
                raise _fail(code, f"{name} maps words to integers")


def _check_phrases(code: str, where: str, phrases: object) -> None:
    if not isinstance(phrases, list) or not all(isinstance(p, str) and p for p in phrases):
        raise _fail(code, f"{where} must be a list of non-empty strings")
    for phrase in phrases:
        try:
            re.compile(phrase_regex(phrase))
        except re.error as exc:
            raise _fail(code, f"{where}: bad phrase {phrase!r} ({exc})") from exc


def phrase_regex(phrase: str) -> str:
    """The regex source for one phrase of a language file (see the module docstring)."""
    if phrase.startswith("re:"):
        return phrase[3:]
    parts = []
    for word in phrase.lower().split():
        wildcard = word.endswith("*") and len(word) > 1
        core = word[:-1] if wildcard else word
        pieces = core.split("-")
        if all(pieces):  # "anti-aircraft" also matches "anti aircraft"; a bare "-" stays "-"
            piece = "[-\\s]?".join(re.escape(p) for p in pieces)
        else:
            piece = re.escape(core)
        parts.append(piece + ("\\w*" if wildcard else ""))
    return "\\s+".join(parts)


def _alternation(phrases: Iterable[str]) -> str:
    """Longest phrases first, so "vehicles and fuel tanks" wins over "vehicles"."""
    return "|".join(f"(?:{source})" for _, source in alternatives(phrases))


def alternatives(phrases: Iterable[str]) -> list[Alternative]:
    """The phrases' regex sources, longest phrase first (for a :class:`PhraseFinder`)."""
    return [(None, phrase_regex(p)) for p in sorted(set(phrases), key=lambda p: (-len(p), p))]


def _letter_first(phrases: list[str]) -> str:
    """A look-ahead for a letter when every phrase starts with one: the alternation is then
    not tried at digits (a page of numbers would otherwise try it at every number)."""
    plain = all(p[0].isalpha() and not p.startswith("re:") for p in phrases)
    return "(?=[^\\W\\d_])" if plain else ""


def _bounded(source: str) -> str:
    """Match only at word edges (but let a word end in a letter of another script)."""
    return f"(?<![\\w])(?:{source})(?![\\w])"


@dataclass(frozen=True)
class Lexicon:
    """One language file, compiled."""

    code: str
    name: str
    text2num: str | None
    script: str | None
    order: str
    decimal_separator: str
    stopwords: frozenset[str]
    number_words: dict[str, int]
    #: "a"/"an"/"ein" before a word: a count of one (None when the file lists none)
    indefinite_re: re.Pattern[str] | None
    scale_words: dict[str, int]
    scale_joiners: tuple[str, ...]
    #: one named group per category phrase, longest first; ``category_targets[name]`` says
    #: which readings (category keys or groups) the phrase may mean.
    category_re: PhraseFinder
    category_targets: dict[str, tuple[str, ...]]
    #: where a category phrase can start (a letter after no word character) when every
    #: phrase is plain text starting with a letter, else None (it may start anywhere)
    category_start_re: re.Pattern[str] | None
    filler_re: re.Pattern[str]
    link_tail_re: re.Pattern[str]
    #: a qualifier ending where a figure starts ("around 68,900"): searched in the 40
    #: characters before it
    qualifier_tail_re: PhraseFinder
    qualifier_kinds: dict[str, str]
    inclusion_tail_re: re.Pattern[str] | None
    inclusion_re: re.Pattern[str] | None
    loss_verb_re: PhraseFinder
    scope_re: PhraseFinder
    period_re: PhraseFinder
    weekday_re: PhraseFinder
    weekday_index: dict[str, int]
    relative_re: PhraseFinder | None
    relative_days: dict[str, int]
    report_marker_re: re.Pattern[str]
    month_re: str
    #: finds month names: dates are looked for only in sentences that name a month
    month_finder: PhraseFinder
    month_index: dict[str, int]
    period_preposition_re: re.Pattern[str]
    exclude_after_re: re.Pattern[str]
    exclude_before_re: re.Pattern[str]
    number_word_re: PhraseFinder | None
    range_joiner_re: re.Pattern[str] | None
    scale_re: str
    topic_re: PhraseFinder | None
    months_capitalized: bool
    split_categories: tuple[tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...]], ...]
    #: searched in the lower-cased sentence: text2num only reads sentences it finds in
    number_word_hint: re.Pattern[str] | None
    range_prefix_re: re.Pattern[str] | None
    scope_kinds: dict[str, str]
    period_kinds: dict[str, str]
    verb_after_re: re.Pattern[str]

    def month_of(self, word: str) -> int | None:
        """1-12 for a month name or abbreviation of this language (any inflection listed)."""
        return self.month_index.get(word.lower().rstrip("."))


def _named_alternatives(
    sections: dict[str, list[str]], prefix: str
) -> tuple[list[Alternative], dict[str, str]]:
    """A named group per phrase, longest first, and group name -> section."""
    items = [(phrase, section) for section, phrases in sections.items() for phrase in phrases]
    items.sort(key=lambda item: (-len(item[0]), item[0]))
    names = {f"{prefix}{i}": section for i, (_, section) in enumerate(items)}
    return [(f"{prefix}{i}", phrase_regex(phrase)) for i, (phrase, _) in enumerate(items)], names


def _word_index(groups: list[list[str]], first: int = 0) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, words in enumerate(groups, start=first):
        for word in words:
            index.setdefault(word.lower().rstrip("."), i)
    return index


def _split_phrases(
    sections: dict[str, list[str]],
) -> tuple[tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...]], ...]:
    """Phrases with a ``#`` where the number stands: Swahili "mifumo # ya ulinzi wa anga"."""
    out = []
    for section, phrases in sections.items():
        for phrase in phrases:
            if " # " in f" {phrase} ":
                left, _, right = phrase.partition("#")
                out.append(
                    (
                        re.compile(_bounded(phrase_regex(left.strip())) + r"\s*$", re.IGNORECASE),
                        re.compile(r"\s*" + _bounded(phrase_regex(right.strip())), re.IGNORECASE),
                        tuple(section.split("|")),
                    )
                )
    return tuple(out)


def _compile(data: dict[str, Any]) -> Lexicon:
    flags = re.IGNORECASE
    whole = {k: [p for p in v if " # " not in f" {p} "] for k, v in data["categories"].items()}
    cat_alternatives, cat_names = _named_alternatives(whole, "c")
    targets = {name: tuple(section.split("|")) for name, section in cat_names.items()}
    quals = {kind: phrases for kind, phrases in data["qualifiers"].items()}
    qual_alternatives, qual_names = _named_alternatives(quals, "q")
    scope_alternatives, scope_names = _named_alternatives(data["scope"], "s")
    period_alternatives, period_names = _named_alternatives(data["periods"], "p")
    weekday_words = [w for day in data["weekdays"] for w in day]
    month_words = [w for month in data["months"] for w in month]
    relative = data["relative_days"]
    scale = data["scale_words"]
    number_words = data.get("number_words", {})
    joiners = data.get("range_joiners", [])
    inclusion = data.get("inclusion", [])
    category_words = {p for phrases in whole.values() for p in phrases}
    cat_first = _letter_first(sorted(category_words))
    links = (
        data["links"]
        + [v for v in data["loss_verbs"] if v not in category_words]
        + [p for phrases in quals.values() for p in phrases]
    )
    lex = Lexicon(
        code=data["code"],
        name=data["name"],
        text2num=data.get("text2num"),
        script=data.get("script"),
        order=data["order"],
        decimal_separator=data["decimal_separator"],
        stopwords=frozenset(w.lower() for w in data["stopwords"]),
        number_words={k.lower(): v for k, v in number_words.items()},
        indefinite_re=(
            re.compile(
                r"(?<![\w])("
                + "|".join(re.escape(w.lower()) for w in sorted(data["indefinite"]))
                + r")(?=\s)"
            )
            if data.get("indefinite")
            else None
        ),
        scale_words={k.lower(): v for k, v in scale.items()},
        scale_joiners=tuple(data.get("scale_joiners", [])),
        category_re=PhraseFinder(cat_alternatives, f"(?<![\\w]){cat_first}(?:"),
        category_targets={n: targets[n] for n in cat_names},
        category_start_re=re.compile(f"(?<![\\w]){cat_first}") if cat_first else None,
        filler_re=re.compile(
            f"(?:\\s+|[\"'\\-]|\\s*(?<![\\w])(?:{_alternation(data['fillers']) or '(?!x)x'})"
            f"(?![\\w]))*\\s*",
            flags,
        ),
        link_tail_re=re.compile(
            f"(?:[\\s:\\-–—]|(?<![\\w]){_letter_first(links)}(?:{_alternation(links) or '(?!x)x'})"
            f"(?![\\w]))*$",
            flags,
        ),
        qualifier_tail_re=PhraseFinder(qual_alternatives, after=")\\s*[:\\-–—]?\\s*$"),
        qualifier_kinds=qual_names,
        inclusion_tail_re=(
            re.compile(f"(?<![\\w])(?:{_alternation(inclusion)})(?![\\w])[^.;\\d]{{0,40}}$", flags)
            if inclusion
            else None
        ),
        inclusion_re=(re.compile(_bounded(_alternation(inclusion)), flags) if inclusion else None),
        loss_verb_re=PhraseFinder(alternatives(data["loss_verbs"])),
        scope_re=PhraseFinder(scope_alternatives),
        period_re=PhraseFinder(period_alternatives),
        weekday_re=PhraseFinder(alternatives(weekday_words)),
        weekday_index=_word_index(data["weekdays"]),
        relative_re=PhraseFinder(alternatives(relative)) if relative else None,
        relative_days={phrase_key(k): v for k, v in relative.items()},
        report_marker_re=re.compile(_bounded(_alternation(data["report_markers"])), flags),
        month_re=_alternation(month_words),
        month_finder=PhraseFinder(alternatives(month_words)),
        month_index=_word_index(data["months"], first=1),
        period_preposition_re=re.compile(
            f"(?<![\\w])(?:{_alternation(data['period_prepositions'])})\\s+$", flags
        ),
        exclude_after_re=re.compile(
            f"\\s?(?:{_alternation(data['exclude_after'])})(?![\\w])", flags
        ),
        exclude_before_re=re.compile(f"(?:{_alternation(data['exclude_before'])})\\s?$", flags),
        number_word_re=PhraseFinder(alternatives(number_words)) if number_words else None,
        range_joiner_re=(
            re.compile(f"\\s*(?:{_alternation(joiners)})\\s*", flags) if joiners else None
        ),
        scale_re=_alternation(list(scale)),
        topic_re=(
            PhraseFinder(alternatives(data["topic_markers"]), after=")\\s+")
            if data.get("topic_markers")
            else None
        ),
        months_capitalized=bool(data.get("months_capitalized", False)),
        split_categories=_split_phrases(data["categories"]),
        range_prefix_re=(
            re.compile(f"(?<![\\w])(?:{data['range_prefix']})\\s+$", flags)
            if data.get("range_prefix")
            else None
        ),
        number_word_hint=(
            re.compile(data["number_word_hint"]) if data.get("number_word_hint") else None
        ),
        scope_kinds=scope_names,
        period_kinds=period_names,
        verb_after_re=re.compile(
            "[\\s,]*(?:[^\\W\\d]+\\s+){0,2}?"
            + _bounded(_alternation(data["loss_verbs"]) or "(?!x)x"),
            flags,
        ),
    )
    # the finders that read whole sentences share one scan per sentence
    AnchorIndex(
        [
            f
            for f in (
                lex.scope_re,
                lex.period_re,
                lex.weekday_re,
                lex.relative_re,
                lex.month_finder,
                lex.number_word_re,
                lex.loss_verb_re,
                lex.topic_re,
                lex.qualifier_tail_re,
            )
            if f is not None
        ]
    )
    return lex


def phrase_key(text: str) -> str:
    """Lower-case with single spaces: how matched phrases are looked up in word tables."""
    return " ".join(text.lower().split())


def available() -> tuple[str, ...]:
    """Codes of every language file shipped in ``claims/lang``."""
    root = resources.files("losswatch.claims") / "lang"
    return tuple(sorted(p.name[:-5] for p in root.iterdir() if p.name.endswith(".json")))


@functools.cache
def raw(code: str) -> dict[str, Any]:
    """The parsed, validated JSON of one language file."""
    path = resources.files("losswatch.claims") / "lang" / f"{code}.json"
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"no language file for {code!r}; have: {', '.join(available())}") from None
    except json.JSONDecodeError as exc:
        raise _fail(code, f"not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise _fail(code, "must hold one JSON object")
    validate(data, code)
    return data


@functools.cache
def load(code: str) -> Lexicon:
    """The compiled lexicon of one language (compiled once per process)."""
    return _compile(raw(code))


_ARABIC = re.compile("[\u0600-\u06ff]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_WORD = re.compile(r"[^\W\d_]+")


@functools.cache
def _stopword_index() -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """word -> languages listing it as a stop word; script -> language."""
    index: dict[str, list[str]] = {}
    scripts: dict[str, str] = {}
    for code in available():
        lex = load(code)
        if lex.script is not None:
            scripts[lex.script] = code
        for word in lex.stopwords:
            index.setdefault(word, []).append(code)
    return {w: tuple(c) for w, c in index.items()}, scripts


def detect(text: str) -> str:
    """The language of ``text``: its script first, then which file's stop words occur most.

    Good enough for news text of a few sentences, and it needs no model: a language we do not
    have a file for falls back to English, where at least the digits are read.
    """
    sample = text[:4000]
    index, scripts = _stopword_index()
    counts: dict[str, float] = {}
    for script, pattern in (("arabic", _ARABIC), ("cyrillic", _CYRILLIC)):
        if script in scripts:
            counts[scripts[script]] = len(pattern.findall(sample)) / 2.0
    for word, times in Counter(_WORD.findall(sample.lower())).items():
        for code in index.get(word, ()):
            counts[code] = counts.get(code, 0.0) + times
    best = max(counts.items(), key=lambda item: item[1], default=("en", 0.0))
    return best[0] if best[1] > 0 else "en"
