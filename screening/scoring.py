"""The entry point: ``assess`` a supplier with its audits against one risk-data version.

score = context + evidence + audit adjustments, each a list of factors in tenths of a point,
then held inside 0-100 by an explicit factor. ``docs/methodology.md`` states the formula;
``screening/policy.py`` holds every weight and threshold with its source. Deterministic: no
clock, no I/O; ``as_of`` is the date the assessment speaks for.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Final

from risk_data.types import RiskData
from screening import policy
from screening.assessment import Assessment, Band, EvidenceItem, Factor, IndicatorStatus
from screening.audit_reliability import deception_version, is_unverified, reliabilities_for
from screening.context import ContextRisk, context_risk, indicator_synonyms
from screening.digest import canonical_json, plain_fields, sha256_of
from screening.flags import FlagInputs, flag_reasons, score_reason, standing_reasons
from screening.inputs.audit import Audit, PeerReport
from screening.inputs.supplier import SupplierProfile
from screening.list_hit import ListHit
from screening.observations import observe_findings, recency_multiplier, strength_key, weigh
from screening.points import tenths
from screening.reliability import AuditReliability
from screening.uncertainty import uncertainty_band
from screening.upstream import UpstreamExposure, upstream_factor, upstream_reason
from screening.worker_evidence import observe_worker_evidence

# The name of this algorithm. Bump it whenever policy.py or the formula below changes, so a
# stored assessment always says which method made it.
METHODOLOGY_VERSION: Final = "flr-2024.2"

_NOT_ASSESSED: Final = tuple(
    IndicatorStatus(code=code, status="not_assessed", critical=code in policy.CRITICAL_FLAG_REASONS)
    for code in policy.ILO_INDICATORS
)
_ILO_COUNT: Final = len(policy.ILO_INDICATORS)
_CONTEXT_ONLY_BANDS: dict[float, tuple[float, float]] = {}


def band_for(score: float) -> Band:
    for band, lower in policy.BAND_LOWER_BOUNDS:
        if score >= lower:
            return band  # type: ignore[return-value]
    return "low"


def input_digest(
    supplier: SupplierProfile,
    audits: Sequence[Audit],
    *,
    as_of: date,
    threshold: float,
    peer_reports: Sequence[PeerReport],
    reliabilities: Mapping[str, AuditReliability] | None,
    risk_data_version: str,
    upstream: UpstreamExposure | None = None,
    list_hits: Sequence[ListHit] = (),
) -> str:
    """sha256 of everything the result depends on, in a canonical JSON form. An upstream
    exposure and screening-list hits are keys only when there are some, so digests without
    them are as they were."""
    extra: dict[str, object] = {} if upstream is None else {"upstream": upstream}
    if list_hits:
        extra["list_hits"] = [hit_digest_fields(h) for h in list_hits]
    return sha256_of(
        {
            **extra,
            # Plain fields, so the JSON encoder's C path needs no callback on the hot path.
            "supplier": plain_fields(supplier),
            "audits": list(audits),
            "peer_reports": sorted(peer_reports, key=lambda p: (p.supplier_ref, p.audit_ref)),
            "reliabilities": (
                None
                if reliabilities is None
                else {k: reliabilities[k] for k in sorted(reliabilities)}
            ),
            "as_of": as_of.isoformat(),
            "threshold": threshold,
            "methodology_version": METHODOLOGY_VERSION,
            "risk_data_version": risk_data_version,
            # Audits the caller did not judge are judged by the deception detectors: pin them.
            "deception_version": (
                deception_version()
                if any(reliabilities is None or a.audit_ref not in reliabilities for a in audits)
                else None
            ),
        }
    )


def hit_digest_fields(hit: ListHit) -> dict[str, object]:
    """What of a hit the result depends on (not the matcher's wording of its features)."""
    return {
        "dataset": hit.dataset,
        "list_version": hit.list_version,
        "entity_id": hit.entity_id,
        "entity_name": hit.entity_name,
        "program": hit.program,
        "start_date": hit.start_date.isoformat() if hit.start_date else None,
        "matched_name": hit.matched_name,
        "via": hit.via,
        "score": hit.score,
    }


_DIGEST_PREFIXES: dict[tuple[date, str], str] = {}


def context_only_digest(
    supplier: SupplierProfile, *, as_of: date, threshold: float, risk_data_version: str
) -> str:
    """``input_digest`` of a supplier with no audits, peer reports or reliabilities, assembled
    from pre-encoded pieces: the same bytes (a test holds the two together), a third the time.
    Keys in sorted order, as the canonical encoder writes them."""
    prefix = _DIGEST_PREFIXES.get((as_of, risk_data_version))
    if prefix is None:
        prefix = (
            '{"as_of":'
            + canonical_json(as_of.isoformat())
            + ',"audits":[],"deception_version":null,"methodology_version":'
            + canonical_json(METHODOLOGY_VERSION)
            + ',"peer_reports":[],"reliabilities":null,"risk_data_version":'
            + canonical_json(risk_data_version)
            + ',"supplier":'
        )
        if len(_DIGEST_PREFIXES) > 64:
            _DIGEST_PREFIXES.clear()
        _DIGEST_PREFIXES[(as_of, risk_data_version)] = prefix
    text = (
        prefix
        + canonical_json(plain_fields(supplier))
        + ',"threshold":'
        + canonical_json(threshold)
        + "}"
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def context_only_class(supplier: SupplierProfile) -> SupplierProfile:
    """``supplier`` without the fields a context-only assessment does not read (the workforce
    size is recorded, and digested, but scores nothing): suppliers of one class get the same
    assessment but for its ``input_digest`` (``context_only_twin``)."""
    return replace(supplier, worker_count=None) if supplier.worker_count is not None else supplier


def context_only_twin(
    result: Assessment,
    supplier: SupplierProfile,
    *,
    as_of: date,
    threshold: float,
    risk_data_version: str,
) -> Assessment:
    """``assess(supplier, [], data, as_of=as_of, threshold=threshold)`` given ``result``, that
    assessment of another supplier of ``supplier``'s ``context_only_class`` (no audits, no
    upstream exposure, no list hits): the same result with ``supplier``'s own digest."""
    digest = context_only_digest(
        supplier, as_of=as_of, threshold=float(threshold), risk_data_version=risk_data_version
    )
    return result if digest == result.input_digest else replace(result, input_digest=digest)


_MIGRANT_FACTORS: dict[float, Factor] = {}


def _migrant_factor(supplier: SupplierProfile) -> Factor | None:
    share = supplier.migrant_share
    if not share or share <= 0:
        return None
    cached = _MIGRANT_FACTORS.get(share)
    if cached is None:
        cached = _new_migrant_factor(min(share, 1.0))
        if len(_MIGRANT_FACTORS) > 10_000:
            _MIGRANT_FACTORS.clear()
        _MIGRANT_FACTORS[share] = cached
    return cached


def _new_migrant_factor(share: float) -> Factor:
    return Factor(
        code="migrant_workforce",
        kind="context",
        points=tenths(policy.MIGRANT_WORKFORCE_POINTS * share) / 10,
        detail=f"{share:.0%} of the workforce are migrant workers",
        source="004_9fbd24e16dca7199.txt L351, L630",
    )


def _hold_in_range(total_tenths: int) -> Factor | None:
    if total_tenths > policy.SCORE_MAX * 10:
        return Factor(
            "cap_at_100",
            "adjustment",
            (policy.SCORE_MAX * 10 - total_tenths) / 10,
            "the score is capped at 100; the factors above add up to more",
        )
    if total_tenths < policy.SCORE_MIN * 10:
        return Factor(
            "floor_at_0",
            "adjustment",
            (policy.SCORE_MIN * 10 - total_tenths) / 10,
            "the score cannot fall below 0",
        )
    return None


def assess(
    supplier: SupplierProfile,
    audits: Sequence[Audit],
    data: RiskData,
    *,
    as_of: date,
    threshold: float = policy.DEFAULT_FLAG_THRESHOLD,
    peer_reports: Sequence[PeerReport] = (),
    reliabilities: Mapping[str, AuditReliability] | None = None,
    upstream: UpstreamExposure | None = None,
    list_hits: Sequence[ListHit] = (),
) -> Assessment:
    """Score one supplier. Audits dated after ``as_of`` were not known then and are ignored.
    ``upstream`` is the strongest risk of its upstream chain (``screening.upstream``): a
    context factor and the ``upstream_risk`` flag; a clean audit of this supplier says
    nothing of its sub-suppliers, so it never takes that factor off. ``list_hits`` are the
    supplier's matches on the screening lists in force (``screening.lists``), without those
    a reviewer rejected."""
    threshold = float(threshold)  # 60 and 60.0 are one threshold and one digest
    context = context_risk(
        data,
        supplier.country,
        supplier.sector,
        supplier.products,
        supplier.region,
        supplier.subdivision,
    )
    known = sorted(
        (a for a in audits if a.audited_on <= as_of), key=lambda a: (a.audited_on, a.audit_ref)
    )
    hits = tuple(sorted(list_hits, key=lambda h: (-h.score, h.dataset, h.entity_id)))
    if not known and upstream is None and not hits:
        # Peer reports and reliabilities are about this supplier's audits; with none known
        # they change nothing, so they are not inputs (the digest is the same by every door).
        digest = context_only_digest(
            supplier, as_of=as_of, threshold=threshold, risk_data_version=data.version
        )
    else:
        digest = input_digest(
            supplier,
            known,
            as_of=as_of,
            threshold=threshold,
            peer_reports=peer_reports if known else (),
            reliabilities=reliabilities if known else None,
            risk_data_version=data.version,
            upstream=upstream,
            list_hits=hits,
        )
    factors = list(context.factors)
    migrant = _migrant_factor(supplier)
    if migrant is not None:
        factors.append(migrant)
    context_tenths = context.points_tenths + (tenths(migrant.points) if migrant else 0)
    if upstream is not None:
        factors.append(upstream_factor(upstream))
    listed_tenths = 0
    if hits:
        factors.append(_list_factor(hits))
        listed_tenths = tenths(policy.ENTITY_LIST_MATCH_POINTS)
    if not known:
        result = _context_only(
            context,
            factors,
            context_tenths + (tenths(upstream.points) if upstream else 0) + listed_tenths,
            threshold,
            as_of,
            digest,
            data.version,
            hits,
        )
    else:
        result = _with_audits(
            context,
            factors,
            context_tenths,
            known,
            threshold,
            as_of,
            digest,
            data,
            peer_reports,
            reliabilities,
            hits,
        )
    if upstream is None:
        return result
    # Any hazard upstream flags the buyer, however far and small: the presumption does not
    # fade with distance (policy.UPSTREAM_TIER_DECAY); only the points do.
    return replace(
        result, flagged=True, flag_reasons=(*result.flag_reasons, upstream_reason(upstream))
    )


def _list_factor(hits: Sequence[ListHit]) -> Factor:
    strongest = hits[0]
    return Factor(
        code="entity_list_match",
        kind="context",
        points=policy.ENTITY_LIST_MATCH_POINTS,
        detail=f"{strongest.entity_name} on the {strongest.list_title} "
        f"({strongest.program or strongest.dataset}): {strongest.explanation}",
        source="UFLPA Pub. L. 117-78 §3(a); 19 U.S.C. §1307, 19 CFR 12.42 (WROs and Findings)",
        evidence=tuple(h.ref for h in hits),
    )


def _context_only(
    context: ContextRisk,
    factors: list[Factor],
    total: int,
    threshold: float,
    as_of: date,
    digest: str,
    risk_data_version: str,
    hits: Sequence[ListHit] = (),
) -> Assessment:
    """The hot path of bulk screening: no audits, so no evidence, nothing assessed."""
    held = _hold_in_range(total)
    if held is not None:
        factors.append(held)
        total += tenths(held.points)
    score = total / 10
    reasons = context.no_audit_reasons
    if score >= threshold:
        reasons = (score_reason(score, threshold, factors), *reasons)
    if hits or context.standing_reasons:
        reasons = (*standing_reasons(context, hits), *reasons)
    bounds = _CONTEXT_ONLY_BANDS.get(score)
    if bounds is None:
        bounds = uncertainty_band(
            score, unassessed_indicators=_ILO_COUNT, latest_recency=None, latest_reliability=None
        )
        _CONTEXT_ONLY_BANDS[score] = bounds  # at most 1,001 scores (tenths of 0-100)
    low, high = bounds
    return Assessment(
        score=score,
        band=band_for(score),
        flagged=bool(reasons),
        flag_reasons=reasons,
        factors=tuple(factors),
        indicators=_NOT_ASSESSED,
        coverage=0.0,
        score_low=low,
        score_high=high,
        audit_reliabilities=(),
        unverified=False,
        threshold=threshold,
        as_of=as_of,
        methodology_version=METHODOLOGY_VERSION,
        risk_data_version=risk_data_version,
        input_digest=digest,
    )


def _indicator_statuses(
    items: Mapping[str, list[EvidenceItem]],
    assessed_by: Mapping[str, set[str]],
) -> tuple[IndicatorStatus, ...]:
    statuses: list[IndicatorStatus] = []
    codes = list(policy.ILO_INDICATORS) + [c for c in policy.SUPPLEMENTARY_INDICATORS if c in items]
    for code in codes:
        found = items.get(code)
        critical = code in policy.CRITICAL_FLAG_REASONS
        audit_refs = tuple(sorted(assessed_by.get(code, ())))
        if found:
            ordered = tuple(sorted(found, key=strength_key, reverse=True))
            strongest = ordered[0]
            statuses.append(
                IndicatorStatus(
                    code=code,
                    status="found",
                    critical=critical,
                    severity=strongest.severity,
                    points=strongest.points,
                    strongest=strongest,
                    evidence=ordered,
                    assessed_by=audit_refs,
                )
            )
        elif audit_refs:
            statuses.append(
                IndicatorStatus(
                    code=code, status="not_found", critical=critical, assessed_by=audit_refs
                )
            )
        else:
            statuses.append(IndicatorStatus(code=code, status="not_assessed", critical=critical))
    return tuple(statuses)


def _evidence_factors(statuses: Sequence[IndicatorStatus]) -> list[Factor]:
    """One factor per indicator found (its strongest evidence before remediation and recency),
    then what remediation and recency take off, as differences of rounded sums so that the
    factors add up exactly."""
    factors: list[Factor] = []
    base_tenths = 0
    undecayed = 0.0
    final = 0.0
    for status in statuses:
        item = status.strongest
        if item is None:
            continue
        points = tenths(item.base_points)
        base_tenths += points
        undecayed += item.base_points * item.remediation_multiplier
        final += item.points
        factors.append(
            Factor(
                code=f"indicator:{status.code}",
                kind="evidence",
                points=points / 10,
                detail=f"{item.severity} {item.source.replace('_', ' ')} ({item.audit_ref}, "
                f"{item.observed_on.isoformat()}): {item.summary}",
                source=policy.INDICATOR_SOURCES[status.code],
                evidence=item.refs,
            )
        )
    remediation = tenths(undecayed) - base_tenths
    recency = tenths(final) - tenths(undecayed)
    if remediation:
        factors.append(
            Factor(
                code="evidence_remediation",
                kind="evidence",
                points=remediation / 10,
                detail="remediated findings count 60%, verified ones 30%, never zero",
                source="004_9fbd24e16dca7199.txt L624, L632 (remediation can be staged)",
            )
        )
    if recency:
        factors.append(
            Factor(
                code="evidence_recency",
                kind="evidence",
                points=recency / 10,
                detail=f"older evidence decays with a half-life of "
                f"{policy.EVIDENCE_HALF_LIFE_DAYS:g} days",
                source="screening/policy.py EVIDENCE_HALF_LIFE_DAYS",
            )
        )
    return factors


def _with_audits(
    context: ContextRisk,
    factors: list[Factor],
    context_tenths: int,
    known: list[Audit],
    threshold: float,
    as_of: date,
    digest: str,
    data: RiskData,
    peer_reports: Sequence[PeerReport],
    given: Mapping[str, AuditReliability] | None,
    hits: Sequence[ListHit] = (),
) -> Assessment:
    reliabilities = reliabilities_for(
        known, given=given, peer_reports=peer_reports, high_risk_context=context.high_risk
    )
    unverified_audits = frozenset(
        a.audit_ref
        for a in known
        if is_unverified(a, reliabilities[a.audit_ref], high_risk_context=context.high_risk)
    )

    synonyms = indicator_synonyms(data)
    items: dict[str, list[EvidenceItem]] = {}
    assessed_by: dict[str, set[str]] = {}
    for audit in known:
        worker = observe_worker_evidence(audit, as_of=as_of)
        trustworthy = (
            audit.audit_ref not in unverified_audits
            and (as_of - audit.audited_on).days <= policy.EVIDENCE_LOOKBACK_DAYS
        )
        if trustworthy:
            # Records from an unreliable audit can show abuse but cannot rule it out.
            for code in worker.assessed:
                assessed_by.setdefault(code, set()).add(audit.audit_ref)
        for observation in observe_findings(audit, synonyms) + worker.observations:
            items.setdefault(observation.indicator, []).append(weigh(observation, as_of))
            assessed_by.setdefault(observation.indicator, set()).add(audit.audit_ref)

    statuses = _indicator_statuses(items, assessed_by)
    factors.extend(_evidence_factors(statuses))

    latest = known[-1]
    latest_reliability = reliabilities[latest.audit_ref]
    latest_recency = recency_multiplier(latest.audited_on, as_of)
    latest_unverified = latest.audit_ref in unverified_audits
    latest_clean = not any(
        item.audit_ref == latest.audit_ref and item.severity != "low" and item.status != "verified"
        for found in items.values()
        for item in found
    )
    if (
        latest_clean
        and not latest_unverified
        and (as_of - latest.audited_on).days <= policy.AUDIT_RECENCY_DAYS
    ):
        share = policy.CLEAN_AUDIT_CREDIT_SHARE[latest_reliability.level]
        # A social audit does not rebut the UFLPA presumption (nor a list match, not context).
        creditable = context_tenths - context.uncreditable_tenths
        credit = tenths(share * (creditable / 10) * latest_recency)
        if credit:
            factors.append(
                Factor(
                    code="clean_audit_credit",
                    kind="audit",
                    points=-credit / 10,
                    detail=f"clean {latest_reliability.level}-reliability audit {latest.audit_ref} "
                    f"({latest.audited_on.isoformat()}) removes {share:.0%} of the context "
                    f"risk, decayed by age",
                    source="004_9fbd24e16dca7199.txt L618 (45% of audits unreliable)",
                    evidence=(f"audit:{latest.audit_ref}",),
                )
            )
    if latest_reliability.level == "low":
        factors.append(
            Factor(
                code="audit_unreliable",
                kind="audit",
                points=policy.UNRELIABLE_AUDIT_POINTS,
                detail=f"latest audit {latest.audit_ref} has low reliability: "
                + (", ".join(p.code for p in latest_reliability.patterns) or "no pattern named"),
                source="004_9fbd24e16dca7199.txt L618-L638",
                evidence=tuple(f"pattern:{p.code}" for p in latest_reliability.patterns),
            )
        )

    total = sum(tenths(f.points) for f in factors)
    if latest_unverified and total < policy.UNVERIFIED_MIN_SCORE * 10:
        lift = int(policy.UNVERIFIED_MIN_SCORE * 10) - total
        factors.append(
            Factor(
                code="unverified_floor",
                kind="adjustment",
                points=lift / 10,
                detail=f"latest audit {latest.audit_ref} is unverified (low reliability, or a "
                f"high-risk context without worker-level evidence): never low risk",
                source="SPEC 4.4",
                evidence=(f"audit:{latest.audit_ref}",),
            )
        )
        total += lift
    held = _hold_in_range(total)
    if held is not None:
        factors.append(held)
        total += tenths(held.points)
    score = total / 10

    reasons = flag_reasons(
        FlagInputs(
            indicators=statuses,
            context=context,
            audits=known,
            reliabilities=reliabilities,
            unverified_audits=unverified_audits,
            score=score,
            threshold=threshold,
            factors=factors,
            as_of=as_of,
            list_hits=hits,
        )
    )
    ilo = statuses[:_ILO_COUNT]
    unassessed = sum(1 for s in ilo if s.status == "not_assessed")
    low, high = uncertainty_band(
        score,
        unassessed_indicators=unassessed,
        latest_recency=latest_recency,
        latest_reliability=latest_reliability.level,
    )
    return Assessment(
        score=score,
        band=band_for(score),
        flagged=bool(reasons),
        flag_reasons=reasons,
        factors=tuple(factors),
        indicators=statuses,
        coverage=round((_ILO_COUNT - unassessed) / _ILO_COUNT, 4),
        score_low=low,
        score_high=high,
        audit_reliabilities=tuple(reliabilities[a.audit_ref] for a in known),
        unverified=latest_unverified,
        threshold=threshold,
        as_of=as_of,
        methodology_version=METHODOLOGY_VERSION,
        risk_data_version=data.version,
        input_digest=digest,
    )
