"""Opaque cursors: the sort key of the last item of a page, base64url-encoded JSON."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from api.errors import ProblemError


def encode_cursor(*key: Any) -> str:
    raw = json.dumps(list(key), separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, size: int) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        key = None
    if not isinstance(key, list) or len(key) != size:
        raise ProblemError(
            "validation-error",
            "The cursor is not one this list returned; start again without it.",
            errors=[
                {"location": "query", "pointer": "/cursor", "message": "invalid cursor",
                 "type": "value_error"}
            ],
        )
    return key
