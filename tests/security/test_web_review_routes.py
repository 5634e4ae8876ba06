"""Every review page and form under /app: signed-in people only, the roles the API gives
each domain, nothing of another organisation (404, as the API answers), and no change
without the session's CSRF token."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.auth.roles import Role
from api.settings import Settings
from api.users.service import add_member
from api.web import sessions
from models import Event, ImportJob, ReviewCase, Supplier
from models.base import utcnow
from models.database import Database
from tests.conftest import Tenant
from tests.integration.test_imports import upload


@dataclass
class Browser:
    """A TestClient signed in as one person (the session cookie and its CSRF token)."""

    client: TestClient
    csrf: str

    def get(self, path: str) -> int:
        return self.client.get(path, follow_redirects=False).status_code

    def post(self, path: str, data: dict[str, str] | None = None, *, csrf: bool = True) -> int:
        form = {**(data or {}), **({"csrf_token": self.csrf} if csrf else {})}
        return self.client.post(path, data=form, follow_redirects=False).status_code


def signed_in(
    database: Database,
    settings: Settings,
    client: TestClient,
    organisation_id: uuid.UUID,
    role: Role,
) -> Browser:
    with database.session() as session:
        user = add_member(
            session,
            organisation_id=organisation_id,
            email=f"{role}-{uuid.uuid4().hex[:8]}@example.org",
            name=f"A {role}",
            role=role,
            actor="test",
        )
        session.commit()
        token, row = sessions.start(
            session, settings, user_id=user.id, organisation_id=organisation_id
        )
        csrf = row.csrf_token
    client.cookies.set(sessions.SESSION_COOKIE, token, path="/app")
    return Browser(client, csrf)


@dataclass(frozen=True)
class DemoIds:
    organisation_id: uuid.UUID
    case_id: uuid.UUID
    supplier_id: uuid.UUID


@pytest.fixture
def demo(database: Database, tenant: Tenant) -> DemoIds:
    """One supplier with an open case flagged for a critical indicator (no assessment: the
    pages must still answer), in the tenant's organisation."""
    organisation_id = uuid.UUID(tenant.organisation_id)
    with database.session() as session:
        supplier = Supplier(
            organisation_id=organisation_id,
            external_ref="S-1",
            name="Sunrise Garments Ltd",
            normalised_name="sunrise garments",
            country="BD",
            sector="garments_textiles",
            status="active",
            score=82.0,
            band="critical",
            flagged=True,
        )
        session.add(supplier)
        session.flush()
        case = ReviewCase(
            organisation_id=organisation_id,
            supplier_id=supplier.id,
            status="open",
            priority="critical",
            priority_rank=0,
            reasons=[
                {
                    "code": "retention_of_identity_documents",
                    "summary": "passports held by the employer",
                    "evidence": [],
                }
            ],
            due_at=utcnow() + timedelta(days=3),
        )
        session.add(case)
        session.commit()
        return DemoIds(organisation_id, case.id, supplier.id)


@pytest.fixture
def fresh_client(settings: Settings, database: Database) -> Iterator[TestClient]:
    from api.app import create_app

    with TestClient(create_app(settings, database), raise_server_exceptions=False) as other:
        yield other


def _pages(demo: DemoIds) -> dict[str, str]:
    case = f"/app/cases/{demo.case_id}"
    return {
        "queue": "/app/cases",
        "case": case,
        "evidence": f"{case}/evidence?audit_ref=x&pattern=y",
        "suppliers": "/app/suppliers",
        "supplier": f"/app/suppliers/{demo.supplier_id}",
        "duplicates": "/app/duplicates",
        "imports": "/app/imports",
        "dashboard": "/app/",
    }


def test_a_visitor_is_sent_to_sign_in_from_every_review_page(
    client: TestClient, demo: DemoIds
) -> None:
    for name, path in _pages(demo).items():
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == 303, name
        assert answer.headers["location"].startswith("/app/sign-in?next="), name


# Which pages each role may open (the API's scopes: cases for auditors, suppliers:write
# for duplicates, imports for compliance; everyone reads suppliers and the dashboard).
ALLOWED = {
    Role.auditor: {"queue", "case", "suppliers", "supplier", "dashboard"},
    Role.compliance: {"suppliers", "supplier", "duplicates", "imports", "dashboard"},
    Role.procurement: {"suppliers", "supplier", "dashboard"},
    Role.admin: {
        "queue",
        "case",
        "suppliers",
        "supplier",
        "duplicates",
        "imports",
        "dashboard",
    },
}


@pytest.mark.parametrize("role", list(ALLOWED), ids=str)
def test_each_role_opens_exactly_the_pages_its_scopes_allow(
    database: Database, settings: Settings, client: TestClient, demo: DemoIds, role: Role
) -> None:
    browser = signed_in(database, settings, client, demo.organisation_id, role)
    for name, path in _pages(demo).items():
        if name == "evidence":
            continue  # needs a real audit; its role check is the case page's
        status = browser.get(path)
        assert status == (200 if name in ALLOWED[role] else 403), (role, name, status)


def test_another_organisations_case_supplier_and_forms_are_not_found(
    database: Database,
    settings: Settings,
    client: TestClient,
    demo: DemoIds,
    other_tenant: Tenant,
) -> None:
    outsider = signed_in(
        database, settings, client, uuid.UUID(other_tenant.organisation_id), Role.admin
    )
    pages = _pages(demo)
    for name in ("case", "evidence", "supplier"):
        assert outsider.get(pages[name]) == 404, name
    with database.session() as session:
        before = session.scalar(select(func.count()).select_from(Event))
    case = f"/app/cases/{demo.case_id}"
    assert outsider.post(f"{case}/comment", {"body": "not mine"}) == 404
    assert outsider.post(f"{case}/assign", {"version": "1", "assignee": ""}) == 404
    assert outsider.post(f"{case}/status", {"version": "1", "status": "in_review"}) == 404
    assert (
        outsider.post(f"{case}/decision", {"version": "1", "decision": "cleared", "rationale": "x"})
        == 404
    )
    assert outsider.post(f"{case}/decision/confirm", {"version": "1"}) == 404
    # A batch naming another organisation's case assigns nothing.
    assert outsider.post("/app/cases/assign", {"case_id": str(demo.case_id)}) == 303
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Event)) == before
        assert session.get_one(ReviewCase, demo.case_id).version == 1
    queue = client.get("/app/cases").text
    with database.session() as session:
        names = session.scalars(
            select(Supplier.name).where(Supplier.organisation_id == demo.organisation_id)
        ).all()
    assert not any(name in queue for name in names)


def test_another_organisations_import_and_its_rejected_rows_are_not_found(
    database: Database,
    settings: Settings,
    client: TestClient,
    fresh_client: TestClient,
    tenant: Tenant,
    other_tenant: Tenant,
) -> None:
    upload(client, tenant, "Supplier,Country\nAcme,Atlantis\nGood Co,DE\n")
    with database.session() as session:
        job_id = session.scalars(select(ImportJob.id)).one()
    outsider = signed_in(
        database, settings, fresh_client, uuid.UUID(other_tenant.organisation_id), Role.admin
    )
    for path in ("", "/progress", "/rejected.csv", "/errors.csv"):
        assert outsider.get(f"/app/imports/{job_id}{path}") == 404, path
    owner = signed_in(database, settings, client, uuid.UUID(tenant.organisation_id), Role.admin)
    assert owner.get(f"/app/imports/{job_id}/rejected.csv") == 200


def test_no_change_without_the_sessions_csrf_token(
    database: Database, settings: Settings, client: TestClient, demo: DemoIds
) -> None:
    reviewer = signed_in(database, settings, client, demo.organisation_id, Role.admin)
    case = f"/app/cases/{demo.case_id}"
    for path, form in (
        (f"{case}/comment", {"body": "forged"}),
        (f"{case}/status", {"version": "1", "status": "in_review"}),
        (f"{case}/decision", {"version": "1", "decision": "terminate", "rationale": "forged"}),
        ("/app/cases/assign", {"case_id": str(demo.case_id), "assignee": "-"}),
        (f"/app/duplicates/{uuid.uuid4()}/reject", {}),
    ):
        assert reviewer.post(path, form, csrf=False) == 403, path
        assert reviewer.post(path, {**form, "csrf_token": "not-the-token"}, csrf=False) == 403
    with database.session() as session:
        assert session.get_one(ReviewCase, demo.case_id).version == 1
    assert reviewer.post(f"{case}/comment", {"body": "with the token"}) == 303


def test_the_proposer_of_a_critical_clearance_cannot_confirm_it(
    database: Database,
    settings: Settings,
    client: TestClient,
    fresh_client: TestClient,
    demo: DemoIds,
) -> None:
    ana = signed_in(database, settings, client, demo.organisation_id, Role.auditor)
    case = f"/app/cases/{demo.case_id}"
    assert ana.post(f"{case}/status", {"version": "1", "status": "in_review"}) == 303
    assert (
        ana.post(f"{case}/decision", {"version": "2", "decision": "cleared", "rationale": "ok"})
        == 303
    )
    refused = ana.client.post(
        f"{case}/decision/confirm",
        data={"version": "3", "csrf_token": ana.csrf},
        follow_redirects=False,
    )
    assert refused.status_code == 403
    assert "must be confirmed by" in refused.text
    ben = signed_in(database, settings, fresh_client, demo.organisation_id, Role.auditor)
    assert ben.post(f"{case}/decision/confirm", {"version": "3"}) == 303
    with database.session() as session:
        closed = session.get_one(ReviewCase, demo.case_id)
        assert closed.status == "closed" and closed.decision == "cleared"
