"""Plain JSON-able dicts of an assessment, for the API and for storage."""

from __future__ import annotations

from typing import Any

from screening.assessment import Assessment, EvidenceItem, Factor, FlagReason, IndicatorStatus
from screening.reliability import AuditReliability, DeceptionPattern


def _evidence_item(item: EvidenceItem) -> dict[str, Any]:
    return {
        "indicator": item.indicator,
        "source": item.source,
        "audit_ref": item.audit_ref,
        "observed_on": item.observed_on.isoformat(),
        "severity": item.severity,
        "status": item.status,
        "summary": item.summary,
        "refs": list(item.refs),
        "base_points": item.base_points,
        "remediation_multiplier": item.remediation_multiplier,
        "recency_multiplier": round(item.recency_multiplier, 4),
        "points": round(item.points, 2),
    }


def _indicator(status: IndicatorStatus) -> dict[str, Any]:
    return {
        "code": status.code,
        "status": status.status,
        "critical": status.critical,
        "severity": status.severity,
        "points": round(status.points, 2),
        "strongest": _evidence_item(status.strongest) if status.strongest else None,
        "evidence": [_evidence_item(i) for i in status.evidence],
        "assessed_by": list(status.assessed_by),
    }


def _factor(factor: Factor) -> dict[str, Any]:
    return {
        "code": factor.code,
        "kind": factor.kind,
        "points": factor.points,
        "detail": factor.detail,
        "source": factor.source,
        "evidence": list(factor.evidence),
    }


def _reason(reason: FlagReason) -> dict[str, Any]:
    return {"code": reason.code, "summary": reason.summary, "evidence": list(reason.evidence)}


def _pattern(pattern: DeceptionPattern) -> dict[str, Any]:
    return {
        "code": pattern.code,
        "strength": pattern.strength,
        "summary": pattern.summary,
        "evidence": list(pattern.evidence),
    }


def _reliability(reliability: AuditReliability) -> dict[str, Any]:
    return {
        "audit_ref": reliability.audit_ref,
        "level": reliability.level,
        "unverified": reliability.unverified,
        "patterns": [_pattern(p) for p in reliability.patterns],
    }


def assessment_to_dict(assessment: Assessment) -> dict[str, Any]:
    """Every field, with dates as ISO strings and tuples as lists; ``json.dumps``-ready."""
    return {
        "score": assessment.score,
        "band": assessment.band,
        "flagged": assessment.flagged,
        "flag_reasons": [_reason(r) for r in assessment.flag_reasons],
        "factors": [_factor(f) for f in assessment.factors],
        "indicators": [_indicator(s) for s in assessment.indicators],
        "coverage": assessment.coverage,
        "score_low": assessment.score_low,
        "score_high": assessment.score_high,
        "audit_reliabilities": [_reliability(r) for r in assessment.audit_reliabilities],
        "unverified": assessment.unverified,
        "threshold": assessment.threshold,
        "as_of": assessment.as_of.isoformat(),
        "methodology_version": assessment.methodology_version,
        "risk_data_version": assessment.risk_data_version,
        "input_digest": assessment.input_digest,
    }
