"""Observations of indicators, from findings or worker evidence, and their weighting."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from screening import policy
from screening.assessment import EvidenceItem, EvidenceSource
from screening.context import normalise_code
from screening.errors import UnknownReferenceError
from screening.inputs.audit import Audit, FindingStatus, Severity


@dataclass(frozen=True, slots=True)
class Observation:
    indicator: str
    source: EvidenceSource
    audit_ref: str
    observed_on: date
    severity: Severity
    status: FindingStatus
    summary: str
    refs: tuple[str, ...]


def normalise_indicator_code(code: str, synonyms: Mapping[str, str] | None = None) -> str:
    """The engine's code for a finding's indicator: the code itself, an ILO long name, or a
    synonym the risk data lists. Anything else is an error naming the accepted codes."""
    normalised = normalise_code(code)
    if normalised in policy.ACCEPTED_FINDING_CODES:
        return normalised
    resolved = policy.INDICATOR_ALIASES.get(normalised) or (synonyms or {}).get(normalised)
    if resolved is None or resolved not in policy.ACCEPTED_FINDING_CODES:
        raise UnknownReferenceError("indicator", code, policy.ACCEPTED_FINDING_CODES)
    return resolved


def observe_findings(
    audit: Audit, synonyms: Mapping[str, str] | None = None
) -> tuple[Observation, ...]:
    """An auditor's findings, each mapped to an indicator code."""
    return tuple(
        Observation(
            indicator=normalise_indicator_code(finding.indicator, synonyms),
            source="finding",
            audit_ref=audit.audit_ref,
            observed_on=finding.found_on or audit.audited_on,
            severity=finding.severity,
            status=finding.status,
            summary=finding.description or f"{finding.severity} finding",
            refs=(f"finding:{audit.audit_ref}:{position}",),
        )
        for position, finding in enumerate(audit.findings)
    )


def recency_multiplier(observed_on: date, as_of: date) -> float:
    """0.5 ** (age / half-life); evidence dated after ``as_of`` counts as fresh."""
    age_days = max(0, (as_of - observed_on).days)
    return float(0.5 ** (age_days / policy.EVIDENCE_HALF_LIFE_DAYS))


def weigh(observation: Observation, as_of: date) -> EvidenceItem:
    base = (
        policy.INDICATOR_WEIGHTS[observation.indicator]
        * policy.SEVERITY_MULTIPLIERS[observation.severity]
    )
    return EvidenceItem(
        indicator=observation.indicator,
        source=observation.source,
        audit_ref=observation.audit_ref,
        observed_on=observation.observed_on,
        severity=observation.severity,
        status=observation.status,
        summary=observation.summary,
        refs=observation.refs,
        base_points=base,
        remediation_multiplier=policy.REMEDIATION_MULTIPLIERS[observation.status],
        recency_multiplier=recency_multiplier(observation.observed_on, as_of),
    )


def strength_key(item: EvidenceItem) -> tuple[float, int, date, tuple[str, ...]]:
    """Order of strength: points, then severity, then recency, then refs (for determinism)."""
    return (
        item.points,
        policy.SEVERITY_ORDER.index(item.severity),
        item.observed_on,
        item.refs,
    )
