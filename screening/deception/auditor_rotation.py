"""The same auditor, or the same firm, audit after audit.

No social-audit scheme rule on rotation was found; the thresholds borrow financial-audit
rotation (IESBA Code section 540; EU Regulation 537/2014 art. 17), because the risk is the
same: familiarity and a fee relationship (seed 004 L616-L620) soften an auditor's judgement.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from screening.deception._common import audit_ref
from screening.deception.thresholds import DeceptionThresholds
from screening.inputs.audit import Audit
from screening.reliability import DeceptionPattern

CODE = "same_auditor_repeated"


def _normalise(name: str | None) -> str | None:
    return " ".join(name.casefold().split()) if name else None


def _run(audit: Audit, history: Sequence[Audit], key: Callable[[Audit], str | None]) -> list[Audit]:
    """The audits, newest first, that share ``key`` with ``audit`` without interruption."""
    wanted = key(audit)
    if wanted is None:
        return []
    run = [audit]
    for prior in history:
        if key(prior) != wanted:
            break
        run.append(prior)
    return run


def detect_same_auditor_repeated(
    audit: Audit, prior_audits: Sequence[Audit], t: DeceptionThresholds
) -> DeceptionPattern | None:
    """This audit continues a run of audits by the same person or the same firm."""
    history = sorted(
        (
            a
            for a in prior_audits
            if a.audit_ref != audit.audit_ref and a.audited_on <= audit.audited_on
        ),
        key=lambda a: (a.audited_on, a.audit_ref),
        reverse=True,
    )
    if not history:
        return None
    by_auditor = _run(audit, history, lambda a: _normalise(a.auditor))
    by_firm = _run(audit, history, lambda a: _normalise(a.firm))
    auditor_over = len(by_auditor) - t.same_auditor_max_consecutive
    firm_over = len(by_firm) - t.same_firm_max_consecutive
    if auditor_over <= 0 and firm_over <= 0:
        return None
    # One audit past the limit is 0.5; each further one adds 0.1, up to 1.
    strength = min(1.0, 0.4 + 0.1 * max(auditor_over, firm_over))
    if auditor_over >= firm_over:
        who, run = f"auditor {audit.auditor}", by_auditor
    else:
        who, run = f"firm {audit.firm}", by_firm
    since = run[-1].audited_on.year
    return DeceptionPattern(
        code=CODE,
        strength=round(strength, 3),
        summary=(
            f"The {who} has carried out {len(run)} consecutive audits of this site since {since}."
        ),
        evidence=tuple(audit_ref(a.audit_ref) for a in run),
    )
