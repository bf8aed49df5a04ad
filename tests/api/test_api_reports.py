"""Series, one day, categories, explore and past reports: happy paths and every 4xx."""

from __future__ import annotations

import pytest

from tests.api.lw_api_support import TestClient, assert_problem


def test_series_of_one_category_with_fields_and_pages(client: TestClient) -> None:
    response = client.get(
        "/api/v1/series/tanks",
        params={
            "from": "2022-11-20",
            "to": "2022-11-24",
            "fields": "report_date,value,increment",
            "limit": 2,
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == [
        {"report_date": "2022-11-20", "value": 2886, "increment": 1},
        {"report_date": "2022-11-21", "value": 2892, "increment": 6},
    ]
    meta = body["meta"]
    assert (meta["total"], meta["offset"], meta["limit"]) == (5, 0, 2)
    assert meta["links"]["prev"] is None
    nxt = client.get(meta["links"]["next"]).json()
    assert [r["report_date"] for r in nxt["data"]] == ["2022-11-22", "2022-11-23"]
    assert nxt["meta"]["links"]["prev"].endswith("offset=0")


def test_series_rows_carry_the_evidence_by_default(client: TestClient) -> None:
    row = client.get("/api/v1/series/afv?from=2022-11-24&to=2022-11-24").json()["data"][0]
    assert row["value"] == 5839
    assert row["status"] == "resolved_by_increment"
    assert set(row) == {
        "report_date",
        "loss_day",
        "value",
        "increment",
        "status",
        "rule",
        "supporting",
        "dissent",
        "flags",
    }


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/v1/series/tankz", 404, "unknown-category"),
        ("/api/v1/series/tanks?from=2022-13-01", 400, "invalid-date"),
        ("/api/v1/series/tanks?to=yesterday", 400, "invalid-date"),
        ("/api/v1/series/tanks?from=2023-01-02&to=2023-01-01", 400, "bad-request"),
        ("/api/v1/series/tanks?fields=value,colour", 400, "bad-request"),
        ("/api/v1/series/tanks?limit=0", 400, "bad-request"),
        ("/api/v1/series/tanks?offset=-1", 400, "bad-request"),
        ("/api/v1/days/2022-02-30", 400, "invalid-date"),
        ("/api/v1/days/1999-01-01", 404, "not-found"),
        ("/api/v1/days/2022-11-24?as_of=soon", 400, "invalid-date"),
        ("/api/v1/categories/tankz", 404, "unknown-category"),
        ("/api/v1/explore?categories=tanks,nope", 404, "unknown-category"),
        ("/api/v1/explore?kind=weekly", 400, "bad-request"),
        (
            "/api/v1/explore?categories="
            + ",".join(["tanks", "afv", "mlrs", "uav", "ships", "aircraft", "helicopters"]),
            400,
            "bad-request",
        ),
        ("/api/v1/reports/2021-01-01", 404, "not-found"),
    ],
)
def test_bad_input_is_a_4xx_problem(client: TestClient, url: str, status: int, code: str) -> None:
    assert_problem(client.get(url), status, code)


def test_validation_problem_lists_each_field(client: TestClient) -> None:
    body = assert_problem(client.get("/api/v1/series/tanks?limit=x&offset=y"), 400, "bad-request")
    assert {e["field"] for e in body["errors"]} == {"limit", "offset"}
    assert all(e["code"] == "bad-request" for e in body["errors"])


def test_one_day_shows_every_source(client: TestClient) -> None:
    data = client.get("/api/v1/days/2022-11-24").json()["data"]
    assert data["loss_day"] == "2022-11-23"
    assert "russianwarship" in data["sources"]
    personnel = next(r for r in data["rows"] if r["category"] == "personnel")
    assert personnel["value"] == 85720
    assert personnel["sources"]["official_en"]["stated_increment"] == 310


def test_categories_with_labels_and_lineage(client: TestClient) -> None:
    body = client.get("/api/v1/categories").json()
    cats = {c["key"]: c for c in body["data"]}
    assert body["meta"]["total"] == len(cats)
    assert cats["military_auto"]["merged_into"] == "vehicles_fuel_tanks"
    assert cats["military_auto"]["retired"] is True
    assert set(cats["vehicles_fuel_tanks"]["merged_parts"]) == {"military_auto", "fuel_tanks"}
    assert cats["mobile_srbm"]["replaced_by"] == "cruise_missiles"
    assert cats["personnel"]["label_uk"] == "особового складу"
    one = client.get("/api/v1/categories/submarines").json()["data"]
    assert one["first_report"] == "2023-09-14"


def test_explore_json_and_csv_agree(client: TestClient) -> None:
    params = {"categories": "tanks,afv", "kind": "daily", "from": "2022-11-01", "to": "2022-11-30"}
    table = client.get("/api/v1/explore", params=params).json()["data"]
    assert [c["key"] for c in table["columns"]] == [
        "loss_day",
        "tanks",
        "tanks_mean7",
        "afv",
        "afv_mean7",
    ]
    assert table["rows"][0][0] == "2022-11-01"
    csv = client.get("/api/v1/explore", params=params | {"format": "csv"})
    assert csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv.headers["content-disposition"]
    lines = csv.text.strip().splitlines()
    assert lines[0] == "loss_day,tanks,tanks_mean7,afv,afv_mean7"
    assert len(lines) == len(table["rows"]) + 1


def test_explore_monthly_sums_the_month(client: TestClient) -> None:
    table = client.get(
        "/api/v1/explore?categories=personnel&kind=monthly&from=2023-01-01&to=2023-12-31"
    ).json()["data"]
    months = dict(table["rows"])
    assert len(months) == 12
    series = client.get(
        "/api/v1/series/personnel?from=2023-01-01&to=2024-01-01&fields=report_date,value&limit=5000"
    ).json()["data"]
    values = {r["report_date"]: r["value"] for r in series}
    # Losses of the loss days of 2023 = count of the 2024-01-01 report - count of 2023-01-01.
    assert sum(months.values()) == values["2024-01-01"] - values["2023-01-01"]


def test_past_report_has_the_latest_shape(client: TestClient) -> None:
    data = client.get("/api/v1/reports/2022-10-26").json()["data"]
    assert data["report_date"] == "2022-10-26"
    assert data["war_day"] == 245
    assert {c["category"]: c["value"] for c in data["values"]}["personnel"] == 68900


def test_recorded_files_show_their_name_never_a_local_path(client: TestClient) -> None:
    response = client.get("/api/v1/days/2026-08-22")
    assert response.status_code == 200
    assert "file:" not in response.text and "/work/" not in response.text
    urls = {s["url"] for row in response.json()["data"]["rows"] for s in row["sources"].values()}
    assert "recorded file russian-losses.json" in urls
    assert all(u.startswith(("recorded file ", "http://", "https://")) for u in urls), urls


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            "file:///work/shared/data/sources/orc-losses/russian-losses.json",
            "recorded file russian-losses.json",
        ),
        ("FILE:///C:/data/a%20b.txt", "recorded file a b.txt"),
        ("file:///", "recorded file"),
        ("https://mod.gov.ua/news/x", "https://mod.gov.ua/news/x"),
        (None, None),
    ],
)
def test_public_url(url: str | None, shown: str | None) -> None:
    from losswatch.views.present import public, public_url

    assert public_url(url) == shown
    assert public({"a": [url, {"url": url}], "n": 1}) == {"a": [shown, {"url": shown}], "n": 1}
