"""Extreme numbers on every operation that takes one: never a 5xx, always a problem document.

Schemathesis generates each request from the app's OpenAPI document, rewritten for this test to
keep only the operations whose body or query holds a number, with every numeric property sent
(required, not null, lists of them not empty). The test then puts one extreme value in one of
those numbers (10**40, past a 32- or 64-bit column, an infinity, NaN, 1e308: each broke the
service once), so the rest of the request is valid and the value reaches the engine, the input
digest and the columns. Path ids name a supplier and an audit that exist, for the same reason.
``make fuzz`` runs many more examples.
"""

from __future__ import annotations

import copy
import json
import math
import os
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.generation import GenerationMode

from tests.conftest import Tenant

EXAMPLES = int(os.environ.get("FLRISK_FUZZ_EXAMPLES", "6"))

EXTREMES: list[float] = [
    -1,
    2**31,  # one past a 32-bit column
    3_000_000_000,
    2**40,
    2**63,  # one past a 64-bit column
    -(2**63) - 1,
    10**40,
    1e308,
    -1e308,
    1e13,
    5e-324,
    math.inf,
    -math.inf,
    math.nan,
]

_NUMERIC = {"integer", "number"}
_NULL = {"type": "null"}
# Values the risk data knows, so a request is not refused for its country before its numbers
# are read.
_KNOWN_VALUES: dict[str, list[Any]] = {
    "country": ["MY", "Bangladesh", "CHN"],
    "sector": ["electronics", "garments", None],
}


def _is_numeric(node: Any) -> bool:
    # ``type`` may also be a property's name inside ``properties``: only a string is a type.
    return isinstance(node, dict) and isinstance(node.get("type"), str) and node["type"] in _NUMERIC


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"].rsplit("/", 1)[-1]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _has_number(node: Any, numeric_components: set[str]) -> bool:
    if _is_numeric(node):
        return True
    if isinstance(node, dict):
        return any(_has_number(v, numeric_components) for v in node.values()) or any(
            ref in numeric_components for ref in _refs(node)
        )
    if isinstance(node, list):
        return any(_has_number(v, numeric_components) for v in node)
    return False


def _send_every_number(node: Any, numeric: set[str]) -> Any:
    if isinstance(node, list):
        return [_send_every_number(n, numeric) for n in node]
    if not isinstance(node, dict):
        return node
    branches = node.get("anyOf")
    if isinstance(branches, list) and _NULL in branches:
        kept = [b for b in branches if b != _NULL]
        if len(kept) == 1 and _has_number(kept[0], numeric):  # Optional[number]: never null
            rest = {k: v for k, v in node.items() if k not in ("anyOf", "default")}
            return _send_every_number({**rest, **kept[0]}, numeric)
    node = {key: _send_every_number(value, numeric) for key, value in node.items()}
    properties = node.get("properties")
    if isinstance(properties, dict):
        for name, values in _KNOWN_VALUES.items():
            if name in properties:
                properties[name] = {"enum": values}
        with_numbers = [name for name, s in properties.items() if _has_number(s, numeric)]
        node["required"] = sorted({*node.get("required", []), *with_numbers})
    if node.get("type") == "array" and _has_number(node.get("items"), numeric):
        node["minItems"] = max(1, node.get("minItems", 0))
    return node


def numeric_inputs_only(document: dict[str, Any]) -> dict[str, Any]:
    """The operations whose body or query holds a number, each number always sent."""
    document = copy.deepcopy(document)
    components = document.get("components", {}).get("schemas", {})
    numeric: set[str] = set()
    while True:  # a component with a number, or naming one that has, holds a number
        more = {name for name, s in components.items() if _has_number(s, numeric)} - numeric
        if not more:
            break
        numeric |= more
    for path, methods in list(document["paths"].items()):
        for method, operation in list(methods.items()):
            if not isinstance(operation, dict) or method == "parameters":
                continue
            inputs = [operation.get("parameters", []), operation.get("requestBody", {})]
            if not _has_number(inputs, numeric):
                del methods[method]
        if not any(isinstance(op, dict) for op in methods.values()):
            del document["paths"][path]
    document["components"]["schemas"] = _send_every_number(components, numeric)
    document["paths"] = _send_every_number(document["paths"], numeric)
    return document


Location = tuple[str | int, ...]


def number_locations(value: Any, at: Location = ()) -> Iterator[Location]:
    if isinstance(value, bool):
        return
    if isinstance(value, int | float):
        yield at
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from number_locations(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from number_locations(item, (*at, index))


def replaced(value: Any, at: Location, new: Any) -> Any:
    if not at:
        return new
    head, rest = at[0], at[1:]
    if isinstance(value, list):
        assert isinstance(head, int)
        return [replaced(v, rest, new) if i == head else v for i, v in enumerate(value)]
    return {k: replaced(v, rest, new) if k == head else v for k, v in value.items()}


@pytest.fixture
def known_ids(client: TestClient, tenant: Tenant) -> dict[str, str]:
    """A supplier with an audit, so generated bodies reach the service and the database."""
    headers = tenant.headers("admin")
    supplier = client.post(
        "/v1/suppliers", json={"name": "Harbour Electronics", "country": "MY"}, headers=headers
    )
    assert supplier.status_code == 201, supplier.text
    audited_on = (date.today() - timedelta(days=30)).isoformat()
    audit = client.post(
        f"/v1/suppliers/{supplier.json()['id']}/audits",
        json={"audited_on": audited_on, "findings": [{"severity": "low"}]},
        headers=headers,
    )
    assert audit.status_code == 201, audit.text
    return {"supplier_id": supplier.json()["id"], "audit_id": audit.json()["id"]}


@pytest.fixture
def extreme_schema(client: TestClient) -> schemathesis.BaseSchema:
    document = client.get("/openapi.json").json()
    loaded = schemathesis.openapi.from_dict(numeric_inputs_only(document))
    loaded.app = client.app
    # Valid requests only: the test makes each one invalid in exactly one number. NUL in text
    # is left out: it is refused with a 422 before any number is read (test_nul_text.py).
    loaded.config.generation.update(modes=[GenerationMode.POSITIVE], allow_x00=False)
    return loaded


schema = schemathesis.pytest.from_fixture("extreme_schema")


@schema.parametrize()
@schema.given(data=st.data())
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_extreme_numbers_never_answer_5xx(
    case: schemathesis.Case, data: st.DataObject, tenant: Tenant, known_ids: dict[str, str]
) -> None:
    for name in case.path_parameters or {}:
        if name in known_ids:
            case.path_parameters[name] = known_ids[name]
    is_json = case.media_type == "application/json" and not isinstance(case.body, bytes)
    body = case.body if is_json else None
    places = [("body", *at) for at in number_locations(body)]
    places += [("query", *at) for at in number_locations(case.query or {})]
    if places:
        where, *at = data.draw(st.sampled_from(places), label="number")
        extreme = data.draw(st.sampled_from(EXTREMES), label="value")
        if where == "body":
            body = replaced(body, tuple(at), extreme)
        else:
            case.query = replaced(case.query, tuple(at), extreme)
    sent: Any = case.query
    if is_json:
        # As Python's json writes them (Infinity, NaN): requests refuses to, a client may not.
        sent = json.dumps(body)
        case.body = sent.encode()
    response = case.call(headers=tenant.headers("admin"))
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {sent!s:.400}"
    if response.status_code >= 400:
        content_type = response.headers.get("content-type", [""])[0]
        assert content_type.startswith("application/problem+json"), (case.path, response.text)
        assert {"type", "title", "status"} <= response.json().keys()


def test_the_rewrite_keeps_and_fills_the_number_taking_operations(client: TestClient) -> None:
    document = numeric_inputs_only(client.get("/openapi.json").json())
    kept = document["paths"]
    assert "post" in kept["/v1/score"] and "post" in kept["/v1/suppliers"]
    assert "/v1/suppliers/{supplier_id}/audits" in kept
    assert "/v1/risk-data/countries" not in kept  # takes no number
    created = document["components"]["schemas"]["SupplierCreate"]
    assert {"worker_count", "tier", "migrant_share"} <= set(created["required"])
    assert created["properties"]["worker_count"]["type"] == "integer"  # never null
    evidence = document["components"]["schemas"]["EvidenceIn"]["properties"]
    assert evidence["payroll"]["minItems"] == 1
    assert created["properties"]["country"] == {"enum": ["MY", "Bangladesh", "CHN"]}
