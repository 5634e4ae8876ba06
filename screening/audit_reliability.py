"""How far each audit can be trusted, and whether it can lower risk at all (SPEC 4.4)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from screening.inputs.audit import Audit, PeerReport
from screening.reliability import AuditReliability


def reliabilities_for(
    audits: Sequence[Audit],
    *,
    given: Mapping[str, AuditReliability] | None,
    peer_reports: Sequence[PeerReport],
    high_risk_context: bool,
) -> dict[str, AuditReliability]:
    """The reliability of every audit: the caller's where given, else the deception detectors'.

    ``audits`` are in date order; each is judged against the audits before it (report text
    copied from an earlier audit is a pattern).
    """
    result: dict[str, AuditReliability] = {}
    missing = [a for a in audits if given is None or a.audit_ref not in given]
    if given:
        result.update({a.audit_ref: given[a.audit_ref] for a in audits if a.audit_ref in given})
    if missing:
        for position, audit in enumerate(audits):
            if audit.audit_ref in result:
                continue
            result[audit.audit_ref] = judge_audit(
                audit,
                prior_audits=tuple(audits[:position]),
                peer_reports=tuple(peer_reports),
                high_risk_context=high_risk_context,
            )
    return result


UNVERIFIED_WITH_FINDINGS = (
    "An audit in a high-risk context with no worker-level evidence (timesheets, payroll, "
    "interviews, recruitment or document records) to verify it: its findings are scored, but "
    "what it did not find cannot be relied on."
)


def judge_audit(
    audit: Audit,
    *,
    prior_audits: Sequence[Audit],
    peer_reports: Sequence[PeerReport],
    high_risk_context: bool,
) -> AuditReliability:
    """The deception detectors' judgement of one audit.

    Judged without its findings: reliability is about how the audit was done and what its
    records show, not about what it reported; otherwise adding a finding could turn an
    unverified audit into a more reliable one and lower the score. But an audit that did
    report problems is never described as clean: the pattern keeps its level and strength
    and says what it is.
    """
    # Imported here so the scorer loads (and context-only scoring runs) without it.
    from screening.deception import assess_audit_reliability
    from screening.deception.unverified import CODE, has_clean_findings

    reliability = assess_audit_reliability(
        dataclasses.replace(audit, findings=()),
        prior_audits=prior_audits,
        peer_reports=peer_reports,
        high_risk_context=high_risk_context,
    )
    if has_clean_findings(audit):
        return reliability
    patterns = tuple(
        dataclasses.replace(p, summary=UNVERIFIED_WITH_FINDINGS) if p.code == CODE else p
        for p in reliability.patterns
    )
    return dataclasses.replace(reliability, patterns=patterns)


def deception_version() -> str:
    """The name of the deception algorithm that judges audits the caller did not judge."""
    from screening.deception import ALGORITHM_VERSION

    return str(ALGORITHM_VERSION)


def is_unverified(audit: Audit, reliability: AuditReliability, *, high_risk_context: bool) -> bool:
    """An audit that cannot lower risk: low reliability, flagged unverified by the detectors, or
    in a high-risk context without worker-level evidence (SPEC 4.4).

    Unlike the detectors' own ``unverified`` (clean audits only), this does not depend on the
    findings, so adding a finding can never turn an audit back into a verified one.
    """
    return (
        reliability.level == "low"
        or reliability.unverified
        or (high_risk_context and audit.evidence.is_empty)
    )
