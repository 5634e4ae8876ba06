"""Every role against every operation gets what SPEC section 5 says: 403 where the role may
not, anything but 401/403 where it may. A new operation without an entry here fails."""

from __future__ import annotations

import re
import uuid

import pytest
from fastapi.testclient import TestClient

from api.auth.roles import Role
from tests.conftest import Tenant

ADMIN = {"admin"}
ALL = {"admin", "compliance", "procurement", "auditor"}
SCORERS = {"admin", "compliance", "procurement"}  # "procurement+"
REGISTRY_WRITERS = {"admin", "compliance"}
AUDIT_READERS = {"admin", "compliance", "auditor"}
REVIEWERS = {"admin", "auditor"}
EXPORTERS = {"admin", "compliance", "auditor"}
PUBLIC: set[str] = set()  # no key needed

# (method, path) -> roles allowed. SPEC 5: suppliers are read by every role (procurement reads
# suppliers, auditors read all) and written by compliance; audits are compliance and auditor;
# cases are auditors'; assessments are read by all and made by compliance.
ALLOWED: dict[tuple[str, str], set[str]] = {
    ("GET", "/healthz"): PUBLIC,
    ("GET", "/readyz"): PUBLIC,
    ("GET", "/v1/api-keys"): ADMIN,
    ("POST", "/v1/api-keys"): ADMIN,
    ("DELETE", "/v1/api-keys/{prefix}"): ADMIN,
    ("GET", "/v1/risk-data"): ALL,
    ("GET", "/v1/risk-data/countries"): ALL,
    ("GET", "/v1/risk-data/countries/{iso2}"): ALL,
    ("GET", "/v1/risk-data/sectors"): ALL,
    ("GET", "/v1/risk-data/goods"): ALL,
    ("GET", "/v1/risk-data/indicators"): ALL,
    ("POST", "/v1/score"): SCORERS,
    ("POST", "/v1/score/batch"): SCORERS,
    ("GET", "/v1/suppliers"): ALL,
    ("POST", "/v1/suppliers"): REGISTRY_WRITERS,
    ("POST", "/v1/suppliers/match"): ALL,
    ("GET", "/v1/suppliers/duplicates"): ALL,
    ("GET", "/v1/suppliers/duplicates/{pair_id}"): ALL,
    ("POST", "/v1/suppliers/duplicates/{pair_id}/confirm"): REGISTRY_WRITERS,
    ("POST", "/v1/suppliers/duplicates/{pair_id}/reject"): REGISTRY_WRITERS,
    ("POST", "/v1/suppliers/duplicates/{pair_id}/revert"): REGISTRY_WRITERS,
    ("GET", "/v1/suppliers/{supplier_id}"): ALL,
    ("PATCH", "/v1/suppliers/{supplier_id}"): REGISTRY_WRITERS,
    ("DELETE", "/v1/suppliers/{supplier_id}"): REGISTRY_WRITERS,
    ("POST", "/v1/suppliers/{supplier_id}/assess"): REGISTRY_WRITERS,
    ("GET", "/v1/suppliers/{supplier_id}/assessment"): ALL,
    ("GET", "/v1/suppliers/{supplier_id}/assessments"): ALL,
    ("GET", "/v1/suppliers/{supplier_id}/list-hits"): ALL,
    ("GET", "/v1/lists"): ALL,
    ("GET", "/v1/lists/{version_id}/entities"): ALL,
    ("POST", "/v1/list-hits/{hit_id}/review"): REVIEWERS,
    ("POST", "/v1/suppliers/{supplier_id}/audits"): AUDIT_READERS,
    ("GET", "/v1/suppliers/{supplier_id}/audits"): AUDIT_READERS,
    ("GET", "/v1/audits/{audit_id}"): AUDIT_READERS,
    ("GET", "/v1/audits/{audit_id}/reliability"): AUDIT_READERS,
    ("GET", "/v1/audits/{audit_id}/evidence/{kind}"): AUDIT_READERS,
    ("POST", "/v1/imports"): REGISTRY_WRITERS,
    ("GET", "/v1/imports"): REGISTRY_WRITERS,
    ("GET", "/v1/imports/{job_id}"): REGISTRY_WRITERS,
    ("GET", "/v1/imports/{job_id}/errors"): REGISTRY_WRITERS,
    ("GET", "/v1/cases"): REVIEWERS,
    ("GET", "/v1/cases/{case_id}"): REVIEWERS,
    ("GET", "/v1/cases/{case_id}/events"): REVIEWERS,
    ("POST", "/v1/cases/{case_id}/assign"): REVIEWERS,
    ("POST", "/v1/cases/{case_id}/status"): REVIEWERS,
    ("POST", "/v1/cases/{case_id}/comments"): REVIEWERS,
    ("POST", "/v1/cases/{case_id}/decision"): REVIEWERS,
    ("POST", "/v1/cases/{case_id}/decision/confirm"): REVIEWERS,
    ("POST", "/v1/cases/{case_id}/decision/reject"): REVIEWERS,
    ("POST", "/v1/cases/{case_id}/reopen"): REVIEWERS,
    ("GET", "/v1/cases/{case_id}/export"): REVIEWERS,
    ("GET", "/v1/exports/flagged"): EXPORTERS,
    ("POST", "/v1/assessments/rescore"): REGISTRY_WRITERS,
    ("GET", "/v1/assessments/rescore"): ALL,  # a re-score report is assessment history
    ("GET", "/v1/assessments/rescore/{job_id}"): ALL,
    # Corrective actions (8aadedb): audit writers submit, reviewers verify (api/remediation).
    ("PATCH", "/v1/findings/{finding_id}"): AUDIT_READERS,
    ("GET", "/v1/cases/{case_id}/actions"): AUDIT_READERS,
    ("GET", "/v1/actions/{action_id}"): AUDIT_READERS,
    ("PATCH", "/v1/actions/{action_id}"): REVIEWERS,
    ("POST", "/v1/actions/{action_id}/submit"): AUDIT_READERS,
    ("POST", "/v1/actions/{action_id}/verify"): REVIEWERS,
    ("POST", "/v1/actions/{action_id}/reject"): REVIEWERS,
    ("GET", "/v1/webhooks/event-types"): ADMIN,
    ("GET", "/v1/webhooks"): ADMIN,
    ("POST", "/v1/webhooks"): ADMIN,
    ("GET", "/v1/webhooks/{endpoint_id}"): ADMIN,
    ("PATCH", "/v1/webhooks/{endpoint_id}"): ADMIN,
    ("DELETE", "/v1/webhooks/{endpoint_id}"): ADMIN,
    ("POST", "/v1/webhooks/{endpoint_id}/secret/rotate"): ADMIN,
    ("POST", "/v1/webhooks/{endpoint_id}/ping"): ADMIN,
    ("GET", "/v1/webhooks/{endpoint_id}/deliveries"): ADMIN,
    ("GET", "/v1/webhooks/{endpoint_id}/deliveries/{delivery_id}"): ADMIN,
    ("POST", "/v1/webhooks/{endpoint_id}/deliveries/{delivery_id}/redeliver"): ADMIN,
    # Supply links are part of the registry: read by every role, written by compliance; the
    # tracing evidence pack is an export (api/supply_chain).
    ("POST", "/v1/supply-links"): REGISTRY_WRITERS,
    ("GET", "/v1/supply-links"): ALL,
    ("GET", "/v1/supply-links/{link_id}"): ALL,
    ("DELETE", "/v1/supply-links/{link_id}"): REGISTRY_WRITERS,
    ("POST", "/v1/supply-links/{link_id}/documents"): REGISTRY_WRITERS,
    ("GET", "/v1/supply-links/{link_id}/documents"): ALL,
    ("GET", "/v1/supply-links/{link_id}/documents/{document_id}"): ALL,
    ("GET", "/v1/suppliers/{supplier_id}/chain"): ALL,
    ("GET", "/v1/suppliers/{supplier_id}/evidence-pack"): EXPORTERS,
    ("GET", "/v1/evidence-packs"): EXPORTERS,
}


def _operations(client: TestClient) -> list[tuple[str, str]]:
    paths = client.get("/openapi.json").json()["paths"]
    return [(method.upper(), path) for path, ops in paths.items() for method in ops]


def _concrete(path: str) -> str:
    values = {"prefix": "abcdefgh", "iso2": "DE", "kind": "timesheets"}
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), str(uuid.uuid4())), path)


def test_every_operation_has_an_entry_in_the_matrix(client: TestClient) -> None:
    missing = [op for op in _operations(client) if op not in ALLOWED]
    assert not missing, f"add these operations to ALLOWED: {missing}"


def test_each_role_gets_what_the_spec_says(client: TestClient, tenant: Tenant) -> None:
    wrong = []
    for method, path in _operations(client):
        allowed = ALLOWED.get((method, path))
        if allowed is None or not allowed:
            continue
        for role in Role:
            status = client.request(
                method, _concrete(path), headers=tenant.headers(role)
            ).status_code
            expected_forbidden = role.value not in allowed
            if expected_forbidden != (status == 403) or status == 401:
                wrong.append(f"{role.value} {method} {path} -> {status}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer flr_wrongkey_nope"}])
def test_every_protected_operation_refuses_a_missing_or_bad_key(
    client: TestClient, headers: dict[str, str]
) -> None:
    wrong = []
    for method, path in _operations(client):
        if not ALLOWED.get((method, path), ALL):
            continue
        response = client.request(method, _concrete(path), headers=headers)
        if response.status_code != 401 or "problem+json" not in response.headers["content-type"]:
            wrong.append(f"{method} {path} -> {response.status_code}")
    assert not wrong, "\n".join(wrong)
