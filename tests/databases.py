"""Test databases: a migrated SQLite file and a migrated PostgreSQL schema per test worker.

Under ``CI=true`` an unreachable PostgreSQL fails the run; elsewhere its tests skip with the
reason, so a laptop without PostgreSQL still runs the SQLite half.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import make_url, text

from models import Base
from models.database import Database, make_engine

DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def postgres_base_url() -> str:
    return os.environ.get("TEST_DATABASE_URL", DEFAULT_POSTGRES_URL)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_postgres() -> str:
    """The base URL of a reachable server, or fail (CI) / skip (elsewhere)."""
    url = postgres_base_url()
    engine = make_engine(url, pool_size=1)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:
        reason = f"PostgreSQL at {make_url(url).render_as_string(hide_password=True)} is unreachable: {exc}"
        if in_ci():
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    finally:
        engine.dispose()
    return url


def fresh_postgres_schema(schema: str) -> str:
    """Drop and recreate ``schema``; return a URL whose connections use it."""
    base = require_postgres()
    engine = make_engine(base, pool_size=1)
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


def drop_postgres_schema(schema: str) -> None:
    engine = make_engine(postgres_base_url(), pool_size=1)
    try:
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    finally:
        engine.dispose()


def sqlite_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'flrisk-test.db'}"


def empty_tables(database: Database) -> None:
    """Empty every PostgreSQL table but the schema version.

    DELETE is much faster than TRUNCATE on small tables; the replication role lets the test
    superuser pass the append-only triggers, which nothing in the service can do.
    """
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with database.engine.begin() as connection:
        connection.execute(text("SET LOCAL session_replication_role = replica"))
        for table in tables:
            connection.execute(text(f'DELETE FROM "{table}"'))
