"""PhraseFinder must find exactly what its full pattern finds, only faster."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from losswatch.claims import language
from losswatch.claims.anchored import PhraseFinder, leading_literals
from losswatch.claims.dates import _date_res
from losswatch.claims.text import normalize, sentence_spans

FINDERS = (
    "scope_re",
    "period_re",
    "weekday_re",
    "relative_re",
    "month_finder",
    "number_word_re",
    "category_re",
    "qualifier_tail_re",
)


def _finders(code: str) -> dict[str, PhraseFinder]:
    lex = language.load(code)
    found = {name: getattr(lex, name) for name in FINDERS if getattr(lex, name) is not None}
    md, _, month_only = _date_res(code)
    return {**found, "month_day": md, "month_only": month_only}


def _spans(matches: object) -> list[tuple[tuple[int, int], str | None, str]]:
    return [(m.span(), m.lastgroup, m.group()) for m in matches]  # type: ignore[attr-defined]


def _assert_same(finder: PhraseFinder, text: str) -> None:
    assert _spans(finder.finditer(text)) == _spans(finder.pattern.finditer(text))
    for pos in range(0, len(text), 7):
        ours, full = finder.match(text, pos, pos + 40), finder.pattern.match(text, pos, pos + 40)
        assert _spans([ours] if ours else []) == _spans([full] if full else [])
        assert _spans(finder.finditer(text, pos, pos + 60)) == _spans(
            finder.pattern.finditer(text, pos, pos + 60)
        )


@pytest.fixture(scope="module")
def real_sentences(shared_dir: Path) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((shared_dir / "articles").glob("*"))]
    for line in (shared_dir / "claims" / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            texts.append(json.loads(line)["sentence"])
    sentences = [normalize(t[a:b]).text for t in texts for a, b in sentence_spans(t)]
    return list(dict.fromkeys(sentences))


def test_leading_literals_come_from_the_parsed_pattern() -> None:
    assert leading_literals(r"since\s+(?:the\s+)?start") == {"since"}
    assert leading_literals(r"(?:innerhalb|binnen|in)\s+24") == {"innerhalb", "binnen", "in"}
    assert leading_literals(r"Feb(?:ruary|\.)?\s+24") == {"feb"}
    assert leading_literals(r"(?:x)+y") == {"x"}
    assert leading_literals(r"dall'inizio") == {"dall"}  # word characters only
    # a match that may start with anything has no anchor: its list is scanned in full
    assert leading_literals(r"(?:the\s+)?total") is None
    assert leading_literals(r"[abc]d") is None
    assert leading_literals(r"(unbalanced") is None


@pytest.mark.parametrize("code", language.available())
def test_finders_match_their_full_patterns_on_real_text(
    code: str, real_sentences: list[str]
) -> None:
    finders = _finders(code)
    for sentence in real_sentences:
        for variant in (sentence, sentence.upper()):
            for finder in finders.values():
                _assert_same(finder, variant)


def test_unanchored_phrases_fall_back_to_the_full_scan() -> None:
    finder = PhraseFinder([("a", r"(?:very\s+)?big"), ("b", "small")])
    assert not finder.anchored
    assert _spans(finder.finditer("a very big and a small one")) == [
        ((2, 10), "a", "very big"),
        ((17, 22), "b", "small"),
    ]


def test_a_longer_phrase_of_the_same_anchor_wins_as_in_the_alternation() -> None:
    finder = PhraseFinder([(None, r"total\s+losses"), (None, "totals"), (None, "total")])
    assert [m.group() for m in finder.finditer("Totals: total losses, total.")] == [
        "Totals",
        "total losses",
        "total",
    ]
    assert finder.match("subtotal", 3) is None  # not at a word edge


_EN_WORDS = sorted(
    {
        w
        for p in language.raw("en")["scope"]["daily"] + ["total", "on", "in"]
        for w in p.split()
        if re.fullmatch(r"[a-z]+", w)
    }
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from([*_EN_WORDS, "the", "Tuesday", "2,628", ",", "x"]), max_size=30),
    st.sampled_from(["", "İ", "ı", "ſ"]),
)
def test_finders_match_on_generated_english(words: list[str], odd: str) -> None:
    text = odd + " ".join(words)
    for finder in _finders("en").values():
        _assert_same(finder, text)


def test_the_number_scan_finds_what_the_full_pattern_finds(real_sentences: list[str]) -> None:
    from losswatch.claims import numbers

    for code in language.available():
        pattern = numbers._digits_re(language.load(code).scale_re)
        for sentence in real_sentences + ["(+12) 1,234 (( 5.6k 1 2 3", "x(+ 3)7,500.25"]:
            assert _spans(numbers._digit_matches(sentence, pattern)) == _spans(
                pattern.finditer(sentence)
            )


def test_the_word_scan_finds_the_longest_word_at_a_word_start() -> None:
    from losswatch.claims.anchored import word_scan

    scan = word_scan({"i", "in", "including", "incl", "the"})
    assert [w for _, w, _ in scan.hits("including in i the other inc thex")] == [
        "including",
        "in",
        "i",
        "the",
        "in",
        "the",
    ]


_JA_PIECES = sorted(
    {
        p
        for section in ("categories", "scope", "qualifiers", "links")
        for v in (
            language.raw("ja")[section].values()
            if isinstance(language.raw("ja")[section], dict)
            else [language.raw("ja")[section]]
        )
        for p in v
        if not p.startswith("re:")
    }
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from([*_JA_PIECES, "3000", "万", "人", "、", "の", "は", " "]), max_size=25)
)
def test_finders_match_inside_unspaced_text(pieces: list[str]) -> None:
    """Japanese: phrases start anywhere, also inside a longer word or right after digits."""
    text = "".join(pieces)
    for finder in _finders("ja").values():
        _assert_same(finder, text)
