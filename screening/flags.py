"""Flagging for due-diligence review (SPEC 4.6). Each reason has a stable code and the evidence
that raised it; the order of reasons is fixed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from risk_data.types import Country
from screening import policy
from screening.assessment import Factor, FlagReason, IndicatorStatus
from screening.inputs.audit import Audit
from screening.list_hit import ListHit
from screening.reliability import AuditReliability

if TYPE_CHECKING:
    from screening.context import ContextRisk

_FLAG_SEVERITIES = frozenset(
    policy.SEVERITY_ORDER[policy.SEVERITY_ORDER.index(policy.FLAG_MIN_SEVERITY) :]
)


@dataclass(frozen=True, slots=True)
class FlagInputs:
    indicators: Sequence[IndicatorStatus]
    context: ContextRisk
    audits: Sequence[Audit]  # known at as_of, in date order
    reliabilities: Mapping[str, AuditReliability]
    unverified_audits: frozenset[str]
    score: float
    threshold: float
    factors: Sequence[Factor]
    as_of: date
    list_hits: Sequence[ListHit] = ()


def critical_indicator_reasons(inputs: FlagInputs) -> list[FlagReason]:
    """A critical indicator evidenced at high severity or more, not verified as remediated,
    within the look-back window."""
    reasons: list[FlagReason] = []
    for status in inputs.indicators:
        code = policy.CRITICAL_FLAG_REASONS.get(status.code)
        if code is None or status.status != "found":
            continue
        raising = [
            item
            for item in status.evidence
            if item.severity in _FLAG_SEVERITIES
            and item.status != "verified"
            and (inputs.as_of - item.observed_on).days <= policy.EVIDENCE_LOOKBACK_DAYS
        ]
        if raising:
            strongest = max(
                raising,
                key=lambda i: (policy.SEVERITY_ORDER.index(i.severity), i.observed_on, i.refs),
            )
            reasons.append(
                FlagReason(
                    code=code,
                    summary=f"{status.code.replace('_', ' ')}: {strongest.summary}",
                    evidence=tuple(ref for item in raising for ref in item.refs),
                )
            )
    return reasons


def ilab_good_unaudited_reason(country: Country, goods: Sequence[str]) -> FlagReason:
    return FlagReason(
        code="ilab_forced_labour_good_unaudited",
        summary=(
            f"{', '.join(goods)} from {country.name} is on ILAB's forced-labour list and "
            f"the supplier has no audit in the last 12 months"
        ),
        evidence=tuple(f"ilab_good:{country.iso2}:{g}" for g in goods),
    )


def ilab_input_unaudited_reason(country: Country, inputs: Sequence[str]) -> FlagReason:
    return FlagReason(
        code="ilab_forced_labour_input_unaudited",
        summary=(
            f"made in {country.name} with {', '.join(inputs)}, on ILAB's list of inputs "
            f"produced with forced labour, and the supplier has no audit in the last 12 months"
        ),
        evidence=tuple(f"ilab_input:{i}" for i in inputs),
    )


def uflpa_region_reason(subdivision: str, name: str) -> FlagReason:
    return FlagReason(
        code="uflpa_presumption_region",
        summary=(
            f"{name} ({subdivision}): goods made wholly or in part there are presumed made "
            f"with forced labour (UFLPA §3) whatever an audit says"
        ),
        evidence=(f"subdivision:{subdivision}",),
    )


def _listing(hit: ListHit) -> str:
    since = f", since {hit.start_date.isoformat()}" if hit.start_date else ""
    return f"{hit.entity_name} ({hit.program or hit.list_title}{since})"


def entity_list_reason(hits: Sequence[ListHit]) -> FlagReason:
    return FlagReason(
        code="entity_list_match",
        summary="matches a party on a screening list: " + "; ".join(_listing(h) for h in hits),
        evidence=tuple(h.ref for h in hits),
    )


def high_risk_country_reason(country: Country, recent: Sequence[Audit]) -> FlagReason:
    why = []
    if country.tip_tier is not None and country.tip_tier in policy.HIGH_RISK_TIERS:
        why.append(f"TIP {country.tip_tier.replace('_', ' ')}")
    if country.cspa_listed:
        why.append("CSPA list")
    return FlagReason(
        code="high_risk_country_unverified",
        summary=(
            f"{country.name} ({', '.join(why)}) and no reliable audit with worker-level "
            f"evidence in the last 12 months"
        ),
        evidence=(f"country:{country.iso2}", *(f"audit:{a.audit_ref}" for a in recent)),
    )


def reasons_without_recent_audit(
    country: Country,
    forced_labour_goods: tuple[str, ...],
    high_risk_country: bool,
    forced_labour_inputs: tuple[str, ...] = (),
) -> tuple[FlagReason, ...]:
    """The context reasons that hold for a supplier with no audit in the last 12 months."""
    reasons: list[FlagReason] = []
    if forced_labour_goods:
        reasons.append(ilab_good_unaudited_reason(country, forced_labour_goods))
    if forced_labour_inputs:
        reasons.append(ilab_input_unaudited_reason(country, forced_labour_inputs))
    if high_risk_country:
        reasons.append(high_risk_country_reason(country, ()))
    return tuple(reasons)


def score_reason(score: float, threshold: float, factors: Sequence[Factor]) -> FlagReason:
    top = sorted((f for f in factors if f.points > 0), key=lambda f: (-f.points, f.code))[:3]
    return FlagReason(
        code="score_above_threshold",
        summary=f"score {score:g} is at or above the threshold {threshold:g}",
        evidence=tuple(f"factor:{f.code}" for f in top),
    )


def _recent(audit: Audit, as_of: date) -> bool:
    return (as_of - audit.audited_on).days <= policy.AUDIT_RECENCY_DAYS


def standing_reasons(context: ContextRisk, hits: Sequence[ListHit]) -> tuple[FlagReason, ...]:
    """Hard flags no audit lifts: a screening-list match and the UFLPA presumption region."""
    reasons = [entity_list_reason(hits)] if hits else []
    return (*reasons, *context.standing_reasons)


def flag_reasons(inputs: FlagInputs) -> tuple[FlagReason, ...]:
    reasons = critical_indicator_reasons(inputs)
    reasons.extend(standing_reasons(inputs.context, inputs.list_hits))
    if inputs.score >= inputs.threshold:
        reasons.append(score_reason(inputs.score, inputs.threshold, inputs.factors))
    latest = inputs.audits[-1] if inputs.audits else None
    if latest is not None and inputs.reliabilities[latest.audit_ref].level == "low":
        reliability = inputs.reliabilities[latest.audit_ref]
        patterns = ", ".join(p.code for p in reliability.patterns) or "no pattern named"
        reasons.append(
            FlagReason(
                code="audit_unreliable",
                summary=f"latest audit {latest.audit_ref} has low reliability ({patterns})",
                evidence=(
                    f"audit:{latest.audit_ref}",
                    *tuple(
                        ref
                        for p in reliability.patterns
                        for ref in (f"pattern:{p.code}", *p.evidence)
                    ),
                ),
            )
        )
    recent = [a for a in inputs.audits if _recent(a, inputs.as_of)]
    context = inputs.context
    if context.forced_labour_goods and not recent:
        reasons.append(ilab_good_unaudited_reason(context.country, context.forced_labour_goods))
    if context.forced_labour_inputs and not recent:
        reasons.append(ilab_input_unaudited_reason(context.country, context.forced_labour_inputs))
    reliable_recent = [
        a
        for a in recent
        if inputs.reliabilities[a.audit_ref].level != "low"
        and a.audit_ref not in inputs.unverified_audits
    ]
    if context.high_risk_country and not reliable_recent:
        reasons.append(high_risk_country_reason(context.country, recent))
    return tuple(reasons)
