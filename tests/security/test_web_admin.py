"""The users page: admins only, one organisation's people only, every form CSRF-checked."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from api.auth.roles import Role
from models import Event, User
from models.database import Database
from tests.conftest import Tenant
from tests.webclient import add_person, csrf_of, sign_in

_LINK = re.compile(r'value="(https?://[^"]+/app/set-password/[^"]+)"')


@pytest.fixture
def admin(client: TestClient, database: Database, tenant: Tenant) -> TestClient:
    add_person(database, tenant, "ada@a.example", role=Role.admin, name="Ada Admin")
    assert sign_in(client, "ada@a.example").status_code == 303
    return client


def _post(client: TestClient, path: str, data: dict[str, str] | None = None):
    token = csrf_of(client.get("/app/").text)
    return client.post(path, data={"csrf_token": token, **(data or {})}, follow_redirects=False)


def test_only_admins_open_the_users_page(
    client: TestClient, database: Database, tenant: Tenant
) -> None:
    for role in (Role.auditor, Role.compliance, Role.procurement):
        client.cookies.clear()
        add_person(database, tenant, f"{role}@a.example", role=role)
        sign_in(client, f"{role}@a.example")
        assert client.get("/app/admin/users").status_code == 403
        home = client.get("/app/")
        assert 'href="/app/admin/users"' not in home.text  # nor is it in their navigation


def test_an_admin_sees_only_their_organisation_s_people(
    admin: TestClient, database: Database, tenant: Tenant, other_tenant: Tenant
) -> None:
    add_person(database, tenant, "ana@a.example", name="Ana Example")
    stranger = add_person(database, other_tenant, "bo@b.example", name="Bo Stranger")
    page = admin.get("/app/admin/users")
    assert page.status_code == 200
    assert "Ana Example" in page.text and "Bo Stranger" not in page.text
    for action in ("disable", "enable", "reset-password"):
        assert _post(admin, f"/app/admin/users/{stranger}/{action}").status_code == 404
    with database.session() as session:
        assert session.get(User, stranger).active


def test_users_page_forms_need_the_csrf_token(
    admin: TestClient, database: Database, tenant: Tenant
) -> None:
    ana = add_person(database, tenant, "ana@a.example")
    forged = admin.post(f"/app/admin/users/{ana}/disable", follow_redirects=False)
    assert forged.status_code == 403
    with database.session() as session:
        assert session.get(User, ana).active


def test_invite_then_the_invited_person_sets_a_password_and_signs_in(
    admin: TestClient, settings, database: Database
) -> None:
    invited = _post(
        admin,
        "/app/admin/users/invite",
        {"name": "Ivy New", "email": "ivy@a.example", "role": "auditor"},
    )
    assert invited.status_code == 200
    link = _LINK.search(invited.text)
    assert link, invited.text
    path = link.group(1).split("testserver", 1)[-1].split("8000", 1)[-1]
    admin.cookies.clear()
    form = admin.get(path)
    assert form.status_code == 200 and "Ivy New" in form.text
    chosen = admin.post(
        path,
        data={
            "password": "a long new password",
            "confirm": "a long new password",
            "csrf_token": csrf_of(form.text),
        },
        follow_redirects=False,
    )
    assert chosen.status_code == 303
    assert admin.get(path).status_code == 404  # the link works once
    assert sign_in(admin, "ivy@a.example", "a long new password").status_code == 303
    with database.session() as session:
        actors = {
            e.actor_name for e in session.scalars(select(Event).where(Event.entity_type == "user"))
        }
    assert "Ada Admin" in actors  # the invitation is recorded under the admin's name


def test_disable_from_the_page_signs_the_person_out(
    admin: TestClient, client_factory, database: Database, tenant: Tenant
) -> None:
    ana_id = add_person(database, tenant, "ana@a.example")
    ana = client_factory()
    sign_in(ana, "ana@a.example")
    assert ana.get("/app/").status_code == 200
    assert _post(admin, f"/app/admin/users/{ana_id}/disable").status_code == 200
    assert ana.get("/app/", follow_redirects=False).status_code == 303
    assert sign_in(ana, "ana@a.example").status_code == 400
    assert _post(admin, f"/app/admin/users/{ana_id}/enable").status_code == 200
    assert sign_in(ana, "ana@a.example").status_code == 303


def test_an_admin_cannot_disable_themselves(admin: TestClient, database: Database) -> None:
    with database.session() as session:
        me = session.scalars(select(User).where(User.email == "ada@a.example")).one()
    assert _post(admin, f"/app/admin/users/{me.id}/disable").status_code == 409
    assert admin.get("/app/").status_code == 200
