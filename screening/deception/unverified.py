"""A clean audit that nothing checks: high-risk context and no worker-level evidence.

SPEC 4.4: such an audit is "unverified, never low risk". Seed 004 L618: 45 % of audits
reviewed were unreliable; in a high-risk context a clean report on its own word is the case
where that base rate matters most.
"""

from __future__ import annotations

from screening.deception._common import audit_ref
from screening.inputs.audit import Audit
from screening.reliability import DeceptionPattern

CODE = "unverified"


def has_clean_findings(audit: Audit) -> bool:
    """No finding still open above low severity: the audit reports nothing to act on."""
    return not any(
        f.status == "open" and f.severity in ("medium", "high", "critical") for f in audit.findings
    )


def detect_unverified(audit: Audit, *, high_risk_context: bool) -> DeceptionPattern | None:
    if not high_risk_context or not has_clean_findings(audit) or not audit.evidence.is_empty:
        return None
    return DeceptionPattern(
        code=CODE,
        strength=1.0,
        summary=(
            "A clean audit in a high-risk context with no worker-level evidence (timesheets, "
            "payroll, interviews, recruitment or document records) to verify it."
        ),
        evidence=(audit_ref(audit.audit_ref),),
    )
