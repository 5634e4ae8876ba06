"""The event types an endpoint can subscribe to, and which chain events make each one.

Every change is already an event in the organisation's chain (``models.Event``); a webhook
type is a view over those actions, so no writer needs to know that webhooks exist.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class WebhookEventType(StrEnum):
    case_opened = "case.opened"
    case_decided = "case.decided"
    supplier_flagged = "supplier.flagged"
    supplier_status_changed = "supplier.status_changed"
    assessment_changed = "assessment.changed"
    import_completed = "import.completed"


DESCRIPTIONS: dict[WebhookEventType, str] = {
    WebhookEventType.case_opened: "A review case was opened for a flagged supplier.",
    WebhookEventType.case_decided: "A case was decided (cleared, remediation, suspend, "
    "terminate), including a clearance confirmed by a second person.",
    WebhookEventType.supplier_flagged: "A new assessment flagged a supplier that was not "
    "flagged before.",
    WebhookEventType.supplier_status_changed: "A supplier's due-diligence status changed.",
    WebhookEventType.assessment_changed: "A supplier has a new assessment (score, band, flag).",
    WebhookEventType.import_completed: "An upload (not a dry run) finished and its rows are in.",
}

# The ping an admin sends to try an endpoint; not subscribable, always delivered.
PING = "webhook.ping"

_BY_ACTION: dict[str, tuple[WebhookEventType, ...]] = {
    "case.opened": (WebhookEventType.case_opened,),
    "case.decided": (WebhookEventType.case_decided,),
    # A clearance with a critical reason takes effect only when a second person confirms it.
    "case.decision_confirmed": (WebhookEventType.case_decided,),
    "supplier.status_changed": (WebhookEventType.supplier_status_changed,),
    "assessment.created": (WebhookEventType.assessment_changed,),
}


def _newly_flagged(before: dict[str, Any] | None, after: dict[str, Any] | None) -> bool:
    return bool(after and after.get("flagged")) and not (before and before.get("flagged"))


def types_for(
    action: str, before: dict[str, Any] | None, after: dict[str, Any] | None
) -> tuple[WebhookEventType, ...]:
    """The webhook types one chain event makes (none for most actions)."""
    types = _BY_ACTION.get(action, ())
    if action == "assessment.created" and _newly_flagged(before, after):
        types = (WebhookEventType.supplier_flagged, *types)
    return types
