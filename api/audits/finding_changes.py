"""Correcting a stored finding: the indicator a reviewer gives an unmapped (or mis-mapped)
finding, and its severity. Status moves through corrective action plans
(``api.remediation``), where a second person verifies the fix."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from api.assessments.service import assess_supplier
from api.audits.responses import FindingOut
from api.errors import ProblemError, invalid_field
from api.events.service import record_event
from models import Audit, Finding, Supplier
from risk_data.types import RiskData
from screening.inputs.audit import Severity


class FindingChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    indicator: str | None = Field(default=None, max_length=60, description="An ILO indicator code.")
    severity: Severity | None = None


def _out(finding: Finding) -> FindingOut:
    return FindingOut(
        id=finding.id,
        indicator=finding.indicator,
        mapped_by=finding.mapped_by,
        mapping_confidence=finding.mapping_confidence,
        severity=finding.severity,
        status=finding.status,
        description=finding.description,
        found_on=finding.found_on,
    )


def change_finding(
    session: Session,
    organisation_id: uuid.UUID,
    finding_id: uuid.UUID,
    body: FindingChange,
    data: RiskData,
    actor: str,
) -> FindingOut:
    """Set the finding's indicator (``mapped_by`` becomes ``reviewer``) or severity, record
    the change, re-assess the supplier, commit."""
    finding = session.get(Finding, finding_id)
    audit = session.get(Audit, finding.audit_id) if finding is not None else None
    if finding is None or audit is None or audit.organisation_id != organisation_id:
        raise ProblemError("not-found", f"No finding {finding_id}.")
    if body.indicator is not None and body.indicator not in data.indicators:
        accepted = ", ".join(sorted(data.indicators))
        raise invalid_field(
            "/indicator",
            f"unknown indicator {body.indicator!r}; accepted: {accepted}",
            f"one of {accepted}",
        )
    before = _out(finding).model_dump(mode="json")
    if body.indicator is not None and body.indicator != finding.indicator:
        finding.indicator, finding.mapped_by, finding.mapping_confidence = (
            body.indicator,
            "reviewer",
            1.0,
        )
    if body.severity is not None:
        finding.severity = body.severity
    after = _out(finding).model_dump(mode="json")
    if after == before:
        return _out(finding)
    session.flush()
    record_event(
        session,
        organisation_id=organisation_id,
        entity_type="finding",
        entity_id=finding.id,
        action="finding.updated",
        actor=actor,
        before=before,
        after={**after, "audit_id": str(audit.id), "audit_ref": audit.external_ref},
    )
    assess_supplier(session, session.get_one(Supplier, audit.supplier_id), data, actor=actor)
    session.commit()
    return _out(finding)
