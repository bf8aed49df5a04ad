"""The dashboard under test: the same once-per-session store as tests/api (see lw_api_support)."""

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
def web_store_path(real_store_path: Path) -> Path:
    return real_store_path


@pytest.fixture(scope="session")
def web_settings(web_store_path: Path) -> Settings:
    return make_settings(web_store_path)


@pytest.fixture(scope="session")
def web_app(web_settings: Settings) -> FastAPI:
    return go_offline(create_app(web_settings, clock=lambda: FIXED_NOW))


@pytest.fixture(scope="session")
def web(web_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(web_app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def huffpost(shared_dir: Path) -> str:
    path = shared_dir / "articles" / "huffpost-russian-losses-480-in-one-day.txt"
    return path.read_text(encoding="utf-8")
