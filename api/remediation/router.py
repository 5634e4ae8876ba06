"""Corrective action plans: ``/v1/cases/{id}/actions`` and ``/v1/actions/{id}``.

Changes need the action's ``version`` (body or ``If-Match``). Evidence is submitted by
compliance or a reviewer; a reviewer other than the submitter verifies it.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Response

from api.auth.roles import Scope
from api.cases.views import get_case
from api.clock import today
from api.deps import Principal, SessionDep, require
from api.reference_data.deps import RiskDataDep
from api.remediation import service
from api.remediation.schemas import ActionChange, ActionList, ActionOut, SubmitIn, VerifyIn
from models import CorrectiveAction

router = APIRouter(tags=["corrective actions"])
Reviewer = Annotated[Principal, Depends(require(Scope.cases))]
Submitter = Annotated[Principal, Depends(require(Scope.audits_write))]
IfMatch = Annotated[str | None, Header(description='The action version you read: `"2"`.')]


def _out(action: CorrectiveAction, response: Response | None = None) -> ActionOut:
    if response is not None:
        response.headers["ETag"] = f'"{action.version}"'
    out = ActionOut.model_validate(action)
    out.overdue = action.status == "overdue" or (
        action.status in ("open", "submitted") and action.due_on < today()
    )
    return out


@router.get("/v1/cases/{case_id}/actions")
def list_actions(case_id: uuid.UUID, session: SessionDep, principal: Submitter) -> ActionList:
    """The case's corrective action plan (empty unless it was decided remediation_required)."""
    get_case(session, principal.organisation_id, case_id)  # 404 for another tenant's case
    actions = service.case_actions(session, principal.organisation_id, case_id)
    return ActionList(
        items=[_out(a) for a in actions],
        verified=sum(a.status == "verified" for a in actions),
        total=len(actions),
    )


@router.get("/v1/actions/{action_id}")
def read_action(
    action_id: uuid.UUID, session: SessionDep, principal: Submitter, response: Response
) -> ActionOut:
    return _out(service.get_action(session, principal.organisation_id, action_id), response)


@router.patch("/v1/actions/{action_id}")
def change_action(
    action_id: uuid.UUID,
    body: ActionChange,
    session: SessionDep,
    principal: Reviewer,
    response: Response,
    if_match: IfMatch = None,
) -> ActionOut:
    """Set the owner or move the deadline."""
    return _out(service.change(session, principal, action_id, body, if_match), response)


@router.post("/v1/actions/{action_id}/submit")
def submit_action(
    action_id: uuid.UUID,
    body: SubmitIn,
    session: SessionDep,
    data: RiskDataDep,
    principal: Submitter,
    response: Response,
    if_match: IfMatch = None,
) -> ActionOut:
    """The evidence that the action was done: a follow-up audit or a document. The finding it
    remedies becomes `remediated`."""
    action = service.submit(session, principal, action_id, body, if_match, data)
    return _out(action, response)


@router.post("/v1/actions/{action_id}/verify")
def verify_action(
    action_id: uuid.UUID,
    body: VerifyIn,
    session: SessionDep,
    data: RiskDataDep,
    principal: Reviewer,
    response: Response,
    if_match: IfMatch = None,
) -> ActionOut:
    """A second person confirms the evidence; the finding becomes `verified`. The last
    verified action completes the plan and clears the supplier."""
    action = service.verify(session, principal, action_id, body, if_match, data)
    return _out(action, response)


@router.post("/v1/actions/{action_id}/reject")
def reject_action(
    action_id: uuid.UUID,
    body: VerifyIn,
    session: SessionDep,
    data: RiskDataDep,
    principal: Reviewer,
    response: Response,
    if_match: IfMatch = None,
) -> ActionOut:
    """The evidence does not show the fix: the action is open (or overdue) again."""
    action = service.reject(session, principal, action_id, body, if_match, data)
    return _out(action, response)
