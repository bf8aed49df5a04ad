"""Every losswatch error, with its stable code. The only place codes are defined.

Tree (catch the narrowest you can handle)::

    LosswatchError
    ├── UsageError            bad-request         400 / exit 2
    │   ├── InvalidDate       invalid-date        400
    │   ├── UnknownCategory   unknown-category    404
    │   ├── UnknownSource     unknown-source      404
    │   ├── NotFound          not-found           404
    │   ├── PayloadTooLarge   payload-too-large   413
    │   │   └── ArticleTooLong article-too-long   413
    │   └── CrossOrigin       cross-origin        403
    ├── ConfigError           config-error        500 / exit 3
    ├── SourceError           source-unavailable  502 / exit 4
    │   ├── FetchRefused      fetch-refused       400
    │   ├── NoRecordedFiles   no-recorded-files   404
    │   └── BadContentType    bad-content-type    502
    ├── DataError             data-error          422 / exit 5
    │   ├── ParseError        parse-error         422
    │   ├── ValueOutOfRange   value-out-of-range  422
    │   └── StoreError        store-error         500
    │       ├── SyncLocked    sync-locked         409
    │       └── RebuildRefused rebuild-refused    409
    └── Unauthorized          unauthorized        401 / exit 3

A code is never reused for another meaning. ``docs/errors.md`` lists them and a test checks that
the list matches this module.
"""

from __future__ import annotations

from typing import ClassVar


class LosswatchError(Exception):
    """Base class: a message for people plus a stable ``code`` for machines."""

    code: ClassVar[str] = "losswatch-error"
    title: ClassVar[str] = "losswatch error"
    http_status: ClassVar[int] = 500
    exit_code: ClassVar[int] = 1

    def __init__(self, message: str, *, detail: dict[str, object] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or {}

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"

    def to_problem(self) -> dict[str, object]:
        """The RFC 9457 problem object used by the API and the dashboard's error page."""
        return {
            "type": self.code,
            "code": self.code,
            "title": self.title,
            "status": self.http_status,
            "detail": self.message,
            **self.detail,
        }


class UsageError(LosswatchError):
    code, title, http_status, exit_code = "bad-request", "Bad request", 400, 2


class InvalidDate(UsageError):
    code, title = "invalid-date", "Invalid date"


class UnknownCategory(UsageError):
    code, title, http_status = "unknown-category", "Unknown category", 404


class UnknownSource(UsageError):
    code, title, http_status = "unknown-source", "Unknown source", 404


class NotFound(UsageError):
    code, title, http_status = "not-found", "Not found", 404


class PayloadTooLarge(UsageError):
    code, title, http_status = "payload-too-large", "Payload too large", 413


class ArticleTooLong(PayloadTooLarge):
    """An article over the checker's cap (``losswatch.models.MAX_ARTICLE_CHARS``)."""

    code, title = "article-too-long", "Article too long"


class CrossOrigin(UsageError):
    """A dashboard form posted from another site (cross-site request forgery)."""

    code, title, http_status = "cross-origin", "Cross-origin request refused", 403


class ConfigError(LosswatchError):
    code, title, http_status, exit_code = "config-error", "Configuration error", 500, 3


class SourceError(LosswatchError):
    code, title, http_status, exit_code = "source-unavailable", "Source unavailable", 502, 4


class FetchRefused(SourceError):
    code, title, http_status = "fetch-refused", "Fetch refused", 400


class NoRecordedFiles(SourceError):
    """``sync --from-dir`` given a folder that is not there, or a source whose folder is not."""

    code, title, http_status = "no-recorded-files", "No recorded files", 404


class BadContentType(SourceError):
    code, title = "bad-content-type", "Unexpected content type"


class DataError(LosswatchError):
    code, title, http_status, exit_code = "data-error", "Data error", 422, 5


class ParseError(DataError):
    code, title = "parse-error", "Parse error"


class ValueOutOfRange(DataError):
    """A count too large (or too negative) for the store's 64-bit integer columns."""

    code, title = "value-out-of-range", "Value out of range"


class StoreError(DataError):
    code, title, http_status = "store-error", "Store error", 500


class SyncLocked(StoreError):
    code, title, http_status = "sync-locked", "Another sync is running", 409


class RebuildRefused(StoreError):
    code, title, http_status = "rebuild-refused", "Rebuild refused", 409


class Unauthorized(LosswatchError):
    code, title, http_status, exit_code = "unauthorized", "Unauthorized", 401, 3


def all_errors() -> list[type[LosswatchError]]:
    """Every error class, depth first, for docs and the uniqueness test."""
    found: list[type[LosswatchError]] = []

    def walk(cls: type[LosswatchError]) -> None:
        found.append(cls)
        for sub in cls.__subclasses__():
            walk(sub)

    walk(LosswatchError)
    return found
