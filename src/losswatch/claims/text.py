"""Text plumbing for the extractor: sentence spans and a matching-friendly normal form.

Matching runs on a normalised copy (lower case, one kind of space, apostrophe, dash and digit,
Arabic diacritics removed) so the language files need list only one spelling. The copy keeps a
map back to the original offsets, because every claim reports its span in the article as given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ONE_TO_ONE = str.maketrans(
    {
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u2007": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\t": " ",
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u066c": ",",
        "\u066b": ".",
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
    }
)
#: any character _ONE_TO_ONE maps: ``str.translate`` with a table is slow, so it runs only
#: on the sentences that have one
_MAPPED = re.compile("[" + "".join(re.escape(chr(c)) for c in _ONE_TO_ONE) + "]")
_DROPPED = re.compile("[\u064b-\u065f\u0670\u0640\u00ad\u200b-\u200f]")


@dataclass(frozen=True)
class Normalized:
    """A normalised string and, when characters were dropped, each one's original offset."""

    text: str
    offsets: tuple[int, ...] | None = None

    def original(self, index: int) -> int:
        """The offset in the original string of normalised offset ``index`` (end allowed)."""
        if self.offsets is None:
            return index
        if index >= len(self.offsets):
            return (self.offsets[-1] + 1) if self.offsets else index
        return self.offsets[index]


def normalize(text: str) -> Normalized:
    """Lower-case ``text`` and unify spaces, quotes, dashes and digits, keeping offsets."""
    mapped = text.translate(_ONE_TO_ONE) if _MAPPED.search(text) else text
    lowered = mapped.lower()
    if len(lowered) == len(mapped) and not _DROPPED.search(lowered):
        return Normalized(lowered)
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(mapped):
        if _DROPPED.fullmatch(ch):
            continue
        low = ch.lower()
        low = low if len(low) == 1 else ch
        chars.append(low)
        offsets.append(i)
    return Normalized("".join(chars), tuple(offsets))


_ABBREVIATIONS = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr st gen lt col maj capt sgt "
    "no nos vs approx ca etc e.g i.e inc ltd jr sr prof gov rep sen pres dept est fig vol art "
    "ul ok tys mln mld ds tzw np itd ім ст тис млн р".split()
)
_BOUNDARY = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019\u00bb)\]]*\s+|\n+")
_LAST_WORD = re.compile(r"([^\W\d_][\w.]*)\.$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: ends at .!?… before white space, or at a line break.

    A full stop after an abbreviation ("Feb. 24", "Nov. 12") or before a lower-case word does
    not end a sentence; numbers such as "68.900" are never split because no space follows.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if "\n" not in m.group():
            nxt = text[m.end() : m.end() + 1]
            if nxt and nxt.islower():
                continue
            word = _LAST_WORD.search(text[max(start, m.start() - 12) : m.start() + 1])
            if word and word.group(1).lower() in _ABBREVIATIONS and not nxt.isupper():
                continue
            if word and len(word.group(1)) == 1 and word.group(1).isupper():
                continue
        end = m.start() + len(m.group().rstrip())  # keep the full stop, drop the space
        _add(spans, text, start, end)
        start = m.end()
    _add(spans, text, start, len(text))
    return spans


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
