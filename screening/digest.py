"""A sha256 of the canonical inputs, so an assessment can be replayed and checked."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping
from datetime import date
from typing import Any

_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = tuple(f.name for f in dataclasses.fields(cls))
        _FIELD_NAMES[cls] = names
    return names


def plain_fields(value: object) -> dict[str, Any]:
    """A dataclass's fields by name (values as they are); the encoder handles the rest."""
    return {name: getattr(value, name) for name in _field_names(type(value))}


def _jsonable(value: object) -> Any:
    names = _FIELD_NAMES.get(type(value))
    if names is not None:
        # Known dataclass (the hot case: thousands of evidence rows): dates converted here
        # save the encoder a callback per row.
        fields = {}
        for name in names:
            item = getattr(value, name)
            fields[name] = item.isoformat() if type(item) is date else item
        return fields
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        _field_names(type(value))
        return _jsonable(value)
    if isinstance(value, frozenset | set):
        return sorted(value)
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"cannot canonicalise {type(value).__name__}")


# One encoder for all calls: json.dumps with options would build a new one each time.
_ENCODER = json.JSONEncoder(
    default=_jsonable,
    sort_keys=True,
    separators=(",", ":"),
    ensure_ascii=False,
    allow_nan=False,
)


def canonical_json(payload: object) -> str:
    """Sorted keys, no spaces, no NaN: the same inputs always give the same bytes."""
    return _ENCODER.encode(payload)


def sha256_of(payload: object) -> str:
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()
