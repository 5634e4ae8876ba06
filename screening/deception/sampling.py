"""Too few workers interviewed for the size of the workforce.

Rule: at least the square root of the workforce, rounded up, and never fewer than
``interview_sample_floor`` (or the whole workforce if smaller). The square-root rule is the
one given to social-risk assessors by the Seafood Social Risk Assessment modules ("Choose a
number to interview roughly equal to the square root of the total number of workers",
https://www.sramodulesonseafood.org/be74f4a7-module-3/gathering-information-from-workers);
SMETA sizes its sample from a workforce table (Best Practice Guidance, Appendix A5).
Few interviews make coaching (seed 004 L636) cheap: only the chosen few need rehearsing.
"""

from __future__ import annotations

import math

from screening.deception._common import audit_ref
from screening.deception.thresholds import DeceptionThresholds
from screening.inputs.audit import Audit
from screening.reliability import DeceptionPattern

CODE = "too_few_interviews"


def required_interviews(workers_total: int, t: DeceptionThresholds) -> int:
    if workers_total <= 0:
        return 0
    return min(workers_total, max(t.interview_sample_floor, math.ceil(math.sqrt(workers_total))))


def detect_too_few_interviews(audit: Audit, t: DeceptionThresholds) -> DeceptionPattern | None:
    """Interviewed fewer workers than the square-root rule asks for."""
    if audit.workers_total is None:
        return None
    interviewed = audit.workers_interviewed
    if interviewed is None and audit.evidence.interviews:
        # Fall back on the interview records themselves when the count was not declared.
        interviewed = len({i.worker_ref for i in audit.evidence.interviews})
    if interviewed is None:
        return None
    required = required_interviews(audit.workers_total, t)
    if interviewed >= required:
        return None
    shortfall = 1 - interviewed / required
    return DeceptionPattern(
        code=CODE,
        strength=round(0.5 + 0.5 * shortfall, 3),
        summary=(
            f"{interviewed} of {audit.workers_total} workers were interviewed; the square-root "
            f"rule asks for at least {required}."
        ),
        evidence=(audit_ref(audit.audit_ref),),
    )
