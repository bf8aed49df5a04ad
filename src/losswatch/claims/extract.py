"""Article text -> sentences -> loss figures (:class:`Claim`).

A number becomes a claim only when something ties it to a loss category: the category word
after it ("2,628 tanks"), before it ("tanks: 2,628", Swahili "vifaru 5,739"), an enclosing
figure ("1 907 tankot (ebből tegnap nyolcat)", "(+12)"), "including 1,250", or a topic named in
the sentence ("For tanks, ... 428 destroyed"). Everything else - distances, dates, years,
ordinals, money, percentages - is not reported at all, so a page of news yields few, relevant
claims. Scope (running total, one day, a period, a record) comes from the nearest scope phrase,
preferring one in the same clause.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import TypeVar

from losswatch.claims import attribution, language, numbers
from losswatch.claims.attach import Draft, Mentions, attach, coordinated, orphans
from losswatch.claims.dates import day_refs, periods
from losswatch.claims.language import Lexicon
from losswatch.claims.model import Claim, DayRef, Period, Qualifier, Scope
from losswatch.claims.text import Normalized, normalize, sentence_spans

_CLAUSE_BREAK = re.compile(r",(?!\d)|[;()]|\s-\s|\s(?:but|while|and\s+(?:the|its|it))\s")
_TOLERANCE = {"upper_bound": 0.03, "upper_bound_loose": 0.05}
#: Bounds on what one sentence is read for, so run time stays linear in the text: real
#: sentences are a few hundred characters with a handful of figures, and text past these
#: limits ("1 1 1 ...", a page without full stops) is not read.
MAX_SENTENCE_CHARS = 2000
MAX_NUMBERS = 200

_Ref = TypeVar("_Ref", DayRef, Period)


@dataclass
class _Phrase:
    start: int
    end: int
    kind: str  # cumulative | daily | record | same | period
    text: str
    period: Period | None = None
    weak: bool = False


@dataclass
class _Sentence:
    index: int
    start: int
    norm: Normalized
    original: str


def extract(text: str, lang: str | None = None) -> list[Claim]:
    """Every loss figure in ``text``, in reading order (see the module docstring)."""
    return extract_with_sentences(text, lang)[0]


def extract_with_sentences(
    text: str, lang: str | None = None
) -> tuple[list[Claim], list[tuple[int, int]], str]:
    """Claims, sentence spans and the language used (detected when ``lang`` is None)."""
    code = lang or language.detect(text)
    lex = language.load(code)
    spans = sentence_spans(text)
    claims: list[Claim] = []
    previous: list[Claim] = []
    for index, (start, end) in enumerate(spans):
        sentence = _Sentence(index, start, normalize(text[start:end]), text[start:end])
        found = _sentence_claims(sentence, lex, previous)
        claims.extend(found)
        previous = found
    return claims, spans, code


def _sentence_claims(s: _Sentence, lex: Lexicon, previous: list[Claim]) -> list[Claim]:
    norm = s.norm.text
    if len(norm) > MAX_SENTENCE_CHARS:  # cut at a space, not through a number
        norm = norm[: norm.rfind(" ", 0, MAX_SENTENCE_CHARS) + 1 or MAX_SENTENCE_CHARS]
    found = numbers.find(norm, lex)[:MAX_NUMBERS]
    if all(n.kind == "indefinite" for n in found):
        return []  # most sentences of an article: skip the phrase look-ups
    all_days = day_refs(norm, s.original, s.norm, lex)
    phrases = _phrases(norm, s.original, s.norm, lex, all_days)
    days = [d for d in all_days if not any(p.start <= d.start and d.end <= p.end for p in phrases)]
    nums = numbers.ranges(
        norm,
        [n for n in found if not _inside(n.start, n.end, phrases, days) and not n.fraction],
        lex,
    )
    if not nums:
        return []
    masked = _mask(norm, [(p.start, p.end) for p in phrases] + [(d.start, d.end) for d in days])
    mentions = Mentions(masked, lex)
    drafts: list[Draft] = []
    for n in nums:
        draft = attach(n, norm, masked, mentions, lex, drafts)
        if draft is not None:
            drafts.append(draft)
    coordinated(nums, norm, drafts)
    orphans(nums, norm, masked, mentions, lex, drafts, previous)
    drafts.sort(key=lambda d: d.nstart)
    starts = {d.nstart: d.nend for d in drafts}
    groups = _list_groups(drafts, norm, lex)
    claims = [
        _claim(d, s, norm, phrases, days, lex, previous, starts, g)
        for d, g in zip(drafts, groups, strict=True)
    ]
    claims = _distribute_qualifiers(claims)
    claims = _respectively(claims, phrases, s, lex)
    if claims:
        claims = _attributed(claims, attribution.sources(norm, lex), s)
        claims = [_speaker_of_fragment(c, previous) for c in claims]
    return _records(claims, phrases, s)


def _speaker_of_fragment(c: Claim, previous: list[Claim]) -> Claim:
    """A fragment's figure ("Up to 500,000 - with the wounded.") is the previous speaker's."""
    if c.via != "fragment" or c.attributed_to is not None or not previous:
        return c
    last = previous[-1]
    return replace(
        c,
        attributed_to=last.attributed_to,
        attribution_text=last.attribution_text,
        scope=Scope.CUMULATIVE if last.scope is Scope.CUMULATIVE else c.scope,
    )


@functools.cache
def _respectively_re(code: str) -> re.Pattern[str] | None:
    words = language.raw(code).get("respectively", [])
    if not words:
        return None
    alts = "|".join(f"(?:{language.phrase_regex(w)})" for w in words)
    return re.compile(f"(?<![\\w])(?:{alts})(?![\\w])", re.IGNORECASE)


def _respectively(
    claims: list[Claim], phrases: list[_Phrase], s: _Sentence, lex: Lexicon
) -> list[Claim]:
    """ "5,400 and 6,600 in August and September respectively": with "respectively" (language
    key ``respectively``), the figures before a list of named periods pair with them in order."""
    pattern = _respectively_re(lex.code)
    if pattern is None or len(claims) < 2 or not pattern.search(s.norm.text):
        return claims
    named = sorted((p for p in phrases if p.period is not None), key=lambda p: p.start)
    if len(named) < 2:
        return claims
    before = [
        i for i, c in enumerate(claims) if c.number_end - s.start <= s.norm.original(named[0].start)
    ]
    chosen = before[-len(named) :]
    if len(chosen) != len(named):
        return claims
    out = list(claims)
    for i, p in zip(chosen, named, strict=True):
        period = _moved(p.period, s)
        out[i] = replace(
            out[i],
            scope=Scope.PERIOD,
            scope_explicit=True,
            period=period,
            scope_text=period.text if period else None,
            via=out[i].via or "respectively",
        )
    return out


def _attributed(claims: list[Claim], found: list[attribution.Source], s: _Sentence) -> list[Claim]:
    """Each claim with the source its sentence names for it (see :mod:`.attribution`)."""
    if not found:
        return claims
    o = s.norm.original
    out = []
    for c in claims:
        src = attribution.attribute(found, _norm_at(c, s), s.norm.text)
        if src is not None:
            text = s.original[o(src.start) : o(src.end)]
            c = replace(c, attributed_to=src.estimator, attribution_text=text)
        out.append(c)
    return out


def _norm_at(c: Claim, s: _Sentence) -> int:
    """The normalised offset of a claim's number (claims hold article offsets)."""
    target = c.number_start - s.start
    o = s.norm.original
    if s.norm.offsets is None:
        return target
    lo, hi = 0, len(s.norm.offsets)
    while lo < hi:  # offsets only grow: bisect
        mid = (lo + hi) // 2
        if o(mid) < target:
            lo = mid + 1
        else:
            hi = mid
    return lo


#: figures read from another figure: never a member of a list
_OWN_SCOPE = frozenset({"increment", "inclusion", "parenthesis", "total", "record"})
_LIST_GAP = re.compile(r"[\s,;:]*(?:[^\W\d]+[\s,]+){0,3}")


def _list_groups(
    drafts: list[Draft], norm: str, lex: Lexicon
) -> list[tuple[int, int, frozenset[int]]]:
    """The coordinated list each figure stands in ("11 tanks, 34 armoured vehicles and 24
    artillery systems"): figures joined by commas or a conjunction (a short gap without
    numbers or an inclusion word). Returns, per draft, the list's span and its members'
    number starts: a scope phrase right before or after the list covers all of them."""
    runs: list[list[int]] = []
    last: Draft | None = None
    for i, d in enumerate(drafts):
        if d.via in _OWN_SCOPE:
            runs.append([i])
            continue
        gap = norm[last.end : d.start] if last is not None else None
        if (
            gap is not None
            and len(gap) <= 24
            and _LIST_GAP.fullmatch(gap) is not None
            and (lex.inclusion_re is None or not lex.inclusion_re.search(gap))
        ):
            next(r for r in reversed(runs) if drafts[r[0]].via not in _OWN_SCOPE).append(i)
        else:
            runs.append([i])
        last = d
    out: list[tuple[int, int, frozenset[int]]] = [(0, 0, frozenset())] * len(drafts)
    for run in runs:
        members = [drafts[i] for i in run]
        span = (members[0].start, members[-1].end, frozenset(m.nstart for m in members))
        for i in run:
            out[i] = span
    return out


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def _inside(start: int, end: int, phrases: list[_Phrase], days: list[DayRef]) -> bool:
    return any(p.start <= start and end <= p.end for p in phrases) or any(
        d.start <= start and end <= d.end for d in days
    )


def _phrases(
    norm: str, original: str, nz: Normalized, lex: Lexicon, days: list[DayRef]
) -> list[_Phrase]:
    found = [
        _Phrase(m.start(), m.end(), lex_kind, m.group())
        for m in lex.scope_re.finditer(norm)
        for lex_kind in [_group_kind(lex, m)]
    ]
    for period in periods(norm, original, nz, lex, days):
        found.append(_Phrase(period.start, period.end, "period", period.text, period, period.weak))
    reports = [(d.start, d.end) for d in days if d.role == "report"]
    if len(found) < 2 and not reports:
        return found
    return [p for p in found if not _shadowed(p, found, reports)]


def _shadowed(p: _Phrase, found: list[_Phrase], reports: list[tuple[int, int]]) -> bool:
    """A phrase inside a longer one ("since the beginning" in "since the beginning of the
    year"), one that only closes a period ("in October alone"), or one inside a day that
    names the report ("the previous day's report") does not count on its own."""
    for q in found:
        if q is p:
            continue
        if q.start <= p.start and p.end <= q.end and q.end - q.start > p.end - p.start:
            return True
        if q.kind == "period" and not q.weak and p.kind != "period":
            if 0 <= p.start - q.end <= 2:
                return True
        if q.kind == "record" and p.kind == "cumulative" and 0 <= p.start - q.end <= 12:
            return True  # "the highest daily loss since the invasion began": the record's
    return any(a <= p.start and p.end <= b for a, b in reports)


def _group_kind(lex: Lexicon, m: re.Match[str]) -> str:
    return lex.scope_kinds[m.lastgroup or ""]


def _claim(
    d: Draft,
    s: _Sentence,
    norm: str,
    phrases: list[_Phrase],
    days: list[DayRef],
    lex: Lexicon,
    previous: list[Claim],
    starts: dict[int, int],
    group: tuple[int, int, frozenset[int]],
) -> Claim:
    nstart, nend, start, end = d.nstart, d.nend, d.start, d.end
    qual_kind, qual_text, qstart = _qualifier(norm, nstart, d, lex)
    start = min(start, qstart) if qstart is not None else start
    readings = d.readings
    category = _primary(readings)
    scope, explicit, phrase = _scope(nstart, nend, norm, phrases, days, d, starts, lex, group)
    day = _day_for(nstart, nend, norm, days, scope, lex)
    period = phrase.period if phrase is not None and phrase.kind == "period" else None
    o = s.norm.original
    day = _moved(day, s)
    period = _moved(period, s)
    scope_text = s.original[o(phrase.start) : o(phrase.end)] if phrase else None
    if qstart is not None and qual_text is not None:
        qual_text = s.original[o(qstart) : o(qstart + len(qual_text))]
    leads = [c for c in previous if c.via not in _OWN_SCOPE]
    if leads and (
        (phrase is not None and phrase.kind == "same") or (not explicit and _continues(s))
    ):
        prev = leads[-1]
        scope, explicit, period, day = prev.scope, prev.scope_explicit, prev.period, prev.day
    return Claim(
        sentence_index=s.index,
        start=s.start + o(start),
        end=s.start + o(end),
        number_start=s.start + o(nstart),
        number_end=s.start + o(nend),
        text=s.original[o(start) : o(end)],
        value=d.value,
        language=lex.code,
        scope=scope,
        category=category,
        readings=readings,
        term=d.term,
        qualifier=(
            Qualifier.RANGE
            if d.high is not None
            else Qualifier(qual_kind.replace("_loose", ""))
            if qual_kind
            else None
        ),
        value_high=d.high,
        qualifier_text=qual_text,
        tolerance=_TOLERANCE.get(qual_kind or ""),
        scope_explicit=explicit,
        scope_text=scope_text,
        period=period,
        day=day,
        via=d.via,
    )


def _continues(s: _Sentence) -> bool:
    """A sentence that carries on the one before ("… three cruise missiles, 55 vehicles")."""
    head = s.original.lstrip()[:1]
    return head in ("…", ".") or head.islower()


def _moved(ref: _Ref | None, s: _Sentence) -> _Ref | None:
    """A day or period with its text and offsets as in the article (not the normal form)."""
    if ref is None:
        return None
    a, b = s.norm.original(ref.start), s.norm.original(ref.end)
    return replace(ref, text=s.original[a:b], start=s.start + a, end=s.start + b)


def _primary(readings: tuple[str, ...]) -> str | None:
    for r in readings:
        if r == "untracked":
            return None
        if r == "vehicles":
            return "vehicles_fuel_tanks"
        return r
    return None


def _qualifier(
    norm: str, nstart: int, d: Draft, lex: Lexicon
) -> tuple[str | None, str | None, int | None]:
    anchors = [nstart]
    if d.mention_start is not None and d.mention_start < nstart:
        anchors.append(d.mention_start)
    for anchor in anchors:
        m = lex.qualifier_tail_re.search(norm, max(0, anchor - 40), anchor)
        if m:
            kind = lex.qualifier_kinds[m.lastgroup or ""]
            return kind, m.group().strip(), m.start()
    word = _LAST_WORD.search(norm, max(0, nstart - 30), nstart)
    if word is None or word.group(1) not in _link_words(lex.code):
        return None, None, None  # no link word ("становлять") right before the figure
    return _hedge_before_links(norm, nstart, lex)


_LAST_WORD = re.compile(r"([^\W\d_]+)\s*[:\-]?\s*$")


@functools.cache
def _link_words(code: str) -> frozenset[str]:
    """The language's one-word links ("becomes", "становлять")."""
    return frozenset(w.lower() for w in language.raw(code)["links"] if " " not in w)


@functools.cache
def _hedges(code: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """Every qualifier phrase of a language, found anywhere (not only right before a number)."""
    groups = language.raw(code)["qualifiers"]
    names: dict[str, str] = {}
    parts = []
    for kind, phrases in groups.items():
        for phrase in phrases:
            name = f"h{len(names)}"
            names[name] = kind
            parts.append(f"(?P<{name}>{language.phrase_regex(phrase).lower()})")
    source = "|".join(parts) or "(?!x)x"
    # run on the lower-cased sentence: no IGNORECASE, which is slow on Unicode text
    return re.compile(f"(?<![\\w])(?:{source})(?![\\w])"), names


@functools.lru_cache(maxsize=64)
def _hedges_in(code: str, norm: str) -> tuple[re.Match[str], ...]:
    """The hedges of one sentence, found once for all its figures."""
    return tuple(_hedges(code)[0].finditer(norm))


def _hedge_before_links(
    norm: str, nstart: int, lex: Lexicon
) -> tuple[str | None, str | None, int | None]:
    """ "орієнтовно становлять 412 400": a hedge, then only link words up to the figure."""
    names = _hedges(lex.code)[1]
    last = None
    for m in _hedges_in(lex.code, norm):
        if m.end() >= nstart - 1:
            break
        if m.start() >= nstart - 40:
            last = m
    if last is None:
        return None, None, None
    if not lex.link_tail_re.fullmatch(norm, last.end(), nstart):
        return None, None, None
    return names[last.lastgroup or ""], last.group().strip(), last.start()


def _clause_gap(norm: str, a: int, b: int, lex: Lexicon) -> bool:
    """Whether a clause break (comma, semicolon, bracket, dash, "including") lies between."""
    lo, hi = (a, b) if a <= b else (b, a)
    if _CLAUSE_BREAK.search(norm, lo, hi) is not None:
        return True
    return lex.inclusion_re is not None and lex.inclusion_re.search(norm, lo, hi) is not None


def _distance(p_start: int, p_end: int, nstart: int, nend: int) -> int:
    if p_end <= nstart:
        return nstart - p_end
    if p_start >= nend:
        return p_start - nend
    return 0


def _nearest(p_start: int, p_end: int, starts: dict[int, int], own: int) -> bool:
    """Whether figure ``own`` is (one of) the figures nearest to the phrase, measured to the
    nearer edge of each number ("403,720 (including 1,290 in the past day), 6,498 tanks")."""
    mine = _distance(p_start, p_end, own, starts.get(own, own))
    return all(_distance(p_start, p_end, x, end) >= mine for x, end in starts.items())


def _between(a: int, b: int, starts: dict[int, int], own: int) -> bool:
    lo, hi = (a, b) if a <= b else (b, a)
    return any(lo <= x < hi and x != own for x in starts)


def _scope(
    nstart: int,
    nend: int,
    norm: str,
    phrases: list[_Phrase],
    days: list[DayRef],
    d: Draft,
    starts: dict[int, int],
    lex: Lexicon,
    group: tuple[int, int, frozenset[int]] | None = None,
) -> tuple[Scope, bool, _Phrase | None]:
    """The scope phrase of one figure, nearest first among: those in its clause with no other
    figure in between, then those no other figure stands closer to ("about 85,000 ...,
    including 400 over the past day": the day belongs to the 400), then those in its clause."""
    if d.increment:
        return Scope.DAILY, True, None
    if d.via == "total":
        return Scope.CUMULATIVE, True, None
    strong = [p for p in phrases if not p.weak and p.kind != "record"]
    pool = strong or [p for p in phrases if p.weak]
    same = [p for p in pool if not _clause_gap(norm, p.start, nstart, lex)]
    owned = [p for p in pool if _nearest(p.start, p.end, starts, nstart)]
    near = [p for p in same if p in owned] or owned or same
    if not near and group is not None and len(group[2]) > 1:
        near = _list_phrases(pool, group, starts)
    if near:
        best = min(near, key=lambda p: _distance(p.start, p.end, nstart, nend))
        scope = {"cumulative": Scope.CUMULATIVE, "daily": Scope.DAILY, "period": Scope.PERIOD}.get(
            best.kind, Scope.CUMULATIVE
        )
        return scope, True, best
    if any(
        day.role == "loss"
        and not _clause_gap(norm, day.start, nstart, lex)
        and not _between(day.start, nstart, starts, nstart)
        for day in days
    ):
        return Scope.DAILY, True, None
    return Scope.CUMULATIVE, False, None


def _list_phrases(
    pool: list[_Phrase], group: tuple[int, int, frozenset[int]], starts: dict[int, int]
) -> list[_Phrase]:
    """Scope phrases right before or after a list whose nearest figure is one of its own."""
    gstart, gend, members = group
    out = []
    for p in pool:
        if not (p.end <= gstart and gstart - p.end <= 40) and not (
            p.start >= gend and p.start - gend <= 40
        ):
            continue
        nearest = min(starts, key=lambda x: _distance(p.start, p.end, x, starts[x]))
        if nearest in members:
            out.append(p)
    return out


def _day_for(
    nstart: int, nend: int, norm: str, days: list[DayRef], scope: Scope, lex: Lexicon
) -> DayRef | None:
    """The day a figure is dated by: one in its clause, else (for a day's figure) the nearest,
    else (for a running total) the day of the report ("as of Sunday, ...")."""
    days = [d for d in days if d.role != "start"]
    if not days:
        return None
    same = [d for d in days if not _clause_gap(norm, d.start, nstart, lex)]
    pool = same or ([d for d in days if d.role == "report"] if scope is Scope.CUMULATIVE else days)
    if not pool:
        return None
    return min(pool, key=lambda d: _distance(d.start, d.end, nstart, nend))


def _distribute_qualifiers(claims: list[Claim]) -> list[Claim]:
    """ "almost 200 planes, and 2,500 infantry fighting vehicles": a hedge read once covers
    the round figures listed after it."""
    out: list[Claim] = []
    for c in claims:
        prev = out[-1] if out else None
        if (
            c.qualifier is None
            and prev is not None
            and prev.qualifier is not None
            and prev.qualifier is not Qualifier.RANGE
            and c.value % 100 == 0
            and prev.value % 10 == 0
            and c.via is None
        ):
            c = replace(
                c,
                qualifier=prev.qualifier,
                qualifier_text=prev.qualifier_text,
                tolerance=prev.tolerance,
            )
        out.append(c)
    return out


def _records(claims: list[Claim], phrases: list[_Phrase], s: _Sentence) -> list[Claim]:
    """A record phrase ("the highest since...") adds a record claim for the day's figure
    nearest to it, beside the daily claim itself."""
    records = [p for p in phrases if p.kind == "record"]
    daily = [c for c in claims if c.scope is Scope.DAILY and c.category is not None]
    if records and not daily:  # "the highest since the invasion: 1,160 soldiers"
        loose = [c for c in claims if not c.scope_explicit and c.category is not None]
        claims = [
            replace(c, scope=Scope.DAILY, scope_explicit=True) if c in loose else c for c in claims
        ]
        daily = [c for c in claims if c.scope is Scope.DAILY and c.category is not None]
    if not records or not daily:
        return claims
    rec = records[0]
    o = s.norm.original
    rec_start, rec_end = s.start + o(rec.start), s.start + o(rec.end)
    target = min(daily, key=lambda c: _distance(rec_start, rec_end, c.number_start, c.number_end))
    extra = replace(target, scope=Scope.RECORD, scope_text=rec.text, via="record")
    out = list(claims)
    out.insert(out.index(target) + 1, extra)
    return out
