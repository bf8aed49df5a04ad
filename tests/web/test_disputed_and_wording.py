"""The dashboard and the API show a disputed figure as disputed, with every value (issue 18),
label the next milestones as such and count days in proper plurals."""

from __future__ import annotations

import re

from losswatch.web.i18n import days, translator
from tests.api.lw_api_support import TestClient


def _aircraft(client: TestClient, day: str) -> dict[str, object]:
    values = client.get(f"/api/v1/reports/{day}").json()["data"]["values"]
    return next(v for v in values if v["category"] == "aircraft")


def test_the_api_marks_a_disputed_figure_and_gives_both_values(web: TestClient) -> None:
    june_3 = _aircraft(web, "2025-06-03")
    assert june_3["disputed"] is True and june_3["alternatives"] == [384, 413]
    june_4 = _aircraft(web, "2025-06-04")
    assert june_4["disputed"] is False and june_4["increment_disputed"] is True
    assert _aircraft(web, "2025-06-10")["increment_disputed"] is False


def test_the_today_page_shows_a_disputed_figure_with_both_values(web: TestClient) -> None:
    html = web.get("/?date=2025-06-03").text
    card = re.search(r'data-category="aircraft">(.*?)</li>', html, re.S)
    assert card is not None
    assert "384 / 413" in card.group(1) and "disputed" in card.group(1)
    assert "(+12)" not in card.group(1)
    next_day = re.search(
        r'data-category="aircraft">(.*?)</li>', web.get("/?date=2025-06-04").text, re.S
    )
    assert next_day is not None and "(+29)" not in next_day.group(1)
    assert "increase not settled" in next_day.group(1)


def test_next_milestones_are_labelled_as_next(web: TestClient) -> None:
    html = web.get("/?date=2022-10-26").text
    assert "<caption>Next milestones</caption>" in html
    assert "<caption>Наступні рубежі</caption>" in web.get("/?date=2022-10-26&lang=uk").text


def test_days_old_in_proper_plurals() -> None:
    assert (days(1, "en"), days(104, "en")) == ("1 day", "104 days")
    assert (days(1, "uk"), days(3, "uk"), days(11, "uk"), days(22, "uk")) == (
        "1 день",
        "3 дні",
        "11 днів",
        "22 дні",
    )
    line = translator("en")("not_out_yet", date="2026-08-22", age=days(104, "en"))
    assert line.endswith("the newest is 104 days old.") and "(s)" not in line
