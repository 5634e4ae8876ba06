"""The review queue and the case page, for people with the cases scope (auditors, admins).

Every change goes through ``api.cases.service`` (the same checks, events and commits as the
API), as the signed-in person. A change the workflow refuses (a stale version, a second
confirmation by the proposer) re-renders the case with the reason and the service's status.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Final, Literal

from fastapi import APIRouter, Depends, Form, Query, Request, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from api.audits.records import audit_of_supplier, records_behind
from api.auth.roles import ROLE_SCOPES, Scope
from api.cases import queue, service
from api.cases.page import audit_ids_by_ref, case_page, drill_refs, reason_label, words
from api.cases.schemas import AssignIn, CommentIn, ConfirmIn, DecisionIn, ReopenIn, StatusIn
from api.cases.views import get_case
from api.cases.workflow import DECISIONS
from api.deps import SessionDep
from api.errors import ProblemError
from api.events.actor import actor_names
from api.reference_data.deps import RiskDataDep
from api.users.service import members
from api.web import charts, formatting  # noqa: F401  # registers the template filters
from api.web.deps import SignedIn, require_scope
from api.web.pages import see_other
from api.web.templating import render
from risk_data.types import RiskData

router = APIRouter()
Reviewer = Annotated[SignedIn, Depends(require_scope(Scope.cases))]

DONE: Final = {
    "comment": "Comment added.",
    "assigned": "Assignee changed.",
    "status": "Status changed.",
    "decided": "Decision recorded; the case is closed.",
    "proposed": "Clearance proposed. A second person must confirm it before it takes effect.",
    "confirmed": "Clearance confirmed; the case is closed.",
    "rejected": "The proposed clearance was turned down; the case stays under review.",
    "reopened": "Case reopened.",
}
PRIORITIES: Final = ("critical", "high", "medium", "low")
BANDS: Final = ("critical", "high", "medium", "low")
STATUSES: Final = ("open", "in_review", "escalated", "closed")


def assignees(session: Session, organisation_id: uuid.UUID) -> dict[str, str]:
    """Who may be given a case (people who can work cases), email -> name, by name."""
    return {
        m.user.email: m.user.name
        for m in members(session, organisation_id)
        if m.user.active and Scope.cases in ROLE_SCOPES[m.role]
    }


def _country_names(data: RiskData, codes: list[str | None]) -> dict[str, str]:
    """Each ISO code as people read it ("Malaysia"); an unknown code stays as it is."""
    names: dict[str, str] = {}
    for code in filter(None, codes):
        country = data.countries.get(code)
        names[code] = country.name if country else code
    return names


@router.get("/cases")
def review_queue(
    request: Request,
    session: SessionDep,
    data: RiskDataDep,
    me: Reviewer,
    status: Annotated[list[str] | None, Query()] = None,
    priority: Annotated[list[str] | None, Query()] = None,
    band: Annotated[list[str] | None, Query()] = None,
    country: str = "",
    sector: str = "",
    assignee: str = "",
    mine: bool = False,
    overdue: bool = False,
    q: str = "",
    reason: str = "",
    sort: queue.Sort = "priority",
    page: Annotated[int, Query(ge=1)] = 1,
    done: str = "",
) -> Response:
    filters = queue.QueueFilters(
        status=tuple(s for s in status or () if s in STATUSES) or queue.OPEN_STATUSES,
        priority=tuple(p for p in priority or () if p in PRIORITIES),
        band=tuple(b for b in band or () if b in BANDS),
        country=country or None,
        sector=sector or None,
        assignee=assignee or None,
        mine=mine,
        overdue=overdue,
        q=q or None,
        reason=reason or None,
    )
    result = queue.review_queue(
        session, me.organisation_id, filters, me=me.email, sort=sort, page=page
    )
    countries, sectors = queue.filter_choices(session, me.organisation_id)
    query = request.url.query
    return render(
        request,
        "cases/queue.html",
        {
            "title": "Review queue",
            "result": result,
            "filters": filters,
            "sort": sort,
            "sorts": queue.SORTS,
            "countries": countries,
            "country_names": _country_names(data, [*countries, *(c.country for c in result.items)]),
            "sectors": sectors,
            "people": assignees(session, me.organisation_id),
            "unassigned": queue.UNASSIGNED,
            "statuses": STATUSES,
            "priorities": PRIORITIES,
            "bands": BANDS,
            "page_query": "&".join(p for p in query.split("&") if p and not p.startswith("page=")),
            "flash": _batch_flash(done),
            "reason_labels": {
                r.code: reason_label(data, r.code) for c in result.items for r in c.reasons
            },
        },
        me=me,
    )


def _batch_flash(done: str) -> str | None:
    if not done.startswith("batch:"):
        return None
    assigned, _, refused = done.removeprefix("batch:").partition(":")
    if not assigned.isdigit() or not (refused or "0").isdigit():
        return None
    text = f"{assigned} case(s) assigned."
    if refused and refused != "0":
        text += f" {refused} could not be (closed, or changed meanwhile)."
    return text


@router.post("/cases/assign")
def assign_selected(
    request: Request,
    session: SessionDep,
    me: Reviewer,
    case_id: Annotated[list[uuid.UUID] | None, Form()] = None,
    assignee: Annotated[str, Form()] = "",
    back: Annotated[str, Form()] = "",
) -> Response:
    people = assignees(session, me.organisation_id)
    if assignee and assignee != queue.UNASSIGNED and assignee not in people:
        raise ProblemError("validation-error", "Choose someone of this organisation.")
    who = None if assignee in ("", queue.UNASSIGNED) else assignee
    result = queue.assign_many(session, me.principal, case_id or [], who)
    query = back if back.startswith("?") else ""
    separator = "&" if query else "?"
    return see_other(
        request,
        f"/app/cases{query}{separator}done=batch:{len(result.assigned)}:{len(result.refused)}",
    )


def _case_view(
    request: Request,
    session: Session,
    data: RiskData,
    me: SignedIn,
    case_id: uuid.UUID,
    *,
    error: str | None = None,
    status_code: int = 200,
    done: str = "",
) -> Response:
    case = get_case(session, me.organisation_id, case_id)
    page = case_page(session, data, case)
    assessment = page.assessment
    waterfall = (
        charts.score_waterfall(
            [charts.Step(f.label, f.points, f.kind) for f in page.factors],
            assessment.score,
            title=f"How the score of {assessment.score:.1f} is made",
        )
        if assessment
        else ""
    )
    pending = page.case.pending_decision
    return render(
        request,
        "cases/case.html",
        {
            "title": f"Case: {page.case.supplier_name}",
            "page": page,
            "waterfall": waterfall,
            "people": assignees(session, me.organisation_id),
            "country_names": _country_names(data, [page.supplier.country]),
            "actors": actor_names(
                session, [c.author for c in page.comments] + [e.actor for e in page.timeline]
            ),
            "decisions": DECISIONS,
            "error": error,
            "flash": DONE.get(done),
            "proposed_by_me": bool(pending and pending.proposed_by == me.actor.ref),
            "today": date.today().isoformat(),
        },
        me=me,
        status_code=status_code,
    )


@router.get("/cases/{case_id}")
def case_detail(
    request: Request,
    case_id: uuid.UUID,
    session: SessionDep,
    data: RiskDataDep,
    me: Reviewer,
    done: str = "",
) -> Response:
    return _case_view(request, session, data, me, case_id, done=done)


def _change(
    request: Request,
    session: Session,
    data: RiskData,
    me: SignedIn,
    case_id: uuid.UUID,
    change: Callable[[], Any],
    done: str | Callable[[Any], str],
) -> Response:
    """Run a case service call; on success back to the case (PRG), on refusal the case again
    with why, answered with the service's status (409 stale, 403 four-eyes, 422 invalid)."""
    try:
        outcome = change()
    except ValidationError as exc:
        message = "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in exc.errors())
        return _case_view(
            request, session, data, me, case_id, error=f"Not saved: {message}.", status_code=422
        )
    except ProblemError as exc:
        session.rollback()
        if exc.problem.status == 404:
            raise
        return _case_view(
            request, session, data, me, case_id, error=str(exc), status_code=exc.problem.status
        )
    key = done(outcome) if callable(done) else done
    return see_other(request, f"/app/cases/{case_id}?done={key}")


@router.post("/cases/{case_id}/comment")
def comment(
    request: Request,
    case_id: uuid.UUID,
    session: SessionDep,
    data: RiskDataDep,
    me: Reviewer,
    body: Annotated[str, Form()] = "",
) -> Response:
    return _change(
        request,
        session,
        data,
        me,
        case_id,
        lambda: service.add_comment(session, me.principal, case_id, CommentIn(body=body)),
        "comment",
    )


@router.post("/cases/{case_id}/assign")
def assign(
    request: Request,
    case_id: uuid.UUID,
    session: SessionDep,
    data: RiskDataDep,
    me: Reviewer,
    version: Annotated[int, Form()],
    assignee: Annotated[str, Form()] = "",
) -> Response:
    if assignee and assignee not in assignees(session, me.organisation_id):
        return _case_view(
            request,
            session,
            data,
            me,
            case_id,
            error="Choose someone of this organisation who can review cases.",
            status_code=422,
        )
    body = AssignIn(assignee=assignee or None, version=version)
    return _change(
        request,
        session,
        data,
        me,
        case_id,
        lambda: service.assign(session, me.principal, case_id, body, None),
        "assigned",
    )


@router.post("/cases/{case_id}/status")
def change_status(
    request: Request,
    case_id: uuid.UUID,
    session: SessionDep,
    data: RiskDataDep,
    me: Reviewer,
    version: Annotated[int, Form()],
    status: Annotated[str, Form()],
    note: Annotated[str, Form()] = "",
) -> Response:
    return _change(
        request,
        session,
        data,
        me,
        case_id,
        lambda: service.change_status(
            session,
            me.principal,
            case_id,
            StatusIn.model_validate({"status": status, "note": note or None, "version": version}),
            None,
        ),
        "status",
    )


@router.post("/cases/{case_id}/decision")
def decide(
    request: Request,
    case_id: uuid.UUID,
    session: SessionDep,
    data: RiskDataDep,
    me: Reviewer,
    version: Annotated[int, Form()],
    decision: Annotated[str, Form()],
    rationale: Annotated[str, Form()] = "",
    valid_until: Annotated[str, Form()] = "",
) -> Response:
    return _change(
        request,
        session,
        data,
        me,
        case_id,
        lambda: service.decide(
            session,
            me.principal,
            case_id,
            DecisionIn.model_validate(
                {
                    "decision": decision,
                    "rationale": rationale,
                    "valid_until": valid_until or None,
                    "version": version,
                }
            ),
            None,
        ),
        lambda outcome: "decided" if outcome[1] else "proposed",
    )


_SECOND_LOOK: Final = {
    "confirm": (service.confirm_decision, "confirmed"),
    "reject": (service.reject_decision, "rejected"),
}


@router.post("/cases/{case_id}/decision/{verdict}")
def second_look(
    request: Request,
    case_id: uuid.UUID,
    verdict: Literal["confirm", "reject"],
    session: SessionDep,
    data: RiskDataDep,
    me: Reviewer,
    version: Annotated[int, Form()],
    note: Annotated[str, Form()] = "",
) -> Response:
    """Confirm, or turn down (withdraw, by its proposer), a clearance awaiting a second person;
    the service refuses the proposer's own confirmation (403)."""
    change, done = _SECOND_LOOK[verdict]
    body = ConfirmIn(note=note or None, version=version)
    return _change(
        request,
        session,
        data,
        me,
        case_id,
        lambda: change(session, me.principal, case_id, body, None),
        done,
    )


@router.post("/cases/{case_id}/reopen")
def reopen(
    request: Request,
    case_id: uuid.UUID,
    session: SessionDep,
    data: RiskDataDep,
    me: Reviewer,
    version: Annotated[int, Form()],
    reason: Annotated[str, Form()] = "",
) -> Response:
    return _change(
        request,
        session,
        data,
        me,
        case_id,
        lambda: service.reopen(
            session,
            me.principal,
            case_id,
            ReopenIn.model_validate({"reason": reason, "version": version}),
            None,
        ),
        "reopened",
    )


@router.get("/cases/{case_id}/evidence")
def evidence(
    request: Request,
    case_id: uuid.UUID,
    session: SessionDep,
    data: RiskDataDep,
    me: Reviewer,
    audit_ref: str,
    pattern: str | None = None,
    indicator: str | None = None,
) -> Response:
    """The worker records behind one pattern or indicator of one audit: a fragment for htmx,
    a page of its own otherwise (a link that works without script)."""
    case = get_case(session, me.organisation_id, case_id)
    page = case_page(session, data, case)
    refs = drill_refs(page, audit_ref, pattern=pattern, indicator=indicator)
    reliability = next((r for r in page.reliability if r.audit_ref == audit_ref), None)
    audit_id = reliability.audit_id if reliability else None
    if audit_id is None:
        audit_id = audit_ids_by_ref(session, case.supplier_id).get(audit_ref)
    audit = audit_of_supplier(session, case.supplier_id, audit_id) if audit_id else None
    if audit is None:
        raise ProblemError("not-found", f"No audit {audit_ref} of this supplier.")
    records = records_behind(session, audit, refs)
    fragment = request.headers.get("HX-Request") == "true"
    return render(
        request,
        "cases/evidence_fragment.html" if fragment else "cases/evidence.html",
        {
            "title": f"Records behind {pattern or indicator} ({audit_ref})",
            "page": page,
            "audit": audit,
            "what": words(pattern or indicator or ""),
            "records": records,
            "refs": refs,
        },
        me=me,
    )
