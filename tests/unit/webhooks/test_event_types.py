"""Which chain events become which webhook types."""

from __future__ import annotations

from api.webhooks.event_types import WebhookEventType as T
from api.webhooks.event_types import types_for


def test_a_case_is_decided_directly_or_when_a_second_person_confirms_a_clearance() -> None:
    assert types_for("case.decided", {"status": "in_review"}, {"status": "closed"}) == (
        T.case_decided,
    )
    assert types_for("case.decision_confirmed", None, {"decision": "cleared"}) == (T.case_decided,)
    assert types_for("case.decision_proposed", None, {"pending_decision": {}}) == ()


def test_a_first_flag_is_supplier_flagged_as_well_as_assessment_changed() -> None:
    first = types_for("assessment.created", None, {"flagged": True})
    assert first == (T.supplier_flagged, T.assessment_changed)
    newly = types_for("assessment.created", {"flagged": False}, {"flagged": True})
    assert newly == (T.supplier_flagged, T.assessment_changed)


def test_a_supplier_flagged_already_is_not_flagged_again() -> None:
    assert types_for("assessment.created", {"flagged": True}, {"flagged": True}) == (
        T.assessment_changed,
    )
    assert types_for("assessment.created", None, {"flagged": False}) == (T.assessment_changed,)
    assert types_for("assessment.created", {"flagged": True}, {"flagged": False}) == (
        T.assessment_changed,
    )


def test_status_changes_and_openings_map_one_to_one_and_the_rest_to_nothing() -> None:
    assert types_for("supplier.status_changed", None, {"status": "suspended"}) == (
        T.supplier_status_changed,
    )
    assert types_for("case.opened", None, {"status": "open"}) == (T.case_opened,)
    for action in ("supplier.created", "case.comment_added", "api_key.created", "audit.created"):
        assert types_for(action, None, {}) == ()
