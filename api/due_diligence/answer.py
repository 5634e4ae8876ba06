"""The buying answer: one outcome on Marble's ladder, approve < review < block, with reasons.

Procurement asks "may I buy from this supplier?" and needs one word it can act on, and the
reasons it can show. The decision of a person comes first; the score speaks only where no
decision stands.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

Outcome = Literal["approve", "review", "block"]
LADDER: tuple[Outcome, ...] = ("approve", "review", "block")


@dataclass(frozen=True)
class BuyingAnswer:
    outcome: Outcome
    reasons: tuple[str, ...]


def buying_answer(
    *,
    dd_status: str | None,
    dd_since: datetime | None,
    dd_by: str | None,
    dd_valid_until: datetime | None,
    score: float | None,
    flagged: bool | None,
    now: datetime,
) -> BuyingAnswer:
    since = f" on {dd_since.date().isoformat()}" if dd_since else ""
    by = f" by {dd_by}" if dd_by else ""
    if dd_status == "terminated":
        return BuyingAnswer("block", (f"relationship terminated{by}{since}",))
    if dd_status == "suspended":
        return BuyingAnswer("block", (f"supplier suspended{by}{since}",))
    if dd_status == "remediation":
        return BuyingAnswer("review", (f"corrective actions required{by}{since}",))
    if dd_status == "under_review":
        return BuyingAnswer("review", (f"a due-diligence case is open{since}",))
    if dd_status == "clear":
        if dd_valid_until is not None and dd_valid_until <= now:
            expired = dd_valid_until.date().isoformat()
            return BuyingAnswer("review", (f"clearance{by} expired on {expired}",))
        return BuyingAnswer("approve", (f"cleared{by}{since}",))
    if score is None:
        return BuyingAnswer("review", ("not assessed yet",))
    if flagged:
        return BuyingAnswer("review", (f"score {score:.1f} flags the supplier for review",))
    return BuyingAnswer("approve", (f"score {score:.1f} below the review threshold",))


def stricter(*answers: BuyingAnswer) -> BuyingAnswer:
    """The highest outcome on the ladder, with the reasons of every answer that gave it."""
    top = max(answers, key=lambda a: LADDER.index(a.outcome)).outcome
    reasons = [r for a in answers if a.outcome == top for r in a.reasons]
    return BuyingAnswer(top, tuple(dict.fromkeys(reasons)))
