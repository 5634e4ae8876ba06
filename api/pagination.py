"""Cursor pagination shared by every list: opaque cursors holding the sort key of a page's
last item, and the keyset condition that selects the rows after it."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, or_

from api.errors import ProblemError


def encode_cursor(*key: Any) -> str:
    raw = json.dumps(list(key), separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _invalid() -> ProblemError:
    return ProblemError(
        "validation-error",
        "The cursor is not one this list returned; start again without it.",
        errors=[
            {
                "location": "query",
                "pointer": "/cursor",
                "message": "invalid cursor",
                "type": "value_error",
            }
        ],
    )


def decode_cursor(cursor: str, size: int) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        key = None
    if not isinstance(key, list) or len(key) != size:
        raise _invalid()
    return key


def decode_typed(cursor: str, *types: Callable[[Any], Any]) -> tuple[Any, ...]:
    """A cursor's key with each part read by its type (``datetime.fromisoformat``, ``UUID``...);
    anything that does not read is an invalid cursor, never a 500."""
    parts = decode_cursor(cursor, len(types))
    try:
        return tuple(read(part) for read, part in zip(types, parts, strict=True))
    except (TypeError, ValueError, AttributeError):
        raise _invalid() from None


def keyset_after(
    keys: Sequence[tuple[Any, Any]], *, descending: bool = False
) -> ColumnElement[bool]:
    """Rows after (column, last value) pairs in that lexicographic order:
    ``a > x OR (a = x AND (b > y OR (b = y AND ...)))``; ``descending`` flips every comparison."""
    (column, value), rest = keys[0], keys[1:]
    beyond: ColumnElement[bool] = column < value if descending else column > value
    if not rest:
        return beyond
    return or_(beyond, and_(column == value, keyset_after(rest, descending=descending)))
