"""The Claimed vs confirmed page, server-rendered (the browser test draws its chart)."""

from __future__ import annotations

from tests.api.lw_api_support import TestClient


def test_the_tanks_page_has_every_oryx_date_and_the_chart_source(web: TestClient) -> None:
    response = web.get("/confirmed?category=tanks")
    assert response.status_code == 200
    html = response.text
    assert 'data-src="/api/v1/confirmed/tanks"' in html
    assert "529 dates with an Oryx figure" in html and '<th scope="row">2023-04-24</th>' in html
    assert "1,907" in html and "scarnecchia/oryx_data" in html
    assert 'href="/confirmed?lang=en" aria-current="page"' in html


def test_ukrainian_texts_and_a_range(web: TestClient) -> None:
    html = web.get("/confirmed?category=afv&from=2025-01-01&lang=uk").text
    assert "Заявлено і підтверджено" in html and "Підтверджено (Oryx)" in html
    assert 'data-src="/api/v1/confirmed/afv?from=2025-01-01"' in html
    assert "2024-12-" not in html.split('id="all-h"')[0]


def test_errors_are_problem_pages(web: TestClient) -> None:
    assert web.get("/confirmed?category=personnel").status_code == 404
    assert web.get("/confirmed?from=2025-13-01").status_code == 400


def test_the_check_page_reads_a_figure_attributed_to_oryx_against_oryx(web: TestClient) -> None:
    """The dashboard's Check form checks as the API does: Oryx's figure against Oryx's series."""
    data = {"text": "Oryx has confirmed 1,907 Russian tanks.", "article_date": "2023-04-25"}
    page = web.post("/check", data=data)
    assert page.status_code == 200
    html = page.text.replace("&#39;", "'").replace("&#x27;", "'")
    assert "checked against Oryx's photo-confirmed count: supported" in html
    assert "1 figure: 1 supported" in html
