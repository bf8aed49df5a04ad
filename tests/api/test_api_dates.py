"""Dates in the API (issue 14): the OpenAPI schema and the checks accept the same dates.

schemathesis found schema-valid dates outside 1900-2999 refused, and ``since=0`` accepted as
1970-01-01 (pydantic reads numbers as Unix time). Now every date parameter's schema carries the
range as a pattern, and only YYYY-MM-DD text is a date."""

from __future__ import annotations

import re

import pytest

from tests.api.lw_api_support import TestClient, assert_problem

SAMPLES = ["0001-01-01", "1899-12-31", "1900-01-01", "2022-10-26", "2999-12-31", "3000-01-01"]


@pytest.mark.parametrize("value", ["0", "1666742400", "-1", "20221026"])
def test_a_number_is_not_a_date(client: TestClient, value: str) -> None:
    assert_problem(client.get(f"/api/v1/audit?since={value}"), 400, "invalid-date")
    assert_problem(client.get(f"/api/v1/days/{value}"), 400, "invalid-date")
    assert_problem(client.get(f"/api/v1/days/2022-10-26?as_of={value}"), 400, "invalid-date")


def _date_parameters(client: TestClient) -> list[tuple[str, str, str, dict[str, object]]]:
    spec = client.get("/openapi.json").json()
    found = []
    for path, operations in spec["paths"].items():
        for method, op in operations.items():
            for param in op.get("parameters", []):
                schema = param["schema"]
                options = schema.get("anyOf", [schema])
                for option in options:
                    if option.get("format") in ("date", "date-time"):
                        found.append((method, path, param["name"], option))
    return found


def test_every_date_parameter_documents_the_accepted_range(client: TestClient) -> None:
    params = _date_parameters(client)
    assert {(p, n) for _, p, n, _ in params} >= {
        ("/api/v1/audit", "since"),
        ("/api/v1/days/{report_date}", "report_date"),
        ("/api/v1/days/{report_date}", "as_of"),
    }
    assert all("pattern" in schema for *_, schema in params), params


@pytest.mark.parametrize("day", SAMPLES)
def test_the_schema_and_the_checks_agree_on_each_date(client: TestClient, day: str) -> None:
    [schema] = [
        s for _, p, n, s in _date_parameters(client) if (p, n) == ("/api/v1/audit", "since")
    ]
    in_schema = re.search(str(schema["pattern"]), day) is not None
    response = client.get(f"/api/v1/audit?since={day}")
    assert (response.status_code == 200) == in_schema, (day, response.status_code)
