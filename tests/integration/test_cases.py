"""The due-diligence review: cases opened by flags, assigned, discussed, decided, reopened; every
change an event in the verified chain; tenants apart; concurrent decisions, one winner."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from api.assessments.service import assess_supplier
from api.auth.roles import Role
from api.cases import service as case_service
from api.cases import views
from api.cases.schemas import DecisionIn
from api.deps import Principal
from api.errors import ProblemError
from api.events.actor import Actor
from api.events.service import verify_chain
from api.reference_data.service import RiskDataStore
from models import Audit, Finding, ReviewCase, Supplier
from models.database import Database
from tests.conftest import Tenant, person_key

# Seed case C1 (seed_facts §5): the employer "confiscated her passport" on arrival.
PASSPORTS_CONFISCATED = {
    "indicator": "retention_of_identity_documents",
    "severity": "critical",
    "description": "Employer confiscated workers' passports on arrival (seed C1)",
}


def add_supplier(
    database: Database,
    tenant: Tenant,
    name: str,
    *,
    country: str = "KP",
    sector: str = "garments_textiles",
    products: tuple[str, ...] = (),
    findings: tuple[dict[str, Any], ...] = (),
) -> uuid.UUID:
    """A supplier in the registry (with an audit holding ``findings``, if any), assessed with
    the data in force, as the registry and audit endpoints would leave it."""
    with database.session() as session:
        supplier = Supplier(
            organisation_id=uuid.UUID(tenant.organisation_id),
            name=name,
            normalised_name=name.lower(),
            country=country,
            sector=sector,
            products=list(products),
        )
        session.add(supplier)
        session.flush()
        if findings:
            audited_on = datetime.now(UTC).date() - timedelta(days=20)
            audit = Audit(
                organisation_id=supplier.organisation_id,
                supplier_id=supplier.id,
                audited_on=audited_on,
                audit_type="unannounced",
                paid_by="buyer",
                created_by="test",
            )
            session.add(audit)
            session.flush()
            for finding in findings:
                session.add(Finding(audit_id=audit.id, found_on=audited_on, **finding))
            session.flush()
        assess_supplier(session, supplier, RiskDataStore().in_force(session), actor="test")
        session.commit()
        return supplier.id


def case_of(database: Database, supplier_id: uuid.UUID) -> ReviewCase:
    with database.session() as session:
        return session.scalars(
            select(ReviewCase).where(ReviewCase.supplier_id == supplier_id)
        ).one()


def flagged_case(
    database: Database, tenant: Tenant, name: str = "Kaesong Garments", *, critical: bool = False
) -> str:
    findings = (PASSPORTS_CONFISCATED,) if critical else ()
    return str(case_of(database, add_supplier(database, tenant, name, findings=findings)).id)


def _post(
    client: TestClient,
    tenant: Tenant,
    case_id: str,
    path: str,
    body: dict[str, Any],
    role: str = "auditor",
) -> Any:
    return client.post(f"/v1/cases/{case_id}/{path}", json=body, headers=tenant.headers(role))


def version(client: TestClient, tenant: Tenant, case_id: str) -> int:
    return int(
        client.get(f"/v1/cases/{case_id}", headers=tenant.headers("auditor")).json()["version"]
    )


def start_review(client: TestClient, tenant: Tenant, case_id: str) -> int:
    response = _post(
        client,
        tenant,
        case_id,
        "status",
        {"status": "in_review", "version": version(client, tenant, case_id)},
    )
    assert response.status_code == 200, response.text
    return int(response.json()["version"])


# --- the flow -------------------------------------------------------------------------


def test_a_flag_opens_a_case_that_is_reviewed_decided_and_verified(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    supplier_id = add_supplier(database, tenant, "Kaesong Garments")
    listed = client.get("/v1/cases", headers=tenant.headers("auditor")).json()["items"]
    assert len(listed) == 1 and listed[0]["supplier_id"] == str(supplier_id)
    case = listed[0]
    assert case["status"] == "open" and case["priority"] == "high" and case["version"] == 1
    assert [r["code"] for r in case["reasons"]] == ["high_risk_country_unverified"]
    case_id = case["id"]

    assigned = _post(client, tenant, case_id, "assign", {"assignee": "r.okafor", "version": 1})
    assert assigned.status_code == 200, assigned.text
    assert assigned.json()["assignee"] == "r.okafor" and assigned.headers["etag"] == '"2"'
    comment = _post(
        client, tenant, case_id, "comments", {"body": "Requested an unannounced audit."}
    )
    assert (
        comment.status_code == 201 and comment.json()["author"] == tenant.keys[Role.auditor][4:12]
    )
    v = start_review(client, tenant, case_id)
    decided = _post(
        client,
        tenant,
        case_id,
        "decision",
        {
            "decision": "remediation_required",
            "rationale": "No worker-level evidence; audit due.",
            "version": v,
        },
    )
    assert decided.status_code == 200, decided.text
    body = decided.json()
    assert body["status"] == "closed" and body["decision"] == "remediation_required"
    assert body["decided_by"] == tenant.keys[Role.auditor][4:12] and body["closed_at"]

    detail = client.get(f"/v1/cases/{case_id}", headers=tenant.headers("auditor"))
    assert detail.status_code == 200 and detail.headers["etag"] == f'"{body["version"]}"'
    full = detail.json()
    assert full["supplier"]["name"] == "Kaesong Garments"
    assert full["assessment"]["factors"] and full["assessment"]["indicators"]
    assert [c["body"] for c in full["comments"]] == ["Requested an unannounced audit."]
    events = client.get(f"/v1/cases/{case_id}/events", headers=tenant.headers("auditor")).json()
    actions = [e["action"] for e in events["items"]]
    assert actions == [
        "case.opened",
        "case.assigned",
        "case.comment_added",
        "case.review_started",
        "case.decided",
        "plan.opened",  # remediation_required opens the corrective action plan
    ]
    assert full["history"] == events["items"]
    decided_event = events["items"][-2]
    assert decided_event["before"]["status"] == "in_review"
    assert decided_event["after"]["decision"] == "remediation_required"
    assert decided_event["actor"] == tenant.keys[Role.auditor][4:12]
    with database.session() as session:
        assert verify_chain(session).ok


def test_a_new_flag_adds_to_the_open_case_and_raises_its_priority(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    supplier_id = add_supplier(database, tenant, "Kaesong Garments")
    with database.session() as session:
        supplier = session.get_one(Supplier, supplier_id)
        audit = Audit(
            organisation_id=supplier.organisation_id,
            supplier_id=supplier.id,
            audited_on=date.today() - timedelta(days=3),
            audit_type="unannounced",
            created_by="test",
        )
        session.add(audit)
        session.flush()
        session.add(Finding(audit_id=audit.id, found_on=audit.audited_on, **PASSPORTS_CONFISCATED))
        session.flush()
        assess_supplier(session, supplier, RiskDataStore().in_force(session), actor="test")
        session.commit()
    cases = client.get("/v1/cases", headers=tenant.headers("auditor")).json()["items"]
    assert len(cases) == 1
    assert cases[0]["priority"] == "critical" and cases[0]["critical"] is True
    assert "retention_of_identity_documents" in {r["code"] for r in cases[0]["reasons"]}


# --- transitions ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, body",
    [
        ("decision", {"decision": "terminate", "rationale": "Too early"}),  # open: not reviewed
        ("status", {"status": "escalated"}),  # open -> escalated skips the review
        ("reopen", {"reason": "It is not closed"}),
        ("decision/confirm", {}),  # nothing pending
    ],
)
def test_a_transition_the_workflow_does_not_allow_is_a_conflict(
    client: TestClient, tenant: Tenant, database: Database, path: str, body: dict[str, Any]
) -> None:
    case_id = flagged_case(database, tenant)
    response = _post(client, tenant, case_id, path, {**body, "version": 1})
    assert response.status_code == 409, response.text
    assert response.json()["type"] == "/problems/conflict"
    # The problem's own status is the HTTP status; the case's is another member.
    assert response.json()["status"] == 409 and response.json()["case_status"] == "open"
    assert version(client, tenant, case_id) == 1


def test_a_closed_case_cannot_be_escalated_or_assigned_but_can_be_reopened(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    case_id = flagged_case(database, tenant)
    v = start_review(client, tenant, case_id)
    escalated = _post(client, tenant, case_id, "status", {"status": "escalated", "version": v})
    assert escalated.status_code == 200 and escalated.json()["status"] == "escalated"
    v = escalated.json()["version"]
    closed = _post(
        client,
        tenant,
        case_id,
        "decision",
        {"decision": "suspend", "rationale": "Orders on hold", "version": v},
    ).json()
    v = closed["version"]
    for path, body in [
        ("status", {"status": "escalated"}),
        ("assign", {"assignee": "x"}),
        ("decision", {"decision": "terminate", "rationale": "again"}),
    ]:
        response = _post(client, tenant, case_id, path, {**body, "version": v})
        assert response.status_code == 409, (path, response.text)
    reopened = _post(client, tenant, case_id, "reopen", {"reason": "New evidence", "version": v})
    assert reopened.status_code == 200, reopened.text
    assert reopened.json()["status"] == "in_review" and reopened.json()["decision"] is None
    events = client.get(f"/v1/cases/{case_id}/events", headers=tenant.headers("auditor")).json()
    assert events["items"][-1]["action"] == "case.reopened"
    assert events["items"][-1]["before"]["decision"] == "suspend"


def test_a_change_needs_the_version_and_a_stale_one_is_refused(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    case_id = flagged_case(database, tenant)
    missing = _post(client, tenant, case_id, "assign", {"assignee": "a"})
    assert missing.status_code == 422 and missing.json()["errors"][0]["pointer"] == "/version"
    by_header = client.post(
        f"/v1/cases/{case_id}/assign",
        json={"assignee": "a"},
        headers={**tenant.headers("auditor"), "If-Match": '"1"'},
    )
    assert by_header.status_code == 200 and by_header.json()["version"] == 2
    stale = client.post(
        f"/v1/cases/{case_id}/assign",
        json={"assignee": "b"},
        headers={**tenant.headers("auditor"), "If-Match": '"1"'},
    )
    assert stale.status_code == 409 and stale.json()["current_version"] == 2


# --- clearing a critical case: four eyes ----------------------------------------------


def _clear(client: TestClient, case_id: str, key: str, version: int):
    return client.post(
        f"/v1/cases/{case_id}/decision",
        json={
            "decision": "cleared",
            "rationale": "Passports returned; verified.",
            "version": version,
        },
        headers={"Authorization": f"Bearer {key}"},
    )


def _confirm(client: TestClient, case_id: str, key: str, version: int, action: str = "confirm"):
    return client.post(
        f"/v1/cases/{case_id}/decision/{action}",
        json={"version": version, "note": "Checked the photos."},
        headers={"Authorization": f"Bearer {key}"},
    )


def test_clearing_a_critical_case_needs_a_second_person(
    client: TestClient, tenant: Tenant, database: Database, settings: Any
) -> None:
    ana = person_key(database, settings, tenant, "ana@a.example", name="Ana")
    ben = person_key(database, settings, tenant, "ben@a.example", name="Ben")
    case_id = flagged_case(database, tenant, critical=True)
    v = start_review(client, tenant, case_id)
    proposed = _clear(client, case_id, ana, v)
    assert proposed.status_code == 202, proposed.text
    pending = proposed.json()
    assert pending["status"] == "in_review" and pending["decision"] is None
    assert pending["pending_decision"]["decision"] == "cleared"
    v = pending["version"]

    own = _confirm(client, case_id, ana, v)
    assert own.status_code == 403
    ana_ref = own.json()["proposed_by"]
    assert ana_ref.startswith("person:")

    confirmed = _confirm(client, case_id, ben, v)
    assert confirmed.status_code == 200, confirmed.text
    body = confirmed.json()
    assert body["status"] == "closed" and body["decision"] == "cleared"
    proposer, confirmer = body["decided_by"].split("+")
    assert proposer == ana_ref and confirmer.startswith("person:") and confirmer != ana_ref
    events = client.get(f"/v1/cases/{case_id}/events", headers=tenant.headers("auditor")).json()
    last_two = events["items"][-2:]
    assert [e["action"] for e in last_two] == ["case.decision_proposed", "case.decision_confirmed"]
    assert [(e["actor_kind"], e["actor_name"]) for e in last_two] == [
        ("person", "Ana"),
        ("person", "Ben"),
    ]


def test_one_person_with_two_keys_cannot_confirm_their_own_clearance(
    client: TestClient, tenant: Tenant, database: Database, settings: Any
) -> None:
    first_key = person_key(database, settings, tenant, "ana@a.example")
    second_key = person_key(database, settings, tenant, "ana@a.example")
    admin_key = person_key(database, settings, tenant, "ana@a.example", role=Role.admin)
    case_id = flagged_case(database, tenant, critical=True)
    v = _clear(client, case_id, first_key, start_review(client, tenant, case_id)).json()["version"]
    for key in (second_key, admin_key):
        refused = _confirm(client, case_id, key, v)
        assert refused.status_code == 403, refused.text
    assert client.get(f"/v1/cases/{case_id}", headers=tenant.headers("auditor")).json()[
        "pending_decision"
    ]


def test_service_account_keys_neither_propose_nor_confirm_a_critical_clearance(
    client: TestClient, tenant: Tenant, database: Database, settings: Any
) -> None:
    case_id = flagged_case(database, tenant, critical=True)
    v = start_review(client, tenant, case_id)
    machine = _clear(client, case_id, tenant.keys[Role.auditor], v)
    assert machine.status_code == 403
    assert "proposed and confirmed by people" in machine.json()["detail"]
    ana = person_key(database, settings, tenant, "ana@a.example")
    v = _clear(client, case_id, ana, v).json()["version"]
    for role in (Role.admin, Role.auditor):
        assert _confirm(client, case_id, tenant.keys[role], v).status_code == 403


def test_an_admin_confirms_and_a_rejected_clearance_leaves_the_case_open(
    client: TestClient, tenant: Tenant, database: Database, settings: Any
) -> None:
    ana = person_key(database, settings, tenant, "ana@a.example")
    ada = person_key(database, settings, tenant, "ada@a.example", role=Role.admin)
    case_id = flagged_case(database, tenant, critical=True)
    v = _clear(client, case_id, ana, start_review(client, tenant, case_id)).json()["version"]
    rejected = _confirm(client, case_id, ada, v, action="reject")
    assert rejected.status_code == 200 and rejected.json()["pending_decision"] is None
    assert rejected.json()["status"] == "in_review"
    v = _clear(client, case_id, ana, rejected.json()["version"]).json()["version"]
    confirmed = _confirm(client, case_id, ada, v)
    assert confirmed.status_code == 200 and confirmed.json()["decision"] == "cleared"


def test_a_non_critical_case_is_cleared_by_one_reviewer(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    case_id = flagged_case(database, tenant)
    v = start_review(client, tenant, case_id)
    cleared = _post(
        client,
        tenant,
        case_id,
        "decision",
        {"decision": "cleared", "rationale": "Verified audit on file", "version": v},
    )
    assert cleared.status_code == 200 and cleared.json()["decision"] == "cleared"


def test_a_clearance_holds_until_a_new_reason_appears(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    supplier_id = add_supplier(database, tenant, "Kaesong Garments")
    case_id = str(case_of(database, supplier_id).id)
    v = start_review(client, tenant, case_id)
    _post(
        client,
        tenant,
        case_id,
        "decision",
        {"decision": "cleared", "rationale": "Verified audit on file", "version": v},
    )

    def reassess(finding: dict[str, Any] | None) -> None:
        with database.session() as session:
            supplier = session.get_one(Supplier, supplier_id)
            supplier.region = f"re-assessed {uuid.uuid4()}"  # new inputs, a new assessment
            if finding:
                audit = Audit(
                    organisation_id=supplier.organisation_id,
                    supplier_id=supplier.id,
                    audited_on=date.today() - timedelta(days=1),
                    audit_type="announced",
                    created_by="test",
                )
                session.add(audit)
                session.flush()
                session.add(Finding(audit_id=audit.id, found_on=audit.audited_on, **finding))
                session.flush()
            assess_supplier(session, supplier, RiskDataStore().in_force(session), actor="test")
            session.commit()

    reassess(None)
    statuses = [
        c["status"]
        for c in client.get("/v1/cases", headers=tenant.headers("auditor")).json()["items"]
    ]
    assert statuses == ["closed"]
    reassess(PASSPORTS_CONFISCATED)
    statuses = sorted(
        c["status"]
        for c in client.get("/v1/cases", headers=tenant.headers("auditor")).json()["items"]
    )
    assert statuses == ["closed", "open"]


# --- concurrency ----------------------------------------------------------------------


def test_two_decisions_with_the_same_version_one_wins(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    case_id = flagged_case(database, tenant)
    v = start_review(client, tenant, case_id)
    first = _post(
        client,
        tenant,
        case_id,
        "decision",
        {"decision": "suspend", "rationale": "Reviewer one", "version": v},
    )
    second = _post(
        client,
        tenant,
        case_id,
        "decision",
        {"decision": "cleared", "rationale": "Reviewer two", "version": v},
        role="admin",
    )
    assert (first.status_code, second.status_code) == (200, 409)
    assert (
        client.get(f"/v1/cases/{case_id}", headers=tenant.headers("auditor")).json()["decision"]
        == "suspend"
    )


def test_interleaved_sessions_deciding_one_case_one_wins(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    """Both read version N before either writes: the database's version check stops the second."""
    case_id = uuid.UUID(flagged_case(database, tenant))
    v = start_review(client, tenant, str(case_id))
    org = uuid.UUID(tenant.organisation_id)
    one = Principal(org, Role.auditor, Actor.key("reviewr1", "one"))
    two = Principal(org, Role.admin, Actor.key("reviewr2", "two"))
    with database.session() as first, database.session() as second:
        views.get_case(first, org, case_id)  # both have read the case at version v
        views.get_case(second, org, case_id)
        case_service.decide(
            first, one, case_id, DecisionIn(decision="suspend", rationale="one", version=v), None
        )
        with pytest.raises(ProblemError) as lost:
            case_service.decide(
                second,
                two,
                case_id,
                DecisionIn(decision="terminate", rationale="two", version=v),
                None,
            )
    assert lost.value.problem.status == 409
    with database.session() as session:
        case = session.get_one(ReviewCase, case_id)
        assert (case.decision, case.decided_by) == ("suspend", "reviewr1")
        assert verify_chain(session).ok


# --- tenants and roles ----------------------------------------------------------------


def test_another_organisations_case_is_not_found_on_every_endpoint(
    client: TestClient, tenant: Tenant, other_tenant: Tenant, database: Database
) -> None:
    case_id = flagged_case(database, tenant)
    add_supplier(database, other_tenant, "Other Org Mill")
    listed = client.get("/v1/cases", headers=other_tenant.headers("auditor")).json()["items"]
    assert [c["supplier_name"] for c in listed] == ["Other Org Mill"]
    headers = other_tenant.headers("admin")
    for path in ["", "/events", "/export?format=json", "/export?format=html"]:
        response = client.get(f"/v1/cases/{case_id}{path}", headers=headers)
        assert response.status_code == 404, (path, response.text)
    for path, body in [
        ("assign", {"assignee": "x", "version": 1}),
        ("comments", {"body": "hello"}),
        ("status", {"status": "in_review", "version": 1}),
        ("decision", {"decision": "terminate", "rationale": "x", "version": 1}),
        ("decision/confirm", {"version": 1}),
        ("decision/reject", {"version": 1}),
        ("reopen", {"reason": "x", "version": 1}),
    ]:
        response = client.post(f"/v1/cases/{case_id}/{path}", json=body, headers=headers)
        assert response.status_code == 404, (path, response.text)
    assert version(client, tenant, case_id) == 1


@pytest.mark.parametrize("role", ["procurement", "compliance"])
def test_roles_without_the_cases_scope_are_forbidden(
    client: TestClient, tenant: Tenant, database: Database, role: str
) -> None:
    case_id = flagged_case(database, tenant)
    assert client.get("/v1/cases", headers=tenant.headers(role)).status_code == 403
    assert client.get(f"/v1/cases/{case_id}", headers=tenant.headers(role)).status_code == 403
    response = _post(client, tenant, case_id, "assign", {"assignee": "x", "version": 1}, role=role)
    assert response.status_code == 403 and response.json()["type"] == "/problems/forbidden"


# --- the list -------------------------------------------------------------------------


def test_the_list_filters_sorts_by_priority_then_age_and_pages(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    add_supplier(database, tenant, "Burma Scam Park", country="MM", sector="online_scam_operations")
    add_supplier(
        database,
        tenant,
        "Passport Keepers",
        country="DE",
        sector="services",
        findings=(PASSPORTS_CONFISCATED,),
    )
    add_supplier(
        database,
        tenant,
        "Thai Shrimp",
        country="TH",
        sector="fishing_seafood",
        products=("shrimp",),
    )
    add_supplier(database, tenant, "Quiet Logistics", country="NL", sector="logistics")  # no flag
    headers = tenant.headers("auditor")
    first = client.get("/v1/cases", headers=headers)
    assert first.status_code == 200, first.text
    names = [c["supplier_name"] for c in first.json()["items"]]
    assert names[0] == "Passport Keepers" and len(names) == 3
    assert set(names[1:]) == {"Burma Scam Park", "Thai Shrimp"}

    def names_for(query: str) -> list[str]:
        response = client.get(f"/v1/cases?{query}", headers=headers)
        assert response.status_code == 200, response.text
        return [c["supplier_name"] for c in response.json()["items"]]

    assert names_for("reason=retention_of_identity_documents") == ["Passport Keepers"]
    assert names_for("reason=ilab_forced_labour_good_unaudited") == ["Thai Shrimp"]
    assert names_for("country=mm") == ["Burma Scam Park"]
    assert names_for("sector=fishing_seafood") == ["Thai Shrimp"]
    assert names_for("priority=critical") == ["Passport Keepers"]
    assert names_for("status=closed") == []
    assert len(names_for("status=open&status=in_review")) == 3
    assert names_for("assignee=nobody") == []

    pages: list[str] = []
    cursor = ""
    while True:
        body = client.get(f"/v1/cases?limit=1{cursor}", headers=headers).json()
        pages += [c["supplier_name"] for c in body["items"]]
        if not body["next_cursor"]:
            break
        cursor = f"&cursor={body['next_cursor']}"
    assert pages == names
    bad = client.get("/v1/cases?cursor=not-a-cursor", headers=headers)
    assert bad.status_code == 422
