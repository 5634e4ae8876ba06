"""API keys: authentication, roles, revocation and tenant isolation."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from api.auth.roles import Role
from models import ApiKey
from models.database import Database
from tests.conftest import Tenant

PROBLEM_JSON = "application/problem+json"


def test_an_admin_key_lists_its_organisations_keys(client: TestClient, tenant: Tenant) -> None:
    response = client.get("/v1/api-keys", headers=tenant.headers(Role.admin))
    assert response.status_code == 200
    roles = sorted(item["role"] for item in response.json()["items"])
    assert roles == sorted(r.value for r in Role)
    assert all("key" not in item and "key_hash" not in item for item in response.json()["items"])


def test_a_procurement_key_is_forbidden_from_key_management(
    client: TestClient, tenant: Tenant
) -> None:
    response = client.get("/v1/api-keys", headers=tenant.headers(Role.procurement))
    assert response.status_code == 403
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.json()["type"] == "/problems/forbidden"


def test_a_wrong_key_gets_401_problem_json(client: TestClient, tenant: Tenant) -> None:
    real = tenant.keys[Role.admin]
    for bad in [real[:-1] + ("A" if real[-1] != "A" else "B"), "flr_nope", "Basic abc", ""]:
        response = client.get("/v1/api-keys", headers={"Authorization": f"Bearer {bad}"})
        assert response.status_code == 401, bad
        assert response.headers["content-type"] == PROBLEM_JSON
        assert response.json()["type"] == "/problems/unauthenticated"
        assert response.headers["www-authenticate"] == "Bearer"


def test_a_missing_key_gets_401(client: TestClient) -> None:
    response = client.get("/v1/api-keys")
    assert response.status_code == 401
    assert response.headers["content-type"] == PROBLEM_JSON


def test_a_new_key_is_shown_once_and_works(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    created = client.post(
        "/v1/api-keys",
        json={"role": "auditor", "name": "reviewer laptop"},
        headers=tenant.headers(),
    )
    assert created.status_code == 201
    body = created.json()
    assert body["key"].startswith(f"flr_{body['prefix']}_")
    assert body["created_by"] == tenant.keys[Role.admin][4:12]
    with database.session() as session:
        stored = session.scalars(select(ApiKey).where(ApiKey.prefix == body["prefix"])).one()
        assert body["key"] not in stored.key_hash and len(stored.key_hash) == 64
    listed = client.get("/v1/api-keys", headers=tenant.headers()).json()["items"]
    assert body["prefix"] in {item["prefix"] for item in listed}
    # The auditor key authenticates but may not manage keys.
    assert (
        client.get("/v1/api-keys", headers={"Authorization": f"Bearer {body['key']}"}).status_code
        == 403
    )


def test_an_unknown_role_is_a_validation_error_with_a_pointer(
    client: TestClient, tenant: Tenant
) -> None:
    response = client.post("/v1/api-keys", json={"role": "superuser"}, headers=tenant.headers())
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.json()["errors"][0]["pointer"] == "/role"


def test_a_revoked_key_no_longer_authenticates(client: TestClient, tenant: Tenant) -> None:
    compliance = tenant.keys[Role.compliance]
    response = client.delete(f"/v1/api-keys/{compliance[4:12]}", headers=tenant.headers())
    assert response.status_code == 204
    denied = client.get("/v1/api-keys", headers={"Authorization": f"Bearer {compliance}"})
    assert denied.status_code == 401


def test_another_organisations_key_is_not_found(
    client: TestClient, tenant: Tenant, other_tenant: Tenant
) -> None:
    theirs = other_tenant.keys[Role.procurement][4:12]
    response = client.delete(f"/v1/api-keys/{theirs}", headers=tenant.headers())
    assert response.status_code == 404
    assert response.json()["type"] == "/problems/not-found"
    listed = client.get("/v1/api-keys", headers=tenant.headers()).json()["items"]
    assert theirs not in {item["prefix"] for item in listed}
    still_works = client.get("/v1/api-keys", headers=other_tenant.headers())
    assert still_works.status_code == 200


def test_last_used_at_is_recorded(client: TestClient, tenant: Tenant) -> None:
    client.get("/v1/api-keys", headers=tenant.headers())
    items = client.get("/v1/api-keys", headers=tenant.headers()).json()["items"]
    admin_prefix = tenant.keys[Role.admin][4:12]
    assert next(i for i in items if i["prefix"] == admin_prefix)["last_used_at"] is not None
