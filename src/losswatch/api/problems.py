"""One error shape for every response: RFC 9457 ``application/problem+json`` with a stable code.

Every failure — a :class:`~losswatch.errors.LosswatchError` raised by the library, a FastAPI
validation error, a 404 from the router, a body over the size limit, an unexpected exception —
ends here, so clients need one parser. Codes come from :mod:`losswatch.errors` only. Pages of the
dashboard get the same problem object rendered as HTML (datasette's "one handler for HTML and
JSON"), and no response ever carries a stack trace.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from losswatch.errors import (
    InvalidDate,
    LosswatchError,
    NotFound,
    PayloadTooLarge,
    Unauthorized,
    UsageError,
)
from losswatch.views.dates import DATE_MESSAGE

PROBLEM_TYPE = "application/problem+json"
#: What russianwarship.rip says on bad input; its compatibility layer adds it to problems.
V2_INVALID = "The given data was invalid."
log = logging.getLogger("losswatch.api")

HtmlRenderer = Callable[[Request, dict[str, Any]], Response]


class ProblemItem(BaseModel):
    """One underlying problem, e.g. one invalid field of a validation error."""

    model_config = ConfigDict(extra="allow")
    code: str
    message: str


class Problem(BaseModel):
    """The error body of every endpoint (RFC 9457 plus our stable ``code``)."""

    model_config = ConfigDict(extra="allow")
    type: str = Field(description="Same as code: a stable kebab-case identifier.")
    code: str = Field(description="Stable machine-readable code from losswatch.errors.")
    title: str
    status: int
    detail: str
    errors: list[ProblemItem] | None = None


def problem_body(
    error: LosswatchError,
    *,
    status: int | None = None,
    errors: Sequence[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The problem object of ``error``; ``status`` overrides the class default (405 etc.)."""
    body: dict[str, Any] = error.to_problem()
    if status is not None:
        body["status"] = status
    if errors:
        body["errors"] = list(errors)
    return body


def problem_response(body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    """Serialise a problem object with its media type and status."""
    return Response(
        json.dumps(body, default=str, ensure_ascii=False).encode(),
        status_code=int(body["status"]),
        media_type=PROBLEM_TYPE,
        headers=headers,
    )


def error_for_status(status: int, detail: str) -> LosswatchError:
    """The closest losswatch error for a bare HTTP status raised by Starlette itself."""
    if status == 404:
        return NotFound(detail)
    if status == 401:
        return Unauthorized(detail)
    if status == 413:
        return PayloadTooLarge(detail)
    if 400 <= status < 500:
        return UsageError(detail)
    return LosswatchError(detail)


def _validation_items(exc: RequestValidationError) -> list[dict[str, Any]]:
    items = []
    for err in exc.errors():
        loc = [str(part) for part in err.get("loc", ())]
        kind = str(err.get("type", ""))
        code = InvalidDate.code if kind.startswith(("date", "datetime")) else UsageError.code
        items.append(
            {
                "code": code,
                "message": str(err.get("msg", "invalid value")),
                "loc": loc,
                "field": loc[-1] if loc else None,
            }
        )
    return items


def wants_html(request: Request) -> bool:
    """Dashboard pages get an HTML error page; the API, feeds and files get problem JSON."""
    return not request.url.path.startswith(("/api/", "/static/", "/openapi", "/feed", "/docs"))


def install(app: FastAPI, html: HtmlRenderer | None = None) -> HtmlRenderer:
    """Register the handlers that turn every failure into a problem response.

    Returns the responder, for :class:`~losswatch.api.middleware.CatchAll` to answer
    unexpected exceptions the same way (inside the security headers).
    """

    def respond(
        request: Request, body: dict[str, Any], headers: dict[str, str] | None = None
    ) -> Response:
        if request.url.path.startswith("/api/v2/") and int(body["status"]) < 500:
            body = {"message": V2_INVALID, **body}
        if html is not None and wants_html(request):
            response = html(request, body)
            for key, value in (headers or {}).items():
                response.headers[key] = value
            return response
        return problem_response(body, headers)

    async def on_losswatch(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, LosswatchError)
        if exc.http_status >= 500:
            log.error("request failed: %s", exc, exc_info=exc)
        headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, Unauthorized) else None
        return respond(request, problem_body(exc), headers)

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        items = _validation_items(exc)
        codes = {item["code"] for item in items}
        error: LosswatchError
        if codes == {InvalidDate.code}:
            error = InvalidDate(DATE_MESSAGE)
        else:
            fields = ", ".join(sorted({str(i["field"]) for i in items if i["field"]}))
            error = UsageError(f"invalid request: {fields or 'body'}")
        return respond(request, problem_body(error, errors=items))

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if isinstance(exc.__cause__, LosswatchError):
            # FastAPI wraps errors raised while reading the body (our 413 while streaming).
            return await on_losswatch(request, exc.__cause__)
        detail = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"no such resource: {request.url.path}"
        body = problem_body(error_for_status(exc.status_code, detail), status=exc.status_code)
        return respond(request, body, dict(exc.headers or {}))

    app.add_exception_handler(LosswatchError, on_losswatch)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    return respond


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for the listed statuses; errors get the Problem schema from
    :func:`document_problems`."""
    return {
        status: {
            "description": "Not modified (ETag matched)."
            if status == 304
            else "A problem (application/problem+json)."
        }
        for status in statuses
    }


def document_problems(schema: dict[str, Any]) -> dict[str, Any]:
    """Make the OpenAPI document tell the truth about errors.

    FastAPI documents a 422 ``HTTPValidationError`` on every operation with parameters; ours are
    400 problems. Every 4xx/5xx response gets the Problem schema under its real media type.
    """
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    components.update(problem.pop("$defs", {}))
    components["Problem"] = problem
    ref = {"$ref": "#/components/schemas/Problem"}
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            answers = operation.get("responses", {})
            if "422" in answers and "HTTPValidationError" in json.dumps(answers["422"]):
                answers.pop("422")
                answers.setdefault("400", {"description": "Invalid request."})
            for status, answer in answers.items():
                # an answer that documents its own body keeps it (the v2 layer's errors)
                if status.isdigit() and int(status) >= 400 and "content" not in answer:
                    answer["content"] = {PROBLEM_TYPE: {"schema": ref}}
    return schema
