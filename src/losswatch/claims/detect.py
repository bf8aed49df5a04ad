"""Which language an article is in: a trained identifier where installed, the files' own words
always.

py3langid (the ``claims`` extra; a naive Bayes model over byte n-grams, 97 languages, about
0.1 ms a text) is asked to choose among the languages that have a word file, unless one file's
stop words clearly dominate the text (most articles: then its answer would be the same). Where it
is missing or unsure, the script and the stop words of each file decide, as they did alone before: a
language with a script of its own (Arabic, Greek, Hangul, kana) is recognised by it, and the
file whose stop words occur most wins. Text in a language without a file falls back to English,
where at least the digits are read.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Any

from losswatch.claims.language import available, load, spec
from losswatch.claims.text import fold_accents

#: The identifier's name for a language where it differs from the file's code.
_LANGID_CODE = {"fil": "tl"}
#: Below this probability (among the languages with a file) the identifier is not trusted
#: alone: the stop words decide among its two best.
_SURE = 0.9
#: Characters read: the identifier (a pure-Python byte walk, its cost grows with the length)
#: reads the first few hundred, enough for a headline and a lead; the words read more.
_SAMPLE, _ID_SAMPLE = 1500, 400

_WORD = re.compile(r"[^\W\d_]+")
#: Scripts named in the files' ``script`` key, and the characters that show them.
_SCRIPTS = {
    "arabic": re.compile("[\u0600-\u06ff]"),
    "cyrillic": re.compile("[\u0400-\u04ff]"),
    "greek": re.compile("[\u0370-\u03ff\u1f00-\u1fff]"),
    "hangul": re.compile("[\uac00-\ud7af\u1100-\u11ff]"),
    "kana": re.compile("[\u3040-\u30ff]"),
    "han": re.compile("[\u4e00-\u9fff]"),
    "devanagari": re.compile("[\u0900-\u097f]"),
    "persian": re.compile("[\u067e\u0686\u0698\u06af\u06a9\u06cc]"),
}


@functools.cache
def _identifier() -> Any | None:
    """py3langid's identifier restricted to the languages with a file (None without it)."""
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError:  # pragma: no cover - exercised only without the extra
        return None
    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    known = set(ident.nb_classes)
    ident.set_languages(sorted({_LANGID_CODE.get(c, c) for c in available()} & known))
    return ident


@functools.cache
def _stopword_index() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """word -> languages listing it as a stop word; script -> languages written in it."""
    index: dict[str, list[str]] = {}
    scripts: dict[str, list[str]] = {}
    for code in available():
        lang = spec(code)
        if lang.script is not None:
            scripts.setdefault(lang.script, []).append(code)
        for word in lang.stopwords:
            index.setdefault(fold_accents(word.lower()), []).append(code)
    return (
        {w: tuple(c) for w, c in index.items()},
        {s: tuple(c) for s, c in scripts.items()},
    )


#: A script that does not count where another occurs: Japanese writes kanji among its kana,
#: Persian writes the Arabic letters besides its own.
_OUTRANKED_BY = {"han": "kana", "arabic": "persian"}


def script_counts(text: str) -> dict[str, int]:
    """Characters of each script named in ``_SCRIPTS`` (none for one outranked in this text)."""
    counts = {script: len(pattern.findall(text)) for script, pattern in _SCRIPTS.items()}
    for script, other in _OUTRANKED_BY.items():
        if counts.get(other):
            counts[script] = 0
    return counts


def word_scores(text: str) -> dict[str, float]:
    """Each language's evidence in ``text``: its stop words, plus half a point per character of
    a script only it uses (a script shared by several files, like Cyrillic, counts for none)."""
    index, scripts = _stopword_index()
    counts: dict[str, float] = {}
    chars = script_counts(text)
    for script, codes in scripts.items():
        if script in chars and len(codes) == 1:
            counts[codes[0]] = chars[script] / 2.0
    for word, times in Counter(_WORD.findall(fold_accents(text.lower()))).items():
        for code in index.get(word, ()):
            counts[code] = counts.get(code, 0.0) + times
    return counts


def _by_words(text: str) -> str | None:
    scores = word_scores(text)
    best = max(scores.items(), key=lambda item: item[1], default=("en", 0.0))
    return best[0] if best[1] > 0 else None


#: A language whose words outnumber every other's this many times, and at least this often, is
#: taken without asking the identifier.
_CLEAR_RATIO, _CLEAR_MIN = 4.0, 8.0


def _clear_winner(scores: dict[str, float]) -> str | None:
    ranked = sorted(scores.values(), reverse=True)
    if not ranked or ranked[0] < _CLEAR_MIN:
        return None
    if len(ranked) > 1 and ranked[0] < _CLEAR_RATIO * ranked[1]:
        return None
    return max(scores, key=lambda code: scores[code])


def _figure_words(code: str, text: str) -> int:
    """How many category words of language ``code`` occur in ``text`` (the figures' words)."""
    return len(load(code).category_re.finditer(text.lower()))


def _between(text: str, ranked: list[tuple[str, float]]) -> str:
    """The better of the identifier's two best guesses: stop words and the figures' own
    category words first, the identifier's probability on a tie."""
    words = word_scores(text)
    return max(ranked, key=lambda r: (words.get(r[0], 0.0) + _figure_words(r[0], text), r[1]))[0]


def detect(text: str) -> str:
    """The language code (a file in ``claims/lang``) ``text`` is most likely written in."""
    sample = text[:_SAMPLE]
    ident = _identifier()
    if ident is None:
        return _by_words(sample) or "en"
    clear = _clear_winner(word_scores(sample))
    if clear is not None:  # most articles: the identifier's byte walk would cost 5x this
        return clear
    back = {v: k for k, v in _LANGID_CODE.items()}
    cut = sample.rfind(" ", 0, _ID_SAMPLE) if len(sample) > _ID_SAMPLE else len(sample)
    ranked: list[tuple[str, float]] = [
        (str(back.get(code, code)), float(p))
        for code, p in ident.rank(sample[: cut if cut > 0 else _ID_SAMPLE])[:2]
    ]
    if ranked[0][1] >= _SURE:
        return ranked[0][0]
    return _between(sample, ranked)
