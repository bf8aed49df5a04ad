"""Numbers in a sentence: digits ("68,900", "68 900", "68.900"), decimals with scale words
("1.2 million", "68.9k", "45 ezer", "23 ألفا و500"), number words ("four hundred and eighty" via
text2num where it knows the language, the language file's own list elsewhere), a/an before a
category word, and the report's "(+12)" increments.

Each number comes back with its span in the normalised sentence; whether it is a loss figure is
decided later, by what stands around it.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from losswatch.claims.anchored import folded
from losswatch.claims.language import Lexicon

try:  # text2num is the ``claims`` extra; without it only digits and listed words are read
    from text_to_num import find_numbers as _t2n_find
except ImportError:  # pragma: no cover - exercised only without the extra
    _t2n_find = None


@dataclass(slots=True)
class Number:
    """A number found in a normalised sentence (built by the thousand: slotted, not frozen)."""

    start: int
    end: int
    value: int
    kind: str = "digits"  # digits | words | indefinite | increment
    plain: bool = False  # digits without separators or scale (could be a year)
    fraction: bool = False  # a decimal that was not scaled to a whole number
    high: int | None = None  # the upper end of a range ("400-500", "between 400 and 500")


#: More digits than this is not a loss figure (and ``int()`` of thousands of digits raises).
MAX_DIGITS = 15


def _too_long(digits: str) -> bool:
    return len(digits) > MAX_DIGITS and sum(ch.isdigit() for ch in digits) > MAX_DIGITS


#: The separators the digit pattern allows inside a number ("68,900", "68 900", "68.900").
_SEPARATORS = str.maketrans("", "", ",. '")


def _int(digits: str) -> int:
    return int(digits.translate(_SEPARATORS))


@functools.cache
def _digits_re(scale_re: str) -> re.Pattern[str]:
    scale = scale_re or "(?!x)x"
    return re.compile(
        # the report's "(+12)", also glued to its total ("403720(+1290)") and with words
        # inside ("(+16 over the past day)", "(+16 за минувшие сутки)")
        r"(?:\(\s*\+\s*(?P<inc>\d{1,3}(?:[, .]\d{3})*(?![\d])|\d+)(?:\s+[^()\d]{1,40})?\s*\)"
        r"|(?<![\d.,/])(?:(?P<dec>\d+[.,]\d+)(?P<dsp>\s?)(?P<dscale>" + scale + r")"
        r"|(?P<int>\d{1,3}(?:(?P<sep>[,.' ])\d{3})(?:(?P=sep)\d{3})*(?![\d])|\d+(?![\d]))"
        r"(?:(?P<isp>\s?)(?P<iscale>" + scale + r"))?"
        r"(?P<frac>[.,]\d+(?![\d]))?))",
        re.IGNORECASE,
    )


#: Every number starts with a digit or "(" ("(+12)"): the scan jumps between those.
_NUMBER_START = re.compile(r"[(\d]")


def _digit_matches(text: str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, trying the pattern only where a number can start.

    The pattern opens with a look-behind, which keeps ``re`` from skipping ahead by first
    character: tried at every position it cost four times this scan.
    """
    pos = 0
    while (start := _NUMBER_START.search(text, pos)) is not None:
        found = pattern.match(text, start.start())
        if found is None:
            pos = start.start() + 1
            continue
        yield found
        pos = found.end()


_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+|[^\w\s]")


class _Tok:
    """The token shape text2num's ``find_numbers`` wants."""

    __slots__ = ("t",)

    def __init__(self, t: str) -> None:
        self.t = t

    def text(self) -> str:
        return self.t

    def nt_separated(self, previous: object) -> bool:
        return False

    def not_a_number_part(self) -> bool:
        return False


def _scaled(lex: Lexicon, word: str | None, spaced: str | None) -> int | None:
    """The multiplier of a scale word; single letters ("k", "m") only when written solid."""
    if not word:
        return 1
    if len(word) == 1 and spaced:
        return None
    return lex.scale_words.get(word.lower())


def find(text: str, lex: Lexicon) -> list[Number]:
    """Every number in ``text`` (a normalised sentence), left to right, none overlapping."""
    found: list[Number] = []
    too_long: list[Number] = []  # not figures, but not to be re-read as words either
    for m in _digit_matches(text, _digits_re(lex.scale_re)):
        if _too_long(m.group("inc") or m.group("dec") or m.group("int")):
            too_long.append(Number(m.start(), m.end(), 0))
            continue
        if m.group("inc"):
            found.append(Number(m.start(), m.end(), _int(m.group("inc")), "increment"))
            continue
        if m.group("dec"):
            mult = _scaled(lex, m.group("dscale"), m.group("dsp"))
            if mult is None:
                continue
            scaled = float(m.group("dec").replace(",", ".")) * mult
            if math.isfinite(scaled):
                found.append(Number(m.start(), m.end(), round(scaled)))
            continue
        digits = m.group("int")
        mult = _scaled(lex, m.group("iscale"), m.group("isp"))
        end = m.end()
        if mult is None:
            mult, end = 1, m.end("int")
        if m.group("frac") and mult == 1:
            found.append(Number(m.start(), m.end(), 0, fraction=True))
            continue
        value = _int(digits) * mult
        if mult > 1:
            value, end = _joined(text, end, value, mult, lex)
        plain = mult == 1 and m.group("sep") is None
        found.append(Number(m.start(), end, value, plain=plain))
    found.extend(_words(text, lex, found + too_long))
    found.sort(key=lambda n: n.start)
    out: list[Number] = []
    for n in found:  # a joined number ("412 bin 350") covers the digits after it
        if not out or n.start >= out[-1].end:
            out.append(n)
    return out


_THOUSANDS_REST = re.compile(r"\s+(\d{3})(?![\d]|[.,]\d)")


def _joined(text: str, end: int, value: int, mult: int, lex: Lexicon) -> tuple[int, int]:
    """ "23 ألفا و500", "412 bin 350", "45万9530": a scaled number, a joiner (or, after
    thousands, just a space before three digits; or none) and a smaller number add up."""
    if mult == 1000:
        rest = _THOUSANDS_REST.match(text, end)
        if rest is not None:
            return value + int(rest.group(1)), rest.end()
    for joiner in lex.scale_joiners:
        m = re.compile(
            r"\s*" + re.escape(joiner) + r"\s*(\d{1,3}(?:,\d{3})+|\d{1,4})(?![\d])"
        ).match(text, end)
        if m and int(m.group(1).replace(",", "")) < mult:
            return value + int(m.group(1).replace(",", "")), m.end()
    return value, end


def _overlaps(start: int, end: int, taken: list[Number]) -> bool:
    return any(n.start < end and start < n.end for n in taken)


def _words(text: str, lex: Lexicon, taken: list[Number]) -> list[Number]:
    """Number words: the language file's own list first (its multi-word entries, "half a
    million", are more specific than text2num's reading of "million"), then text2num."""
    out: list[Number] = []
    if lex.number_word_re is not None:
        for m in lex.number_word_re.finditer(text):
            if _overlaps(m.start(), m.end(), taken) or _overlaps(m.start(), m.end(), out):
                continue
            value = lex.number_words.get(" ".join(m.group().split()))
            if value is not None:
                out.append(Number(m.start(), m.end(), value, "words"))
    hint = lex.number_word_hint
    if lex.text2num and _t2n_find is not None and (hint is None or hint.search(folded(text))):
        spans = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        tokens = [_Tok(text[a:b]) for a, b in spans]
        for occ in _t2n_find(tokens, lex.text2num, 0.0):
            if (
                occ.is_ordinal
                or not math.isfinite(occ.value)
                or occ.value != int(occ.value)
                or occ.value >= 10**MAX_DIGITS
            ):
                continue
            start, end = spans[occ.start][0], spans[occ.end - 1][1]
            if (
                any(ch.isdigit() for ch in text[start:end])
                or _overlaps(start, end, taken)
                or _overlaps(start, end, out)
            ):
                continue
            out.append(Number(start, end, int(occ.value), "words"))
    if lex.indefinite_re is not None:
        for m in lex.indefinite_re.finditer(text):
            if not _overlaps(m.start(), m.end(), taken) and not _overlaps(m.start(), m.end(), out):
                out.append(Number(m.start(), m.end(), 1, "indefinite"))
    return out


_AND = re.compile(r"\s*(?:and|und|i|e|y|és|та|і|و|na|at|ve|și)\s*", re.IGNORECASE)


def _shared_scale(low: int, high: int) -> int:
    """ "50-70 000", "600-700 thousand", "1-2 million": the low end shares the high end's
    scale when it is written short (at most three digits, the high end whole thousands)."""
    if low >= 1000 or high % 1000 or low * 100 > high:
        return low
    scaled = low
    while scaled * 1000 <= high:
        scaled *= 1000
    return scaled


def ranges(text: str, nums: list[Number], lex: Lexicon) -> list[Number]:
    """Merge "400-500", "400 to 500" and "between 400 and 500" into one number with ``high``."""
    out: list[Number] = []
    i = 0
    while i < len(nums):
        a = nums[i]
        b = nums[i + 1] if i + 1 < len(nums) else None
        if b is not None and a.kind == b.kind == "digits" and a.value < b.value:
            gap = text[a.end : b.start]
            joined = lex.range_joiner_re is not None and lex.range_joiner_re.fullmatch(gap)
            between = (
                lex.range_prefix_re is not None
                and _AND.fullmatch(gap)
                and lex.range_prefix_re.search(text, 0, a.start)
            )
            if joined or between:
                start = between.start() if between else a.start
                low = _shared_scale(a.value, b.value)
                out.append(Number(start, b.end, low, "digits", high=b.value))
                i += 2
                continue
        out.append(a)
        i += 1
    return out
