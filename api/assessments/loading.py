"""Stored suppliers and audits read back as the engine's inputs (``api.engine_inputs``)."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.audits.evidence import EVIDENCE_KINDS, table_of
from api.engine_inputs.audit import audit_columns, engine_audit, engine_evidence, stored_ref
from models import Audit, Finding, Supplier
from screening.inputs import audit as engine
from screening.inputs.evidence import WorkerEvidence

# Peer reports compared for copied text: the most recent of other suppliers, bounded so one
# assessment never reads a whole organisation's reports.
PEER_REPORT_LIMIT = 200


def stored_evidence(session: Session, audit_id: uuid.UUID) -> WorkerEvidence:
    tables = {}
    for kind in EVIDENCE_KINDS:
        table = table_of(kind)
        query = select(table).where(table.c.audit_id == audit_id).order_by(table.c.id)
        tables[kind] = session.execute(query).mappings().all()
    return engine_evidence(tables)


def stored_audit(session: Session, audit: Audit) -> engine.Audit:
    findings = session.execute(
        select(Finding.__table__)
        .where(Finding.audit_id == audit.id, Finding.indicator.is_not(None))
        .order_by(Finding.id)
    ).mappings()
    return engine_audit(
        stored_ref(audit), audit_columns(audit), findings, stored_evidence(session, audit.id)
    )


def supplier_audits(session: Session, supplier_id: uuid.UUID) -> list[engine.Audit]:
    audits = session.scalars(
        select(Audit).where(Audit.supplier_id == supplier_id).order_by(Audit.audited_on, Audit.id)
    ).all()
    return [stored_audit(session, a) for a in audits]


def peer_reports(session: Session, supplier: Supplier) -> list[engine.PeerReport]:
    """Other suppliers' recent report texts, named as reviewers know them: the client's
    audit reference and supplier id where there are ones (UUIDs otherwise)."""
    rows = session.execute(
        select(
            Audit.supplier_id,
            Supplier.external_ref,
            Audit.id,
            Audit.external_ref,
            Audit.report_text,
        )
        .join(Supplier, Supplier.id == Audit.supplier_id)
        .where(
            Audit.organisation_id == supplier.organisation_id,
            Audit.supplier_id != supplier.id,
            Audit.report_text != "",
        )
        # The id breaks ties between audits of one day, so the same registry always gives
        # the same peers (and the same digest) whatever order the database returns them in.
        .order_by(Audit.audited_on.desc(), Audit.id)
        .limit(PEER_REPORT_LIMIT)
    ).all()
    return [
        engine.PeerReport(supplier_ref or str(sid), audit_ref or str(aid), text)
        for sid, supplier_ref, aid, audit_ref, text in rows
    ]
