"""The database going away: 503 problem+json and a failing /readyz, then recovery."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import make_url

from api.app import create_app
from api.settings import Settings
from models.database import Database
from tests.conftest import TEST_KEY_SECRET, Tenant, make_tenant
from tests.databases import drop_postgres_schema, fresh_postgres_schema
from tests.faults.proxy import CuttableProxy

pytestmark = pytest.mark.postgres


@pytest.fixture
def proxied() -> Iterator[tuple[CuttableProxy, Database, Settings]]:
    schema = f"flrisk_faults_{os.getpid()}"
    url = make_url(fresh_postgres_schema(schema))
    from migrations import upgrade

    upgrade(url.render_as_string(hide_password=False))
    proxy = CuttableProxy(url.host or "127.0.0.1", url.port or 5432)
    proxied_url = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    database = Database(proxied_url, pool_size=2)
    settings = Settings(
        database_url=proxied_url,
        api_key_secret=SecretStr(TEST_KEY_SECRET),
        log_level="CRITICAL",
        job_mode="inline",
    )
    yield proxy, database, settings
    database.dispose()
    proxy.close()
    drop_postgres_schema(schema)


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
