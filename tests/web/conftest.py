"""The dashboard under test: the same app, store and client as tests/api."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI

from tests.api.conftest import app, client, settings, store_path  # noqa: F401  (shared)
from tests.api.lw_api_support import TestClient


@pytest.fixture(scope="session")
def web_app(app: FastAPI) -> FastAPI:  # noqa: F811
    return app


@pytest.fixture(scope="session")
def web(client: TestClient) -> Iterator[TestClient]:  # noqa: F811
    yield client
