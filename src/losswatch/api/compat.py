"""Errors of the russianwarship.rip compatibility layer: the upstream's body, losswatch's codes.

The upstream API (a Laravel application) answers bad input with its validation error::

    422 {"message": "The given data was invalid.", "errors": {"date": ["..."]}}

and its clients spot a bad date by that ``errors`` key. Everywhere else losswatch answers
``application/problem+json`` whose ``errors`` is a *list* of items with a 400. The two
conflict on three points; in the compatibility layer the upstream wins on all three, and the
problem members stay in the body so losswatch's own error parser keeps working:

* status: 422 for a malformed, pre-war or future date and any other invalid parameter (the
  body's ``status`` says the same); 404 for a date in range without a report and an unknown
  language;
* ``errors``: the upstream's object ``{field: [message, ...]}``;
* media type: ``application/json``, as the upstream sends it.

:class:`UpstreamRoute` is the route class of the layer's routers: it catches validation errors
(raised while FastAPI reads the parameters) and losswatch errors inside the route, so nothing
else in the application changes.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict
from starlette.requests import Request
from starlette.responses import Response

from losswatch.api.deps import dumps
from losswatch.api.problems import V2_INVALID, problem_body
from losswatch.errors import InvalidDate, LosswatchError, UsageError

#: The status of invalid input, as the upstream's validation answers it.
INVALID_STATUS = 422


class FieldError(Exception):
    """Bad input in one field: the losswatch error (its code), the field and the status."""

    def __init__(self, field: str, error: LosswatchError, status: int | None = None) -> None:
        super().__init__(str(error))
        self.field, self.error = field, error
        self.status = status or (INVALID_STATUS if isinstance(error, InvalidDate) else None)


class V2Error(BaseModel):
    """The error body of the compatibility layer: the upstream's plus losswatch's problem."""

    model_config = ConfigDict(extra="allow")
    message: str
    errors: dict[str, list[str]]
    type: str
    code: str
    title: str
    status: int
    detail: str


def upstream_error(error: LosswatchError, errors: dict[str, list[str]], status: int) -> Response:
    """The response for ``error`` with the upstream's ``message`` and ``errors``."""
    body = problem_body(error, status=status) | {"message": V2_INVALID, "errors": errors}
    return Response(dumps(body), status_code=status, media_type="application/json")


def _from_validation(exc: RequestValidationError) -> Response:
    errors: dict[str, list[str]] = {}
    dates = True
    for item in exc.errors():
        loc = [str(part) for part in item.get("loc", ())]
        field = loc[-1] if loc else "request"  # our parameters bear the upstream's names
        errors.setdefault(field, []).append(f"The {field} is invalid: {item.get('msg', '')}.")
        dates = dates and str(item.get("type", "")).startswith(("date", "datetime"))
    fields = ", ".join(errors)
    error = InvalidDate(f"invalid date: {fields}") if dates else UsageError(f"invalid: {fields}")
    return upstream_error(error, errors, INVALID_STATUS)


class UpstreamRoute(APIRoute):
    """A route whose 4xx answers take the upstream's shape (see the module docstring)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            try:
                return await handler(request)
            except RequestValidationError as exc:
                return _from_validation(exc)
            except FieldError as exc:
                status = exc.status or exc.error.http_status
                return upstream_error(exc.error, {exc.field: [exc.error.message]}, status)
            except LosswatchError as exc:
                if exc.http_status >= 500:
                    raise
                return upstream_error(exc, {"request": [exc.message]}, exc.http_status)

        return route


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses``: 304 as usual, errors with the :class:`V2Error` body."""
    out: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        if status == 304:
            out[status] = {"description": "Not modified (ETag matched)."}
        else:
            out[status] = {"model": V2Error, "description": "The upstream's error body."}
    return out
