"""A clean audit in a high-risk context with no worker evidence is unverified (SPEC 4.4)."""

from __future__ import annotations

from screening.deception import assess_audit_reliability
from screening.deception.unverified import detect_unverified
from screening.inputs.audit import Finding
from screening.inputs.evidence import WorkerEvidence
from tests.unit.deception.builders import audit, interview, worker


def test_clean_audit_in_high_risk_context_without_evidence_is_unverified() -> None:
    pattern = detect_unverified(audit(), high_risk_context=True)
    assert pattern is not None and pattern.code == "unverified"
    result = assess_audit_reliability(audit(), high_risk_context=True)
    assert result.unverified
    assert result.level == "medium"  # never "high": nothing backs the clean result


def test_low_severity_or_remediated_findings_still_count_as_clean() -> None:
    findings = (
        Finding("excessive_overtime", "high", "remediated"),
        Finding("abusive_conditions", "low", "open"),
    )
    assert detect_unverified(audit(findings=findings), high_risk_context=True) is not None


def test_an_audit_with_open_serious_findings_is_not_unverified() -> None:
    findings = (Finding("retention_of_identity_documents", "critical", "open"),)
    assert detect_unverified(audit(findings=findings), high_risk_context=True) is None


def test_worker_evidence_makes_it_verifiable() -> None:
    evidence = WorkerEvidence(interviews=(interview(worker(1), hours=48),))
    assert detect_unverified(audit(evidence=evidence), high_risk_context=True) is None


def test_outside_a_high_risk_context_it_is_not_flagged() -> None:
    assert detect_unverified(audit(), high_risk_context=False) is None
    assert not assess_audit_reliability(audit()).unverified
