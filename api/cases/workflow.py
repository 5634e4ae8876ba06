"""The review workflow's rules, apart from storage: which status may follow which, and when a
clearance needs a second person.

    open ──> in_review ──> escalated
                 │              │
                 └──> closed <──┘   (by a decision)
    closed ──> in_review            (by /reopen)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from api.auth.roles import Role
from api.cases.opening import CRITICAL_REASONS
from api.events.actor import Actor

# Status changes made by POST /v1/cases/{id}/status. Closing is a decision; reopening is /reopen.
STATUS_TRANSITIONS: Final[dict[str, frozenset[str]]] = {
    "open": frozenset({"in_review"}),
    "in_review": frozenset({"escalated"}),
    "escalated": frozenset(),
    "closed": frozenset(),
}
# A decision needs someone to have looked: the case must be under review (or escalated).
DECIDABLE: Final = frozenset({"in_review", "escalated"})
REOPENABLE: Final = frozenset({"closed"})
DECISIONS: Final = ("cleared", "remediation_required", "suspend", "terminate")

# Who may confirm another reviewer's clearance of a critical case (four eyes).
CONFIRMING_ROLES: Final = frozenset({Role.admin, Role.auditor})
CONFIRMATION_NEEDS = (
    "a person other than the proposer, an admin or an auditor (signed in, or with a key of "
    "their own; a service account's key cannot confirm)"
)


def is_critical(reason_codes: Iterable[str]) -> bool:
    return any(code in CRITICAL_REASONS for code in reason_codes)


def needs_second_confirmation(decision: str, reason_codes: Iterable[str]) -> bool:
    """Clearing a supplier with a critical indicator is never one person's call.

    The ILO critical indicators (identity documents, recruitment debt, withheld wages,
    restriction of movement, violence, forced child labour) are forced labour itself; letting
    one reviewer clear them alone is the failure the second confirmation prevents.
    """
    return decision == "cleared" and is_critical(reason_codes)


def may_confirm(role: Role, confirmer: Actor, proposer: str) -> bool:
    """Four eyes are two people: refs compare people (all of one person's keys and sessions
    share a ref), and a service account, which may be anyone, never confirms."""
    return role in CONFIRMING_ROLES and confirmer.kind == "person" and confirmer.ref != proposer
