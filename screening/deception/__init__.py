"""Audit-deception detection: how far an audit's clean result can be believed.

Pure library: frozen inputs from ``screening.inputs``, a frozen ``AuditReliability`` out.
Each detector lives in its own module and returns a ``DeceptionPattern`` or ``None``;
``None`` also when the evidence it needs is missing, so partial evidence never produces a
claim. Thresholds: ``screening.deception.thresholds``; combination: ``combine``.
"""

from __future__ import annotations

from collections.abc import Sequence

from screening.deception.accounts import detect_shared_payment_account
from screening.deception.auditor_rotation import detect_same_auditor_repeated
from screening.deception.coaching import detect_coached_answers
from screening.deception.combine import ordered, reliability_level
from screening.deception.conduct import (
    detect_announced_audit,
    detect_interviews_not_in_worker_language,
    detect_paid_by_supplier,
)
from screening.deception.interviews import detect_interviews_contradict_records
from screening.deception.payroll import detect_payroll_timesheet_mismatch
from screening.deception.report_copy import detect_report_copied
from screening.deception.sampling import detect_too_few_interviews
from screening.deception.thresholds import DEFAULT_THRESHOLDS, DeceptionThresholds
from screening.deception.timesheets import detect_timesheets_too_regular
from screening.deception.unverified import detect_unverified, has_clean_findings
from screening.deception.worker_hours import index_timesheets
from screening.inputs.audit import Audit, PeerReport
from screening.reliability import AuditReliability, DeceptionPattern

# Versioned by name (STYLE.md): a change to any detector or threshold bumps this.
ALGORITHM_VERSION = "deception-v1"

__all__ = [
    "ALGORITHM_VERSION",
    "DEFAULT_THRESHOLDS",
    "DeceptionThresholds",
    "assess_audit_reliability",
    "detect_patterns",
]


def detect_patterns(
    audit: Audit,
    *,
    prior_audits: Sequence[Audit] = (),
    peer_reports: Sequence[PeerReport] = (),
    high_risk_context: bool = False,
    thresholds: DeceptionThresholds = DEFAULT_THRESHOLDS,
) -> tuple[DeceptionPattern, ...]:
    """Every pattern found in the audit, heaviest first."""
    t = thresholds
    evidence = audit.evidence
    # Timesheets are grouped once and shared: the 450k-entry case is dominated by this pass.
    index = index_timesheets(evidence.timesheets)
    found = (
        detect_timesheets_too_regular(index, t),
        detect_payroll_timesheet_mismatch(evidence.payroll, index, t),
        detect_interviews_contradict_records(evidence.interviews, index, t),
        detect_coached_answers(evidence.interviews, t),
        detect_shared_payment_account(evidence.payroll, t),
        detect_report_copied(audit, peer_reports, t),
        detect_announced_audit(audit, t),
        detect_paid_by_supplier(audit, t),
        detect_same_auditor_repeated(audit, prior_audits, t),
        detect_too_few_interviews(audit, t),
        detect_interviews_not_in_worker_language(audit, t),
        detect_unverified(audit, high_risk_context=high_risk_context),
    )
    return ordered((p for p in found if p is not None), t)


def assess_audit_reliability(
    audit: Audit,
    *,
    prior_audits: Sequence[Audit] = (),
    peer_reports: Sequence[PeerReport] = (),
    high_risk_context: bool = False,
    thresholds: DeceptionThresholds = DEFAULT_THRESHOLDS,
) -> AuditReliability:
    """How far the audit can be relied on, with the deception patterns behind the level.

    ``unverified`` is set when the audit reports nothing to act on yet cannot be believed:
    clean findings in a high-risk context with no worker-level evidence, or clean findings
    with low reliability (SPEC 4.4: such an audit is "unverified, never low risk").
    """
    patterns = detect_patterns(
        audit,
        prior_audits=prior_audits,
        peer_reports=peer_reports,
        high_risk_context=high_risk_context,
        thresholds=thresholds,
    )
    level = reliability_level(patterns, thresholds)
    unverified = any(p.code == "unverified" for p in patterns) or (
        level == "low" and has_clean_findings(audit)
    )
    return AuditReliability(
        audit_ref=audit.audit_ref, level=level, patterns=patterns, unverified=unverified
    )
