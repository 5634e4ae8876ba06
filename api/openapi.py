"""The OpenAPI document, with the problem responses every operation can give.

FastAPI documents only success and its own 422 shape; the API answers every error as an
RFC 9457 problem, so each operation lists those statuses with the ``Problem`` schema.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "RFC 9457 problem details; `type` is a stable URI served by this API.",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "request_id": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "location": {"type": "string"},
                    "pointer": {"type": "string"},
                    "message": {"type": "string"},
                    "type": {"type": "string"},
                },
            },
        },
    },
    "additionalProperties": True,
}

_ERRORS = {
    "400": "Bad request",
    "401": "Missing or invalid API key",
    "403": "The key's role may not use this operation",
    "404": "Not found in your organisation",
    "405": "Method not allowed",
    "409": "Conflict with the current state",
    "413": "Body or file too large",
    "415": "Unsupported media type",
    "422": "Validation failed or unknown value",
    "503": "Database unavailable",
}
_PUBLIC = {"/healthz", "/readyz"}


def _problem(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
        },
    }


def install_openapi(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        document = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
        components = document.setdefault("components", {}).setdefault("schemas", {})
        components["Problem"] = PROBLEM_SCHEMA
        for schema_name in ("HTTPValidationError", "ValidationError"):
            components.pop(schema_name, None)
        for path, operations in document.get("paths", {}).items():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                codes = ["503"] if path in _PUBLIC else list(_ERRORS)
                for code in codes:
                    existing = responses.get(code, {})
                    responses[code] = _problem(existing.get("description") or _ERRORS[code])
        app.openapi_schema = document
        return document

    app.openapi = openapi  # type: ignore[method-assign]
