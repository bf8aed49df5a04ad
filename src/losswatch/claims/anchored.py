"""Phrase alternations tried only where one of their phrases can start.

Python's ``re`` tries a case-insensitive alternation of a few hundred phrases at every
position of a sentence, and a look-behind at its front stops the engine from skipping
positions by their first character. Most of a claim check went into such scans. A
:class:`PhraseFinder` first finds where a phrase can begin - a word starting with the
leading letters of some phrase, found by one Aho-Corasick scan (pyahocorasick) of the
lower-cased text - and tries the full pattern only there. Its matches are those of
``pattern.finditer`` (a test compares the two over every shared article and labelled
sentence). An :class:`AnchorIndex` does that first scan once per sentence for all the finders
of a language. For scripts written without spaces (Japanese, Chinese) a phrase may start
anywhere, not only at a word edge: such finders are built with ``word_start=False``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any

import ahocorasick

#: Characters ``re.IGNORECASE`` equates with an ASCII letter whose ``str.lower`` differs:
#: folded so a word written with them is still a candidate.
_FOLD = str.maketrans({"ı": "i", "ſ": "s", "\u212a": "k", "ς": "σ", "\u1e9e": "ß"})
_FOLDED_CHARS = re.compile("[ıſ\u212aς\u1e9e]")  # translate() only when needed: it is slow
_NON_WORD = re.compile(r"\W")
_QUANTIFIER = re.compile(r"[?*+]|\{\d*(?:,\d*)?\}")
_OPTIONAL = re.compile(r"[?*]|\{0*(?:,\d*)?\}")


def leading_literals(regex_source: str) -> set[str] | None:
    """The lower-case strings every match of ``regex_source`` starts with (one of them).

    Read from the pattern's text, as far as it is plain: leading word characters ("since\\s+...",
    "feb(?:ruary)?" -> "feb"), or a leading group of such branches ("(?:innerhalb|binnen)\\s+").
    None when a match may start with anything (a character class, an optional first word, a
    look-around, an unbalanced bracket): such a phrase list is scanned in full.
    """
    branches = _top_branches(regex_source)
    if branches is None:
        return None
    leads: set[str] = set()
    for branch in branches:
        found = _branch_leads(branch)
        if not found:
            return None
        leads |= found
    return leads


def _brackets(source: str) -> tuple[list[tuple[int, str, int]], bool]:
    """(index, character, bracket depth after it) of each character outside escapes and
    character classes, and whether every character class closes."""
    marks: list[tuple[int, str, int]] = []
    depth, i, in_class = 0, 0, False
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        else:
            depth += {"(": 1, ")": -1}.get(ch, 0)
            marks.append((i, ch, depth))
        i += 1
    return marks, not in_class


def _top_branches(source: str) -> list[str] | None:
    """``source`` split at its top-level ``|`` (None when its brackets do not balance)."""
    marks, closed = _brackets(source)
    if not closed or any(d < 0 for _, _, d in marks) or (marks and marks[-1][2] != 0):
        return None
    cuts = [i for i, ch, d in marks if ch == "|" and d == 0]
    return [source[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(source)], strict=True)]


def _closing(source: str) -> int | None:
    """The index of the ``)`` closing the group that opens ``source`` (None if unclosed)."""
    marks, _ = _brackets(source)
    return next((i for i, ch, d in marks if ch == ")" and d == 0), None)


def _branch_leads(branch: str) -> set[str] | None:
    literal = ""
    for i, ch in enumerate(branch):
        if not (ch.isalnum() or ch == "_"):
            break  # word characters only (an escape, too, ends the literal): a candidate
            # then never spans two words
        if _QUANTIFIER.match(branch, i + 1):
            break  # "tanks?": the "s" may be missing
        literal += ch.lower()
    if literal:
        return {literal}
    return _group_leads(branch)


def _group_leads(branch: str) -> set[str] | None:
    """The leads of a group opening ``branch``: "(?:a|b)x", "(?P<m>a|b)", "(?:x)+y"."""
    if not branch.startswith("("):
        return None
    if branch.startswith("(?:"):
        body = 3
    elif branch.startswith("(?P<"):
        body = branch.find(">") + 1
        if body == 0:
            return None
    elif branch.startswith("(?"):
        return None  # a look-around or an inline flag: no fixed start
    else:
        body = 1
    close = _closing(branch)
    if close is None or _OPTIONAL.match(branch, close + 1):
        return None
    return leading_literals(branch[body:close])


@functools.lru_cache(maxsize=32)
def _folded(text: str) -> str:
    """Lower-cased once per sentence, however many finders look at it."""
    lowered = text.lower()
    return lowered.translate(_FOLD) if _FOLDED_CHARS.search(lowered) else lowered


@functools.lru_cache(maxsize=32)
def _spaced(lowered: str) -> str:
    """ " " + ``lowered`` with every non-word character a space: a word starts right after a
    space, so a scan for " word" finds words at word starts only."""
    return " " + _NON_WORD.sub(" ", lowered)


#: One alternative of a finder: a named group (its name says what the phrase means) or None,
#: and the phrase's regex source.
Alternative = tuple[str | None, str]
#: Where a leading word was found: (start in the lower-cased text, the longest word there).
Hit = tuple[int, str]


def _join(alternatives: Sequence[Alternative]) -> str:
    return (
        "|".join(
            f"(?P<{name}>{source})" if name else f"(?:{source})" for name, source in alternatives
        )
        or r"(?!x)x"
    )


class WordScan:
    """Where one of a set of words starts, the longest one there: one Aho-Corasick pass.

    With ``word_start`` only at a word start (after no word character), else anywhere.
    Each word carries a payload returned with it (the finders it serves).
    """

    def __init__(self, words: dict[str, Any], word_start: bool = True) -> None:
        self.word_start = word_start
        self._automaton = ahocorasick.Automaton()
        for word, payload in words.items():
            if word:
                key = " " + word if word_start else word
                # ready for a hit: the offset back to the word's start, the word, the payload
                back = len(word) if word_start else len(word) - 1
                self._automaton.add_word(key, (back, word, payload))
        self._empty = not words
        if not self._empty:
            self._automaton.make_automaton()
        self._by_first: dict[str, list[str]] = {}
        for word in sorted(words, key=len, reverse=True):
            if word:
                self._by_first.setdefault(word[0], []).append(word)

    def hits(
        self, lowered: str, pos: int = 0, end: int | None = None
    ) -> list[tuple[int, str, Any]]:
        """(start, word, payload) left to right, words lying within ``lowered[pos:end]``."""
        end = len(lowered) if end is None else min(end, len(lowered))
        if self._empty or pos >= end:
            return []
        if self.word_start:
            found = self._automaton.iter_long(_spaced(lowered), pos, end + 1)
            return [(at - back, w, p) for at, (back, w, p) in found]
        longest: dict[int, tuple[str, Any]] = {}
        for at, (back, w, p) in self._automaton.iter(lowered, pos, end):
            start = at - back
            if start not in longest or len(w) > len(longest[start][0]):
                longest[start] = (w, p)
        return [(start, w, p) for start, (w, p) in sorted(longest.items())]

    def at(self, lowered: str, pos: int) -> str | None:
        """The longest word starting at ``pos`` (at a word start when ``word_start``)."""
        if pos >= len(lowered):
            return None
        if self.word_start and pos > 0 and _NON_WORD.match(lowered, pos - 1) is None:
            return None
        for word in self._by_first.get(lowered[pos], ()):
            if lowered.startswith(word, pos):
                return word
        return None


class PhraseFinder:
    """``pattern.finditer`` for a case-insensitive alternation of phrases.

    ``before`` + the alternation + ``after`` is :attr:`pattern`; with ``word_start`` (the
    default) ``before`` must make every match start at a word edge with the phrase itself.
    Where a phrase can start, only the phrases whose leading letters are there are tried (in
    their order in the alternation, so the same one wins).
    """

    def __init__(
        self,
        alternatives: Sequence[Alternative],
        before: str = r"(?<![\w])(?:",
        after: str = r")(?![\w])",
        *,
        word_start: bool = True,
    ) -> None:
        self._wrap = (before, after)
        self.word_start = word_start
        self._alternatives = list(alternatives)
        self.pattern = self._compile(self._alternatives)
        # folded as the text is ("ς" -> "σ"), so a lead is found where its phrase stands
        leads = [
            None if lead is None else {w.translate(_FOLD) for w in lead}
            for lead in (leading_literals(source) for _, source in self._alternatives)
        ]
        self._leads: list[set[str]] | None = None
        self._scan: WordScan | None = None
        self._by_anchor: dict[str, re.Pattern[str] | None] = {}
        #: the shared scan this finder takes its candidates from, and its slot there
        self._index: AnchorIndex | None = None
        self._slot = 0
        self.words: frozenset[str] = frozenset()
        if all(lead is not None for lead in leads):
            self._leads = [lead for lead in leads if lead is not None]
            self.words = frozenset(w for lead in self._leads for w in lead)
            self._scan = WordScan(dict.fromkeys(self.words), word_start)

    @property
    def anchored(self) -> bool:
        """Whether every phrase has leading letters (else every search is a full scan)."""
        return self._scan is not None

    def share(self, index: AnchorIndex, slot: int) -> None:
        """Take candidates from ``index``'s scan (slot ``slot``) instead of an own scan."""
        self._index, self._slot = index, slot

    def _compile(self, alternatives: Sequence[Alternative]) -> re.Pattern[str]:
        before, after = self._wrap
        return re.compile(before + _join(alternatives) + after, re.IGNORECASE)

    def _for_anchor(self, anchor: str) -> re.Pattern[str] | None:
        """The alternation cut to the phrases that can start where ``anchor`` was found
        (None when none can).

        The anchor scan finds the longest leading literal there, so every other one that fits
        is a prefix of it.
        """
        if anchor in self._by_anchor:
            return self._by_anchor[anchor]
        assert self._leads is not None
        fitting = [
            alt
            for alt, lead in zip(self._alternatives, self._leads, strict=True)
            if any(anchor.startswith(w) for w in lead)
        ]
        found = self._by_anchor[anchor] = self._compile(fitting) if fitting else None
        return found

    def _hits(self, lowered: str, pos: int, end: int) -> list[Hit]:
        if self._index is not None:
            hits = self._index.hits(lowered)[self._slot]
            if pos == 0 and end >= len(lowered):
                return hits
            return [hit for hit in hits if pos <= hit[0] < end]
        assert self._scan is not None
        return [(at, w) for at, w, _ in self._scan.hits(lowered, pos, end)]

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> list[re.Match[str]]:
        """The matches ``pattern.finditer(text, pos, endpos)`` yields, left to right (as a
        list: most sentences have none, and a generator's set-up would cost more than that)."""
        end = len(text) if endpos is None else endpos
        lowered = _folded(text)
        if self._scan is None or len(lowered) != len(text):
            return list(self.pattern.finditer(text, pos, end))
        hits = self._hits(lowered, pos, end)
        if not hits:
            return []
        found: list[re.Match[str]] = []
        resume = pos
        for at, anchor in hits:
            if at < resume:
                continue
            pattern = self._for_anchor(anchor)
            match = pattern.match(text, at, end) if pattern is not None else None
            if match is not None:
                found.append(match)
                resume = max(match.end(), at + 1)
        return found

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """The phrase starting at ``pos``, as ``pattern.match(text, pos, endpos)``."""
        end = len(text) if endpos is None else endpos
        lowered = _folded(text)
        if self._scan is None or len(lowered) != len(text):
            return self.pattern.match(text, pos, end)
        anchor = self._scan.at(lowered, pos)
        pattern = None if anchor is None else self._for_anchor(anchor)
        return None if pattern is None else pattern.match(text, pos, end)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """The first match, as ``pattern.search(text, pos, endpos)``."""
        found = self.finditer(text, pos, endpos)
        return found[0] if found else None


class AnchorIndex:
    """One scan of a sentence for the leading words of several finders' phrases.

    A sentence is read by a dozen finders (scope, periods, weekdays, loss verbs, ...); each
    scanning it for its own leading words cost more than the matching itself. The index scans
    once for all their words and hands each finder the positions where one of its own starts.
    Finders that cannot share (no leading letters, or another ``word_start``) keep their own.
    """

    def __init__(self, finders: Sequence[PhraseFinder]) -> None:
        anchored = [f for f in finders if f.anchored]
        word_start = all(f.word_start for f in anchored)
        self._finders = [f for f in anchored if f.word_start == word_start]
        words = {w for f in self._finders for w in f.words}
        slots = {
            word: tuple(
                i for i, f in enumerate(self._finders) if any(word.startswith(w) for w in f.words)
            )
            for word in words
        }
        self._scan = WordScan(dict(slots), word_start)
        self.hits = functools.lru_cache(maxsize=16)(self._hits)
        for slot, finder in enumerate(self._finders):
            finder.share(self, slot)

    def _hits(self, lowered: str) -> tuple[list[Hit], ...]:
        per: tuple[list[Hit], ...] = tuple([] for _ in self._finders)
        for at, word, slots in self._scan.hits(lowered):
            hit = (at, word)
            for slot in slots:
                per[slot].append(hit)
        return per


def word_scan(words: Iterable[str], word_start: bool = True) -> WordScan:
    """A :class:`WordScan` for ``words`` (no payloads)."""
    return WordScan(dict.fromkeys(words), word_start)


def folded(text: str) -> str:
    """``text`` lower-cased (as ``re.IGNORECASE`` sees it), computed once per sentence."""
    return _folded(text)
