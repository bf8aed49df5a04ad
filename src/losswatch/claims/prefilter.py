"""A cheap test that a document may hold a loss figure, before the full check.

A general news crawl is mostly about something else. A document can only yield a claim if it
names a counted thing (a category phrase) or a loss, in some shipped language, and holds a
number: a digit or a number/scale word. The test reads every language file's phrases once,
splits each phrase into its literal pieces (a ``*`` ending or a hyphen only widens what
matches, never a piece itself), finds every piece in one pass with an Aho-Corasick automaton
(pyahocorasick) over the text normalised as the checker normalises it, and passes the text when
all pieces of some phrase are there. Anything the checker can match contains every piece of
its phrase, so the filter never drops a document the checker would find a figure in; it only
saves the time of checking the others.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from losswatch.claims import language
from losswatch.claims.attach import DESIGNATION
from losswatch.claims.text import normalize

#: Word lists of a language file that say "this text is about losses".
VOCABULARY_KEYS = ("categories", "loss_verbs")
#: Word lists that make a number without a digit ("one million", "тисяча"). Latin pieces of
#: one or two letters ("k", "m") only ever follow a digit, so they are left out.
NUMBER_KEYS = ("number_words", "scale_words")

_DIGIT = re.compile(r"\d")
_PIECES = re.compile(r"[\s\-‐-―/]+")


def literal_pieces(phrase: str) -> frozenset[str] | None:
    """The literal pieces of a phrase, every one of which a match contains (None: ``re:``)."""
    if phrase.startswith("re:"):
        return None
    pieces = (p.rstrip("*").strip(".,") for p in _PIECES.split(normalize(phrase).text))
    return frozenset(p for p in pieces if p) or None


def _words(data: dict[str, Any], keys: Iterable[str]) -> Iterable[str]:
    for key in keys:
        value = data.get(key) or ()
        if isinstance(value, dict):  # category -> phrases, or word -> number
            lists = [v for v in value.values() if isinstance(v, list)]
            yield from (w for inner in lists for w in inner) if lists else value
        else:
            yield from (v for v in value if isinstance(v, str))


@dataclass(frozen=True)
class _Matcher:
    """Pieces in one automaton, and which phrases (as sets of pieces) each piece belongs to."""

    automaton: Any
    phrases_of: dict[str, tuple[frozenset[str], ...]]
    raw: tuple[re.Pattern[str], ...]

    def found_in(self, normalized: str) -> bool:
        hits = {piece for _, piece in self.automaton.iter(normalized)} if self.automaton else set()
        for piece in hits:
            if any(phrase <= hits for phrase in self.phrases_of[piece]):
                return True
        return any(pattern.search(normalized) for pattern in self.raw)


@functools.cache
def _matcher(keys: tuple[str, ...]) -> _Matcher:
    """The matcher for the word lists ``keys`` of every shipped language."""
    phrases: set[frozenset[str]] = set()
    raw: list[re.Pattern[str]] = []
    for code in language.available():
        for phrase in _words(language.raw(code), keys):
            pieces = literal_pieces(phrase)
            if pieces is None:
                raw.append(re.compile(phrase[3:], re.IGNORECASE))
            elif keys != NUMBER_KEYS or not all(p.isascii() and len(p) < 3 for p in pieces):
                phrases.add(pieces)
    if keys == VOCABULARY_KEYS:
        raw.append(DESIGNATION)  # "one Mi-8", "two Su-25s": a category without its word
    phrases_of: dict[str, list[frozenset[str]]] = {}
    for pieces in phrases:
        for piece in pieces:
            phrases_of.setdefault(piece, []).append(pieces)
    return _Matcher(
        _automaton(set(phrases_of)),
        {piece: tuple(group) for piece, group in phrases_of.items()},
        tuple(raw),
    )


def _automaton(pieces: set[str]) -> Any:
    """An Aho-Corasick automaton of the pieces (pyahocorasick, part of the corpus extra)."""
    if not pieces:
        return None
    try:
        import ahocorasick
    except ImportError:
        return _RegexAutomaton(pieces)
    automaton = ahocorasick.Automaton()
    for piece in pieces:
        automaton.add_word(piece, piece)
    automaton.make_automaton()
    return automaton


class _RegexAutomaton:
    """Without pyahocorasick: the same hits (overlapping ones too) from one regex, slower."""

    def __init__(self, pieces: set[str]) -> None:
        ordered = sorted(pieces, key=len, reverse=True)
        self._pattern = re.compile("(?=(" + "|".join(map(re.escape, ordered)) + "))")
        self._pieces = pieces

    def iter(self, text: str) -> Iterable[tuple[int, str]]:
        for match in self._pattern.finditer(text):
            start = match.start()
            for piece in self._pieces:
                if text.startswith(piece, start):
                    yield start, piece


def may_hold_figures(text: str) -> bool:
    """False only for a text in which the checker cannot find a loss figure."""
    normalized = normalize(text).text
    if not _matcher(VOCABULARY_KEYS).found_in(normalized):
        return False
    return bool(_DIGIT.search(normalized)) or _matcher(NUMBER_KEYS).found_in(normalized)
