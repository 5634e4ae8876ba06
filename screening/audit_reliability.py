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
        # Imported here so the scorer loads (and context-only scoring runs) without it.
        from screening.deception import assess_audit_reliability

        for position, audit in enumerate(audits):
            if audit.audit_ref in result:
                continue
            # Judged without its findings: reliability is about how the audit was done and what
            # its records show, not about what it reported. Otherwise adding a finding could
            # turn a "clean, unverified" audit into a more reliable one and lower the score.
            result[audit.audit_ref] = assess_audit_reliability(
                dataclasses.replace(audit, findings=()),
                prior_audits=tuple(audits[:position]),
                peer_reports=tuple(peer_reports),
                high_risk_context=high_risk_context,
            )
    return result


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
