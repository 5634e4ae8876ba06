"""pytest-alembic runs its standard migration tests on both engines."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_alembic.config import Config as PytestAlembicConfig
from sqlalchemy import Engine

from migrations import alembic_config as make_alembic_config
from models.database import make_engine
from tests.conftest import ENGINES, worker_name
from tests.databases import drop_postgres_schema, fresh_postgres_schema


@pytest.fixture(params=ENGINES)
def alembic_engine(request: pytest.FixtureRequest, tmp_path) -> Iterator[Engine]:
    schema = f"flrisk_migrations_{worker_name(request)}"
    if request.param == "postgresql":
        url = fresh_postgres_schema(schema)
    else:
        url = f"sqlite:///{tmp_path / 'migrations.db'}"
    engine = make_engine(url)
    yield engine
    engine.dispose()
    if request.param == "postgresql":
        drop_postgres_schema(schema)


@pytest.fixture
def alembic_config(alembic_engine: Engine) -> PytestAlembicConfig:
    config = make_alembic_config(alembic_engine.url.render_as_string(hide_password=False))
    return PytestAlembicConfig.from_raw_config(config)
