"""Text plumbing for the extractor: sentence spans and a matching-friendly normal form.

Matching runs on a normalised copy (lower case, one kind of space, apostrophe, dash and digit,
Arabic diacritics removed) so the language files need list only one spelling. The copy keeps a
map back to the original offsets, because every claim reports its span in the article as given.
"""

from __future__ import annotations

import functools
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
        # full-width forms (Japanese, Chinese, Korean text): digits and the signs around them
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "\uff0c": ",",
        "\uff0e": ".",
        "\uff1a": ":",
        "\uff08": "(",
        "\uff09": ")",
        "\uff0b": "+",
        "\uff05": "%",
        "\u3001": ",",
        "\u3000": " ",
    }
)
#: Greek vowels with an accent or diaeresis -> without: headlines in capitals drop the accents
#: ("ΑΡΜΑΤΑ ΜΑΧΗΣ" for "άρματα μάχης"), so both text and phrases are matched without them
_GREEK_ACCENTS = str.maketrans(
    dict(zip("άέήίόύώΐΰϊϋΆΈΉΊΌΎΏΪΫ", "αεηιουωιυιυΑΕΗΙΟΥΩΙΥ", strict=True))
)
_ONE_TO_ONE.update(_GREEK_ACCENTS)


def fold_accents(text: str) -> str:
    """``text`` with Greek accents dropped (as :func:`normalize` drops them)."""
    return text.translate(_GREEK_ACCENTS)


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
_BOUNDARY = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019\u00bb)\]]*\s+|\n+|[\u3002\uff01\uff1f]+\s*")
#: "am 1. Mai 2023", "24. února": a day's ordinal before a month name ends no sentence
_ORDINAL = re.compile(r"(?<![\d.])\d{1,2}\.$")
_NEXT_WORD = re.compile(r"[^\W\d_]+")
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
            if _ORDINAL.search(text, max(start, m.start() - 3), m.start() + 1) and _is_month(
                text, m.end()
            ):
                continue
        end = m.start() + len(m.group().rstrip())  # keep the full stop, drop the space
        _add(spans, text, start, end)
        start = m.end()
    _add(spans, text, start, len(text))
    return spans


def _is_month(text: str, pos: int) -> bool:
    """Whether the word at ``pos`` is a month name of any language file."""
    word = _NEXT_WORD.match(text, pos)
    return word is not None and word.group().lower() in _month_names()


@functools.cache
def _month_names() -> frozenset[str]:
    from losswatch.claims.language import available, spec

    return frozenset(w.lower() for code in available() for m in spec(code).months for w in m)


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
