"""The API under test: one real store per session, one app on it, a TestClient (lifespan on)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI

from losswatch.api import create_app
from losswatch.settings import Settings
from tests.api.lw_api_support import (
    FIXED_NOW,
    TestClient,
    go_offline,
    make_settings,
)


@pytest.fixture(scope="session")
def store_path(real_store_path: Path) -> Path:
    return real_store_path


@pytest.fixture(scope="session")
def settings(store_path: Path) -> Settings:
    return make_settings(store_path)


@pytest.fixture(scope="session")
def app(settings: Settings) -> FastAPI:
    return go_offline(create_app(settings, clock=lambda: FIXED_NOW))


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client
