"""Decisions that hold and reach the buyer: the supplier's due-diligence status, the buying
answer wherever procurement sees the supplier, and new cases only on material change."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from api.assessments.service import assess_supplier
from api.reference_data.service import RiskDataStore
from models import Audit, Event, Finding, ReviewCase, Supplier
from models.database import Database
from tests.conftest import Tenant
from tests.integration.test_cases import (
    PASSPORTS_CONFISCATED,
    _post,
    add_supplier,
    case_of,
    start_review,
)


def decide(client: TestClient, tenant: Tenant, case_id: str, decision: str, **extra: Any) -> Any:
    v = start_review(client, tenant, case_id)
    body = {"decision": decision, "rationale": f"{decision} after review", "version": v, **extra}
    response = _post(client, tenant, case_id, "decision", body)
    assert response.status_code == 200, response.text
    return response.json()


def supplier_view(client: TestClient, tenant: Tenant, sid: uuid.UUID) -> Any:
    response = client.get(f"/v1/suppliers/{sid}", headers=tenant.headers("procurement"))
    assert response.status_code == 200, response.text
    return response.json()


def cases_of(database: Database, sid: uuid.UUID) -> list[ReviewCase]:
    with database.session() as session:
        return list(
            session.scalars(
                select(ReviewCase)
                .where(ReviewCase.supplier_id == sid)
                .order_by(ReviewCase.opened_at)
            )
        )


def add_finding(database: Database, sid: uuid.UUID, finding: dict[str, Any]) -> None:
    """A new audit with ``finding`` stored for the supplier, which is then re-assessed."""
    with database.session() as session:
        supplier = session.get_one(Supplier, sid)
        audit = Audit(
            organisation_id=supplier.organisation_id,
            supplier_id=sid,
            audited_on=date.today() - timedelta(days=2),
            audit_type="unannounced",
            created_by="test",
        )
        session.add(audit)
        session.flush()
        session.add(Finding(audit_id=audit.id, found_on=audit.audited_on, **finding))
        session.flush()
        assess_supplier(session, supplier, RiskDataStore().in_force(session), actor="test")
        session.commit()


def test_a_flagged_supplier_is_under_review_and_procurement_is_told_to_review(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    sid = add_supplier(database, tenant, "Kaesong Garments")
    due = supplier_view(client, tenant, sid)["due_diligence"]
    assert due["status"] == "under_review"
    assert due["case_id"] == str(case_of(database, sid).id)
    assert due["buying"]["outcome"] == "review"
    plain = add_supplier(database, tenant, "Berlin Garments", country="DE")
    due = supplier_view(client, tenant, plain)["due_diligence"]
    assert due["status"] is None and due["case_id"] is None
    assert due["buying"]["outcome"] == "approve"
    assert "below the review threshold" in due["buying"]["reasons"][0]


def test_a_suspended_supplier_answers_block_everywhere_and_a_rescore_reopens_nothing(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    sid = add_supplier(database, tenant, "Kaesong Garments", products=("garments",))
    case_id = str(case_of(database, sid).id)
    decide(client, tenant, case_id, "suspend")

    view = supplier_view(client, tenant, sid)
    due = view["due_diligence"]
    assert due["status"] == "suspended" and due["case_id"] == case_id
    assert due["by"] and due["since"]
    assert due["buying"]["outcome"] == "block"
    assert "suspended" in due["buying"]["reasons"][0]

    procurement = tenant.headers("procurement")
    payload = {"supplier": {"supplier_id": str(sid), "country": "KP"}}
    scored = client.post("/v1/score", json=payload, headers=procurement)
    assert scored.status_code == 200, scored.text
    assert scored.json()["buying"]["outcome"] == "block"
    assert scored.json()["registry"]["supplier_id"] == str(sid)
    matched = client.post(
        "/v1/suppliers/match",
        json={"name": "Kaesong Garments", "country": "KP"},
        headers=procurement,
    ).json()["candidates"]
    assert matched[0]["due_diligence"]["buying"]["outcome"] == "block"

    # Nothing material: a rescore, and an update that changes the digest but not the risk.
    rescored = client.post(f"/v1/suppliers/{sid}/assess", headers=tenant.headers())
    assert rescored.status_code in (200, 201), rescored.text
    patched = client.patch(
        f"/v1/suppliers/{sid}", json={"city": "Kaesong"}, headers=tenant.headers()
    )
    assert patched.status_code == 200, patched.text
    with database.session() as session:
        supplier = session.get_one(Supplier, sid)
        supplier.worker_count = 410
        assess_supplier(session, supplier, RiskDataStore().in_force(session), actor="test")
        session.commit()
    assert len(cases_of(database, sid)) == 1
    assert supplier_view(client, tenant, sid)["due_diligence"]["status"] == "suspended"


def test_new_information_opens_a_case_that_links_the_decision(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    sid = add_supplier(database, tenant, "Kaesong Garments")
    first = str(case_of(database, sid).id)
    decide(client, tenant, first, "cleared")
    assert supplier_view(client, tenant, sid)["due_diligence"]["buying"]["outcome"] == "approve"

    add_finding(database, sid, PASSPORTS_CONFISCATED)
    old, new = cases_of(database, sid)
    assert str(old.id) == first and new.status == "open"
    assert new.previous_case_id == old.id
    due = supplier_view(client, tenant, sid)["due_diligence"]
    assert due["status"] == "under_review" and due["case_id"] == str(new.id)
    assert due["buying"]["outcome"] == "review"
    with database.session() as session:
        opened = session.scalars(
            select(Event).where(Event.entity_id == str(new.id), Event.action == "case.opened")
        ).one()
    because = " ".join(opened.after["reopened_because"])
    assert "retention_of_identity_documents" in because and "audit" in because
    shown = client.get(f"/v1/cases/{new.id}", headers=tenant.headers("auditor")).json()
    assert shown["previous_case_id"] == first


def test_a_block_stays_a_block_while_new_information_is_reviewed(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    sid = add_supplier(database, tenant, "Kaesong Garments")
    decide(client, tenant, str(case_of(database, sid).id), "terminate")
    add_finding(database, sid, PASSPORTS_CONFISCATED)
    assert len(cases_of(database, sid)) == 2
    due = supplier_view(client, tenant, sid)["due_diligence"]
    assert due["status"] == "terminated" and due["buying"]["outcome"] == "block"


def test_an_open_case_takes_the_new_reasons_and_keeps_the_old_in_its_history(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    sid = add_supplier(database, tenant, "Kaesong Garments")
    case = case_of(database, sid)
    before = [r["code"] for r in case.reasons]
    add_finding(database, sid, PASSPORTS_CONFISCATED)
    refreshed = case_of(database, sid)
    assert refreshed.id == case.id
    codes = [r["code"] for r in refreshed.reasons]
    assert "retention_of_identity_documents" in codes
    score_reason = next(r for r in refreshed.reasons if r["code"] == "score_above_threshold")
    with database.session() as session:
        score = session.get_one(Supplier, sid).score
        event = session.scalars(
            select(Event).where(
                Event.entity_id == str(case.id), Event.action == "case.reasons_refreshed"
            )
        ).one()
    assert f"score {score:.1f} is at or above" in score_reason["summary"]
    assert [r["code"] for r in event.before["reason_details"]] == before
    assert [r["code"] for r in event.after["reason_details"]] == codes


def test_a_decision_validity_in_the_past_is_refused(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    sid = add_supplier(database, tenant, "Kaesong Garments")
    case_id = str(case_of(database, sid).id)
    v = start_review(client, tenant, case_id)
    body = {
        "decision": "cleared",
        "rationale": "ok",
        "version": v,
        "valid_until": (date.today() - timedelta(days=1)).isoformat(),
    }
    response = _post(client, tenant, case_id, "decision", body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/valid_until"


def test_an_assessment_that_concludes_the_same_is_not_recorded_again(
    database: Database, tenant: Tenant
) -> None:
    """New inputs (here only the date) that change nothing the engine concludes make no new
    assessment, so history holds changes, not repeats."""
    sid = add_supplier(database, tenant, "Kaesong Garments")
    with database.session() as session:
        supplier = session.get_one(Supplier, sid)
        data = RiskDataStore().in_force(session)
        later = date.today() + timedelta(days=3)
        _, new = assess_supplier(session, supplier, data, actor="test", as_of=later)
        assert new is False
        supplier.migrant_share = 0.9  # changes the inputs and the conclusion
        _, new = assess_supplier(session, supplier, data, actor="test", as_of=later)
        assert new is True
