"""Audit, records, milestones, summary and brief endpoints."""

from __future__ import annotations

import pytest

from tests.api.lw_api_support import TestClient, assert_problem


def test_audit_lists_disagreements_with_their_evidence(client: TestClient) -> None:
    data = client.get("/api/v1/audit").json()["data"]
    assert data["cells"] and data["reliability"]
    cell = next(
        c for c in data["cells"] if c["report_date"] == "2022-11-24" and c["category"] == "afv"
    )
    assert cell["value"] == 5839
    assert cell["status"] == "resolved_by_increment"
    assert {d["source"]: d["value"] for d in cell["dissent"]} == {
        "official_en": 5837,
        "petroivaniuk": 5837,
    }
    since = client.get("/api/v1/audit?since=2024-01-01").json()["data"]["cells"]
    assert since and all(c["report_date"] >= "2024-01-01" for c in since)


def test_records_and_milestones(client: TestClient) -> None:
    records = {r["category"]: r for r in client.get("/api/v1/records").json()["data"]}
    assert records["personnel"]["value"] == 2710
    assert records["personnel"]["report_date"] == "2025-02-28"
    tanks = client.get("/api/v1/milestones?category=tanks").json()["data"]
    assert {"threshold": 1000, "crossed_on": "2022-04-30"}.items() <= tanks[0].items()
    assert tanks[-1]["crossed_on"] is None  # the next one, forecast


def test_summary_and_brief_of_a_past_report(client: TestClient) -> None:
    summary = client.get("/api/v1/summary?date=2022-10-26").json()["data"]
    assert summary["categories"]["personnel"]["increment"] == 480
    brief = client.get("/api/v1/brief?date=2022-10-26").json()["data"]
    assert brief["report_date"] == "2022-10-26"
    assert "480" in brief["headline"]
    uk = client.get("/api/v1/brief?date=2022-10-26&lang=uk").json()["data"]
    assert uk["lang"] == "uk" and "480" in uk["headline"]


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/v1/audit?since=2024-99-01", 400, "invalid-date"),
        ("/api/v1/milestones?category=tankz", 404, "unknown-category"),
        ("/api/v1/summary?date=2019-01-01", 404, "not-found"),
        ("/api/v1/brief?date=2019-01-01", 404, "not-found"),
        ("/api/v1/brief?lang=fr", 400, "bad-request"),
        ("/api/v1/brief?date=26.10.2022", 400, "invalid-date"),
    ],
)
def test_insight_errors(client: TestClient, url: str, status: int, code: str) -> None:
    assert_problem(client.get(url), status, code)
