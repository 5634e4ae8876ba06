"""Fixtures shared by the whole suite: both database engines, the app, tenants and keys."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import make_url

from api.app import create_app
from api.auth import service as key_service
from api.auth.roles import Role
from api.events.chain import ChainKey
from api.events.keying import bind_key
from api.organisations import service as org_service
from api.settings import Settings
from migrations import upgrade
from models.database import Database
from tests.databases import drop_postgres_schema, empty_tables, fresh_postgres_schema, sqlite_url

TEST_KEY_SECRET = "test-only-secret-0123456789abcdef"
TEST_CHAIN_SECRET = "test-only-chain-secret-0123456789"
ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def worker_name(request: pytest.FixtureRequest) -> str:
    """Unique per test process, so parallel runs never share a PostgreSQL schema."""
    worker: str = getattr(request.config, "workerinput", {}).get("workerid", "main")
    return f"{worker}_{os.getpid()}"


@pytest.fixture(autouse=True)
def chain_secret_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands and workers a test starts read their settings from the environment; they key
    the chain with the same secret as the fixtures' sessions (a server without it may not
    append to a keyed chain)."""
    monkeypatch.setenv("FLRISK_CHAIN_SECRET", TEST_CHAIN_SECRET)


@pytest.fixture(scope="session", params=ENGINES)
def migrated_database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    """A database migrated to head, once per engine and test worker.

    For SQLite it is a template that each test copies; PostgreSQL is emptied after each test.
    """
    schema = f"flrisk_test_{worker_name(request)}"
    if request.param == "postgresql":
        url = fresh_postgres_schema(schema)
    else:
        url = sqlite_url(tmp_path_factory.mktemp("sqlite"))
    upgrade(url)
    database = Database(url)
    yield database
    database.dispose()
    if request.param == "postgresql":
        drop_postgres_schema(schema)


@pytest.fixture
def database(migrated_database: Database, tmp_path: Path) -> Iterator[Database]:
    """An empty, migrated database of its own for each test, whose sessions key the event
    chain with ``TEST_CHAIN_SECRET`` as the app's do."""
    key = ChainKey.from_secret(TEST_CHAIN_SECRET)
    if migrated_database.dialect == "sqlite":
        # Copying the template beats deleting rows, which the append-only triggers refuse.
        migrated_database.dispose()
        template = Path(make_url(migrated_database.url).database or "")
        copy = tmp_path / "flrisk.db"
        shutil.copyfile(template, copy)
        database = Database(f"sqlite:///{copy}")
        bind_key(database, key)
        yield database
        database.dispose()
        return
    bind_key(migrated_database, key)
    yield migrated_database
    empty_tables(migrated_database)


@pytest.fixture
def settings(database: Database, tmp_path: Path) -> Settings:
    return Settings(
        database_url=database.url,
        api_key_secret=SecretStr(TEST_KEY_SECRET),
        chain_secret=SecretStr(TEST_CHAIN_SECRET),
        log_json=True,
        log_level="WARNING",
        job_mode="inline",
    )


@pytest.fixture
def client(settings: Settings, database: Database) -> Iterator[TestClient]:
    with TestClient(create_app(settings, database), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def client_factory(settings: Settings, database: Database) -> Iterator[Callable[[], TestClient]]:
    """More clients of one app, each with its own cookies (a second browser)."""
    app = create_app(settings, database)
    clients: list[TestClient] = []

    def make() -> TestClient:
        clients.append(TestClient(app, raise_server_exceptions=False).__enter__())
        return clients[-1]

    yield make
    for made in clients:
        made.__exit__(None, None, None)


@dataclass
class Tenant:
    """An organisation with one key per role, for calling the API as each of them."""

    name: str
    organisation_id: str
    keys: dict[Role, str] = field(default_factory=dict)

    def headers(self, role: Role | str = Role.admin) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[Role(role)]}"}


def make_tenant(database: Database, settings: Settings, name: str) -> Tenant:
    with database.session() as session:
        organisation = org_service.create_organisation(session, name)
        tenant = Tenant(name=name, organisation_id=str(organisation.id))
        for role in Role:
            _, plaintext = key_service.create_key(
                session, settings, organisation_id=organisation.id, role=role, name=f"test {role}"
            )
            tenant.keys[role] = plaintext
    return tenant


def person_key(
    database: Database,
    settings: Settings,
    tenant: Tenant,
    email: str,
    role: Role = Role.auditor,
    name: str = "",
) -> str:
    """A key that acts for a person of the tenant (made, with no password, if new)."""
    from api.users import service as users

    organisation_id = uuid.UUID(tenant.organisation_id)
    with database.session() as session:
        person = users.get_by_email(session, email)
        if person is None or users.membership(person, organisation_id) is None:
            person = users.add_member(
                session,
                organisation_id=organisation_id,
                email=email,
                name=name or email.split("@")[0].title(),
                role=role,
                actor="test",
            )
            session.commit()
        _, plaintext = key_service.create_key(
            session, settings, organisation_id=organisation_id, role=role, owner=person
        )
    return plaintext


@pytest.fixture
def tenant(database: Database, settings: Settings) -> Tenant:
    return make_tenant(database, settings, "Org A")


@pytest.fixture
def other_tenant(database: Database, settings: Settings) -> Tenant:
    return make_tenant(database, settings, "Org B")
