"""When a decision holds: a decided supplier is not put back in the queue by a re-assessment
that brings nothing new.

A reviewer's decision (cleared, remediation required, suspended, terminated) was taken on
what the case showed. A later assessment reopens the question only if something material
changed since, each reason kept so the new case says why it exists:

- a flag reason the decided case did not have;
- the score up by more than ``SCORE_MARGIN`` points from the score decided on;
- a worse band (new risk data can do this without any new reason);
- an audit (findings, worker-level evidence) stored after the decision;
- the decision's validity ended.

``SCORE_MARGIN`` is ten points: 40% of one band (bands are quarters of the scale,
``screening.policy.BAND_LOWER_BOUNDS``) and about the upward uncertainty the engine already
states for a supplier with an unreliable audit (``UNCERTAINTY_BY_RELIABILITY["low"]``, 12).
A smaller move is within what the reviewer saw as possible when deciding; a band change is
caught on its own. This is a product judgement, documented in docs/methodology.md
("Decisions that hold").
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Final

from models import ReviewCase

SCORE_MARGIN: Final = 10.0
BANDS: Final = ("low", "medium", "high", "critical")


def what_changed(
    decided: ReviewCase,
    *,
    codes: Iterable[str],
    score: float,
    band: str,
    audits_since: int,
    now: datetime,
) -> list[str]:
    """Why ``decided`` no longer settles the supplier; empty when the decision holds."""
    changes: list[str] = []
    decided_codes = {str(r.get("code")) for r in decided.reasons}
    added = sorted(set(codes) - decided_codes)
    if added:
        changes.append(f"new flag reasons since the decision: {', '.join(added)}")
    if decided.decided_score is not None and score > decided.decided_score + SCORE_MARGIN:
        changes.append(
            f"score rose from {decided.decided_score:.1f} to {score:.1f} "
            f"(more than {SCORE_MARGIN:.0f} points)"
        )
    old_band = decided.decided_band
    if old_band in BANDS and band in BANDS and BANDS.index(band) > BANDS.index(old_band):
        changes.append(f"band rose from {old_band} to {band}")
    if audits_since:
        changes.append(f"{audits_since} audit(s) stored since the decision")
    if decided.valid_until is not None and decided.valid_until <= now:
        changes.append(f"the decision was valid until {decided.valid_until.date().isoformat()}")
    return changes
