"""The official report parser against every recorded real text, and against broken input.

The recorded texts under ``shared/data/sources/official_en`` and ``official_uk`` cover the
variants the post went through (see their PROVENANCE.txt); a sample that does not parse is a
parser bug, so nothing here is skipped per file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from losswatch import categories
from losswatch.errors import ParseError
from losswatch.models import ParsedFigure, ParseOutcome
from losswatch.sources.base import RawDocument, date_in_name
from losswatch.sources.official import (
    OfficialEnglish,
    OfficialUkrainian,
    html_to_text,
    parse_report_text,
)

D = dt.date.fromisoformat
EN, UK = OfficialEnglish(), OfficialUkrainian()

# Files whose header names another date than the file name. 2023-12-29: the kmu.gov.ua page
# (og:url ...-po-29122023) was published with the previous day's header "from 24.02.22 to
# 28.12.23", although its figures are the 29th's (28th + increments): the publication date wins.
HEADER_TYPOS = {"official_en/2023-12-29.txt": D("2023-12-29")}


def parse_file(path: Path, media_type: str = "text/plain") -> ParseOutcome:
    adapter = UK if "official_uk" in path.parts else EN
    return adapter.parse(
        RawDocument(
            url=path.as_uri(),
            content=path.read_bytes(),
            media_type=media_type,
            hint_date=date_in_name(path.name),
        )
    )


def relative_path(doc: RawDocument, sources_dir: Path) -> str:
    path = Path(unquote(urlparse(doc.url).path))
    return path.relative_to(sources_dir.resolve()).as_posix()


def by_category(outcome: ParseOutcome) -> dict[str, ParsedFigure]:
    return {figure.category: figure for figure in outcome.figures}


def figure_of(sources_dir: Path, relative: str, key: str) -> ParsedFigure:
    return by_category(parse_file(sources_dir / relative))[key]


def comparable(outcome: ParseOutcome) -> list[tuple[dt.date, str, int | None, int | None]]:
    return sorted((f.report_date, f.category, f.value, f.stated_increment) for f in outcome.figures)


# --- every recorded text -------------------------------------------------------------------


def test_recorded_documents_are_the_dated_texts(sources_dir: Path) -> None:
    en = [d.url.rsplit("/", 1)[-1] for d in EN.recorded_documents(sources_dir)]
    uk = [d.url for d in UK.recorded_documents(sources_dir)]
    assert len(en) == len(list((sources_dir / "official_en").glob("20*.txt"))) > 600
    assert "PROVENANCE.txt" not in en and all(name.endswith(".txt") for name in en)
    assert sum("/telegram/" in url for url in uk) == 2
    assert len(uk) == len(list((sources_dir / "official_uk").glob("20*.txt"))) + 2


def test_every_recorded_text_parses_to_its_date(sources_dir: Path) -> None:
    problems: list[str] = []
    warned: set[str] = set()
    count = 0
    for adapter in (EN, UK):
        for doc in adapter.recorded_documents(sources_dir):
            count += 1
            relative = relative_path(doc, sources_dir)
            try:
                outcome = adapter.parse(doc)
            except ParseError as exc:
                problems.append(f"{relative}: {exc}")
                continue
            expected = HEADER_TYPOS.get(relative, doc.hint_date)
            dates = {figure.report_date for figure in outcome.figures}
            keys = [figure.category for figure in outcome.figures]
            if len(outcome.figures) < 10 or dates != {expected} or len(set(keys)) != len(keys):
                problems.append(f"{relative}: {len(outcome.figures)} figures, dates {dates}")
            if any(f.value is not None and f.value < 0 for f in outcome.figures):
                problems.append(f"{relative}: negative value")
            if outcome.warnings:
                warned.add(relative)
    assert count > 680
    assert problems == []
    # Every other file parses without a single warning (no label goes unrecognised).
    assert warned == {
        "official_en/2022-07-31.txt",  # "vehicles and fuel tanks ‒ (+2)."
        "official_en/2023-12-29.txt",  # header names the 28th, see HEADER_TYPOS
        "official_uk/telegram/2022-04-30.telegram_repost.txt",
    }  # channel comment


def test_header_typo_of_2023_12_29_is_reported(sources_dir: Path) -> None:
    outcome = parse_file(sources_dir / "official_en/2023-12-29.txt")
    assert {f.report_date for f in outcome.figures} == {D("2023-12-29")}
    assert any("differs from the hint date 2023-12-29" in w for w in outcome.warnings)
    before = by_category(parse_file(sources_dir / "official_en/2023-12-28.txt"))
    for key, figure in by_category(outcome).items():  # the figures are the 29th's
        previous, increment = before[key].value, figure.stated_increment
        assert previous is not None and increment is not None
        assert figure.value == previous + increment, key


# --- concrete values -----------------------------------------------------------------------


def test_en_2022_10_26(sources_dir: Path) -> None:
    figures = by_category(parse_file(sources_dir / "official_en/2022-10-26.txt"))
    assert (figures["personnel"].value, figures["personnel"].stated_increment) == (68900, 480)
    assert (figures["tanks"].value, figures["tanks"].stated_increment) == (2628, 17)
    vehicles = figures["vehicles_fuel_tanks"]
    assert (vehicles.value, vehicles.stated_increment) == (4076, 22)
    assert figures["personnel"].location == "line 1"
    assert {f.report_date for f in figures.values()} == {D("2022-10-26")}


def test_en_2022_04_12_before_the_merge_and_without_increments(sources_dir: Path) -> None:
    outcome = parse_file(sources_dir / "official_en/2022-04-12.txt")
    figures = by_category(outcome)
    assert {
        k: figures[k].value for k in ("military_auto", "fuel_tanks", "mobile_srbm", "ships")
    } == {"military_auto": 1406, "fuel_tanks": 76, "mobile_srbm": 4, "ships": 7}
    assert figures["personnel"].value == 19600
    assert all(f.stated_increment is None for f in outcome.figures)
    assert {f.report_date for f in outcome.figures} == {D("2022-04-12")}  # year from the hint
    assert "vehicles_fuel_tanks" not in figures and outcome.warnings == []


def test_en_2024_01_19_thousands_separators(sources_dir: Path) -> None:
    figures = by_category(parse_file(sources_dir / "official_en/2024-01-19.txt"))
    assert (figures["personnel"].value, figures["personnel"].stated_increment) == (374520, 920)
    assert (figures["tanks"].value, figures["tanks"].stated_increment) == (6167, 20)


@pytest.mark.parametrize("relative", ["official_en/2024-03-23.txt", "official_uk/2024-03-23.txt"])
def test_bilingual_2024_03_23(sources_dir: Path, relative: str) -> None:
    figures = by_category(parse_file(sources_dir / relative))
    assert (figures["submarines"].value, figures["submarines"].stated_increment) == (1, 0)
    assert (figures["personnel"].value, figures["personnel"].stated_increment) == (435760, 1050)
    assert figures["ships"].value == 26 and figures["vehicles_fuel_tanks"].value == 14344
    assert len(figures) == 14


def test_bilingual_header_and_no_space_before_increment(sources_dir: Path) -> None:
    outcome = parse_file(sources_dir / "official_uk/2024-02-19.txt")
    personnel = by_category(outcome)["personnel"]
    assert (personnel.value, personnel.stated_increment) == (403720, 1290)
    assert personnel.report_date == D("2024-02-19") and outcome.warnings == []


def test_uk_2022_07_08(sources_dir: Path) -> None:
    outcome = parse_file(sources_dir / "official_uk/2022-07-08.txt")
    personnel = by_category(outcome)["personnel"]
    assert (personnel.value, personnel.stated_increment) == (36900, 250)
    assert len(outcome.figures) == 13 and outcome.warnings == []  # closing lines ignored


def test_telegram_2022_04_30(sources_dir: Path) -> None:
    outcome = parse_file(sources_dir / "official_uk/telegram/2022-04-30.telegram_repost.txt")
    figures = by_category(outcome)
    assert (figures["mlrs"].value, figures["mlrs"].stated_increment) == (151, None)
    assert (figures["personnel"].value, figures["personnel"].stated_increment) == (23200, 200)
    assert figures["mobile_srbm"].value == 4 and figures["fuel_tanks"].value == 76
    # The reposting channel's own comment ("Юбилей - 1000 танков") is flagged, not counted.
    assert len(outcome.warnings) == 1 and "Юбилей" in outcome.warnings[0]


def test_telegram_2022_08_21(sources_dir: Path) -> None:
    outcome = parse_file(sources_dir / "official_uk/telegram/2022-08-21.telegram_repost.txt")
    figures = by_category(outcome)
    assert len(figures) == 13 and outcome.warnings == []
    assert (figures["tanks"].value, figures["tanks"].stated_increment) == (1912, 5)
    assert figures["cruise_missiles"].stated_increment is None


def test_two_figures_run_together_on_one_line(sources_dir: Path) -> None:
    figures = by_category(parse_file(sources_dir / "official_en/2022-09-24.txt"))
    assert (figures["ships"].value, figures["vehicles_fuel_tanks"].value) == (15, 3681)
    assert figures["ships"].location == figures["vehicles_fuel_tanks"].location


def test_increment_without_value_is_kept_and_flagged(sources_dir: Path) -> None:
    outcome = parse_file(sources_dir / "official_en/2022-07-31.txt")
    vehicles = by_category(outcome)["vehicles_fuel_tanks"]
    assert (vehicles.value, vehicles.stated_increment) == (None, 2)
    assert any("only an increment" in w for w in outcome.warnings)


def test_damaged_labels_seen_in_real_texts(sources_dir: Path) -> None:
    assert figure_of(sources_dir, "official_en/2023-02-24.txt", "ships").value == 18  # "boats"
    # "-aircraft warfare systems" (the kmu page lost "Anti")
    assert figure_of(sources_dir, "official_en/2024-01-07.txt", "air_defense").value == 637


# --- raw HTML gives the same figures as the text -----------------------------------------


@pytest.mark.parametrize("folder", ["official_en", "official_uk"])
def test_raw_html_matches_text(sources_dir: Path, folder: str) -> None:
    # Every fragment, not a sample: all of them parse in well under a second.
    pages = sorted((sources_dir / folder / "raw_html").glob("*.html"))
    assert len(pages) > (500 if folder == "official_en" else 50)
    mismatched = []
    for page in pages:
        text = sources_dir / folder / f"{date_in_name(page.name)}.txt"
        from_html, from_text = parse_file(page, "text/html"), parse_file(text)
        if comparable(from_html) != comparable(from_text):
            mismatched.append(page.name)
    assert mismatched == []


def test_html_to_text_lays_out_blocks_like_a_browser() -> None:
    markup = (
        "<html><head><style>p {}</style><script>var a = 'tanks ‒ 9';</script></head>"
        "<body><p>The total combat losses of the enemy from 24.02 to\n   01.07 were</p>"
        "<ul><li><strong>tanks</strong>&nbsp;&#8210; 1577 (+4),</li><li>APV ‒ 3736</li>"
        "</ul></body></html>"
    )
    assert html_to_text(markup).splitlines() == [
        "The total combat losses of the enemy from 24.02 to 01.07 were",
        "tanks \u2012 1577 (+4),",
        "APV ‒ 3736",
    ]


# --- synthetic variants --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "key", "value", "increment"),
    [
        ("personnel \u2012 about 68900 (+480) persons were liquidated,", "personnel", 68900, 480),
        ("personnel \u2014\u00a0about 18\u00a0355 (+500) persons,", "personnel", 18355, 500),
        ("особового складу – близько 1 234 560 (+1 050) осіб", "personnel", 1234560, 1050),
        ("personnel - about 1,234,560 (+1,050) persons", "personnel", 1234560, 1050),
        ("tanks ‒ 6167(+20),", "tanks", 6167, 20),
        ("• особового складу - ліквідовано близько 23200 (+200), ", "personnel", 23200, 200),
        ("APV ‒ 1946 од,", "afv", 1946, None),
        ("невідома мітка / tanks ‒ 5 (+1) од,", "tanks", 5, 1),
        ("засоби ППО / unknown english ‒ 5 (+1)", "air_defense", 5, 1),
        ("tanks ‒ 12 (‒2),", "tanks", 12, -2),
    ],
)
def test_line_variants(line: str, key: str, value: int, increment: int | None) -> None:
    outcome = parse_report_text(line, hint_date=D("2024-05-01"))
    assert [(f.category, f.value, f.stated_increment) for f in outcome.figures] == [
        (key, value, increment)
    ]


def test_prose_lines_are_ignored_and_unknown_labels_warned() -> None:
    text = (
        "The total combat losses of the enemy from 24.02.2022 to 12.01.2024 were:\n"
        "tanks ‒ 6000 (+10),\n"
        "Russian enemy suffered the greatest losses (of the past day) in the Sievierodonetsk "
        "direction (3th brigade of the 41nd Army).\n"
        "flying saucers ‒ 3 (+1),\n"
        "Data are being updated.\n"
    )
    outcome = parse_report_text(text, hint_date=None)
    assert [(f.report_date, f.category, f.location) for f in outcome.figures] == [
        (D("2024-01-12"), "tanks", "line 2")
    ]
    assert outcome.warnings == ["line 4: unknown label 'flying saucers' with figure 3 ignored"]


def test_absurdly_long_numbers_are_skipped_not_crashed_on() -> None:
    # int() refuses strings over 4300 digits with a ValueError; that must not escape.
    outcome = parse_report_text(
        "tanks ‒ " + "1" * 5000 + "\nAPV ‒ 5 (+" + "2" * 5000 + ")\nMLRS ‒ 7",
        hint_date=D("2023-01-01"),
    )
    assert [(f.category, f.value) for f in outcome.figures] == [("mlrs", 7)]
    assert len(outcome.warnings) == 2


@pytest.mark.parametrize(
    ("header", "hint", "expected"),
    [
        # the publication date (hint) wins a disagreement with the header (see 2023-12-29)
        ("from 24.02 to 31.12 were approximately:", D("2023-01-01"), D("2023-01-01")),
        ("from 24.02 to 31.12 were approximately:", D("2022-12-31"), D("2022-12-31")),
        ("з 24.02.22 по 19.02.24 орієнтовно склали:", None, D("2024-02-19")),
        ("from 24.02.2022 to 12.01.2024 were approximately:", D("2024-01-12"), D("2024-01-12")),
        ("tanks only, no header", D("2022-05-05"), D("2022-05-05")),
    ],
)
def test_report_date(header: str, hint: dt.date | None, expected: dt.date) -> None:
    outcome = parse_report_text(f"{header}\ntanks ‒ 10 (+1)", hint_date=hint)
    assert outcome.figures[0].report_date == expected


@pytest.mark.parametrize(
    ("text", "hint", "message"),
    [
        ("from 24.02 to 12.04 were approximately:\ntanks ‒ 10", None, "no year"),
        ("tanks ‒ 10 (+1)", None, "no report date"),
        ("from 24.02.2023 to 31.02.2023:\ntanks ‒ 10", None, "not a calendar date"),
        ("from 24.02.2019 to 12.03.2019:\ntanks ‒ 10", None, "before the invasion"),
        ("Data are being updated.", D("2023-01-01"), "no loss figures"),
        ("", D("2023-01-01"), "no loss figures"),
    ],
)
def test_parse_errors(text: str, hint: dt.date | None, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_report_text(text, hint_date=hint)


@pytest.mark.parametrize(
    "content",
    [
        b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>"
        b"<body><h1>502 Bad Gateway</h1><hr><center>nginx/1.24.0</center></body></html>",
        b"<html><body><p>Page not found - 404</p></body></html>",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"\xff\xfe\x00\xd8a\x00",  # a UTF-16 BOM, then a lone surrogate (UTF-16 text is read)
        b"",
    ],
)
def test_adapter_rejects_non_reports(content: bytes) -> None:
    raw = RawDocument(
        url="https://mod.gov.ua/x",
        content=content,
        media_type="text/html",
        hint_date=D("2026-08-22"),
    )
    with pytest.raises(ParseError):
        UK.parse(raw)


def test_live_page_url_becomes_the_source_url() -> None:
    url = "https://mod.gov.ua/news/bojovi-vtrati-voroga-na-22-serpnya-2026-roku"
    page = (
        "<html><head><title>Бойові втрати ворога на 22 серпня 2026 року</title></head><body>"
        "<nav><a href='/'>Головна</a></nav><article><h1>Бойові втрати ворога</h1>"
        "<p>Загальні бойові втрати противника з 24.02.22 по 22.08.26 орієнтовно склали:</p>"
        "<p>особового складу ‒ близько 1&nbsp;475&nbsp;270 (+1&nbsp;030) осіб</p>"
        "<p>танків ‒ 12&nbsp;292 (+3)</p></article></body></html>"
    )
    outcome = UK.parse(
        RawDocument(
            url=url, content=page.encode(), media_type="text/html", hint_date=D("2026-08-22")
        )
    )
    assert [(f.category, f.value, f.stated_increment, f.source_url) for f in outcome.figures] == [
        ("personnel", 1475270, 1030, url),
        ("tanks", 12292, 3, url),
    ]
    assert outcome.warnings == []


# --- live URLs -------------------------------------------------------------------------------


def test_ukrainian_live_urls() -> None:
    requests = UK.live_requests(latest=D("2026-08-07"), today=D("2026-08-09"))
    assert [r.url for r in requests] == [
        "https://mod.gov.ua/news/bojovi-vtrati-voroga-na-8-serpnya-2026-roku",
        "https://mod.gov.ua/news/bojovi-vtrati-voroga-na-9-serpnya-2026-roku",
    ]
    assert [r.hint_date for r in requests] == [D("2026-08-08"), D("2026-08-09")]
    assert all(r.expect == ("html",) for r in requests)
    january = UK.live_requests(latest=D("2026-01-31"), today=D("2026-02-01"))
    assert [r.url.rsplit("/", 1)[-1] for r in january] == [
        "bojovi-vtrati-voroga-na-1-lyutogo-2026-roku"
    ]


def test_english_live_urls_and_window() -> None:
    requests = EN.live_requests(latest=None, today=D("2026-08-22"))
    assert [r.hint_date for r in requests][0] == D("2026-08-15") and len(requests) == 8
    assert requests[-1].url == (
        "https://mod.gov.ua/en/news/the-total-combat-losses-of-the-"
        "enemy-from-24-02-2022-to-22-08-2026"
    )
    assert EN.live_requests(latest=D("2026-08-22"), today=D("2026-08-22")) == []


# --- never anything but ParseError -----------------------------------------------------------

SAMPLES = (
    "official_en/2022-04-12.txt",
    "official_en/2022-10-26.txt",
    "official_en/2024-01-19.txt",
    "official_en/2024-02-19.txt",
    "official_uk/2022-07-08.txt",
    "official_uk/telegram/2022-04-30.telegram_repost.txt",
    "official_en/raw_html/2022-07-01.JJ.html",
    "official_uk/raw_html/2024-01-26.JG.html",
)
ALPHABET = st.sampled_from(list("0123456789 ()+-‒–—/.,:\n<>&;#\u00a0•aboutлизькоtnks"))


def check_outcome(outcome: ParseOutcome) -> None:
    assert outcome.figures
    for figure in outcome.figures:
        assert figure.category in categories.KEYS
        assert figure.value is None or figure.value >= 0


@settings(max_examples=200, deadline=None)
@given(text=st.text(), hint=st.none() | st.dates(D("2022-02-24"), D("2030-12-31")))
def test_random_text_only_raises_parse_error(text: str, hint: dt.date | None) -> None:
    try:
        check_outcome(parse_report_text(text, hint_date=hint))
    except ParseError:
        pass


@st.composite
def mutated(draw: st.DrawFn, original: str) -> str:
    chars = list(original)
    for _ in range(draw(st.integers(1, 25))):
        op = draw(st.sampled_from(("delete", "insert", "replace")))
        at = draw(st.integers(0, max(len(chars) - 1, 0)))
        if op == "delete" and chars:
            del chars[at]
        elif op == "insert":
            chars.insert(at, draw(ALPHABET | st.characters()))
        elif chars:
            chars[at] = draw(ALPHABET | st.characters())
    return "".join(chars)


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_mutated_reports_only_raise_parse_error(sources_dir: Path, data: st.DataObject) -> None:
    relative = data.draw(st.sampled_from(SAMPLES))
    text = data.draw(mutated((sources_dir / relative).read_text(encoding="utf-8")))
    media_type = "text/html" if relative.endswith(".html") else "text/plain"
    raw = RawDocument(
        url="file:///x",
        content=text.encode("utf-8", "surrogatepass"),
        media_type=media_type,
        hint_date=data.draw(st.none() | st.just(date_in_name(relative))),
    )
    try:
        check_outcome(EN.parse(raw))
    except ParseError:
        pass


@settings(max_examples=200, deadline=None)
@given(content=st.binary(max_size=400), media_type=st.sampled_from(["text/html", "text/plain"]))
def test_random_bytes_only_raise_parse_error(content: bytes, media_type: str) -> None:
    try:
        check_outcome(
            UK.parse(
                RawDocument(
                    url="x", content=content, media_type=media_type, hint_date=D("2024-01-01")
                )
            )
        )
    except ParseError:
        pass
