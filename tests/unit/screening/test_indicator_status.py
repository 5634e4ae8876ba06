"""Per-indicator status and coverage (SPEC 4.5)."""

from datetime import timedelta

from screening import policy
from screening.inputs.audit import Finding
from screening.inputs.evidence import WorkerEvidence

from .conftest import (
    AS_OF,
    audit,
    documents_held,
    payroll,
    recruitment,
    run,
    supplier,
    timesheets,
    unreliable,
)


def test_every_assessment_reports_all_eleven_ilo_indicators_in_order() -> None:
    assessment = run(supplier("TH", "garments_textiles"))
    assert tuple(s.code for s in assessment.indicators) == policy.ILO_INDICATORS
    assert all(s.status == "not_assessed" for s in assessment.indicators)
    assert assessment.coverage == 0.0


def test_indicators_computed_from_worker_evidence_count_as_assessed() -> None:
    evidence = WorkerEvidence(
        documents=documents_held(10, 0),
        recruitment=recruitment(10),
        payroll=payroll(10),
        timesheets=timesheets(10, 8.0, days=5),
    )
    assessment = run(supplier("TH", "garments_textiles"), [audit(evidence=evidence)])
    assessed = {s.code for s in assessment.indicators if s.status == "not_found"}
    assert assessed == {
        policy.RETENTION_OF_IDENTITY_DOCUMENTS,
        policy.DEBT_BONDAGE,
        policy.WITHHOLDING_OF_WAGES,
        policy.EXCESSIVE_OVERTIME,
    }
    assert assessment.coverage == round(4 / 11, 4)
    assert assessment.indicator(policy.DEBT_BONDAGE).assessed_by == ("A-1",)


def test_a_finding_makes_its_indicator_found_with_its_severity() -> None:
    a = audit(findings=[Finding("restriction_of_movement", "critical", description="gates locked")])
    status = run(supplier("TH", "garments_textiles"), [a]).indicator("restriction_of_movement")
    assert status.status == "found" and status.severity == "critical" and status.critical
    assert status.strongest is not None and status.strongest.summary == "gates locked"


def test_records_from_an_unreliable_audit_cannot_rule_an_indicator_out() -> None:
    """Double books make records look compliant (004 L624): 'not found' needs a reliable audit."""
    a = audit(evidence=WorkerEvidence(documents=documents_held(10, 0)))
    status = run(supplier("TH", "garments_textiles"), [a], unreliable(a, "timesheets_too_regular"))
    assert status.indicator(policy.RETENTION_OF_IDENTITY_DOCUMENTS).status == "not_assessed"


def test_records_from_an_unreliable_audit_can_still_show_abuse() -> None:
    a = audit(evidence=WorkerEvidence(documents=documents_held(10, 5)))
    status = run(supplier("TH", "garments_textiles"), [a], unreliable(a, "announced_audit"))
    assert status.indicator(policy.RETENTION_OF_IDENTITY_DOCUMENTS).status == "found"


def test_clean_records_older_than_the_look_back_no_longer_count_as_assessed() -> None:
    old = audit(
        on=AS_OF - timedelta(days=policy.EVIDENCE_LOOKBACK_DAYS + 1),
        evidence=WorkerEvidence(documents=documents_held(10, 0)),
    )
    status = run(supplier("TH", "garments_textiles"), [old])
    assert status.indicator(policy.RETENTION_OF_IDENTITY_DOCUMENTS).status == "not_assessed"


def test_forced_child_labour_findings_appear_after_the_eleven() -> None:
    a = audit(findings=[Finding("forced_child_labour", "high")])
    assessment = run(supplier("TH", "garments_textiles"), [a])
    assert assessment.indicators[-1].code == "forced_child_labour"
    assert len(assessment.indicators) == 12
    assert assessment.coverage == 0.0  # coverage counts the eleven ILO indicators only


def test_fewer_indicators_assessed_widen_the_uncertainty_band() -> None:
    wide = run(supplier("TH", "garments_textiles"), [audit()])
    evidence = WorkerEvidence(
        documents=documents_held(10, 0),
        recruitment=recruitment(10),
        payroll=payroll(10),
        timesheets=timesheets(10, 8.0, days=5),
    )
    narrow = run(supplier("TH", "garments_textiles"), [audit(evidence=evidence)])
    assert (wide.score_high - wide.score_low) > (narrow.score_high - narrow.score_low)
