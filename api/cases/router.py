"""``/v1/cases``: the due-diligence review of flagged suppliers (auditor and admin keys).

Changes need the case's current ``version`` (body field or ``If-Match: "<version>"``); a stale
one answers 409 and changes nothing, so two reviewers deciding at once cannot both win.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Response, status
from sqlalchemy.orm import Session

from api.auth.roles import Scope
from api.cases import service, views
from api.cases.schemas import (
    AssignIn,
    CaseDetail,
    CaseList,
    CaseOut,
    CaseStatus,
    CommentIn,
    CommentOut,
    ConfirmIn,
    DecisionIn,
    EventList,
    Priority,
    ReopenIn,
    StatusIn,
)
from api.deps import Principal, SessionDep, require
from models import ReviewCase, Supplier

router = APIRouter(prefix="/v1/cases", tags=["cases"])
Reviewer = Annotated[Principal, Depends(require(Scope.cases))]
IfMatch = Annotated[
    str | None,
    Header(description='The case version you read, as an ETag: `"3"`. Or send `version`.'),
]
_CHANGE_RESPONSES: dict[int | str, dict[str, str]] = {
    404: {"description": "No such case in your organisation"},
    409: {"description": "Stale version, or a transition the workflow does not allow"},
}


def _out(session: Session, case: ReviewCase, response: Response | None = None) -> CaseOut:
    if response is not None:
        response.headers["ETag"] = f'"{case.version}"'
    return views.case_out(case, session.get_one(Supplier, case.supplier_id))


@router.get("")
def list_cases(
    session: SessionDep,
    principal: Reviewer,
    status_: Annotated[list[CaseStatus] | None, Query(alias="status")] = None,
    priority: Annotated[list[Priority] | None, Query()] = None,
    assignee: str | None = None,
    country: Annotated[str | None, Query(min_length=2, max_length=2)] = None,
    sector: str | None = None,
    reason: Annotated[
        str | None, Query(description="A flag reason code, e.g. retention_of_identity_documents")
    ] = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=views.MAX_PAGE)] = 50,
) -> CaseList:
    """Cases, most urgent first (priority, then oldest). `status` and `priority` repeat."""
    return views.list_cases(
        session,
        principal.organisation_id,
        status=status_ or (),
        priority=priority or (),
        assignee=assignee,
        country=country,
        sector=sector,
        reason=reason,
        cursor=cursor,
        limit=limit,
    )


@router.get("/{case_id}", responses={404: {"description": "No such case"}})
def get_case(
    case_id: uuid.UUID, session: SessionDep, principal: Reviewer, response: Response
) -> CaseDetail:
    """The case with its supplier, latest assessment (factors, indicators, evidence), audits,
    comments and history. The ETag is the case version."""
    case = views.get_case(session, principal.organisation_id, case_id)
    response.headers["ETag"] = f'"{case.version}"'
    return views.case_detail(session, case)


@router.get("/{case_id}/events", responses={404: {"description": "No such case"}})
def case_events(case_id: uuid.UUID, session: SessionDep, principal: Reviewer) -> EventList:
    """Every change to the case from the organisation's hash-chained event log, in order."""
    case = views.get_case(session, principal.organisation_id, case_id)
    return EventList(items=views.case_history(session, case))


@router.post("/{case_id}/assign", responses=_CHANGE_RESPONSES)
def assign_case(
    case_id: uuid.UUID,
    body: AssignIn,
    session: SessionDep,
    principal: Reviewer,
    response: Response,
    if_match: IfMatch = None,
) -> CaseOut:
    case = service.assign(session, principal, case_id, body, if_match)
    return _out(session, case, response)


@router.post("/{case_id}/status", responses=_CHANGE_RESPONSES)
def change_case_status(
    case_id: uuid.UUID,
    body: StatusIn,
    session: SessionDep,
    principal: Reviewer,
    response: Response,
    if_match: IfMatch = None,
) -> CaseOut:
    """Start the review (open -> in_review) or escalate it (in_review -> escalated)."""
    case = service.change_status(session, principal, case_id, body, if_match)
    return _out(session, case, response)


@router.post(
    "/{case_id}/comments",
    status_code=status.HTTP_201_CREATED,
    responses={404: {"description": "No such case"}},
)
def add_comment(
    case_id: uuid.UUID, body: CommentIn, session: SessionDep, principal: Reviewer
) -> CommentOut:
    comment = service.add_comment(session, principal, case_id, body)
    return CommentOut(
        id=comment.id, author=comment.author, body=comment.body, created_at=comment.created_at
    )


@router.post(
    "/{case_id}/decision",
    responses={
        **_CHANGE_RESPONSES,
        202: {"description": "A clearance of a critical case, awaiting a second confirmation"},
    },
)
def decide_case(
    case_id: uuid.UUID,
    body: DecisionIn,
    session: SessionDep,
    principal: Reviewer,
    response: Response,
    if_match: IfMatch = None,
) -> CaseOut:
    """Close the case with `cleared`, `remediation_required`, `suspend` or `terminate`.

    `cleared` on a case with a critical reason answers 202: the clearance waits in
    `pending_decision` until an admin, or an auditor other than the proposer, confirms it
    with POST /decision/confirm.
    """
    case, applied = service.decide(session, principal, case_id, body, if_match)
    if not applied:
        response.status_code = status.HTTP_202_ACCEPTED
    return _out(session, case, response)


@router.post("/{case_id}/decision/confirm", responses=_CHANGE_RESPONSES)
def confirm_decision(
    case_id: uuid.UUID,
    body: ConfirmIn,
    session: SessionDep,
    principal: Reviewer,
    response: Response,
    if_match: IfMatch = None,
) -> CaseOut:
    """Confirm a pending clearance (admin, or an auditor other than the proposer: else 403)."""
    case = service.confirm_decision(session, principal, case_id, body, if_match)
    return _out(session, case, response)


@router.post("/{case_id}/decision/reject", responses=_CHANGE_RESPONSES)
def reject_decision(
    case_id: uuid.UUID,
    body: ConfirmIn,
    session: SessionDep,
    principal: Reviewer,
    response: Response,
    if_match: IfMatch = None,
) -> CaseOut:
    """Turn down (or withdraw) a pending clearance; the case stays under review."""
    case = service.reject_decision(session, principal, case_id, body, if_match)
    return _out(session, case, response)


@router.post("/{case_id}/reopen", responses=_CHANGE_RESPONSES)
def reopen_case(
    case_id: uuid.UUID,
    body: ReopenIn,
    session: SessionDep,
    principal: Reviewer,
    response: Response,
    if_match: IfMatch = None,
) -> CaseOut:
    """Reopen a closed case (closed -> in_review); its decision is cleared, kept in history."""
    case = service.reopen(session, principal, case_id, body, if_match)
    return _out(session, case, response)
