"""API keys belong to a person or to a named service account; events name whichever it is."""

from __future__ import annotations

import uuid

from fastapi.testclient import TestClient
from sqlalchemy import select

from api.users import service as users
from models import Event, User
from models.database import Database
from tests.conftest import Tenant
from tests.webclient import add_person


def test_a_key_made_for_a_person_acts_under_their_name(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    add_person(database, tenant, "ana@a.example", name="Ana Example")
    created = client.post(
        "/v1/api-keys",
        json={"role": "admin", "owner_email": "ANA@a.example", "name": "Ana's script"},
        headers=tenant.headers(),
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["owner"]["name"] == "Ana Example" and body["owner"]["email"] == "ana@a.example"
    ana_key = {"Authorization": f"Bearer {body['key']}"}
    made = client.post("/v1/api-keys", json={"role": "auditor", "name": "ERP"}, headers=ana_key)
    assert made.status_code == 201
    assert made.json()["created_by"].startswith("person:")
    with database.session() as session:
        last = session.scalars(select(Event).order_by(Event.id.desc()).limit(1)).one()
    assert (last.action, last.actor_kind, last.actor_name) == (
        "api_key.created",
        "person",
        "Ana Example",
    )


def test_a_service_account_key_needs_a_name_and_is_named_on_events(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    nameless = client.post("/v1/api-keys", json={"role": "auditor"}, headers=tenant.headers())
    assert nameless.status_code == 422
    assert nameless.json()["errors"][0]["pointer"] == "/name"
    with database.session() as session:
        events = session.scalars(select(Event).where(Event.action == "api_key.created")).all()
    assert {(e.actor_kind, e.actor_name) for e in events} == {("system", "cli")}  # the fixture's
    client.post(
        "/v1/api-keys", json={"role": "auditor", "name": "ERP sync"}, headers=tenant.headers()
    )
    with database.session() as session:
        last = session.scalars(select(Event).order_by(Event.id.desc()).limit(1)).one()
    assert (last.actor_kind, last.actor_name) == ("key", "test admin")


def test_a_key_for_someone_of_another_organisation_is_refused(
    client: TestClient, tenant: Tenant, other_tenant: Tenant, database: Database
) -> None:
    add_person(database, other_tenant, "bo@b.example")
    refused = client.post(
        "/v1/api-keys",
        json={"role": "auditor", "owner_email": "bo@b.example"},
        headers=tenant.headers(),
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["pointer"] == "/owner_email"


def test_a_disabled_person_s_keys_stop_working(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    ana = add_person(database, tenant, "ana@a.example")
    key = client.post(
        "/v1/api-keys",
        json={"role": "auditor", "owner_email": "ana@a.example"},
        headers=tenant.headers(),
    ).json()["key"]
    headers = {"Authorization": f"Bearer {key}"}
    assert client.get("/v1/cases", headers=headers).status_code == 200
    with database.session() as session:
        users.disable_user(session, session.get_one(User, ana), actor="test")
    refused = client.get("/v1/cases", headers=headers)
    assert refused.status_code == 401
    assert "owner is disabled" in refused.json()["detail"]
    with database.session() as session:
        users.enable_user(session, session.get_one(User, uuid.UUID(str(ana))), actor="test")
    assert client.get("/v1/cases", headers=headers).status_code == 200
