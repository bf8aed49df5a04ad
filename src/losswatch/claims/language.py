"""Language files: the words the extractor looks for, one JSON file per language.

Adding a language means adding ``lang/<code>.json``; nothing in the code names a language. Each
file is validated by the :class:`~losswatch.claims.langfile.LanguageFile` model when loaded (a
test loads them all), and compiled once (``functools.cache``) into a :class:`Lexicon` of ready
regexes, so checking an article never re-reads or re-compiles anything. The phrase syntax is
described in :mod:`losswatch.claims.langfile`.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from losswatch.claims.anchored import Alternative, AnchorIndex, PhraseFinder
from losswatch.claims.langfile import (
    GROUPS,
    PERIOD_KINDS,
    QUALIFIER_KINDS,
    SCOPE_KINDS,
    LanguageFile,
    parse,
    phrase_regex,
)
from losswatch.claims.text import fold_accents
from losswatch.errors import ConfigError, UsageError

__all__ = [
    "GROUPS",
    "PERIOD_KINDS",
    "QUALIFIER_KINDS",
    "SCOPE_KINDS",
    "LanguageFile",
    "Lexicon",
    "alternatives",
    "available",
    "detect",
    "load",
    "phrase_key",
    "phrase_regex",
    "raw",
    "spec",
    "validate",
]


def validate(data: dict[str, Any], code: str = "?") -> None:
    """Check one parsed language file against the model; raise :class:`ConfigError` if not."""
    parse(data, code)


def _alternation(phrases: Iterable[str]) -> str:
    """Longest phrases first, so "vehicles and fuel tanks" wins over "vehicles"."""
    return "|".join(f"(?:{source})" for _, source in alternatives(phrases))


def alternatives(phrases: Iterable[str]) -> list[Alternative]:
    """The phrases' regex sources, longest phrase first (for a :class:`PhraseFinder`)."""
    return [(None, phrase_regex(p)) for p in sorted(set(phrases), key=lambda p: (-len(p), p))]


#: Scripts whose scale words may run straight into the next word ("30만명", "3万人")
_SOLID = re.compile("[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]$")


def _scale_alternation(words: list[str]) -> str:
    """Scale words, longest first, each ending at a word edge unless written in a script whose
    counters follow it solid."""
    return "|".join(
        f"(?:{source})" + ("" if _SOLID.search(word) else "(?![\\w])")
        for word, (_, source) in zip(
            sorted(set(words), key=lambda p: (-len(p), p)), alternatives(words), strict=True
        )
    )


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
        return self.month_index.get(fold_accents(word.lower()).rstrip("."))


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
            index.setdefault(fold_accents(word.lower()).rstrip("."), i)
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
    spaced = bool(data.get("spaced", True))
    # word edges: scripts written without spaces (ja, zh) have none between words
    L, R = ("(?<![\\w])", "(?![\\w])") if spaced else ("", "")

    def bounded(source: str) -> str:
        return f"{L}(?:{source}){R}"

    def finder(
        alts: list[Alternative], before: str = f"{L}(?:", after: str = f"){R}"
    ) -> PhraseFinder:
        return PhraseFinder(alts, before, after, word_start=spaced)

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
        number_words={fold_accents(k.lower()): v for k, v in number_words.items()},
        indefinite_re=(
            re.compile(
                r"(?<![\w])("
                + "|".join(re.escape(w.lower()) for w in sorted(data["indefinite"]))
                + r")(?=\s)"
            )
            if data.get("indefinite")
            else None
        ),
        scale_words={fold_accents(k.lower()): v for k, v in scale.items()},
        scale_joiners=tuple(data.get("scale_joiners", [])),
        category_re=finder(cat_alternatives, f"{L}{cat_first}(?:"),
        category_targets={n: targets[n] for n in cat_names},
        category_start_re=re.compile(f"{L}{cat_first}") if cat_first else None,
        filler_re=re.compile(
            f"(?:\\s+|[\"'\\-]|\\s*{L}(?:{_alternation(data['fillers']) or '(?!x)x'}){R})*\\s*",
            flags,
        ),
        link_tail_re=re.compile(
            f"(?:[\\s:\\-–—()]|{L}{_letter_first(links)}(?:{_alternation(links) or '(?!x)x'}){R})*$",
            flags,
        ),
        qualifier_tail_re=finder(qual_alternatives, after=")\\s*[:\\-–—]?\\s*$"),
        qualifier_kinds=qual_names,
        inclusion_tail_re=(
            re.compile(f"{L}(?:{_alternation(inclusion)}){R}[^.;\\d]{{0,40}}$", flags)
            if inclusion
            else None
        ),
        inclusion_re=(re.compile(bounded(_alternation(inclusion)), flags) if inclusion else None),
        loss_verb_re=finder(alternatives(data["loss_verbs"])),
        scope_re=finder(scope_alternatives),
        period_re=finder(period_alternatives),
        weekday_re=finder(alternatives(weekday_words)),
        weekday_index=_word_index(data["weekdays"]),
        relative_re=finder(alternatives(relative)) if relative else None,
        relative_days={phrase_key(k): v for k, v in relative.items()},
        report_marker_re=re.compile(bounded(_alternation(data["report_markers"])), flags),
        month_re=_alternation(month_words),
        month_finder=finder(alternatives(month_words)),
        month_index=_word_index(data["months"], first=1),
        period_preposition_re=re.compile(
            f"{L}(?:{_alternation(data['period_prepositions'])})\\s+$", flags
        ),
        exclude_after_re=re.compile(f"\\s?(?:{_alternation(data['exclude_after'])}){R}", flags),
        exclude_before_re=re.compile(f"(?:{_alternation(data['exclude_before'])})\\s?$", flags),
        number_word_re=finder(alternatives(number_words)) if number_words else None,
        range_joiner_re=(
            re.compile(f"\\s*(?:{_alternation(joiners)})\\s*", flags) if joiners else None
        ),
        scale_re=_scale_alternation(list(scale)),
        topic_re=(
            finder(alternatives(data["topic_markers"]), after=")\\s+")
            if data.get("topic_markers")
            else None
        ),
        months_capitalized=bool(data.get("months_capitalized", False)),
        split_categories=_split_phrases(data["categories"]),
        range_prefix_re=(
            re.compile(f"{L}(?:{data['range_prefix']})\\s+$", flags)
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
            + bounded(_alternation(data["loss_verbs"]) or "(?!x)x"),
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
    return " ".join(fold_accents(text.lower()).split())


def available() -> tuple[str, ...]:
    """Codes of every language file shipped in ``claims/lang``."""
    root = resources.files("losswatch.claims") / "lang"
    return tuple(sorted(p.name[:-5] for p in root.iterdir() if p.name.endswith(".json")))


@functools.cache
def spec(code: str) -> LanguageFile:
    """The validated model of one language file."""
    path = resources.files("losswatch.claims") / "lang" / f"{code}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"no language file for {code!r}; have: {', '.join(available())}") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"language file {code}.json: not valid JSON ({exc})") from exc
    return parse(data, code)


@functools.cache
def raw(code: str) -> dict[str, Any]:
    """The validated language file as a plain dict (every optional key with its default)."""
    return spec(code).model_dump()


@functools.cache
def load(code: str) -> Lexicon:
    """The compiled lexicon of one language (compiled once per process)."""
    return _compile(raw(code))


def detect(text: str) -> str:
    """The language of ``text`` (see :func:`losswatch.claims.detect.detect`)."""
    from losswatch.claims.detect import detect as _detect

    return _detect(text)
