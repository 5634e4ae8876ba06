"""Driving the web app with a test client, as a browser would: people, CSRF fields, sign-in."""

from __future__ import annotations

import re
import uuid

from fastapi.testclient import TestClient

from api.auth.roles import Role
from api.users import service as users
from models.database import Database
from tests.conftest import Tenant

PASSWORD = "correct horse battery"
COOKIE = "flrisk_session"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def add_person(
    database: Database, tenant: Tenant, email: str, role: Role = Role.auditor, name: str = ""
) -> uuid.UUID:
    with database.session() as session:
        user = users.create_user(
            session,
            organisation_id=uuid.UUID(tenant.organisation_id),
            email=email,
            name=name or email.split("@")[0].title(),
            role=role,
            password=PASSWORD,
            actor="test",
        )
        return user.id


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "the page has no CSRF field"
    return found.group(1)


def sign_in(client: TestClient, email: str, password: str = PASSWORD, next_path: str = ""):
    form = client.get("/app/sign-in")
    return client.post(
        "/app/sign-in",
        data={
            "email": email,
            "password": password,
            "csrf_token": csrf_of(form.text),
            "next": next_path,
        },
        follow_redirects=False,
    )
