"""Fault-test fixtures: a private Redis, and the app queueing on it through RQ."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from models.database import Database
from tests.databases import in_ci
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
