"""``/api/v1/confirmed``: the claimed-vs-confirmed series over HTTP, with the credit."""

from __future__ import annotations

from tests.api.lw_api_support import TestClient, assert_problem


def test_summary_lists_each_mapped_category_with_the_credit(client: TestClient) -> None:
    response = client.get("/api/v1/confirmed")
    assert response.status_code == 200
    body = response.json()
    rows = {r["category"]: r for r in body["data"]}
    assert rows["tanks"]["confirmed"] == 4074 and rows["tanks"]["date"] == "2025-07-19"
    assert (
        "scarnecchia/oryx_data" in body["meta"]["credit"] and "CC-BY-4.0" in body["meta"]["credit"]
    )


def test_tanks_on_every_oryx_date(client: TestClient) -> None:
    response = client.get("/api/v1/confirmed/tanks")
    assert response.status_code == 200
    data = response.json()["data"]
    assert len(data["points"]) == 529
    april = next(p for p in data["points"] if p["date"] == "2023-04-24")
    assert april["confirmed"] == 1907 and april["captured"] == 544
    assert april["ratio"] == round(april["claimed"] / 1907, 3)
    assert data["warspotting"]["period"] == "week" and data["warspotting"]["lag_days"] is not None
    again = client.get(
        "/api/v1/confirmed/tanks", headers={"If-None-Match": response.headers["etag"]}
    )
    assert again.status_code == 304


def test_range_and_daily_warspotting(client: TestClient) -> None:
    data = client.get("/api/v1/confirmed/afv?from=2024-01-01&to=2024-01-31&period=day").json()[
        "data"
    ]
    assert data["points"] and all("2024-01-01" <= p["date"] <= "2024-01-31" for p in data["points"])
    assert [p["start"] for p in data["warspotting"]["periods"]][:2] == ["2024-01-01", "2024-01-02"]


def test_errors_are_problems(client: TestClient) -> None:
    assert_problem(client.get("/api/v1/confirmed/personnel"), 404, "not-found")
    assert_problem(client.get("/api/v1/confirmed/bogus"), 404, "unknown-category")
    assert_problem(client.get("/api/v1/confirmed/tanks?from=2024-13-01"), 400, "invalid-date")


def test_the_brief_carries_the_ratio_sentence(client: TestClient) -> None:
    body = client.get("/api/v1/brief?date=2022-09-09").json()["data"]
    assert "Oryx's confirmed anti-aircraft warfare systems rose from 1.30 to 1.61" in body["text"]


def test_check_reads_a_figure_attributed_to_oryx_against_oryx(client: TestClient) -> None:
    body = {"text": "Oryx has confirmed 1,907 Russian tanks.", "article_date": "2023-04-25"}
    verdicts = client.post("/api/v1/check", json=body).json()["data"]["verdicts"]
    assert [v["verdict"] for v in verdicts] == ["supported"] and "Oryx" in verdicts[0][
        "explanation"
    ]
