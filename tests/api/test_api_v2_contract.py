"""The russianwarship.rip layer's contract, written from what its clients need (issue 15).

A client of the upstream API must work against losswatch with only the host name changed. The
schema below is the strictest a client holds (zod ``z.int()``, .NET ``int``, pydantic strict),
written from the field list of shared/data/sources/russianwarship/API.md and the issue — no
client's code: every ``stats`` and ``increase`` value an integer, ``date`` ISO, ``day`` the war
day number, ``resource`` a URL, ``message`` the upstream's, nothing else. Every record of the
full history is checked, from one paged walk (two requests), against that schema and against
the canonical series: a value shown as a day's is that day's, and ``increase`` is the report's.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

import pytest
from fastapi import FastAPI
from pydantic import AfterValidator, BaseModel, ConfigDict, StrictInt, StrictStr, model_validator

from losswatch import categories
from losswatch.api import create_app
from losswatch.api.v2 import v2_keys
from losswatch.series import Series
from tests.api.lw_api_support import FIXED_NOW, TestClient, make_settings

OK = "The data were fetched successfully."
INVALID = "The given data was invalid."
WAR_START = dt.date(2022, 2, 24)
#: The fields API.md lists, all present since the API's first field set; submarines since
#: September 2023 (first reported 2023-09-14).
FIELDS = (
    "personnel_units tanks armoured_fighting_vehicles artillery_systems mlrs aa_warfare_systems "
    "planes helicopters vehicles_fuel_tanks warships_cutters cruise_missiles uav_systems "
    "special_military_equip atgm_srbm_systems"
).split()
SUBMARINES_FROM = dt.date(2023, 9, 14)


def _iso_date(value: str) -> str:
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), value
    dt.date.fromisoformat(value)
    return value


def _url(value: str) -> str:
    parts = urlsplit(value)
    assert parts.scheme in ("http", "https") and parts.netloc, value
    return value


IsoDate = Annotated[StrictStr, AfterValidator(_iso_date)]
Url = Annotated[StrictStr, AfterValidator(_url)]


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")


class WarStatus(Strict):
    code: StrictInt
    alias: StrictStr


class Record(Strict):
    date: IsoDate
    day: StrictInt
    resource: Url | None = None  # a URL or absent; never null
    war_status: WarStatus | None = None  # API.md: optional, seen on statistics/latest
    stats: dict[str, StrictInt]
    increase: dict[str, StrictInt]

    @model_validator(mode="before")
    @classmethod
    def _no_null_resource(cls, data: Any) -> Any:
        assert not (isinstance(data, dict) and "resource" in data and data["resource"] is None)
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Record:
        day = dt.date.fromisoformat(self.date)
        assert self.day == (day - WAR_START).days + 1, (self.date, self.day)
        assert set(self.stats) == set(self.increase), self.date
        required = FIELDS + (["submarines"] if day >= SUBMARINES_FROM else [])
        assert set(required) <= set(self.stats), (self.date, set(required) - set(self.stats))
        assert all(v >= 0 for v in self.stats.values()), self.date
        return self


class One(Strict):
    message: Literal["The data were fetched successfully."]
    data: Record


class Paging(Strict):
    next_url: Url | None
    prev_url: Url | None
    first_url: Url
    last_url: Url


class Page(Strict):
    records: list[Record]
    paging: Paging


class Listing(Strict):
    message: Literal["The data were fetched successfully."]
    data: Page


class Term(Strict):
    title: StrictStr
    icon: StrictStr | None


class Terms(Strict):
    message: Literal["The data were fetched successfully."]
    data: dict[str, Term]


class WarInfoData(Strict):
    current_date: IsoDate
    day: StrictInt
    start_date: IsoDate
    war_status: WarStatus


class WarInfo(Strict):
    message: Literal["The data were fetched successfully."]
    data: WarInfoData


class ErrorBody(BaseModel):
    """The upstream's error (message + errors by field), with losswatch's problem members."""

    model_config = ConfigDict(strict=True, extra="allow")
    message: Literal["The given data was invalid."]
    errors: dict[str, list[StrictStr]]
    code: StrictStr
    status: StrictInt


def walk(client: TestClient, url: str, **headers: str) -> Iterator[dict[str, Any]]:
    """Every page of a listing, following ``next_url`` as a downloader does."""
    next_url: str | None = url
    while next_url:
        response = client.get(next_url, headers=headers)
        assert response.status_code == 200, response.text[:300]
        page = Listing.model_validate_json(response.content).data
        yield response.json()["data"]
        next_url = page.paging.next_url


@pytest.fixture(scope="module")
def history(client: TestClient) -> list[dict[str, Any]]:
    """The whole history as the listing serves it (limit 1000: two requests)."""
    return [r for page in walk(client, "/api/v2/statistics?limit=1000") for r in page["records"]]


def _category(key: str, day: dt.date) -> categories.Category:
    cat = categories.for_source_key("russianwarship", key, day)
    assert cat is not None, key
    return cat


def test_every_record_of_the_history_meets_the_strict_schema(
    history: list[dict[str, Any]], real_series: Series
) -> None:
    report_dates = real_series.dates("personnel")
    assert [r["date"] for r in history] == [d.isoformat() for d in reversed(report_dates)]
    assert len(history) > 1600
    for record in history:  # Listing validated each page; once more, one record at a time
        Record.model_validate(record)


def test_no_value_is_shown_as_a_day_it_is_not(
    history: list[dict[str, Any]], real_series: Series
) -> None:
    """A category the report carries shows that report's value and stated increase; one the
    report lacks that day (a gap) is left out, never carried forward."""
    left_out = 0
    for record in history:
        day = dt.date.fromisoformat(record["date"])
        for key in v2_keys():
            cat = _category(key, day)
            if not cat.active_on(day):
                continue
            value = real_series.value(cat.key, day)
            if value is None:
                assert key not in record["stats"], (record["date"], key)
                left_out += 1
                continue
            assert record["stats"][key] == value, (record["date"], key)
            stated = real_series.increment(cat.key, day)
            if stated is not None:
                assert record["increase"][key] == stated, (record["date"], key)
    assert left_out >= 14  # ground_robotic_systems, missing from 2026-08-09 to the latest


def test_increase_on_first_days_and_correction_days(client: TestClient) -> None:
    first = client.get("/api/v2/statistics/2022-02-25").json()["data"]
    assert first["increase"]["tanks"] == first["stats"]["tanks"] > 0  # the value itself
    assert first["increase"]["cruise_missiles"] == first["stats"]["cruise_missiles"] == 0
    robots = client.get("/api/v2/statistics/2026-05-03").json()["data"]
    assert robots["increase"]["ground_robotic_systems"] == robots["stats"]["ground_robotic_systems"]
    # 2023-05-28 corrected tanks from 3,799 to 3,797 and stated +3: v2 serves the +3
    before = client.get("/api/v2/statistics/2023-05-27").json()["data"]["stats"]["tanks"]
    corrected = client.get("/api/v2/statistics/2023-05-28").json()["data"]
    assert (before, corrected["stats"]["tanks"], corrected["increase"]["tanks"]) == (3799, 3797, 3)


def test_latest_is_todays_and_holds_no_stale_value(client: TestClient) -> None:
    latest = One.model_validate_json(client.get("/api/v2/statistics/latest").content).data
    assert latest.date == "2026-08-22"
    assert latest.war_status is not None and latest.war_status.alias == "active"
    assert "ground_robotic_systems" not in latest.stats  # missing from the report since 08-09
    assert (
        "ground_robotic_systems"
        in client.get("/api/v2/statistics/2026-08-08").json()["data"]["stats"]
    )


@pytest.mark.parametrize(
    "path",
    [
        "/statistics/latest",
        "/statistics/2022-11-24",
        "/statistics?limit=2&offset=2&date_from=2022-11-01",
        "/terms/en",
        "/terms/ua",
    ],
)
def test_the_upstreams_v1_paths_are_aliases_of_v2(client: TestClient, path: str) -> None:
    v1, v2 = client.get(f"/api/v1{path}"), client.get(f"/api/v2{path}")
    assert v1.status_code == v2.status_code == 200
    if path.startswith("/statistics?"):  # paging links name the path the client called
        Listing.model_validate_json(v1.content)
        assert v1.text.replace("/api/v1/", "/api/v2/") == v2.text
        assert "/api/v1/statistics?" in v1.json()["data"]["paging"]["next_url"]
    else:
        assert v1.content == v2.content


def _regex(template: str) -> re.Pattern[str]:
    pattern = re.sub(r"\{[^}:]+:path\}", ".+", template)
    return re.compile(re.sub(r"\{[^}]+\}", "[^/]+", pattern) + "$")


def test_no_route_shadows_another(app: FastAPI, client: TestClient) -> None:
    """The upstream's v1 aliases and losswatch's own /api/v1 share a prefix: no template of
    one may match a path of the other, and each answers in its own shape."""
    own = [p for p in app.openapi()["paths"] if p.startswith("/api/v1/")]
    aliases = ["/api/v1/statistics/latest", "/api/v1/statistics/2022-11-24"]
    aliases += ["/api/v1/statistics", "/api/v1/terms/en"]
    assert len(own) > 15
    assert not [(t, a) for t in own for a in aliases if _regex(t).match(a)]
    alias_templates = ["/api/v1/statistics/latest", "/api/v1/statistics/{date}"]
    alias_templates += ["/api/v1/statistics", "/api/v1/terms/{lang}"]
    concrete = [re.sub(r"\{[^}]+\}", "tanks", t) for t in own]
    assert not [(t, c) for t in alias_templates for c in concrete if _regex(t).match(c)]
    assert set(client.get("/api/v1/latest").json()) == {"data", "meta"}
    assert set(client.get("/api/v1/statistics/latest").json()) == {"message", "data"}
    # the literal "latest" is not read as a date by /statistics/{date}
    assert client.get("/api/v2/statistics/latest").json()["data"]["date"] == "2026-08-22"


def test_war_info_names_a_date_that_has_a_record(client: TestClient) -> None:
    info = WarInfo.model_validate_json(client.get("/api/v2/war-info").content).data
    day = info.current_date
    listing = client.get(f"/api/v2/statistics?offset=0&limit=50&date_from={day}&date_to={day}")
    records = Listing.model_validate_json(listing.content).data.records
    assert [r.date for r in records] == [day] and records[0].day == info.day
    assert info.start_date == "2022-02-24"
    titles = set()
    for lang in ("en", "ua", "EN", "Ua", "uk"):
        status = client.get(f"/api/v2/war-info/status/{lang}")
        assert status.status_code == 200, lang
        body = status.json()
        assert body["message"] == OK
        assert body["data"]["code"] == info.war_status.code
        titles.add(body["data"]["title"])
    assert len(titles) == 2  # one English, one Ukrainian


def test_terms_in_english_and_ukrainian_in_any_case(
    client: TestClient, sources_dir: Path, history: list[dict[str, Any]]
) -> None:
    upstream = json.loads(
        (sources_dir / "russianwarship" / "terms_en__transcribed.json").read_text("utf-8")
    )
    bodies = {lang: client.get(f"/api/v2/terms/{lang}") for lang in ("en", "EN", "En", "ua")}
    bodies |= {lang: client.get(f"/api/v2/terms/{lang}") for lang in ("UA", "uk", "UK")}
    assert all(r.status_code == 200 for r in bodies.values())
    en = Terms.model_validate_json(bodies["en"].content).data
    assert {k: t.title for k, t in en.items() if k in upstream["data"]} == {
        k: v["title"] for k, v in upstream["data"].items()
    }
    assert bodies["EN"].content == bodies["En"].content == bodies["en"].content
    ua = Terms.model_validate_json(bodies["ua"].content).data
    assert {bodies[k].content for k in ("ua", "UA", "uk", "UK")} == {bodies["ua"].content}
    assert all(re.search("[А-Яа-яІіЇїЄє]", t.title) for t in ua.values())
    every_field = {k for r in history for k in r["stats"]}
    assert every_field <= set(en) and every_field <= set(ua)


@pytest.mark.parametrize("prefix", ["/api/v2", "/api/v1"])
@pytest.mark.parametrize(
    ("day", "status", "code"),
    [
        ("2022-13-01", 422, "invalid-date"),
        ("yesterday", 422, "invalid-date"),
        ("2021-12-31", 422, "invalid-date"),  # before the war
        ("2026-08-23", 422, "invalid-date"),  # after today (Kyiv)
        ("2022-02-24", 404, "not-found"),  # day 1: the first report came the next morning
    ],
)
def test_bad_dates_get_the_upstreams_error_body(
    client: TestClient, prefix: str, day: str, status: int, code: str
) -> None:
    response = client.get(f"{prefix}/statistics/{day}")
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    body = ErrorBody.model_validate_json(response.content)
    assert "data" not in response.json()
    assert list(body.errors) == ["date"] and body.errors["date"]
    assert (body.status, body.code) == (status, code)


def test_bad_list_parameters_get_the_upstreams_error_body(client: TestClient) -> None:
    for query, field in [
        ("date_from=2023-01-02&date_to=2023-01-01", "date_to"),
        ("date_from=someday", "date_from"),
        ("limit=0", "limit"),
    ]:
        response = client.get(f"/api/v2/statistics?{query}")
        assert response.status_code == 422, query
        assert list(ErrorBody.model_validate_json(response.content).errors) == [field]


@pytest.fixture(scope="module")
def proxied(store_path: Path) -> FastAPI:
    settings = make_settings(store_path, forwarded_allow_ips="10.0.0.0/8")
    return create_app(settings, clock=lambda: FIXED_NOW)


FORWARDED = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "losses.example"}
LIST = "/api/v2/statistics?limit=1000&date_from=2022-02-25&date_to=2022-03-05"


def _links(client: TestClient, url: str = LIST, **headers: str) -> list[str]:
    data = Listing.model_validate_json(client.get(url, headers=headers).content).data
    return [u for u in data.paging.model_dump().values() if u] + [
        r.resource for r in data.records if r.resource
    ]


def test_links_are_absolute_on_the_public_host_behind_a_trusted_proxy(proxied: FastAPI) -> None:
    with TestClient(proxied, client=("10.0.0.7", 41000)) as behind_proxy:
        published = _links(behind_proxy, **FORWARDED)
        own = [u for u in published if "/api/" in urlsplit(u).path and "mil.gov" not in u]
        assert own and all(u.startswith("https://losses.example/api/") for u in own), own
        pages = list(walk(behind_proxy, "/api/v2/statistics?limit=1000", **FORWARDED))
        assert len(pages) == 2  # a downloader follows next_url to the end
        # the same URL through the proxy over plain http: not the cached https answer
        plain = _links(behind_proxy, **{"X-Forwarded-Host": "losses.example"})
        assert all(u.startswith("http://losses.example/") for u in plain if "losses" in u)
    with TestClient(proxied, client=("203.0.113.9", 41000)) as direct:
        spoofed = _links(direct, **FORWARDED)
        assert not [u for u in spoofed if "losses.example" in u]
        assert all(u.startswith("http://testserver/") for u in spoofed if "testserver" in u)
        real_host = _links(direct, Host="api.example")  # no proxy, a real host name
        assert all(u.startswith("http://api.example/api/") for u in real_host if "/api/v" in u), (
            real_host
        )


def test_cors_preflight_allows_content_type_and_plain_options_is_answered(
    client: TestClient,
) -> None:
    preflight = client.options(
        "/api/v2/statistics/latest",
        headers={
            "Origin": "https://widget.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    allowed = preflight.headers["access-control-allow-headers"].lower()
    assert "content-type" in [h.strip() for h in allowed.split(",")]
    plain = client.options("/api/v2/statistics/latest")
    assert plain.status_code == 200 and "GET" in plain.headers["allow"]
    assert client.options("/api/v1/statistics/2022-11-24").status_code == 200
    assert client.options("/api/v2/nothing-here").status_code == 404
    read = client.get("/api/v2/statistics/latest", headers={"Origin": "https://widget.example"})
    assert read.headers["access-control-allow-origin"] == "*"
