"""Audit, finding and evidence upload handlers: parse and write, driven as the job runner does."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.imports.audit_kinds import AUDIT_HANDLER, EVIDENCE_HANDLERS, FINDING_HANDLER
from api.imports.handlers import ImportContext, ImportCounts, ImportHandler
from api.reference_data.service import RiskDataStore
from ingest.reading import RowError, open_table
from ingest.reading.errors import WARNING
from models import Assessment, Audit, DocumentRow, Event, Finding, PayrollRow, TimesheetRow
from models.database import Database
from tests.conftest import Tenant
from tests.generators.audit_evidence import generate_audit
from tests.integration.test_audits import make_supplier

TIMESHEETS, PAYROLL, _, _, DOCUMENTS = EVIDENCE_HANDLERS
TODAY = date.today()
DAY = (TODAY - timedelta(days=30)).isoformat()


def run(
    handler: Any,
    csv_text: str,
    session: Session,
    tenant: Tenant,
    *,
    dry_run: bool = False,
    finish: bool = True,
    chunk_rows: int = 5000,
) -> tuple[list[RowError], ImportCounts]:
    """What the import runner does with one upload, minus the job bookkeeping."""
    checked: ImportHandler = handler  # the handlers satisfy the runner's protocol
    data = RiskDataStore().in_force(session)
    context = ImportContext(
        organisation_id=uuid.UUID(tenant.organisation_id),
        actor="flr_test",
        job_id=uuid.uuid4(),
        data=data,
        dry_run=dry_run,
        counts=ImportCounts(),
    )
    errors: list[RowError] = []
    with open_table(
        csv_text.encode(),
        filename="upload.csv",
        fields=checked.fields,
        max_bytes=50_000_000,
        chunk_rows=chunk_rows,
    ) as table:
        for chunk in table.iter_chunks():
            good = []
            for raw in chunk:
                parsed = checked.parse(raw, data)
                if isinstance(parsed, list):
                    errors.extend(parsed)
                else:
                    good.append((raw, parsed))
            errors.extend(checked.write(session, good, context))
    if finish:
        errors.extend(handler.finish(session, context))
    if dry_run:
        session.rollback()
    else:
        session.commit()
    context.counts.rejected = len({e.row for e in errors if not e.message.startswith(WARNING)})
    return errors, context.counts


AUDITS_FR = (
    "Fournisseur;Réf audit;Date de l'audit;Type d'audit;Norme;Cabinet d'audit;Auditeur;"
    "Payé par;Effectif;Entretiens;Langue des travailleurs;Rapport\n"
    f"SUP-1;AUD-1;{DAY};inopiné;SMETA;Veritas Social;A. Rahman;acheteur;400;25;oui;RAS\n"
    f"SUP-1;AUD-2;{DAY};Annoncé;SA8000;Veritas Social;A. Rahman;fournisseur;400;5;non;\n"
    f"SUP-404;AUD-3;{DAY};annoncé;SMETA;;;;;;;\n"
    "SUP-1;AUD-4;31/02/2024;annoncé;SMETA;;;;;;;\n"
    "SUP-1;AUD-5;03/04/2024;annoncé;SMETA;;;;;;;\n"
    f"SUP-1;AUD-6;{DAY};par surprise;SMETA;;;le client;;;peut-être;\n"
)


def test_audits_upload_with_french_headers(database: Database, tenant: Tenant) -> None:
    supplier_id = make_supplier(database, tenant, external_ref="SUP-1")
    with database.session() as session:
        errors, counts = run(AUDIT_HANDLER, AUDITS_FR, session, tenant)
        assert counts.created == 2
        by_row = {(e.row, e.column): e for e in errors}
        assert by_row[(4, "Fournisseur")].message.startswith("unknown supplier")
        assert "YYYY-MM-DD" in by_row[(5, "Date de l'audit")].message  # 31 February
        assert "ambiguous" in by_row[(6, "Date de l'audit")].message
        assert (
            "accepted: announced, semi_announced, unannounced"
            in by_row[(7, "Type d'audit")].message
        )
        assert by_row[(7, "Langue des travailleurs")].value == "peut-être"
        audits = {a.external_ref: a for a in session.scalars(select(Audit))}
        assert set(audits) == {"AUD-1", "AUD-2"}
        first = audits["AUD-1"]
        assert (first.audit_type, first.paid_by, first.workers_interviewed) == (
            "unannounced",
            "buyer",
            25,
        )
        assert first.interviews_in_worker_language is True and str(first.supplier_id) == supplier_id
        assert all(a.reliability_level for a in audits.values())  # analysed
        assert audits["AUD-2"].reliability_level in ("medium", "low")  # announced, supplier-paid
        assessments = session.scalar(select(func.count()).select_from(Assessment))
        assert assessments == 1  # the supplier re-assessed once for the job, not per audit
        actions = session.scalars(select(Event.action).where(Event.entity_type == "audit")).all()
        assert sorted(actions) == ["audit.created", "audit.created"]

        _, counts = run(AUDIT_HANDLER, AUDITS_FR, session, tenant)
        assert counts.unchanged == 2 and counts.created == 0  # re-upload is idempotent


def _audit(database: Database, tenant: Tenant, ref: str = "AUD-1", **supplier: Any) -> str:
    make_supplier(database, tenant, external_ref="SUP-1", **supplier)
    csv = f"supplier_ref,audit_ref,audited_on,audit_type,paid_by\nSUP-1,{ref},{DAY},unannounced,buyer\n"
    with database.session() as session:
        errors, _ = run(AUDIT_HANDLER, csv, session, tenant)
        assert errors == []
        return str(session.scalars(select(Audit.id)).one())


FINDINGS_ES = (
    "Auditoría,Hallazgo,Severidad,Estado,Descripción,Fecha\n"
    f"AUD-1,,alta,abierto,passports kept by management,{DAY}\n"
    f"AUD-1,excessive_overtime,media,corregido,,{DAY}\n"
    f"AUD-1,,baja,,Fire extinguisher inspection tags out of date,{DAY}\n"
    f"AUD-1,,terrible,,Workers locked in at night,{DAY}\n"
    f"AUD-9,debt_bondage,high,,,{DAY}\n"
)


def test_findings_upload_maps_words_and_keeps_unmapped_findings(
    database: Database, tenant: Tenant
) -> None:
    audit_id = _audit(database, tenant)
    with database.session() as session:
        errors, counts = run(FINDING_HANDLER, FINDINGS_ES, session, tenant)
        assert counts.created == 3
        by_row = {e.row: e for e in errors}
        assert by_row[4].message.startswith(WARNING) and by_row[4].column == "Hallazgo"
        assert "Fire extinguisher" in by_row[4].value
        assert "accepted: low, medium, high, critical" in by_row[5].message
        assert by_row[5].column == "Severidad" and by_row[5].value == "terrible"
        assert by_row[6].message.startswith("unknown audit ref") and by_row[6].column == "Auditoría"
        findings = {f.description: f for f in session.scalars(select(Finding))}
        passports = findings["passports kept by management"]
        assert passports.indicator == "retention_of_identity_documents"
        assert passports.mapped_by in ("synonym", "fuzzy") and 0 < passports.mapping_confidence <= 1
        assert (
            findings[""].indicator == "excessive_overtime" and findings[""].status == "remediated"
        )
        unmapped = findings["Fire extinguisher inspection tags out of date"]
        assert unmapped.indicator is None and unmapped.mapped_by == "unmapped"
        [event] = session.scalars(select(Event).where(Event.action == "audit.updated")).all()
        assert event.entity_id == audit_id and (event.after or {})["findings_added"] == 3
        latest = session.scalars(select(Assessment).order_by(Assessment.created_at.desc())).first()
        assert latest is not None
        assert "retention_of_identity_documents" in {r["code"] for r in latest.flag_reasons}

        _, counts = run(FINDING_HANDLER, FINDINGS_ES, session, tenant)
        assert counts.created == 0 and counts.unchanged == 3


def _timesheet_csv(audit_ref: str, **inject: float) -> tuple[str, int]:
    generated = generate_audit(
        21, workers=60, days=40, start=TODAY - timedelta(days=70), inject=inject or None
    ).audit
    lines = ["Audit ref,Worker ID,Date,Hours worked"]
    lines += [
        f"{audit_ref},{t.worker_ref},{t.day.isoformat()},{t.hours}"
        for t in generated.evidence.timesheets
    ]
    return "\n".join(lines) + "\n", len(generated.evidence.timesheets)


def test_identical_timesheets_uploaded_in_chunks_are_analysed_once(
    database: Database, tenant: Tenant
) -> None:
    audit_id = _audit(database, tenant)
    csv, rows = _timesheet_csv("AUD-1", timesheets_too_regular=0.9)
    with database.session() as session:
        assessments_before = session.scalar(select(func.count()).select_from(Assessment)) or 0
        errors, counts = run(TIMESHEETS, csv, session, tenant, chunk_rows=250)
        assert errors == [] and counts.created == rows
        stored = session.scalar(select(func.count()).select_from(TimesheetRow))
        assert stored == rows
        audit = session.get_one(Audit, uuid.UUID(audit_id))
        assert audit.reliability_level == "low"
        assert audit.reliability is not None
        codes = [p["code"] for p in audit.reliability["patterns"]]
        assert "timesheets_too_regular" in codes
        events = session.scalars(select(Event).where(Event.action == "audit.updated")).all()
        assert len(events) == 1 and (events[0].after or {})["timesheets_added"] == rows
        assert (
            session.scalar(select(func.count()).select_from(Assessment)) == assessments_before + 1
        )
        latest = session.scalars(select(Assessment).order_by(Assessment.created_at.desc())).first()
        assert latest is not None and "audit_unreliable" in {r["code"] for r in latest.flag_reasons}

        # The same file again changes nothing, and makes no new assessment; a corrected hour
        # updates one row.
        assessments = session.scalar(select(func.count()).select_from(Assessment))
        _, counts = run(TIMESHEETS, csv, session, tenant)
        assert (counts.created, counts.updated, counts.unchanged) == (0, 0, rows)
        assert session.scalar(select(func.count()).select_from(Assessment)) == assessments
        header, first, *rest = csv.splitlines()
        ref, worker, day, hours = first.split(",")
        corrected = "\n".join([header, f"{ref},{worker},{day},{float(hours) + 1}", *rest]) + "\n"
        _, counts = run(TIMESHEETS, corrected, session, tenant)
        assert (counts.updated, counts.unchanged) == (1, rows - 1)
        assert session.scalar(select(func.count()).select_from(TimesheetRow)) == rows


def test_evidence_rows_are_checked(database: Database, tenant: Tenant) -> None:
    _audit(database, tenant)
    csv = (
        "Audit,Matricule,Jour,Heures\n"
        f"AUD-1,W-1,{DAY},8\n"
        f"AUD-1,Siti Aminah,{DAY},8\n"
        f"AUD-1,W-2,{DAY},25\n"
        f"AUD-1,W-3,{DAY},huit\n"
        f"AUD-1,W-1,{DAY},9\n"
        f"AUD-7,W-4,{DAY},8\n"
    )
    with database.session() as session:
        errors, counts = run(TIMESHEETS, csv, session, tenant)
    assert counts.created == 1
    by_row = {e.row: e for e in errors}
    assert by_row[3].column == "Matricule" and "never a worker's name" in by_row[3].message
    assert by_row[4].column == "Heures" and "between 0 and 24" in by_row[4].message
    assert "expected a number" in by_row[5].message
    assert "row 2" in by_row[6].message  # the same worker and day twice
    assert by_row[7].message.startswith("unknown audit ref")


def test_documents_and_payroll_in_the_words_written(database: Database, tenant: Tenant) -> None:
    audit_id = _audit(database, tenant)
    documents = (
        "audit_ref,worker_ref,Passeport détenu par\n"
        "AUD-1,W-1,employeur\nAUD-1,W-2,travailleur\nAUD-1,W-3,Agencia\nAUD-1,W-4,the landlord?\n"
    )
    payroll = (
        "audit_ref,worker_ref,period start,period end,gross,net,deductions,account\n"
        'AUD-1,W-1,2024-01-01,2024-01-31,"1.250,50","1.100,00",tax=100; loan=50.5,'
        "GB29 NWBK 6016 1331 9268 19\n"
    )
    with database.session() as session:
        errors, _ = run(DOCUMENTS, documents, session, tenant)
        assert [(e.row, e.column) for e in errors] == [(5, "Passeport détenu par")]
        assert "accepted: worker, employer, agency, other" in errors[0].message
        holders = dict(session.execute(select(DocumentRow.worker_ref, DocumentRow.holder)).all())
        assert holders == {"W-1": "employer", "W-2": "worker", "W-3": "agency"}

        errors, _ = run(PAYROLL, payroll, session, tenant)
        assert errors == []
        row = session.scalars(select(PayrollRow)).one()
        assert (row.gross, row.net) == (1250.5, 1100.0)
        assert row.deductions == {"tax": 100.0, "loan": 50.5}
        assert row.paid_to_account and "NWBK" not in row.paid_to_account  # hashed, never kept
        assert len(row.paid_to_account) == 64 and str(row.audit_id) == audit_id


def test_a_dry_run_writes_nothing(database: Database, tenant: Tenant) -> None:
    _audit(database, tenant)
    csv, rows = _timesheet_csv("AUD-1")
    with database.session() as session:
        errors, counts = run(TIMESHEETS, csv, session, tenant, dry_run=True)
        assert errors == [] and counts.created == rows
        assert session.scalar(select(func.count()).select_from(TimesheetRow)) == 0


@pytest.mark.parametrize("finish", [False])
def test_analysis_runs_at_commit_when_the_runner_does_not_finish(
    database: Database, tenant: Tenant, finish: bool
) -> None:
    audit_id = _audit(database, tenant)
    csv, _ = _timesheet_csv("AUD-1", timesheets_too_regular=0.9)
    with database.session() as session:
        run(TIMESHEETS, csv, session, tenant, finish=finish, chunk_rows=500)
        audit = session.get_one(Audit, uuid.UUID(audit_id))
        assert audit.reliability_level == "low"
        events = session.scalars(select(Event).where(Event.action == "audit.updated")).all()
        assert len(events) == 1


def test_another_organisations_audit_refs_are_unknown(
    database: Database, tenant: Tenant, other_tenant: Tenant
) -> None:
    _audit(database, tenant)
    with database.session() as session:
        errors, counts = run(FINDING_HANDLER, FINDINGS_ES, session, other_tenant)
        assert counts.created == 0
        assert all(e.message.startswith("unknown audit ref") for e in errors if e.row != 5)
        assert session.scalar(select(func.count()).select_from(Finding)) == 0


@pytest.mark.parametrize(
    "handler", [AUDIT_HANDLER, FINDING_HANDLER, *EVIDENCE_HANDLERS], ids=lambda h: h.kind
)
def test_each_documented_template_parses_cleanly(handler: Any) -> None:
    from pathlib import Path

    from risk_data.loader import load_risk_data

    data = load_risk_data(None)
    template = Path(__file__).parents[2] / "docs" / "templates" / f"{handler.kind}.csv"
    with open_table(
        template, filename=template.name, fields=handler.fields, max_bytes=1_000_000
    ) as table:
        assert not table.ignored_columns
        parsed = [handler.parse(raw, data) for raw in table.iter_rows()]
    assert len(parsed) == 2 and not any(isinstance(p, list) for p in parsed), parsed


def test_audits_findings_and_timesheets_through_the_import_api(
    client: TestClient, database: Database, tenant: Tenant
) -> None:
    make_supplier(database, tenant, external_ref="SUP-1")
    headers = tenant.headers("compliance")
    csv, rows = _timesheet_csv("AUD-1", timesheets_too_regular=0.9)
    uploads = [
        (
            "audits",
            f"supplier_ref,audit_ref,audited_on,audit_type\nSUP-1,AUD-1,{DAY},unannounced\n",
        ),
        ("findings", FINDINGS_ES),
        ("timesheets", csv),
    ]
    jobs = {}
    for kind, text in uploads:
        response = client.post(
            "/v1/imports",
            data={"kind": kind},
            files={"file": (f"{kind}.csv", text.encode(), "text/csv")},
            headers=headers,
        )
        assert response.status_code in (200, 202), response.text
        job = client.get(f"/v1/imports/{response.json()['id']}", headers=headers).json()
        assert job["status"] == "completed", job
        jobs[kind] = job
    assert jobs["timesheets"]["counts"]["created"] == rows
    with database.session() as session:
        audit = session.scalars(select(Audit)).one()
        assert audit.reliability_level == "low"
        assert session.scalar(select(func.count()).select_from(Finding)) == 3
    reliability = client.get(f"/v1/audits/{audit.id}/reliability", headers=headers).json()
    assert "timesheets_too_regular" in {p["code"] for p in reliability["patterns"]}
