"""The error tree: codes, HTTP statuses and exit codes per STYLE.md."""

from __future__ import annotations

from losswatch import errors


def test_problem_shape_carries_the_code() -> None:
    problem = errors.SourceError("example.org returned 503").to_problem()
    assert problem == {
        "type": "source-unavailable",
        "code": "source-unavailable",
        "title": "Source unavailable",
        "status": 502,
        "detail": "example.org returned 503",
    }


def test_exit_codes_follow_the_convention() -> None:
    assert errors.InvalidDate("x").exit_code == 2
    assert errors.ConfigError("x").exit_code == 3
    assert errors.SourceError("x").exit_code == 4
    assert errors.ParseError("x").exit_code == 5
    assert str(errors.ParseError("bad")) == "[parse-error] bad"


def test_client_errors_are_4xx() -> None:
    for cls in (
        errors.InvalidDate,
        errors.UnknownCategory,
        errors.NotFound,
        errors.PayloadTooLarge,
        errors.FetchRefused,
        errors.Unauthorized,
    ):
        assert 400 <= cls.http_status < 500, cls


def test_database_passwords_are_masked_for_display() -> None:
    from losswatch.settings import Settings

    settings = Settings(database_url="postgresql+psycopg://news:s3cret@db.example/losswatch")
    assert "s3cret" not in settings.display_database_url
    assert settings.display_database_url.startswith("postgresql+psycopg://news:***@")
