"""A supplier's recorded state: what events store as ``before`` and ``after``."""

from __future__ import annotations

from typing import Any

from models import Supplier

# The fields a client can change; the event log keeps each change to them.
STATE_FIELDS = (
    "name",
    "external_ref",
    "registration_number",
    "country",
    "region",
    "city",
    "address",
    "sector",
    "products",
    "tier",
    "parent_id",
    "worker_count",
    "migrant_share",
    "recruitment_agencies",
    "status",
    "merged_into_id",
)


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple):
        return list(value)
    return str(value)  # uuids


def supplier_state(supplier: Supplier) -> dict[str, Any]:
    return {field: _plain(getattr(supplier, field)) for field in STATE_FIELDS}


def state_of(values: dict[str, Any]) -> dict[str, Any]:
    """The same shape from a row's column values (bulk writes hold no ORM objects)."""
    return {field: _plain(values.get(field)) for field in STATE_FIELDS}
