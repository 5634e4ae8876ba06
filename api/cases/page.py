"""What a reviewer reads on a case's page, gathered in one place: the case and supplier, each
reason with the sources behind it as a person cites them, the factors that make the score
(adding up to it), per-indicator status, the audits' reliability patterns with the worker
records behind them, comments and the case's history in words."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.assessments.service import latest_assessment
from api.cases import workflow
from api.cases.schemas import AssessmentView, AuditBrief, CaseOut, CommentOut, SupplierBrief
from api.cases.views import (
    assessment_view,
    audit_briefs,
    case_out,
    comments_of,
    supplier_brief,
)
from api.events.service import events_for
from models import Audit, Event, ReviewCase, Supplier
from risk_data.citations import ReadableCitation, readable_citations
from risk_data.types import RiskData
from screening import policy

_CONTEXT_LABELS: Final = {
    "country_tip_tier": "Country: TIP Report tier",
    "country_cspa_listed": "Country: Child Soldiers Prevention Act list",
    "country_ilab_advancement": "Country: ILAB advancement level",
    "country_state_sponsored_trafficking": "Country: state-sponsored trafficking",
    "country_conflict": "Country: conflict-affected",
    "sector_inherent_risk": "Sector: inherent risk",
    "goods_forced_labour": "Goods on ILAB's forced-labour list",
    "goods_child_labour": "Goods on ILAB's child-labour list",
    "migrant_workforce": "Migrant workforce",
    "audit_unreliable": "Audit reliability is low",
    "clean_audit_credit": "Credit for a reliable clean audit",
    "evidence_recency": "Older evidence counts less",
    "cap_at_100": "Capped at 100",
    "floor_at_0": "Held at 0",
}
_REASON_LABELS: Final = {
    "score_above_threshold": "Score at or above the threshold",
    "audit_unreliable": "Latest audit unreliable",
    "ilab_forced_labour_good_unaudited": "ILAB forced-labour good, no recent audit",
    "high_risk_country_unverified": "High-risk country, no reliable audit",
    "recruitment_fee_debt": "Recruitment fees or debt (debt bondage)",
    "physical_sexual_violence": "Physical and sexual violence",
}
# The factors whose sources stand behind a reason that names none itself.
_REASON_FACTORS: Final = {
    "audit_unreliable": ("audit_unreliable",),
    "ilab_forced_labour_good_unaudited": ("goods_forced_labour",),
    "high_risk_country_unverified": (
        "country_tip_tier",
        "country_cspa_listed",
        "country_state_sponsored_trafficking",
    ),
}
_INDICATOR_OF_REASON: Final = {
    reason: indicator for indicator, reason in policy.CRITICAL_FLAG_REASONS.items()
}
_ACTIONS: Final = {
    "case.opened": "Case opened",
    "case.reasons_refreshed": "Reasons refreshed by a new assessment",
    "case.assigned": "Assigned",
    "case.review_started": "Review started",
    "case.escalated": "Escalated",
    "case.comment_added": "Comment",
    "case.decision_proposed": "Decision proposed (awaits a second person)",
    "case.decision_confirmed": "Decision confirmed",
    "case.decision_rejected": "Proposed decision turned down",
    "case.decided": "Decided",
    "case.reopened": "Reopened",
    "plan.opened": "Corrective action plan opened",
}


def words(code: str) -> str:
    text = code.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def indicator_name(data: RiskData, code: str) -> str:
    indicator = data.indicators.get(code)
    return indicator.name if indicator is not None else words(code)


def factor_label(data: RiskData, code: str) -> str:
    if code.startswith("indicator:"):
        return indicator_name(data, code.removeprefix("indicator:"))
    return _CONTEXT_LABELS.get(code, words(code))


def reason_label(data: RiskData, code: str) -> str:
    if code in _REASON_LABELS:
        return _REASON_LABELS[code]
    indicator = _INDICATOR_OF_REASON.get(code)
    return indicator_name(data, indicator) if indicator else words(code)


@dataclass(frozen=True)
class FactorView:
    code: str
    label: str
    kind: str
    points: float
    detail: str
    source: str  # as the engine cites it
    citations: list[ReadableCitation]


@dataclass(frozen=True)
class ReasonView:
    code: str
    label: str
    summary: str
    critical: bool
    citations: list[ReadableCitation]
    evidence: list[str]


@dataclass(frozen=True)
class IndicatorView:
    code: str
    name: str
    status: str  # found / not_found / not_assessed
    critical: bool
    severity: str | None
    points: float
    summary: str
    audit_refs: list[str]
    refs: list[str]


@dataclass(frozen=True)
class PatternView:
    code: str
    label: str
    strength: float
    summary: str
    refs: list[str]

    @property
    def has_records(self) -> bool:
        """Whether worker-level records stand behind it (not only the audit's own facts)."""
        return any(not r.startswith(("audit:", "report:")) for r in self.refs)


@dataclass(frozen=True)
class ReliabilityView:
    audit_ref: str
    audit_id: uuid.UUID | None
    level: str
    unverified: bool
    patterns: list[PatternView]


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    actor: str
    action: str
    label: str
    lines: list[str]


@dataclass(frozen=True)
class CasePage:
    case: CaseOut
    supplier: SupplierBrief
    assessment: AssessmentView | None
    reasons: list[ReasonView]
    factors: list[FactorView]
    indicators: list[IndicatorView]
    reliability: list[ReliabilityView]
    audits: list[AuditBrief]
    comments: list[CommentOut]
    timeline: list[TimelineEntry]
    transitions: list[str] = field(default_factory=list)
    decidable: bool = False
    reopenable: bool = False

    @property
    def factor_total(self) -> float:
        return round(sum(f.points for f in self.factors), 1)


def _factors(data: RiskData, assessment: AssessmentView | None) -> list[FactorView]:
    if assessment is None:
        return []
    return [
        FactorView(
            code=str(f.get("code", "")),
            label=factor_label(data, str(f.get("code", ""))),
            kind=str(f.get("kind", "")),
            points=float(f.get("points", 0.0)),
            detail=str(f.get("detail", "")),
            source=str(f.get("source") or ""),
            citations=readable_citations(str(f.get("source") or ""), data.sources),
        )
        for f in assessment.factors
    ]


def _reason_sources(code: str, evidence: list[str], factors: dict[str, str]) -> str:
    cited = [ref.removeprefix("factor:") for ref in evidence if ref.startswith("factor:")]
    cited += _REASON_FACTORS.get(code, ())
    indicator = _INDICATOR_OF_REASON.get(code)
    if indicator:
        cited.append(f"indicator:{indicator}")
    sources = [factors[c] for c in dict.fromkeys(cited) if factors.get(c)]
    if not sources and indicator and indicator in policy.INDICATOR_SOURCES:
        sources.append(policy.INDICATOR_SOURCES[indicator])
    return "; ".join(sources)


def _reasons(data: RiskData, case: ReviewCase, factors: list[FactorView]) -> list[ReasonView]:
    sources_by_factor = {f.code: f.source for f in factors if f.source}
    out = []
    for reason in case.reasons:
        code = str(reason.get("code", ""))
        evidence = [str(e) for e in reason.get("evidence", [])]
        citations = readable_citations(
            _reason_sources(code, evidence, sources_by_factor), data.sources
        )
        out.append(
            ReasonView(
                code=code,
                label=reason_label(data, code),
                summary=str(reason.get("summary", "")),
                critical=workflow.is_critical([code]),
                citations=list({c.label: c for c in citations}.values()),
                evidence=evidence,
            )
        )
    return out


def _indicators(data: RiskData, assessment: AssessmentView | None) -> list[IndicatorView]:
    if assessment is None:
        return []
    out = []
    for item in assessment.indicators:
        code = str(item.get("code", ""))
        strongest: dict[str, Any] = item.get("strongest") or {}
        evidence: list[dict[str, Any]] = list(item.get("evidence") or [])
        out.append(
            IndicatorView(
                code=code,
                name=indicator_name(data, code),
                status=str(item.get("status", "not_assessed")),
                critical=bool(item.get("critical")),
                severity=item.get("severity"),
                points=float(item.get("points") or 0.0),
                summary=str(strongest.get("summary", "")),
                audit_refs=[str(a) for a in item.get("assessed_by") or []],
                refs=list(dict.fromkeys(str(r) for e in evidence for r in e.get("refs") or [])),
            )
        )
    # Found first (critical before others), then assessed, then not assessed.
    rank = {"found": 0, "not_found": 1, "not_assessed": 2}
    return sorted(out, key=lambda i: (rank.get(i.status, 3), not i.critical))


def audit_ids_by_ref(session: Session, supplier_id: uuid.UUID) -> dict[str, uuid.UUID]:
    """Audits by the name the engine gives them (``engine_inputs.audit.stored_ref``)."""
    rows = session.execute(
        select(Audit.id, Audit.external_ref).where(Audit.supplier_id == supplier_id)
    ).all()
    return {(ref or str(audit_id)): audit_id for audit_id, ref in rows}


def _reliability(
    assessment: AssessmentView | None, audit_ids: dict[str, uuid.UUID]
) -> list[ReliabilityView]:
    if assessment is None:
        return []
    return [
        ReliabilityView(
            audit_ref=str(r.get("audit_ref", "")),
            audit_id=audit_ids.get(str(r.get("audit_ref", ""))),
            level=str(r.get("level", "")),
            unverified=bool(r.get("unverified")),
            patterns=[
                PatternView(
                    code=str(p.get("code", "")),
                    label=words(str(p.get("code", ""))),
                    strength=float(p.get("strength") or 0.0),
                    summary=str(p.get("summary", "")),
                    refs=[str(e) for e in p.get("evidence") or []],
                )
                for p in r.get("patterns") or []
            ],
        )
        for r in assessment.reliability
    ]


def _change_lines(event: Event) -> list[str]:
    """What changed, in words, for the fields a reviewer follows."""
    before: dict[str, Any] = event.before or {}
    after: dict[str, Any] = event.after or {}
    lines: list[str] = []
    if event.action == "case.comment_added":
        return [str(after.get("body", ""))]
    for key, label in (
        ("status", "status"),
        ("assignee", "assignee"),
        ("priority", "priority"),
        ("decision", "decision"),
    ):
        if key in after and before.get(key) != after.get(key):
            old, new = before.get(key), after.get(key)
            lines.append(f"{label}: {old or '—'} → {new or '—'}" if before else f"{label}: {new}")
    pending = after.get("pending_decision")
    if isinstance(pending, dict) and event.action == "case.decision_proposed":
        lines.append(f"proposed {pending.get('decision')}: {pending.get('rationale')}")
    if event.action in ("case.decided", "case.decision_confirmed") and after.get(
        "decision_rationale"
    ):
        lines.append(f"rationale: {after['decision_rationale']}")
    for key in ("note", "reason"):
        if after.get(key):
            lines.append(f"{key}: {after[key]}")
    if event.action == "plan.opened":
        lines.append(f"{len(after.get('actions') or [])} corrective actions")
    return lines


def timeline(session: Session, case: ReviewCase) -> list[TimelineEntry]:
    """The case's events, newest first, each said in words."""
    events = events_for(session, case.organisation_id, "case", case.id)
    return [
        TimelineEntry(
            at=e.created_at,
            actor=e.actor_name or e.actor,
            action=e.action,
            label=_ACTIONS.get(e.action, words(e.action.split(".", 1)[-1])),
            lines=_change_lines(e),
        )
        for e in reversed(events)
    ]


def case_page(session: Session, data: RiskData, case: ReviewCase) -> CasePage:
    supplier = session.get_one(Supplier, case.supplier_id)
    latest = latest_assessment(session, supplier.id)
    assessment = assessment_view(latest) if latest else None
    factors = _factors(data, assessment)
    return CasePage(
        case=case_out(case, supplier),
        supplier=supplier_brief(supplier),
        assessment=assessment,
        reasons=_reasons(data, case, factors),
        factors=factors,
        indicators=_indicators(data, assessment),
        reliability=_reliability(assessment, audit_ids_by_ref(session, supplier.id)),
        audits=audit_briefs(session, supplier.id),
        comments=comments_of(session, case.id),
        timeline=timeline(session, case),
        transitions=sorted(workflow.STATUS_TRANSITIONS.get(case.status, frozenset())),
        decidable=case.status in workflow.DECIDABLE,
        reopenable=case.status in workflow.REOPENABLE,
    )


def drill_refs(
    page: CasePage, audit_ref: str, *, pattern: str | None = None, indicator: str | None = None
) -> list[str]:
    """The evidence refs of one audit's pattern, or of one indicator's evidence from that audit,
    as the assessment on the page records them (never taken from the request)."""
    if pattern is not None:
        return [
            ref
            for r in page.reliability
            if r.audit_ref == audit_ref
            for p in r.patterns
            if p.code == pattern
            for ref in p.refs
        ]
    if indicator is not None and page.assessment is not None:
        return [
            str(ref)
            for item in page.assessment.indicators
            if item.get("code") == indicator
            for evidence in item.get("evidence") or []
            if evidence.get("audit_ref") == audit_ref
            for ref in evidence.get("refs") or []
        ]
    return []
