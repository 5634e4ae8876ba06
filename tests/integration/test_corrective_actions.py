"""Corrective action plans: remediation_required opens one action per finding and per flag
reason; evidence is submitted and verified by a second person; the plan's completion clears
the supplier; an overdue action puts the supplier back in the queue."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from api.remediation.service import OVERDUE_REASON, mark_overdue
from models import CorrectiveAction, Event, Finding, ReviewCase
from models.database import Database
from tests.conftest import Tenant
from tests.integration.test_cases import PASSPORTS_CONFISCATED, add_supplier, case_of
from tests.integration.test_due_diligence import cases_of, decide, supplier_view

DOC = {"name": "passport-return-register.pdf", "sha256": "ab" * 32, "kind": "register"}


def remediation_case(client: TestClient, tenant: Tenant, database: Database) -> tuple[Any, str]:
    sid = add_supplier(database, tenant, "Kaesong Garments", findings=(PASSPORTS_CONFISCATED,))
    case_id = str(case_of(database, sid).id)
    due = (date.today() + timedelta(days=45)).isoformat()
    decide(client, tenant, case_id, "remediation_required", remediation_due_on=due)
    return sid, case_id


def actions(client: TestClient, tenant: Tenant, case_id: str) -> Any:
    response = client.get(f"/v1/cases/{case_id}/actions", headers=tenant.headers("auditor"))
    assert response.status_code == 200, response.text
    return response.json()


def act(client: TestClient, tenant: Tenant, action: Any, path: str, role: str, **body: Any) -> Any:
    return client.post(
        f"/v1/actions/{action['id']}/{path}",
        json={**body, "version": action["version"]},
        headers=tenant.headers(role),
    )


def test_remediation_opens_a_plan_worked_to_a_cleared_supplier(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    sid, case_id = remediation_case(client, tenant, database)
    plan = actions(client, tenant, case_id)
    items = plan["items"]
    assert plan["total"] == len(items) >= 2 and plan["verified"] == 0
    by_finding = [a for a in items if a["finding_id"]]
    assert len(by_finding) == 1
    assert by_finding[0]["reason_code"] == "retention_of_identity_documents"
    assert {a["reason_code"] for a in items if not a["finding_id"]} >= {
        "high_risk_country_unverified"
    }
    assert all(a["due_on"] == (date.today() + timedelta(days=45)).isoformat() for a in items)
    due = supplier_view(client, tenant, sid)["due_diligence"]
    assert due["status"] == "remediation" and due["buying"]["outcome"] == "review"

    finding_action = by_finding[0]
    submitted = act(client, tenant, finding_action, "submit", "compliance", document=DOC)
    assert submitted.status_code == 200, submitted.text
    assert submitted.json()["status"] == "submitted"
    assert submitted.json()["evidence"]["sha256"] == "ab" * 32
    with database.session() as session:
        finding = session.get_one(Finding, uuid.UUID(finding_action["finding_id"]))
        assert finding.status == "remediated"

    # The person who submitted cannot verify; another can.
    own = act(client, tenant, submitted.json(), "submit", "compliance", document=DOC)
    assert own.status_code == 409  # already submitted
    for action in items:
        if action["id"] != finding_action["id"]:
            r = act(client, tenant, action, "submit", "auditor", document=DOC)
            assert r.status_code == 200, r.text
    current = actions(client, tenant, case_id)["items"]
    auditor_submitted = next(a for a in current if a["id"] != finding_action["id"])
    same_person = act(client, tenant, auditor_submitted, "verify", "auditor")
    assert same_person.status_code == 403, same_person.text
    for action in current:
        role = "admin" if action["submitted_by"] == tenant.keys["auditor"][4:12] else "auditor"
        verified = act(client, tenant, action, "verify", role, note="seen on site")
        assert verified.status_code == 200, verified.text
        assert verified.json()["status"] == "verified"

    assert actions(client, tenant, case_id)["verified"] == len(items)
    with database.session() as session:
        finding = session.get_one(Finding, uuid.UUID(finding_action["finding_id"]))
        assert finding.status == "verified"
        completed = session.scalars(
            select(Event).where(Event.entity_id == case_id, Event.action == "plan.completed")
        ).all()
    assert len(completed) == 1
    due = supplier_view(client, tenant, sid)["due_diligence"]
    assert due["status"] == "clear" and due["buying"]["outcome"] == "approve"


def test_rejected_evidence_reopens_the_action(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    _, case_id = remediation_case(client, tenant, database)
    action = actions(client, tenant, case_id)["items"][0]
    submitted = act(client, tenant, action, "submit", "compliance", document=DOC).json()
    rejected = act(client, tenant, submitted, "reject", "auditor", note="register unsigned")
    assert rejected.status_code == 200, rejected.text
    assert rejected.json()["status"] == "open" and rejected.json()["submitted_by"] is None


def test_an_overdue_action_raises_the_case_again(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    sid, case_id = remediation_case(client, tenant, database)
    with database.session() as session:
        first = session.scalars(
            select(CorrectiveAction).where(CorrectiveAction.case_id == uuid.UUID(case_id))
        ).first()
        assert first is not None
        first.due_on = date.today() - timedelta(days=1)
        session.commit()
        assert mark_overdue(session, on=date.today(), actor="test") == 1
        assert mark_overdue(session, on=date.today(), actor="test") == 0  # once
    statuses = {a["status"] for a in actions(client, tenant, case_id)["items"]}
    assert "overdue" in statuses
    old, new = cases_of(database, sid)
    assert str(old.id) == case_id and new.status == "open"
    assert new.previous_case_id == old.id
    assert [r["code"] for r in new.reasons] == [OVERDUE_REASON]
    assert new.priority in ("critical", "high")
    assert supplier_view(client, tenant, sid)["due_diligence"]["status"] == "under_review"


def test_a_follow_up_audit_must_be_the_suppliers_and_after_the_decision(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    _, case_id = remediation_case(client, tenant, database)
    with database.session() as session:
        case = session.get_one(ReviewCase, uuid.UUID(case_id))
        finding = session.scalars(select(Finding)).first()
        assert finding is not None
        old_audit = finding.audit_id
    action = actions(client, tenant, case_id)["items"][0]
    predates = act(client, tenant, action, "submit", "auditor", audit_id=str(old_audit))
    assert predates.status_code == 422 and "after" in predates.json()["detail"]
    neither = act(client, tenant, action, "submit", "auditor")
    assert neither.status_code == 422
    assert case.status == "closed"


def test_another_organisation_cannot_see_or_touch_a_plan(
    client: TestClient, tenant: Tenant, other_tenant: Tenant, database: Database
) -> None:
    _, case_id = remediation_case(client, tenant, database)
    action = actions(client, tenant, case_id)["items"][0]
    h = other_tenant.headers("admin")
    assert client.get(f"/v1/cases/{case_id}/actions", headers=h).status_code == 404
    assert client.get(f"/v1/actions/{action['id']}", headers=h).status_code == 404
    r = client.post(
        f"/v1/actions/{action['id']}/submit",
        json={"document": DOC, "version": action["version"]},
        headers=h,
    )
    assert r.status_code == 404
    procurement = client.get(f"/v1/cases/{case_id}/actions", headers=tenant.headers("procurement"))
    assert procurement.status_code == 403
