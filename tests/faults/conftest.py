"""Fault-test fixtures: PostgreSQL behind a cuttable proxy, a private Redis, and the app
queueing on it through RQ."""

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
from tests.conftest import TEST_KEY_SECRET
from tests.databases import drop_postgres_schema, fresh_postgres_schema, in_ci
from tests.faults.proxy import CuttableProxy
from tests.faults.redis_server import REDIS_SERVER, PrivateRedis


@pytest.fixture
def redis() -> Iterator[PrivateRedis]:
    if not REDIS_SERVER.exists():
        reason = f"{REDIS_SERVER} is not installed"
        if in_ci():
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    server = PrivateRedis()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def rq_settings(settings: Settings, redis: PrivateRedis) -> Settings:
    """The test settings with jobs on RQ (no background sweep, so a test sees only its own
    enqueues)."""
    return settings.model_copy(
        update={"job_mode": "rq", "redis_url": redis.url, "webhook_sweep_seconds": 0.0}
    )


@pytest.fixture
def rq_client(rq_settings: Settings, database: Database) -> Iterator[TestClient]:
    app = create_app(rq_settings, database)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def proxied() -> Iterator[tuple[CuttableProxy, Database, Settings]]:
    """PostgreSQL (a fresh schema, migrated) reached through a proxy the test can cut."""
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
