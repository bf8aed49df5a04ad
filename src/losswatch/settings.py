"""Settings: one class, read from flags, then ``LOSSWATCH_*`` variables, ``.env``, defaults.

Nothing is read at import time: call :func:`load_settings` and pass the result down.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import platformdirs
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("losswatch", appauthor=False))


class Settings(BaseSettings):
    """Effective configuration of one losswatch process."""

    model_config = SettingsConfigDict(
        env_prefix="LOSSWATCH_", env_file=".env", env_ignore_empty=True, extra="ignore"
    )

    data_dir: Path = Field(
        default_factory=default_data_dir, description="Where the default SQLite store lives."
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL (sqlite:///... or postgresql+psycopg://...); "
        "default: a SQLite file in data_dir.",
    )
    http_timeout: float = Field(default=20.0, description="Seconds per HTTP request.")
    http_retries: int = Field(default=3, description="Retries on 5xx and timeouts, with backoff.")
    user_agent: str = Field(
        default="losswatch/0.1 (+https://github.com/losswatch/losswatch)",
        description="User-Agent sent to the sources.",
    )
    sources: list[str] = Field(
        default_factory=list, description="Sources to sync by default (empty: all)."
    )
    log_level: str = Field(default="WARNING", description="Python logging level.")
    api_token: SecretStr | None = Field(
        default=None, description="Token required by API calls that write."
    )
    allow_private_urls: bool = Field(
        default=False,
        description="Let the claim checker fetch loopback/private addresses (tests only).",
    )
    max_body_bytes: int = Field(default=1_000_000, description="Largest accepted request body.")
    fetch_max_bytes: int = Field(
        default=5_000_000, description="Largest article the claim checker downloads."
    )
    public_base_url: str | None = Field(
        default=None,
        description="Base URL used in links the API publishes (feed, pagination); default: the "
        "request's own (for the feed and /api/v1 only when it is localhost)",
    )
    forwarded_allow_ips: str = Field(
        default="127.0.0.1,::1",
        description="Peers whose X-Forwarded-Proto/-Host/-Port/-For headers are honoured "
        "(comma-separated IPs or networks, * for any), as uvicorn's --forwarded-allow-ips",
    )

    @property
    def display_database_url(self) -> str:
        """The database URL with any password masked, for printing."""
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            return make_url(self.effective_database_url).render_as_string(hide_password=True)
        except ArgumentError:
            return "<not a valid URL>"

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'losswatch.db'}"


def load_settings(**overrides: Any) -> Settings:
    """Settings with the given overrides (flags the user gave); None values are ignored."""
    return Settings(**{k: v for k, v in overrides.items() if v is not None})
