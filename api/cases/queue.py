"""The review queue as a reviewer works it: filters, a sort, page numbers, the counts at the
top, and assigning many cases at once.

The API's ``/v1/cases`` list keeps its keyset cursor for machines; a person reading a queue
wants "page 3 of 7" and to sort by score or due date, which a cursor over one fixed order
cannot give. Both read the same rows through ``views.case_out``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final, Literal

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from api.cases import service
from api.cases.schemas import AssignIn, CaseOut
from api.cases.views import case_out, has_reason
from api.deps import Principal
from api.errors import ProblemError
from models import ReviewCase, Supplier
from models.base import utcnow

Sort = Literal["priority", "due", "score", "opened", "supplier"]
SORTS: Final[tuple[Sort, ...]] = ("priority", "due", "score", "opened", "supplier")
PAGE_SIZE: Final = 50
# Closed cases are history; the queue shows the work still to do unless asked otherwise.
OPEN_STATUSES: Final = ("open", "in_review", "escalated")
# "assignee = this" selects the unassigned cases, since a name can never be empty.
UNASSIGNED: Final = "-"


@dataclass(frozen=True)
class QueueFilters:
    status: tuple[str, ...] = OPEN_STATUSES
    priority: tuple[str, ...] = ()
    band: tuple[str, ...] = ()
    country: str | None = None
    sector: str | None = None
    assignee: str | None = None
    mine: bool = False
    overdue: bool = False
    q: str | None = None
    reason: str | None = None  # a flag reason code


@dataclass(frozen=True)
class QueueCounts:
    """What the top of the queue says, over the organisation's cases that are not closed."""

    open_total: int
    by_status: dict[str, int]
    by_priority: dict[str, int]
    overdue: int
    unassigned: int
    mine: int


@dataclass(frozen=True)
class QueuePage:
    items: list[CaseOut]
    total: int  # rows matching the filters
    page: int
    pages: int
    counts: QueueCounts
    scores: dict[uuid.UUID, float | None] = field(default_factory=dict)
    bands: dict[uuid.UUID, str | None] = field(default_factory=dict)


def _filtered(
    query: Select[ReviewCase, Supplier],
    filters: QueueFilters,
    me: str,
    now: datetime,
    dialect: str,
) -> Select[ReviewCase, Supplier]:
    if filters.status:
        query = query.where(ReviewCase.status.in_(filters.status))
    if filters.priority:
        query = query.where(ReviewCase.priority.in_(filters.priority))
    if filters.band:
        query = query.where(Supplier.band.in_(filters.band))
    if filters.country:
        query = query.where(Supplier.country == filters.country.strip().upper())
    if filters.sector:
        query = query.where(Supplier.sector == filters.sector)
    if filters.assignee == UNASSIGNED:
        query = query.where(ReviewCase.assignee.is_(None))
    elif filters.assignee:
        query = query.where(ReviewCase.assignee == filters.assignee)
    if filters.mine:
        query = query.where(ReviewCase.assignee == me)
    if filters.overdue:
        query = query.where(ReviewCase.status != "closed", ReviewCase.due_at < now)
    if filters.reason:
        query = query.where(has_reason(dialect, filters.reason))
    if filters.q and filters.q.strip():
        pattern = f"%{filters.q.strip().casefold()}%"
        query = query.where(
            or_(
                func.lower(Supplier.name).like(pattern),
                func.lower(func.coalesce(Supplier.external_ref, "")).like(pattern),
            )
        )
    return query


def _order(sort: Sort) -> list[ColumnElement[Any]]:
    """Each sort ends on the queue's own order, so ties always come out the same way."""
    urgent: list[ColumnElement[Any]] = [
        ReviewCase.priority_rank.asc(),
        ReviewCase.opened_at.asc(),
        ReviewCase.id.asc(),
    ]
    first: dict[Sort, list[ColumnElement[Any]]] = {
        "priority": [],
        "due": [ReviewCase.due_at.asc()],
        # Unscored suppliers last: a missing score is not a low one.
        "score": [Supplier.score.is_(None).asc(), Supplier.score.desc()],
        "opened": [ReviewCase.opened_at.desc()],
        "supplier": [func.lower(Supplier.name).asc()],
    }
    return [*first[sort], *urgent]


def queue_counts(session: Session, organisation_id: uuid.UUID, me: str) -> QueueCounts:
    now = utcnow()
    live = (ReviewCase.organisation_id == organisation_id, ReviewCase.status != "closed")
    by_status = dict(
        session.execute(
            select(ReviewCase.status, func.count()).where(*live).group_by(ReviewCase.status)
        ).all()
    )
    by_priority = dict(
        session.execute(
            select(ReviewCase.priority, func.count()).where(*live).group_by(ReviewCase.priority)
        ).all()
    )

    def count(*where: ColumnElement[bool]) -> int:
        return (
            session.scalar(select(func.count()).select_from(ReviewCase).where(*live, *where)) or 0
        )

    return QueueCounts(
        open_total=sum(by_status.values()),
        by_status={s: by_status.get(s, 0) for s in OPEN_STATUSES},
        by_priority={p: by_priority.get(p, 0) for p in ("critical", "high", "medium", "low")},
        overdue=count(ReviewCase.due_at < now),
        unassigned=count(ReviewCase.assignee.is_(None)),
        mine=count(ReviewCase.assignee == me),
    )


def review_queue(
    session: Session,
    organisation_id: uuid.UUID,
    filters: QueueFilters,
    *,
    me: str,
    sort: Sort = "priority",
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> QueuePage:
    """One page of the organisation's cases matching ``filters``; ``me`` is the signed-in
    reviewer's assignee name, for "my cases"."""
    now = utcnow()
    base = (
        select(ReviewCase, Supplier)
        .join(Supplier, Supplier.id == ReviewCase.supplier_id)
        .where(ReviewCase.organisation_id == organisation_id)
    )
    query = _filtered(base, filters, me, now, session.get_bind().dialect.name)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(1, -(-total // page_size))
    page = min(max(1, page), pages)
    rows = session.execute(
        query.order_by(*_order(sort)).offset((page - 1) * page_size).limit(page_size)
    ).all()
    return QueuePage(
        items=[case_out(case, supplier) for case, supplier in rows],
        total=total,
        page=page,
        pages=pages,
        counts=queue_counts(session, organisation_id, me),
        scores={case.id: supplier.score for case, supplier in rows},
        bands={case.id: supplier.band for case, supplier in rows},
    )


@dataclass(frozen=True)
class BatchResult:
    assigned: list[uuid.UUID]
    unchanged: list[uuid.UUID]
    refused: dict[uuid.UUID, str]  # case id -> why, in the service's words


def assign_many(
    session: Session,
    principal: Principal,
    case_ids: Sequence[uuid.UUID],
    assignee: str | None,
) -> BatchResult:
    """Assign each case through ``service.assign`` (its own version check, event and commit),
    so a batch is exactly the single assignments it stands for. A case that cannot be
    assigned (closed, another organisation's, changed meanwhile) is refused on its own; the
    others still go through."""
    assigned: list[uuid.UUID] = []
    unchanged: list[uuid.UUID] = []
    refused: dict[uuid.UUID, str] = {}
    for case_id in dict.fromkeys(case_ids):
        case = session.get(ReviewCase, case_id)
        version = case.version if case is not None else 1
        before = case.assignee if case is not None else None
        try:
            changed = service.assign(
                session, principal, case_id, AssignIn(assignee=assignee, version=version), None
            )
        except ProblemError as exc:
            session.rollback()
            refused[case_id] = str(exc)
            continue
        (unchanged if changed.assignee == before else assigned).append(case_id)
    return BatchResult(assigned, unchanged, refused)


def filter_choices(session: Session, organisation_id: uuid.UUID) -> tuple[list[str], list[str]]:
    """The countries and sectors the organisation's cases are in, for the filter menus."""
    rows = session.execute(
        select(Supplier.country, Supplier.sector)
        .join(ReviewCase, ReviewCase.supplier_id == Supplier.id)
        .where(ReviewCase.organisation_id == organisation_id)
        .distinct()
    ).all()
    countries = sorted({country for country, _ in rows})
    sectors = sorted({sector for _, sector in rows if sector})
    return countries, sectors
