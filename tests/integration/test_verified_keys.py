"""A verified key is trusted again for ``VERIFIED_KEY_SECONDS`` without reading the database
(the hot path of ``POST /v1/score``); revocation still takes effect within that bound from any
process, and at once from the process that revoked it."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import text

from api.auth.roles import Role
from api.auth.verified import VERIFIED_KEY_SECONDS
from models.database import Database
from tests.conftest import Tenant

PAYLOAD = {"supplier": {"country": "MY", "sector": "electronics"}}


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _prefix(key: str) -> str:
    return key.split("_")[1]


def test_a_key_revoked_by_another_process_is_refused_within_the_bound(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    clock = FakeClock()
    client.app.state.verified_keys.clock = clock  # type: ignore[attr-defined]
    headers = tenant.headers(Role.procurement)
    assert client.post("/v1/score", json=PAYLOAD, headers=headers).status_code == 200

    # Another process (or anyone with the database) revokes it: this process is not told.
    with database.engine.begin() as connection:
        connection.execute(
            text("UPDATE api_keys SET revoked_at = CURRENT_TIMESTAMP WHERE prefix = :p"),
            {"p": _prefix(tenant.keys[Role.procurement])},
        )
    clock.now += VERIFIED_KEY_SECONDS
    refused = client.post("/v1/score", json=PAYLOAD, headers=headers)
    assert refused.status_code == 401, refused.text
    assert refused.json()["type"] == "/problems/unauthenticated"


def test_a_key_revoked_through_this_process_is_refused_at_once(
    client: TestClient, tenant: Tenant
) -> None:
    headers = tenant.headers(Role.procurement)
    assert client.post("/v1/score", json=PAYLOAD, headers=headers).status_code == 200
    revoked = client.delete(
        f"/v1/api-keys/{_prefix(tenant.keys[Role.procurement])}", headers=tenant.headers()
    )
    assert revoked.status_code == 204, revoked.text
    assert client.post("/v1/score", json=PAYLOAD, headers=headers).status_code == 401


def test_a_wrong_key_is_never_remembered_as_verified(client: TestClient, tenant: Tenant) -> None:
    real = tenant.keys[Role.procurement]
    assert (
        client.post("/v1/score", json=PAYLOAD, headers=tenant.headers(Role.procurement)).status_code
        == 200
    )
    wrong = real[:-1] + ("A" if real[-1] != "A" else "B")
    answer = client.post("/v1/score", json=PAYLOAD, headers={"Authorization": f"Bearer {wrong}"})
    assert answer.status_code == 401
