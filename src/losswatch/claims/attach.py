"""Which loss category a number counts: the words beside it, or the figure it belongs to.

The category word may follow the number ("2,628 tanks"), precede it ("tanks: 2,628", Swahili
"vifaru 5,739"), surround it ("mifumo 923 ya kurushia makombora"), or be implied: a bare number
in brackets after a figure ("1 907 tankot (ebből tegnap nyolcat)", "(+12)"), "including 1,250",
or a topic named in the sentence ("For tanks, ... 428 destroyed"). Each rule returns a
:class:`Draft`; a number no rule claims is not a loss figure and is not reported.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from losswatch.claims import numbers
from losswatch.claims.language import Lexicon, phrase_regex, raw
from losswatch.claims.model import Claim

_WORD_CHAR = re.compile(r"\w")
#: letters (and a hyphen) right before digits: a model name ("T-72", "Su-25"), not a figure
_MODEL_PREFIX = re.compile(r"[a-z\u0400-\u04ff]-?$")


@dataclass
class Mention:
    """Category words found in a sentence."""

    start: int
    end: int
    readings: tuple[str, ...]
    used: bool = False


@dataclass(slots=True)
class Draft:
    """A number tied to a category, before scope and date are read."""

    nstart: int
    nend: int
    start: int
    end: int
    value: int
    readings: tuple[str, ...]
    term: str | None
    via: str | None = None
    mention_start: int | None = None
    high: int | None = None
    increment: bool = False


class Mentions:
    """Category words of one sentence, looked up only where a number needs them (a full scan
    of every sentence with hundreds of phrases would dominate the checker's run time)."""

    def __init__(self, masked: str, lex: Lexicon) -> None:
        self.masked, self.lex = masked, lex
        self.used: set[tuple[int, int]] = set()
        self._at: dict[int, re.Match[str] | None] = {}

    def _make(self, m: re.Match[str] | None) -> Mention | None:
        if m is None:
            return None
        mention = Mention(m.start(), m.end(), self.lex.category_targets[m.lastgroup or ""])
        mention.used = (m.start(), m.end()) in self.used
        return mention

    def _match(self, pos: int) -> re.Match[str] | None:
        """The category phrase starting at ``pos``; each position is matched once."""
        if pos not in self._at:
            self._at[pos] = self.lex.category_re.match(self.masked, pos)
        return self._at[pos]

    def starting_at(self, pos: int) -> Mention | None:
        return self._make(self._match(pos))

    def ending_at(self, pos: int) -> Mention | None:
        """The phrase ``finditer`` over the 60 characters before ``pos`` finds ending there.

        That scan is replayed over the positions where a phrase can start, with the matches
        remembered: one number per position would otherwise cost 60 attempts of the whole
        category pattern. A match found without the ``pos`` limit is the same one while it
        ends by ``pos`` and no word character follows there.
        """
        lo, masked, starts = max(0, pos - 60), self.masked, self.lex.category_start_re
        last: re.Match[str] | None = None
        if starts is None or (pos < len(masked) and _WORD_CHAR.match(masked, pos)):
            for m in self.lex.category_re.finditer(masked, lo, pos):
                last = m
        else:
            resume = lo
            for start in starts.finditer(masked, lo, pos):
                at = start.start()
                if at < resume:
                    continue
                found = self._match(at)
                if found is not None and found.end() > pos:
                    found = self.lex.category_re.match(masked, at, pos)
                if found is not None:
                    last, resume = found, found.end()
        return self._make(last if last is not None and last.end() == pos else None)

    def use(self, mention: Mention) -> None:
        self.used.add((mention.start, mention.end))

    def topic(self) -> Mention | None:
        """A category named as the sentence's topic: "For tanks, ...", "As for artillery"."""
        if self.lex.topic_re is None:
            return None
        for m in self.lex.topic_re.finditer(self.masked):
            mention = self.starting_at(m.end())
            if mention is not None and not mention.used:
                return mention
        return None


def attach(
    n: numbers.Number, norm: str, masked: str, mentions: Mentions, lex: Lexicon, drafts: list[Draft]
) -> Draft | None:
    """A draft claim for number ``n`` if a category word stands beside it."""
    if n.kind == "increment":
        prev = drafts[-1] if drafts else None
        if prev is not None and n.start - prev.end <= 40:
            return replace(
                prev,
                nstart=n.start,
                nend=n.end,
                start=n.start,
                end=n.end,
                value=n.value,
                via="increment",
                increment=True,
                high=None,
                mention_start=None,
            )
        return None
    if excluded(n, norm, lex):
        return None
    split = _split_mention(n, masked, lex)
    if split is not None:
        return split
    right = _right_mention(n, masked, mentions, lex)
    if n.kind == "indefinite" and right is None:
        return None
    left = None
    if n.kind != "indefinite" and (right is None or lex.order == "noun_first"):
        left = _left_mention(n, masked, mentions, lex)
    chosen = right if right is not None else left
    if right is not None and left is not None and lex.order == "noun_first":
        chosen = left
    via = None
    if chosen is None and n.kind != "indefinite":
        chosen, via = _label_mention(n, masked, mentions, lex), "list_label"
    if chosen is None:
        if n.plain and 1900 <= n.value <= 2100:
            return None
        return (
            _inside_parentheses(n, norm, drafts)
            or _included(n, norm, lex, drafts)
            or _total_of(n, norm, lex, drafts)
        )
    if n.plain and 1900 <= n.value <= 2100 and chosen is left:
        return None
    mentions.use(chosen)
    start, end = (n.start, chosen.end) if chosen is right else (chosen.start, n.end)
    return Draft(
        n.start,
        n.end,
        start,
        end,
        n.value,
        chosen.readings,
        norm[chosen.start : chosen.end],
        via=via,
        mention_start=chosen.start,
        high=n.high,
    )


def excluded(n: numbers.Number, norm: str, lex: Lexicon) -> bool:
    """Distances, percentages, money, ages, durations, model names ("T-72") and ordinals."""
    if lex.exclude_after_re.match(norm, n.end):
        return True
    before = norm[max(0, n.start - 12) : n.start]
    if lex.exclude_before_re.search(before):
        return True
    return n.kind == "digits" and _MODEL_PREFIX.search(before) is not None


def _split_mention(n: numbers.Number, masked: str, lex: Lexicon) -> Draft | None:
    """A category phrase around the number: "mifumo 923 ya kurushia makombora"."""
    for left_re, right_re, targets in lex.split_categories:
        left = left_re.search(masked, max(0, n.start - 40), n.start)
        right = right_re.match(masked, n.end) if left else None
        if left and right:
            term = (
                f"{masked[left.start() : left.end()].strip()} # "
                f"{masked[right.start() : right.end()].strip()}"
            )
            return Draft(
                n.start,
                n.end,
                left.start(),
                right.end(),
                n.value,
                targets,
                term,
                mention_start=left.start(),
            )
    return None


#: weapon designations: "two Su-25 jets", "one Mi-8 helicopter", "three T-90 tanks"; the
#: designation names the category when no word does ("a Ka-52")
DESIGNATION = re.compile(
    r"(?<![\w])(?:(?P<p>mig|su|tu|il|yak|an|be|mi|ka|t|bmp|btr|bmd|mt-lb|tos|bm|pantsir|tor|buk|zsu|kh|"
    r"shahed|orlan|lancet|geran|zala)"
    r"-?\d{1,3}[a-zа-я]{0,4}(?:[-/][\w]+)?(?![\w])|"
    r"(?P<c>мі|ка|су|ту|т|бмп|бтр)-?\d{1,3}[а-яa-z]{0,4}(?![\w]))"
)
_DESIGNATED = {
    **dict.fromkeys(("mig", "su", "tu", "il", "yak", "an", "be", "су", "ту"), "aircraft"),
    **dict.fromkeys(("mi", "ka", "мі", "ка"), "helicopters"),
    **dict.fromkeys(("t", "т"), "tanks"),
    **dict.fromkeys(("bmp", "btr", "bmd", "mt-lb", "бмп", "бтр"), "afv"),
    **dict.fromkeys(("tos", "bm"), "mlrs"),
    **dict.fromkeys(("pantsir", "tor", "buk", "zsu"), "air_defense"),
    "kh": "cruise_missiles",
    **dict.fromkeys(("shahed", "orlan", "lancet", "geran", "zala"), "uav"),
}


def _right_mention(
    n: numbers.Number, masked: str, mentions: Mentions, lex: Lexicon
) -> Mention | None:
    m = lex.filler_re.match(masked, n.end)
    pos = m.end() if m else n.end
    found = mentions.starting_at(pos)
    model = DESIGNATION.match(masked, pos) if found is None else None
    if model is not None:
        after = lex.filler_re.match(masked, model.end())
        found = mentions.starting_at(after.end() if after else model.end())
        if found is None or found.used:
            key = model.group("p") or model.group("c") or ""
            cat = _DESIGNATED.get(key)
            if cat is None:
                return None
            return Mention(pos, model.end(), (cat,))
    return found if found is not None and not found.used else None


def _left_mention(
    n: numbers.Number, masked: str, mentions: Mentions, lex: Lexicon
) -> Mention | None:
    window_start = max(0, n.start - 80)
    tail = lex.link_tail_re.search(masked, window_start, n.start)
    pos = tail.start() if tail else n.start
    while pos > 0 and masked[pos - 1].isspace():
        pos -= 1
    found = mentions.ending_at(pos)
    if found is None:  # "losses, according to the president, now stand at 180 000"
        aside = _ASIDE.search(masked, max(0, pos - 60), pos)
        if aside is not None and lex.report_marker_re.search(aside.group()):
            found = mentions.ending_at(aside.start())
    if found is not None and found.readings[:1] == ("personnel",):
        found = _modifier(found, masked, mentions) or found
    return found if found is not None and not found.used else None


#: a parenthetical between a category word and its figure: ", за словами президента, наразі"
_ASIDE = re.compile(r"\s*,[^,\d]{3,50},[^,\d]{0,30}$")


def _modifier(head: Mention, masked: str, mentions: Mentions) -> Mention | None:
    """ "tank losses rose to 6,498": a category word right before a generic head noun
    ("losses", "військових втрат") names what is counted."""
    pos = head.start
    while pos > 0 and masked[pos - 1] == " ":
        pos -= 1
    if pos == head.start or pos == 0:
        return None
    before = mentions.ending_at(pos)
    if before is None or before.readings[:1] == ("personnel",):
        return None
    return before


#: the start of a list item: a line, a bullet, or a ";" / "," not inside a number
_ITEM_START = re.compile(r"(?:^|[;•·*]|,(?!\d)|\n|^\s*-\s)\s*")
#: a label ends with a dash or colon before its figure (maybe with a qualifier between)
_LABEL_END = re.compile(r"[-:=]\s*(?:[^\W\d]+[/.]?\s*){0,3}$")


def _label_mention(
    n: numbers.Number, masked: str, mentions: Mentions, lex: Lexicon
) -> Mention | None:
    """A list line "label — figure": "танків / tanks ‒ 6498 (+11) од", "• tanks — 9 419".

    The label may hold a translation or a qualifier between its category word and the
    figure, so the first category phrase anywhere in the label counts, as long as the label
    ends with a dash or colon and belongs to this item alone (no other number in it).
    """
    near = masked[max(0, n.start - 40) : n.start]
    if "-" not in near and ":" not in near and "=" not in near:
        return None  # the common case, without a regex
    lo = max(0, n.start - 120)
    segment = masked[lo : n.start]
    starts = [m.end() for m in _ITEM_START.finditer(segment)]
    begin = lo + (starts[-2] if len(starts) > 1 and starts[-1] == len(segment) else starts[-1])
    label = masked[begin : n.start]
    if not _LABEL_END.search(label) or any(ch.isdigit() for ch in label):
        return None
    for m in lex.category_re.finditer(masked, begin, n.start):
        mention = mentions.starting_at(m.start())
        if mention is not None and not mention.used:
            return mention
    return None


def _inside_parentheses(n: numbers.Number, norm: str, drafts: list[Draft]) -> Draft | None:
    """ "1 907 tankot (ebből tegnap nyolcat)": a bare number in brackets after a figure."""
    if not drafts:
        return None
    prev = drafts[-1]
    opened = norm.rfind("(", 0, n.start)
    if opened < prev.end or opened - prev.end > 3:
        return None
    if ")" in norm[opened : n.start]:
        return None
    return _inherit(n, prev, "parenthesis")


def _included(n: numbers.Number, norm: str, lex: Lexicon, drafts: list[Draft]) -> Draft | None:
    """ "346,070 ... including 1,250": an unnamed number inside a named one."""
    if not drafts or lex.inclusion_tail_re is None:
        return None
    if not lex.inclusion_tail_re.search(norm[drafts[-1].end : n.start]):
        return None
    return _inherit(n, drafts[-1], "inclusion")


@functools.cache
def _total_re(code: str) -> re.Pattern[str] | None:
    """ "bringing the total to", "the overall toll now stands at": a total word, then a few
    words without a number, right before a bare figure (language key ``total_words``)."""
    words = raw(code).get("total_words", [])
    if not words:
        return None
    alts = "|".join(f"(?:{phrase_regex(w)})" for w in sorted(words, key=len, reverse=True))
    return re.compile(f"(?<![\\w])(?:{alts})(?![\\w])[^\\d.;!?]{{0,40}}$", re.IGNORECASE)


def _total_of(
    n: numbers.Number, norm: str, lex: Lexicon, before: Sequence[Draft | Claim]
) -> Draft | None:
    """A bare figure after "the total" is a running total of one of the categories of the
    figures before it (in the sentence, or the sentence before): the nearest first, then the
    others, as readings the checker tries in turn ("lost 1,290 soldiers, 11 tanks and 34
    AFVs; in total 403,720")."""
    pattern = _total_re(lex.code)
    if pattern is None or not before or n.kind != "digits":
        return None
    if not pattern.search(norm, max(0, n.start - 60), n.start):
        return None
    readings: list[str] = []
    for prev in reversed(before):
        readings += [r for r in prev.readings if r not in readings]
    if not readings:
        return None
    term = before[-1].term
    return Draft(
        n.start, n.end, n.start, n.end, n.value, tuple(readings), term, via="total", high=n.high
    )


def _inherit(n: numbers.Number, prev: Draft, via: str) -> Draft:
    return Draft(n.start, n.end, n.start, n.end, n.value, prev.readings, prev.term, via=via)


_COORDINATED = re.compile(
    r"\s*(?:,|\s(?:and|or|und|oder|i|lub|albo|e|ed|o|y|și|sau|és|vagy|ve|veya|та|і|й|або|و|at|o|na|au|a|ja|tai|και|и|или|dan|atau|et|ou)\s)\s*"
)


def coordinated(nums: list[numbers.Number], norm: str, drafts: list[Draft]) -> None:
    """ "5,400 and 6,600 in August and September respectively", "between 400 and 500 tanks":
    a bare number joined by "and" / a comma to a figure whose category word stands on the
    far side takes that category."""
    by_start = {d.nstart: d for d in drafts}
    for i, n in enumerate(nums):
        if n.start in by_start or n.kind != "digits" or (n.plain and 1900 <= n.value <= 2100):
            continue
        for j in (i + 1, i - 1):
            if not 0 <= j < len(nums) or nums[j].start not in by_start:
                continue
            other = by_start[nums[j].start]
            a, b = (n.end, nums[j].start) if j > i else (nums[j].end, n.start)
            far = (
                (other.mention_start or 0) > other.nstart
                if j > i
                else (other.mention_start is not None and other.mention_start < other.nstart)
            )
            if far and other.via is None and _COORDINATED.fullmatch(norm, a, b):
                d = Draft(
                    n.start,
                    n.end,
                    n.start,
                    n.end,
                    n.value,
                    other.readings,
                    other.term,
                    via="coordinated",
                    high=n.high,
                )
                drafts.append(d)
                by_start[n.start] = d
                break


def orphans(
    nums: list[numbers.Number],
    norm: str,
    masked: str,
    mentions: Mentions,
    lex: Lexicon,
    drafts: list[Draft],
    previous: list[Claim],
) -> None:
    """Numbers with a loss verb but no category word take the sentence's topic ("For tanks,")
    or, right after a loss verb, the category of the previous sentence's figures."""
    taken = {d.nstart for d in drafts}
    topic = mentions.topic()
    has_verb = lex.loss_verb_re.search(masked) is not None
    term: str | None
    for n in nums:
        if n.start in taken or n.kind != "digits" or n.value < 2 or excluded(n, norm, lex):
            continue
        if n.plain and 1900 <= n.value <= 2100:
            continue
        total = _total_of(n, norm, lex, previous) if previous else None
        if total is not None:
            drafts.append(total)
            continue
        verb_after = lex.verb_after_re.match(masked, n.end) is not None
        if topic is not None and topic.start < n.start and has_verb:
            readings, term = topic.readings, norm[topic.start : topic.end]
        elif verb_after and (before := [d for d in drafts if d.nstart < n.start]):
            readings, term = before[-1].readings, before[-1].term
        elif verb_after and previous and previous[-1].readings:
            readings, term = previous[-1].readings, previous[-1].term
        elif _fragment_after_source(masked, previous):
            readings, term = previous[-1].readings, previous[-1].term
            drafts.append(
                Draft(n.start, n.end, n.start, n.end, n.value, readings, term, via="fragment")
            )
            continue
        else:
            continue
        drafts.append(Draft(n.start, n.end, n.start, n.end, n.value, readings, term, via="topic"))


#: A sentence of at most this many words, with no category word and no loss verb, continues
#: the one before it ("Up to 500,000 - including the wounded.").
FRAGMENT_WORDS = 8


def _fragment_after_source(masked: str, previous: list[Claim]) -> bool:
    """A short verbless fragment right after a figure someone other than the General Staff
    gave (the president, an estimate) goes on with that speaker's figure: it takes its
    category and speaker, so it is judged as theirs, never as the General Staff's."""
    if not previous or not previous[-1].readings or previous[-1].attributed_to is None:
        return False
    return len(masked.split()) <= FRAGMENT_WORDS
