"""Running the audit-deception detectors on a stored audit and keeping the result on it.

The analysis is the scoring engine's own (``screening.audit_reliability.reliabilities_for``),
fed the same way, so the level stored on the audit is the level the supplier was scored with:

- the audit is judged as ``screening.audit_reliability.judge_audit`` judges it: without its
  findings (reliability is about how the audit was done and what its records show, not
  what it reported), but never called clean when it reported problems;
- prior audits are the supplier's audits before it in (date, id) order;
- peer reports are other suppliers' recent report texts (``api.assessments.loading``);
- the high-risk context is ``screening.context.context_risk(...).high_risk`` for the
  supplier's country, sector, products and region: TIP Tier 3 / special case / Tier 2 watch
  list, CSPA listing, state-sponsored trafficking, a product on ILAB's forced-labour list for
  that country, or context points at or above ``policy.HIGH_RISK_CONTEXT_POINTS``.

``unverified`` is the engine's ``is_unverified``: the audit cannot lower the supplier's risk
(low reliability, flagged by the detectors, or a high-risk context with no worker evidence).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.assessments.loading import peer_reports, stored_audit
from api.engine_inputs.audit import audit_columns, engine_audit, stored_ref
from api.engine_inputs.supplier import stored_profile
from models import Audit, Supplier
from models.base import utcnow
from risk_data.types import RiskData
from screening.audit_reliability import is_unverified, judge_audit
from screening.context import context_risk
from screening.deception import ALGORITHM_VERSION
from screening.inputs import audit as engine
from screening.reliability import AuditReliability


def high_risk_context(supplier: Supplier, data: RiskData) -> bool:
    """The scoring engine's own test (see the module docstring), not a re-derivation."""
    profile = stored_profile(supplier)
    return context_risk(
        data, profile.country, profile.sector, profile.products, profile.region, profile.subdivision
    ).high_risk


def prior_audits(session: Session, audit: Audit) -> list[engine.Audit]:
    others = session.scalars(
        select(Audit).where(Audit.supplier_id == audit.supplier_id, Audit.id != audit.id)
    ).all()
    position = (audit.audited_on, str(audit.id))
    earlier = sorted(
        (a for a in others if (a.audited_on, str(a.id)) < position),
        key=lambda a: (a.audited_on, str(a.id)),
    )
    # Prior audits as the detectors use them: who did them, when, how; no records needed.
    return [engine_audit(stored_ref(a), audit_columns(a)) for a in earlier]


def reliability_json(
    reliability: AuditReliability, *, unverified: bool, high_risk: bool, data: RiskData
) -> dict[str, Any]:
    return {
        "level": reliability.level,
        "unverified": unverified,
        "high_risk_context": high_risk,
        "patterns": [
            {
                "code": p.code,
                "strength": p.strength,
                "summary": p.summary,
                "evidence": list(p.evidence),
            }
            for p in reliability.patterns
        ],
        "algorithm_version": ALGORITHM_VERSION,
        "risk_data_version": data.version,
    }


def analyse_audit(
    session: Session,
    audit: Audit,
    supplier: Supplier,
    data: RiskData,
    *,
    subject: engine.Audit | None = None,
) -> AuditReliability:
    """Analyse ``audit`` and store level, patterns and time on it (no commit).

    ``subject`` is the audit as the engine sees it when the caller already has it in memory
    (a just-posted payload); otherwise it is read back from the database.
    """
    loaded = subject if subject is not None else stored_audit(session, audit)
    judged = dataclasses.replace(loaded, audit_ref=stored_ref(audit))
    high_risk = high_risk_context(supplier, data)
    reliability = judge_audit(
        judged,
        prior_audits=prior_audits(session, audit),
        peer_reports=peer_reports(session, supplier),
        high_risk_context=high_risk,
    )
    unverified = is_unverified(judged, reliability, high_risk_context=high_risk)
    audit.reliability_level = reliability.level
    audit.reliability = reliability_json(
        reliability, unverified=unverified, high_risk=high_risk, data=data
    )
    audit.analysed_at = utcnow()
    return reliability
