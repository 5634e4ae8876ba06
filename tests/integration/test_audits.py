"""``/v1/suppliers/{id}/audits`` and ``/v1/audits/{id}``: storage, mapping, reliability, scoring."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.assessments.service import assess_supplier
from api.auth.roles import Role
from api.reference_data.service import RiskDataStore
from models import Audit, Event, Finding, Supplier, TimesheetRow
from models.database import Database
from screening.deception import ALGORITHM_VERSION
from screening.inputs.audit import Audit as EngineAudit
from tests.conftest import Tenant
from tests.generators.audit_evidence import generate_audit

TODAY = date.today()


def make_supplier(
    database: Database,
    tenant: Tenant,
    *,
    name: str = "Harbour Electronics Sdn Bhd",
    country: str = "DE",
    sector: str | None = "electronics",
    products: tuple[str, ...] = (),
    external_ref: str | None = None,
) -> str:
    with database.session() as session:
        supplier = Supplier(
            organisation_id=uuid.UUID(tenant.organisation_id),
            name=name,
            normalised_name=name.casefold(),
            country=country,
            sector=sector,
            products=list(products),
            external_ref=external_ref,
        )
        session.add(supplier)
        session.commit()
        return str(supplier.id)


def payload(audit: EngineAudit, *, ref: str | None = None, **changes: Any) -> dict[str, Any]:
    """A generated engine audit as the JSON a client would post."""
    e = audit.evidence
    body: dict[str, Any] = {
        "audit_ref": ref,
        "audited_on": audit.audited_on.isoformat(),
        "audit_type": audit.audit_type,
        "standard": audit.standard,
        "firm": audit.firm,
        "auditor": audit.auditor,
        "paid_by": audit.paid_by,
        "workers_total": audit.workers_total,
        "workers_interviewed": audit.workers_interviewed,
        "interviews_in_worker_language": audit.interviews_in_worker_language,
        "report_text": audit.report_text,
        "findings": [],
        "evidence": {
            "timesheets": [
                {"worker_ref": t.worker_ref, "day": t.day.isoformat(), "hours": t.hours}
                for t in e.timesheets
            ],
            "payroll": [
                {
                    "worker_ref": p.worker_ref,
                    "period_start": p.period_start.isoformat(),
                    "period_end": p.period_end.isoformat(),
                    "gross": p.gross,
                    "net": p.net,
                    "deductions": [{"kind": d.kind, "amount": d.amount} for d in p.deductions],
                    "hours_paid": p.hours_paid,
                    "declared_wage": p.declared_wage,
                    "paid_on": p.paid_on.isoformat() if p.paid_on else None,
                    "due_on": p.due_on.isoformat() if p.due_on else None,
                    "paid_to_account": p.paid_to_account,
                }
                for p in e.payroll
            ],
            "interviews": [
                {
                    "worker_ref": i.worker_ref,
                    "reported_weekly_hours": i.reported_weekly_hours,
                    "reported_rest_days_per_week": i.reported_rest_days_per_week,
                    "answers": list(i.answers),
                    "language": i.language,
                    "worker_language": i.worker_language,
                }
                for i in e.interviews
            ],
            "recruitment": [
                {
                    "worker_ref": r.worker_ref,
                    "fee_paid": r.fee_paid,
                    "currency": r.currency,
                    "monthly_wage": r.monthly_wage,
                    "outstanding_debt": r.outstanding_debt,
                    "agency": r.agency,
                }
                for r in e.recruitment
            ],
            "documents": [{"worker_ref": d.worker_ref, "holder": d.holder} for d in e.documents],
        },
    }
    body.update(changes)
    return body


def recent_audit(seed: int, **kwargs: Any) -> EngineAudit:
    """A generated audit whose records end a few weeks before today."""
    kwargs.setdefault("workers", 80)
    kwargs.setdefault("days", 60)
    return generate_audit(seed, start=TODAY - timedelta(days=100), **kwargs).audit


PASSPORTS_KEPT = {
    "audit_ref": "SMETA-2024-0117",
    "audited_on": (TODAY - timedelta(days=20)).isoformat(),
    "audit_type": "unannounced",
    "paid_by": "buyer",
    "workers_total": 400,
    "workers_interviewed": 25,
    "interviews_in_worker_language": True,
    "findings": [
        {"severity": "high", "description": "passports kept by management"},
        {"indicator": "excessive_overtime", "severity": "medium", "status": "remediated"},
        {"severity": "low", "description": "Fire extinguisher inspection tags out of date"},
    ],
}


def test_findings_in_auditors_words_are_mapped_and_unmapped_ones_reported(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    supplier_id = make_supplier(database, tenant)
    response = client.post(
        f"/v1/suppliers/{supplier_id}/audits",
        json=PASSPORTS_KEPT,
        headers=tenant.headers("compliance"),
    )
    assert response.status_code == 201, response.text
    body = response.json()
    passports, overtime, extinguisher = body["findings"]
    assert passports["indicator"] == "retention_of_identity_documents"
    assert (
        passports["mapped_by"] in ("synonym", "fuzzy") and 0 < passports["mapping_confidence"] <= 1
    )
    assert passports["description"] == "passports kept by management"
    assert overtime["indicator"] == "excessive_overtime" and overtime["mapped_by"] == "code"
    assert overtime["mapping_confidence"] == 1.0
    assert extinguisher["indicator"] is None and extinguisher["mapped_by"] == "unmapped"
    [unmapped] = body["unmapped_findings"]
    assert unmapped["index"] == 2 and "Fire extinguisher" in unmapped["text"]
    assert "retention_of_identity_documents" in unmapped["message"]
    assert "retention_of_identity_documents" in body["assessment"]["reasons"]
    assert body["assessment"]["flagged"] is True

    stored = client.get(f"/v1/audits/{body['id']}", headers=tenant.headers("auditor")).json()
    assert len(stored["findings"]) == 3  # the unmapped one kept, never dropped
    assert {f["indicator"] for f in stored["findings"]} == {
        "retention_of_identity_documents",
        "excessive_overtime",
        None,
    }
    with database.session() as session:
        events = session.scalars(select(Event).where(Event.entity_type == "audit")).all()
        assert [e.action for e in events] == ["audit.created"]
        assert (events[0].after or {})["unmapped_findings"] == 1
        assert events[0].actor == tenant.keys[Role.compliance][4:12]


def test_honest_generated_evidence_is_reliable_and_reads_back(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    supplier_id = make_supplier(database, tenant)
    audit = recent_audit(11)
    sent = payload(audit, ref="AUD-11")
    response = client.post(
        f"/v1/suppliers/{supplier_id}/audits", json=sent, headers=tenant.headers("auditor")
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["reliability"]["level"] in ("high", "medium"), body["reliability"]
    assert not {p["code"] for p in body["reliability"]["patterns"]} & {
        "timesheets_too_regular",
        "payroll_timesheet_mismatch",
        "coached_answers",
    }
    counts = body["evidence"]
    assert counts == {k: len(v) for k, v in sent["evidence"].items()}

    # Read every table back, page by page, and compare with what was sent.
    for kind, rows in sent["evidence"].items():
        received: list[dict[str, Any]] = []
        cursor: str | None = None
        while True:
            params: dict[str, Any] = {"limit": 1000} | ({"cursor": cursor} if cursor else {})
            page = client.get(
                f"/v1/audits/{body['id']}/evidence/{kind}",
                params=params,
                headers=tenant.headers("auditor"),
            ).json()
            received.extend(page["items"])
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert len(received) == len(rows), kind
        assert [r["worker_ref"] for r in received] == [r["worker_ref"] for r in rows]
    first_pay = sent["evidence"]["payroll"][0]
    page = client.get(
        f"/v1/audits/{body['id']}/evidence/payroll",
        params={"limit": 1},
        headers=tenant.headers("auditor"),
    ).json()
    assert page["items"][0]["deductions"] == {
        d["kind"]: d["amount"] for d in first_pay["deductions"]
    }
    assert page["items"][0]["period_start"] == first_pay["period_start"]


def test_identical_timesheets_make_the_audit_low_with_evidence_refs(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    supplier_id = make_supplier(database, tenant)
    audit = recent_audit(12, inject={"timesheets_too_regular": 0.8})
    response = client.post(
        f"/v1/suppliers/{supplier_id}/audits",
        json=payload(audit),
        headers=tenant.headers("compliance"),
    )
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["reliability"]["level"] == "low"

    reliability = client.get(
        f"/v1/audits/{created['id']}/reliability", headers=tenant.headers("auditor")
    ).json()
    assert reliability["level"] == "low"
    assert reliability["algorithm_version"] == ALGORITHM_VERSION
    assert reliability["analysed_at"] is not None
    regular = next(p for p in reliability["patterns"] if p["code"] == "timesheets_too_regular")
    assert regular["strength"] >= 0.5
    assert regular["evidence"] and all(r.startswith("timesheet:W-") for r in regular["evidence"])
    assert reliability["unverified"] is True  # low reliability: it cannot lower the risk


def test_a_clean_low_reliability_audit_does_not_lower_the_score_and_flags(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    supplier_id = make_supplier(
        database,
        tenant,
        name="Selangor Garments",
        country="MY",
        sector="garments_textiles",
        products=("garments",),
    )
    with database.session() as session:
        supplier = session.get_one(Supplier, uuid.UUID(supplier_id))
        data = RiskDataStore().in_force(session)
        before, _ = assess_supplier(session, supplier, data, actor="test")
        session.commit()
    audit = recent_audit(13, inject={"timesheets_too_regular": 0.9, "coached_answers": 0.8})
    response = client.post(
        f"/v1/suppliers/{supplier_id}/audits",
        json=payload(audit),
        headers=tenant.headers("compliance"),
    )
    assert response.status_code == 201, response.text
    after = response.json()["assessment"]
    assert response.json()["findings"] == []  # clean: nothing reported
    assert after["new"] is True
    assert after["score"] >= before.score
    assert "audit_unreliable" in after["reasons"]
    assert after["flagged"] is True
    with database.session() as session:
        stored = session.get_one(Supplier, uuid.UUID(supplier_id))
        assert stored.score == after["score"] and stored.flagged is True


def test_a_reliable_clean_audit_scores_the_supplier_and_agrees_with_the_engine(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    supplier_id = make_supplier(database, tenant)
    body = client.post(
        f"/v1/suppliers/{supplier_id}/audits",
        json=payload(recent_audit(14)),
        headers=tenant.headers("compliance"),
    ).json()
    with database.session() as session:
        from api.assessments.service import latest_assessment

        latest = latest_assessment(session, uuid.UUID(supplier_id))
        assert latest is not None
        [engine_view] = latest.result["audit_reliabilities"]
    # The level stored on the audit is the one the supplier was scored with.
    assert engine_view["level"] == body["reliability"]["level"]
    assert "audit_unreliable" not in body["assessment"]["reasons"]


def test_another_organisation_sees_nothing(
    client: TestClient, tenant: Tenant, other_tenant: Tenant, database: Database
) -> None:
    supplier_id = make_supplier(database, tenant)
    created = client.post(
        f"/v1/suppliers/{supplier_id}/audits",
        json=PASSPORTS_KEPT,
        headers=tenant.headers("compliance"),
    ).json()
    outsider = other_tenant.headers("compliance")
    for path in (
        f"/v1/audits/{created['id']}",
        f"/v1/audits/{created['id']}/reliability",
        f"/v1/audits/{created['id']}/evidence/timesheets",
        f"/v1/suppliers/{supplier_id}/audits",
    ):
        response = client.get(path, headers=outsider)
        assert response.status_code == 404, path
        assert response.json()["type"] == "/problems/not-found"
    posted = client.post(
        f"/v1/suppliers/{supplier_id}/audits",
        json=PASSPORTS_KEPT | {"audit_ref": None},
        headers=outsider,
    )
    assert posted.status_code == 404
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Audit)) == 1


def test_roles(client: TestClient, tenant: Tenant, database: Database) -> None:
    supplier_id = make_supplier(database, tenant)
    url = f"/v1/suppliers/{supplier_id}/audits"
    refused = client.post(url, json=PASSPORTS_KEPT, headers=tenant.headers("procurement"))
    assert refused.status_code == 403 and refused.json()["type"] == "/problems/forbidden"
    created = client.post(url, json=PASSPORTS_KEPT, headers=tenant.headers("auditor")).json()
    assert (
        client.get(f"/v1/audits/{created['id']}", headers=tenant.headers("procurement")).status_code
        == 403
    )
    for role in ("admin", "compliance", "auditor"):
        assert (
            client.get(f"/v1/audits/{created['id']}", headers=tenant.headers(role)).status_code
            == 200
        )


def test_bad_audits_are_refused_with_pointers(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    supplier_id = make_supplier(database, tenant)
    url = f"/v1/suppliers/{supplier_id}/audits"
    headers = tenant.headers("compliance")
    named = PASSPORTS_KEPT | {
        "audit_ref": None,
        "evidence": {"documents": [{"worker_ref": "Siti Aminah", "holder": "employer"}]},
    }
    response = client.post(url, json=named, headers=headers)
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/evidence/documents/0/worker_ref"
    future = PASSPORTS_KEPT | {"audited_on": (TODAY + timedelta(days=3)).isoformat()}
    response = client.post(url, json=future, headers=headers)
    assert response.status_code == 422 and response.json()["errors"][0]["pointer"] == "/audited_on"
    assert client.post(url, json=PASSPORTS_KEPT, headers=headers).status_code == 201
    again = client.post(url, json=PASSPORTS_KEPT, headers=headers)
    assert again.status_code == 409 and again.json()["audit_ref"] == "SMETA-2024-0117"
    unknown = client.post(
        f"/v1/suppliers/{uuid.uuid4()}/audits", json=PASSPORTS_KEPT, headers=headers
    )
    assert unknown.status_code == 404


def test_the_supplier_lists_its_audits_newest_first_in_pages(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    supplier_id = make_supplier(database, tenant)
    for n in range(3):
        day = (TODAY - timedelta(days=300 - 100 * n)).isoformat()
        body = PASSPORTS_KEPT | {"audit_ref": f"A-{n}", "audited_on": day, "findings": []}
        assert (
            client.post(
                f"/v1/suppliers/{supplier_id}/audits",
                json=body,
                headers=tenant.headers("compliance"),
            ).status_code
            == 201
        )
    first = client.get(
        f"/v1/suppliers/{supplier_id}/audits",
        params={"limit": 2},
        headers=tenant.headers("auditor"),
    ).json()
    assert [a["audit_ref"] for a in first["items"]] == ["A-2", "A-1"]
    second = client.get(
        f"/v1/suppliers/{supplier_id}/audits",
        params={"limit": 2, "cursor": first["next_cursor"]},
        headers=tenant.headers("auditor"),
    ).json()
    assert [a["audit_ref"] for a in second["items"]] == ["A-0"] and second["next_cursor"] is None
    assert all(a["reliability_level"] for a in first["items"] + second["items"])


def test_a_5000_worker_month_of_timesheets_posts(
    client: TestClient, tenant: Tenant, database: Database
) -> None:
    supplier_id = make_supplier(database, tenant)
    start = TODAY - timedelta(days=45)
    timesheets = [
        {
            "worker_ref": f"W-{w:05d}",
            "day": (start + timedelta(days=d)).isoformat(),
            "hours": 8.0 + ((w * 7 + d * 3) % 9) / 4,
        }
        for w in range(5000)
        for d in range(30)
    ]
    body = PASSPORTS_KEPT | {
        "audit_ref": "BIG-1",
        "findings": [],
        "workers_total": 5000,
        "workers_interviewed": 80,
        "evidence": {"timesheets": timesheets},
    }
    response = client.post(
        f"/v1/suppliers/{supplier_id}/audits", json=body, headers=tenant.headers("compliance")
    )
    assert response.status_code == 201, response.text
    assert response.json()["evidence"]["timesheets"] == 150_000
    with database.session() as session:
        audit_id = uuid.UUID(response.json()["id"])
        stored = session.scalar(
            select(func.count()).select_from(TimesheetRow).where(TimesheetRow.audit_id == audit_id)
        )
        assert stored == 150_000
        assert session.scalar(select(func.count()).select_from(Finding)) == 0


def test_an_account_number_posted_as_json_is_never_stored(
    client: TestClient, database: Database, tenant: Tenant
) -> None:
    """The CSV path hashes a raw account number on import; the JSON path does the same."""
    sid = make_supplier(database, tenant)
    body = payload(generate_audit(3, workers=20, days=35).audit, ref="JSON-ACCT-1")
    for row in body["evidence"]["payroll"]:
        row["paid_to_account"] = "DE89 3704 0044 0532 0130 00"
    created = client.post(f"/v1/suppliers/{sid}/audits", json=body, headers=tenant.headers())
    assert created.status_code == 201, created.text
    page = client.get(
        f"/v1/audits/{created.json()['id']}/evidence/payroll", headers=tenant.headers()
    ).json()
    accounts = {row["paid_to_account"] for row in page["items"]}
    (stored,) = accounts  # one account, hashed the same way on every row
    assert "3704" not in stored and len(stored) == 64 and int(stored, 16) >= 0


def test_peer_reports_are_chosen_the_same_way_every_time(
    database: Database, tenant: Tenant, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Audits of one day are ordered by id before the limit, so the digest is stable."""
    from api.assessments import loading

    subject = make_supplier(database, tenant, name="Subject")
    with database.session() as session:
        for n in range(6):
            sid = uuid.UUID(make_supplier(database, tenant, name=f"Peer {n}"))
            session.add(
                Audit(
                    organisation_id=uuid.UUID(tenant.organisation_id),
                    supplier_id=sid,
                    audited_on=date(2026, 3, 1),
                    audit_type="announced",
                    report_text=f"report {n}",
                    created_by="test",
                )
            )
        session.commit()
        monkeypatch.setattr(loading, "PEER_REPORT_LIMIT", 3)
        supplier = session.get_one(Supplier, uuid.UUID(subject))
        chosen = [p.audit_ref for p in loading.peer_reports(session, supplier)]
        every = sorted(str(a) for a in session.scalars(select(Audit.id)))
    assert chosen == sorted(chosen) == every[:3]


def test_an_unmapped_finding_is_given_its_indicator_afterwards(
    client: TestClient, database: Database, tenant: Tenant, other_tenant: Tenant
) -> None:
    sid = make_supplier(database, tenant, country="MY")
    body = payload(generate_audit(5, workers=20, days=35).audit, ref="SMETA-MY-2026-007")
    body["findings"] = [{"description": "Gudang dikunci pada malam hari", "severity": "critical"}]
    created = client.post(f"/v1/suppliers/{sid}/audits", json=body, headers=tenant.headers())
    assert created.status_code == 201, created.text
    finding = created.json()["findings"][0]
    assert finding["indicator"] is None and finding["mapped_by"] == "unmapped"
    score_before = created.json()["assessment"]["score"]

    url = f"/v1/findings/{finding['id']}"
    assert (
        client.patch(url, json={"indicator": "locked"}, headers=tenant.headers()).status_code == 422
    )
    assert (
        client.patch(
            url, json={"indicator": "restriction_of_movement"}, headers=other_tenant.headers()
        ).status_code
        == 404
    )
    changed = client.patch(
        url, json={"indicator": "restriction_of_movement"}, headers=tenant.headers()
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["indicator"] == "restriction_of_movement"
    assert changed.json()["mapped_by"] == "reviewer"
    latest = client.get(f"/v1/suppliers/{sid}/assessment", headers=tenant.headers()).json()
    assert latest["score"] > score_before
    assert "restriction_of_movement" in {r["code"] for r in latest["assessment"]["flag_reasons"]}
    with database.session() as session:
        event = session.scalars(select(Event).where(Event.action == "finding.updated")).one()
        assert event.before["indicator"] is None
        assert event.after["audit_ref"] == "SMETA-MY-2026-007"
