"""Generated tests from the app's own OpenAPI document (schemathesis, in-process).

With valid keys, every operation must: never answer 5xx, answer errors as problem+json, and
match its documented response schema. ``make fuzz`` runs many more examples.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from tests.conftest import Tenant

EXAMPLES = int(os.environ.get("FLRISK_FUZZ_EXAMPLES", "12"))


@pytest.fixture
def api_schema(client: TestClient) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", client.app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_keeps_its_contract(case: schemathesis.Case, tenant: Tenant) -> None:
    response = case.call(headers=tenant.headers("admin"))
    assert response.status_code < 500, f"{case.method} {case.path}: {response.text[:500]}"
    if response.status_code >= 400:
        content_type = response.headers.get("content-type", [""])[0]
        assert content_type.startswith("application/problem+json"), (case.path, response.text[:300])
        assert {"type", "title", "status"} <= response.json().keys()
    case.validate_response(
        response,
        checks=[
            schemathesis.checks.response_schema_conformance,
            schemathesis.checks.content_type_conformance,
            schemathesis.checks.status_code_conformance,
        ],
    )
