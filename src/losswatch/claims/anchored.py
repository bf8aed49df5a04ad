"""Phrase alternations tried only where one of their phrases can start.

Python's ``re`` tries a case-insensitive alternation of a few hundred phrases at every
position of a sentence, and a look-behind at its front stops the engine from skipping
positions by their first character. Most of a claim check went into such scans. A
:class:`PhraseFinder` first finds where a phrase can begin - a word starting with the
leading letters of some phrase, found by one case-sensitive scan of plain literals over the
lower-cased text, which the engine skips through by first character - and tries the full
pattern only there. Its matches are those of ``pattern.finditer`` (a test compares the two
over every shared article and labelled sentence). An :class:`AnchorIndex` does that first scan
once per sentence for all the finders of a language.
"""

from __future__ import annotations

import functools
import re
import re._constants as sre
import re._parser as sre_parse
from collections.abc import Iterable, Sequence

#: Characters ``re.IGNORECASE`` equates with an ASCII letter whose ``str.lower`` differs:
#: folded so a word written with them is still a candidate.
_FOLD = str.maketrans({"ı": "i", "ſ": "s", "\u212a": "k", "ς": "σ", "\u1e9e": "ß"})
_FOLDED_CHARS = re.compile("[ıſ\u212aς\u1e9e]")  # translate() only when needed: it is slow


def leading_literals(regex_source: str) -> set[str] | None:
    """The lower-case strings every match of ``regex_source`` starts with (one of them).

    Read from the parsed pattern (``re``'s own parser), so "since\\s+...", "feb(?:ruary)?" and
    "(?:innerhalb|binnen)\\s+..." all have theirs. None when a match may start with anything
    (a character class, an optional first word): such a phrase list is scanned in full.
    """
    try:
        return _leads(list(sre_parse.parse(regex_source)))
    except (re.error, TypeError, ValueError, IndexError):
        return None


def _leads(items: list[tuple[object, object]]) -> set[str] | None:
    literal = ""
    for op, av in items:
        char = chr(av) if op is sre.LITERAL else ""  # type: ignore[arg-type]
        if not (char.isalnum() or char == "_"):
            break  # word characters only: a candidate then never spans two words
        literal += char.lower()
    if literal:
        return {literal}
    if not items:
        return None
    op, av = items[0]
    if op is sre.BRANCH:
        branches = [_leads(list(branch)) for branch in av[1]]  # type: ignore[index]
        if any(b is None for b in branches):
            return None
        return {lead for b in branches if b for lead in b}
    if op is sre.SUBPATTERN:
        return _leads(list(av[-1]))  # type: ignore[index]
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:  # type: ignore[index]
        return _leads(list(av[2]))  # type: ignore[index]
    return None


@functools.lru_cache(maxsize=32)
def _folded(text: str) -> str:
    """Lower-cased once per sentence, however many finders look at it."""
    lowered = text.lower()
    return lowered.translate(_FOLD) if _FOLDED_CHARS.search(lowered) else lowered


#: One alternative of a finder: a named group (its name says what the phrase means) or None,
#: and the phrase's regex source.
Alternative = tuple[str | None, str]


def _join(alternatives: Sequence[Alternative]) -> str:
    return (
        "|".join(
            f"(?P<{name}>{source})" if name else f"(?:{source})" for name, source in alternatives
        )
        or r"(?!x)x"
    )


class PhraseFinder:
    """``pattern.finditer`` for a case-insensitive alternation of phrases at word edges.

    ``before`` + the alternation + ``after`` is :attr:`pattern`; ``before`` must make every
    match start at a word edge with the phrase itself. Where a phrase can start, only the
    phrases whose leading letters are there are tried (in their order in the alternation, so
    the same one wins).
    """

    def __init__(
        self,
        alternatives: Sequence[Alternative],
        before: str = r"(?<![\w])(?:",
        after: str = r")(?![\w])",
    ) -> None:
        self._wrap = (before, after)
        self._alternatives = list(alternatives)
        self.pattern = self._compile(self._alternatives)
        leads = [leading_literals(source) for _, source in self._alternatives]
        self._leads: list[set[str]] | None = None
        self._anchors: re.Pattern[str] | None = None
        self._by_anchor: dict[str, re.Pattern[str] | None] = {}
        #: the shared scan this finder takes its candidates from, and its slot there
        self._index: AnchorIndex | None = None
        self._slot = 0
        self.words: frozenset[str] = frozenset()
        if all(lead is not None for lead in leads):
            self._leads = [lead for lead in leads if lead is not None]
            self.words = frozenset(w for lead in self._leads for w in lead)
            self._anchors = _word_scan(self.words)

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

    def _hits(self, lowered: str, pos: int, end: int) -> list[tuple[int, str]]:
        if self._index is not None:
            hits = self._index.hits(lowered)[self._slot]
            if pos == 0 and end >= len(lowered):
                return hits
            return [hit for hit in hits if pos <= hit[0] < end]
        assert self._anchors is not None
        return [(m.start(), m.group()) for m in self._anchors.finditer(lowered, pos, end)]

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> list[re.Match[str]]:
        """The matches ``pattern.finditer(text, pos, endpos)`` yields, left to right (as a
        list: most sentences have none, and a generator's set-up would cost more than that)."""
        end = len(text) if endpos is None else endpos
        lowered = _folded(text)
        if self._anchors is None or len(lowered) != len(text):
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
        if self._anchors is None or len(lowered) != len(text):
            return self.pattern.match(text, pos, end)
        hit = self._anchors.match(lowered, pos)
        pattern = None if hit is None else self._for_anchor(hit.group())
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
    """

    def __init__(self, finders: Sequence[PhraseFinder]) -> None:
        self._finders = [f for f in finders if f._anchors is not None]
        words = frozenset(w for f in self._finders for w in f.words)
        self._scan = _word_scan(words)
        self._targets: dict[str, tuple[int, ...]] = {}
        self.hits = functools.lru_cache(maxsize=16)(self._hits)
        for slot, finder in enumerate(self._finders):
            finder._index, finder._slot = self, slot

    def _slots_for(self, word: str) -> tuple[int, ...]:
        """The finders with a leading word that ``word`` (the longest found) starts with."""
        slots = self._targets.get(word)
        if slots is None:
            slots = self._targets[word] = tuple(
                i for i, f in enumerate(self._finders) if any(word.startswith(w) for w in f.words)
            )
        return slots

    def _hits(self, lowered: str) -> tuple[list[tuple[int, str]], ...]:
        per: tuple[list[tuple[int, str]], ...] = tuple([] for _ in self._finders)
        targets = self._targets
        for m in self._scan.finditer(lowered):
            hit = (m.start(), m.group())
            for slot in targets.get(hit[1]) or self._slots_for(hit[1]):
                per[slot].append(hit)
        return per


def _word_scan(words: Iterable[str]) -> re.Pattern[str]:
    """Where one of ``words`` starts a word (the longest one there).

    The words go in as a trie ("s(?:ince|ix)|t(?:otal|he)"): at each position the engine
    then tests one branch per first letter instead of one per word.
    """
    return re.compile(r"(?<!\w)(?:" + (_trie(set(words)) or r"(?!x)x") + ")")


def _trie(words: set[str]) -> str:
    by_first: dict[str, set[str]] = {}
    for word in words:
        if word:
            by_first.setdefault(word[0], set()).add(word[1:])
    parts = []
    for first, tails in sorted(by_first.items()):
        rest = _trie(tails)
        optional = "?" if "" in tails else ""  # greedy: the longer word is tried first
        parts.append(re.escape(first) + (f"(?:{rest}){optional}" if rest else ""))
    return "|".join(parts)


def folded(text: str) -> str:
    """``text`` lower-cased (as ``re.IGNORECASE`` sees it), computed once per sentence."""
    return _folded(text)
