"""No NUL character (U+0000) in any text a request carries: one check where requests are read.

PostgreSQL refuses NUL in every text and JSONB value, so a NUL that reached a column answered
500 there (and was stored on SQLite). It is never meaningful in a name, an address or a
comment, so every door refuses it the same way, before any endpoint runs: a 422
validation-error problem whose ``errors`` point at each field (JSON bodies, forms, multipart
text fields, query parameters, the path). Uploaded files are not text fields here: the file
reader turns a NUL in a cell into a row error naming the row and column
(``ingest.reading.table``).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl

from fastapi import HTTPException
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import problem_response

NUL_MESSAGE = "Text may not contain a NUL character (U+0000)."
MAX_REPORTED = 20  # pointers listed in one problem; the first few say enough

Error = dict[str, str]


def _error(location: str, pointer: str) -> Error:
    return {"location": location, "pointer": pointer, "message": NUL_MESSAGE, "type": "string_nul"}


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def json_nul_pointers(document: Any) -> list[str]:
    """JSON pointers to every string (value or member name) holding a NUL, in document order.
    Iterative: a deeply nested document must not exhaust the stack here."""
    found: list[str] = []
    stack: list[tuple[str, Any]] = [("", document)]
    while stack and len(found) < MAX_REPORTED:
        pointer, value = stack.pop()
        if isinstance(value, str):
            if "\x00" in value:
                found.append(pointer)
        elif isinstance(value, dict):
            children = []
            for key, item in value.items():
                child = f"{pointer}/{_escape(key)}"
                if "\x00" in key:
                    found.append(child)
                children.append((child, item))
            stack.extend(reversed(children))
        elif isinstance(value, list):
            stack.extend(reversed([(f"{pointer}/{i}", item) for i, item in enumerate(value)]))
    return found


def _form_errors(location: str, encoded: bytes) -> list[Error]:
    pairs = parse_qsl(encoded.decode("latin-1"), keep_blank_values=True, encoding="utf-8")
    return [
        _error(location, f"/{_escape(name)}")
        for name, value in pairs
        if "\x00" in name or "\x00" in value
    ][:MAX_REPORTED]


def _content_type(scope: Scope) -> tuple[bytes, dict[bytes, bytes]]:
    for name, value in scope.get("headers") or ():
        if name == b"content-type":
            kind, options = parse_options_header(value)
            return kind.lower(), options
    return b"", {}


class NulInMultipartText(HTTPException):
    """Raised while FastAPI reads a form; an HTTPException so its form parsing re-raises it as
    is (it turns others into 400), answered by ``on_nul_in_multipart_text``."""

    def __init__(self, errors: list[Error]) -> None:
        super().__init__(422, NUL_MESSAGE)
        self.errors = errors


async def on_nul_in_multipart_text(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, NulInMultipartText)
    return nul_problem(request, exc.errors)


def nul_problem(request: Request, errors: list[Error]) -> Response:
    detail = "; ".join(f"{e['location']} {e['pointer'] or '/'}: {NUL_MESSAGE}" for e in errors)
    return problem_response(request, "validation-error", detail, errors=errors)


class _MultipartTextCheck:
    """Follows a multipart body as it streams past (nothing is buffered) and notes each text
    field (a part without a filename) holding a NUL byte; file parts are not looked at."""

    def __init__(self, boundary: bytes) -> None:
        self.errors: list[Error] = []
        self._header_name = b""
        self._header_value = b""
        self._field: str | None = None
        self._has_nul = False
        self._parser: MultipartParser | None = MultipartParser(
            boundary,
            {
                "on_part_begin": self._begin,
                "on_header_field": self._on_header_name,
                "on_header_value": self._on_header_value,
                "on_header_end": self._on_header_end,
                "on_part_data": self._on_data,
                "on_part_end": self._end,
            },
        )

    def feed(self, chunk: bytes) -> None:
        if self._parser is None:
            return
        try:
            self._parser.write(chunk)
        except MultipartParseError:
            self._parser = None  # a malformed body is the form parser's to answer, not ours

    def _begin(self) -> None:
        self._field, self._has_nul = "", False

    def _on_header_name(self, data: bytes, start: int, end: int) -> None:
        self._header_name += data[start:end]

    def _on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def _on_header_end(self) -> None:
        if self._header_name.lower() == b"content-disposition":
            _, options = parse_options_header(self._header_value)
            is_file = b"filename" in options or b"filename*" in options
            self._field = None if is_file else options.get(b"name", b"").decode("utf-8", "replace")
        self._header_name = self._header_value = b""

    def _on_data(self, data: bytes, start: int, end: int) -> None:
        if self._field is not None and data.find(b"\x00", start, end) >= 0:
            self._has_nul = True

    def _end(self) -> None:
        if self._field is not None and self._has_nul and len(self.errors) < MAX_REPORTED:
            self.errors.append(_error("body", f"/{_escape(self._field)}"))


class NulTextMiddleware:
    """Refuses a request whose text holds a NUL character, with a 422 naming each field.

    A JSON or form body is small (the body limit bounds it) and is read here whole, checked,
    and handed on unchanged; a multipart body streams through and is refused when its end
    arrives, before the endpoint runs (FastAPI reads a whole form first; the app installs
    ``on_nul_in_multipart_text`` to answer it).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        errors = self._url_errors(scope)
        if errors:
            await self._reject(scope, receive, send, errors)
            return
        kind, options = _content_type(scope)
        if kind == b"application/json" or kind.endswith(b"+json"):
            await self._buffered(scope, receive, send, self._json_errors)
        elif kind == b"application/x-www-form-urlencoded":
            await self._buffered(scope, receive, send, lambda body: _form_errors("body", body))
        elif kind == b"multipart/form-data" and options.get(b"boundary"):
            await self._multipart(scope, receive, send, options[b"boundary"])
        else:
            await self.app(scope, receive, send)

    @staticmethod
    def _url_errors(scope: Scope) -> list[Error]:
        errors = []
        if "\x00" in scope["path"]:
            errors.append(_error("path", ""))
        query: bytes = scope.get("query_string", b"")
        if b"%00" in query:
            errors.extend(_form_errors("query", query))
        return errors

    @staticmethod
    def _json_errors(body: bytes) -> list[Error]:
        # A raw NUL byte is invalid JSON (FastAPI answers that); the escape is what decodes to one.
        if b"\\u0000" not in body:
            return []
        try:
            document = json.loads(body)
        except ValueError:
            return []  # FastAPI answers invalid JSON with its own 422
        return [_error("body", pointer) for pointer in json_nul_pointers(document)]

    async def _buffered(self, scope: Scope, receive: Receive, send: Send, check: Any) -> None:
        messages: list[Message] = []
        chunks: list[bytes] = []
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        errors = check(b"".join(chunks))
        if errors:
            await self._reject(scope, receive, send, errors)
            return

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)

    async def _multipart(self, scope: Scope, receive: Receive, send: Send, boundary: bytes) -> None:
        check = _MultipartTextCheck(boundary)

        async def checked_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                check.feed(message.get("body", b""))
                if check.errors and not message.get("more_body", False):
                    raise NulInMultipartText(check.errors)
            return message

        await self.app(scope, checked_receive, send)

    @staticmethod
    async def _reject(scope: Scope, receive: Receive, send: Send, errors: list[Error]) -> None:
        await nul_problem(Request(scope, receive), errors)(scope, receive, send)
