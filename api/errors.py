"""RFC 9457 problem details: one exception type, one set of handlers, stable type URIs.

Every ``type`` is ``/problems/<slug>``; the API serves a short description at that path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from models.integrity import is_unique_violation

PROBLEM_MEDIA_TYPE = "application/problem+json"

log = structlog.get_logger("api.errors")


@dataclass(frozen=True)
class ProblemType:
    slug: str
    title: str
    status: int
    description: str

    @property
    def uri(self) -> str:
        return f"/problems/{self.slug}"


def _problem(slug: str, title: str, status: int, description: str) -> ProblemType:
    return ProblemType(slug, title, status, description)


PROBLEM_TYPES: dict[str, ProblemType] = {
    p.slug: p
    for p in (
        _problem(
            "validation-error",
            "Request validation failed",
            422,
            "The request body, query or path did not validate; `errors` lists each problem "
            "with a JSON pointer to where it is.",
        ),
        _problem(
            "unauthenticated",
            "Missing or invalid API key",
            401,
            "Send `Authorization: Bearer flr_...` with an active key.",
        ),
        _problem(
            "forbidden",
            "Role not allowed",
            403,
            "The key is valid but its role may not use this endpoint.",
        ),
        _problem("not-found", "Not found", 404, "No such resource in your organisation."),
        _problem(
            "method-not-allowed",
            "Method not allowed",
            405,
            "This path does not accept that method.",
        ),
        _problem(
            "conflict",
            "Conflict",
            409,
            "The request conflicts with the current state (a duplicate, or a concurrent change).",
        ),
        _problem(
            "supply-cycle",
            "Supply chain cycle",
            409,
            "The link would make a supplier its own sub-supplier; `cycle` lists the suppliers "
            "around the loop.",
        ),
        _problem(
            "payload-too-large",
            "Payload too large",
            413,
            "The request body or uploaded file is larger than the configured limit.",
        ),
        _problem(
            "unsupported-media-type",
            "Unsupported media type",
            415,
            "The content type or the file's actual content is not accepted.",
        ),
        _problem(
            "unknown-value",
            "Unknown value",
            422,
            "A country, sector, indicator or product is not known; `suggestions` lists the "
            "closest accepted values.",
        ),
        _problem(
            "upload-rejected",
            "Upload rejected",
            422,
            "The uploaded file could not be read; `code` says why.",
        ),
        _problem("bad-request", "Bad request", 400, "The request could not be understood."),
        _problem(
            "database-unavailable",
            "Database unavailable",
            503,
            "The database cannot be reached; nothing was written. Retry later.",
        ),
        _problem(
            "queue-unavailable",
            "Job queue unavailable",
            503,
            "The job queue (Redis) cannot be reached, so the job was not queued and nothing "
            "was written; the same request can be sent again. Retry later.",
        ),
        _problem(
            "chain-key-missing",
            "Event chain secret missing",
            503,
            "The organisation's history is keyed (HMAC) and this server was started without "
            "the chain secret, so it cannot record the change; nothing was written.",
        ),
        _problem(
            "internal-error",
            "Internal error",
            500,
            "An unexpected error; it has been logged with the request id.",
        ),
    )
}


RESERVED_MEMBERS = frozenset({"type", "title", "status", "detail", "instance"})


class ProblemError(Exception):
    """Raise anywhere in the API to answer with a problem document."""

    def __init__(self, slug: str, detail: str | None = None, **extensions: Any) -> None:
        if slug not in PROBLEM_TYPES:
            raise KeyError(f"unknown problem type {slug!r}")
        reserved = RESERVED_MEMBERS & extensions.keys()
        if reserved:  # a problem document's own members mean one thing (RFC 9457 section 3.1)
            raise ValueError(f"problem extensions may not redefine {sorted(reserved)}")
        super().__init__(detail or PROBLEM_TYPES[slug].title)
        self.problem = PROBLEM_TYPES[slug]
        self.detail = detail
        self.extensions = extensions


def invalid_field(pointer: str, detail: str, message: str | None = None) -> ProblemError:
    """A 422 about one field of the request body: ``detail`` for the reader, ``message`` (or
    the detail) in the ``errors`` entry that points at the field."""
    return ProblemError(
        "validation-error",
        detail,
        errors=[
            {
                "location": "body",
                "pointer": pointer,
                "message": message or detail,
                "type": "value_error",
            }
        ],
    )


def problem_response(
    request: Request,
    slug: str,
    detail: str | None = None,
    *,
    headers: dict[str, str] | None = None,
    **extensions: Any,
) -> JSONResponse:
    problem = PROBLEM_TYPES[slug]
    body: dict[str, Any] = {
        "type": problem.uri,
        "title": problem.title,
        "status": problem.status,
        "detail": detail or problem.title,
        "instance": request.url.path,
    }
    request_id = getattr(request.state, "request_id", None)
    if request_id:
        body["request_id"] = request_id
    body.update(extensions)
    return JSONResponse(
        body, status_code=problem.status, media_type=PROBLEM_MEDIA_TYPE, headers=headers
    )


def json_pointer(loc: tuple[int | str, ...]) -> tuple[str, str]:
    """Split a pydantic ``loc`` into its location (body, query, path, header) and a JSON pointer."""
    location = str(loc[0]) if loc else "body"
    parts = [str(p).replace("~", "~0").replace("/", "~1") for p in loc[1:]]
    return location, "/" + "/".join(parts)


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    errors = []
    for err in exc.errors():
        location, pointer = json_pointer(tuple(err.get("loc", ())))
        errors.append(
            {
                "location": location,
                "pointer": pointer,
                "message": err.get("msg", ""),
                "type": err.get("type", ""),
            }
        )
    return errors


_STATUS_SLUGS = {
    400: "bad-request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    413: "payload-too-large",
    415: "unsupported-media-type",
    422: "validation-error",
}


# Problems that pass once a dependency is back: the client is told when to try again.
_RETRY_LATER = frozenset({"queue-unavailable"})


# Whether a request is for the web app, and how the web app shows a problem as a page.
WebPages = tuple[Callable[[Request], bool], Callable[[Request, ProblemType, str | None], Response]]


def install_problem_handlers(app: FastAPI, web_pages: WebPages | None = None) -> None:
    """One set of handlers: problem documents for the API, pages for the web app."""

    def answer(
        request: Request,
        slug: str,
        detail: str | None = None,
        *,
        headers: dict[str, str] | None = None,
        **extensions: Any,
    ) -> Response:
        if web_pages is not None and web_pages[0](request):
            return web_pages[1](request, PROBLEM_TYPES[slug], detail)
        return problem_response(request, slug, detail, headers=headers, **extensions)

    async def on_problem(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ProblemError)
        headers = {"WWW-Authenticate": "Bearer"} if exc.problem.status == 401 else None
        if exc.problem.slug in _RETRY_LATER:
            headers = {"Retry-After": "5"}
        return answer(request, exc.problem.slug, exc.detail, headers=headers, **exc.extensions)

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = _validation_errors(exc)
        detail = "; ".join(f"{e['location']} {e['pointer']}: {e['message']}" for e in errors[:5])
        return answer(request, "validation-error", detail, errors=errors)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        slug = _STATUS_SLUGS.get(exc.status_code)
        if slug is None:
            body = {
                "type": "about:blank",
                "title": HTTPStatus(exc.status_code).phrase,
                "status": exc.status_code,
                "detail": str(exc.detail),
            }
            return JSONResponse(body, status_code=exc.status_code, media_type=PROBLEM_MEDIA_TYPE)
        return answer(request, slug, str(exc.detail))

    async def on_database(request: Request, exc: Exception) -> Response:
        if isinstance(exc, IntegrityError) and not is_unique_violation(exc):
            return await on_unexpected(request, exc)  # a broken rule, not a race: no retry
        if isinstance(exc, IntegrityError):
            # A concurrent writer won (e.g. the next event in the chain, a unique reference):
            # the transaction was rolled back, so retrying is safe.
            log.info("integrity_conflict", error=str(exc.orig)[:200])
            return answer(
                request,
                "conflict",
                "A concurrent change conflicted with this one; nothing was "
                "written. Retry the request.",
            )
        if (
            isinstance(exc, DBAPIError)
            and not isinstance(exc, OperationalError)
            and not exc.connection_invalidated
        ):
            return await on_unexpected(request, exc)
        log.warning("database_unavailable", error=type(exc).__name__)
        return answer(request, "database-unavailable", headers={"Retry-After": "5"})

    async def on_unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled_error", error=type(exc).__name__)
        return answer(request, "internal-error")

    app.add_exception_handler(ProblemError, on_problem)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(DBAPIError, on_database)
    app.add_exception_handler(Exception, on_unexpected)
