"""The database going away: 503 problem+json and a failing /readyz, then recovery."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.conftest import Tenant, make_tenant

pytestmark = pytest.mark.postgres


def test_requests_answer_503_while_the_database_is_away_and_recover(proxied) -> None:
    proxy, database, settings = proxied
    tenant: Tenant = make_tenant(database, settings, "Outage Org")
    with TestClient(create_app(settings, database), raise_server_exceptions=False) as client:
        assert client.get("/readyz").status_code == 200
        assert client.get("/v1/api-keys", headers=tenant.headers()).status_code == 200

        proxy.cut()
        ready = client.get("/readyz")
        assert ready.status_code == 503
        assert ready.headers["content-type"] == "application/problem+json"
        during = client.get("/v1/api-keys", headers=tenant.headers())
        assert during.status_code == 503
        assert during.json()["type"] == "/problems/database-unavailable"
        assert client.get("/healthz").status_code == 200  # the process itself is alive

        proxy.restore()
        assert client.get("/readyz").status_code == 200
        after = client.get("/v1/api-keys", headers=tenant.headers())
        assert after.status_code == 200
        # Nothing was lost: the keys made before the outage are all still there.
        assert len(after.json()["items"]) == 4


def test_a_write_during_the_outage_changes_nothing(proxied) -> None:
    proxy, database, settings = proxied
    tenant = make_tenant(database, settings, "Write Org")
    with TestClient(create_app(settings, database), raise_server_exceptions=False) as client:
        proxy.cut()
        response = client.post(
            "/v1/api-keys", json={"role": "auditor", "name": "ci"}, headers=tenant.headers()
        )
        assert response.status_code == 503
        proxy.restore()
        keys = client.get("/v1/api-keys", headers=tenant.headers()).json()["items"]
    assert len(keys) == 4
