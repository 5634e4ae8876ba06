"""The registry as pages: the dashboard, the supplier list and a supplier's page, and the
duplicate pairs a person confirms or rejects."""

from __future__ import annotations

import uuid
from typing import Annotated, Final

from fastapi import APIRouter, Depends, Query, Request, Response

from api.assessments.service import get_supplier
from api.auth.roles import Scope
from api.cases.page import reason_label
from api.dashboard.service import dashboard
from api.deps import SessionDep
from api.errors import ProblemError
from api.events.actor import actor_names
from api.reference_data.deps import RiskDataDep
from api.suppliers import duplicates
from api.suppliers.listing import SupplierFilters, list_suppliers
from api.suppliers.page import supplier_page
from api.web import charts, formatting  # noqa: F401  # registers the template filters
from api.web.deps import CurrentPerson, SignedIn, require_scope
from api.web.pages import see_other
from api.web.templating import render
from models import Organisation

router = APIRouter()
Reader = Annotated[SignedIn, Depends(require_scope(Scope.suppliers_read))]
Merger = Annotated[SignedIn, Depends(require_scope(Scope.suppliers_write))]

PAGE: Final = 50
_DUPLICATE_DONE: Final = {
    "merged": "Merged: the duplicate now points to the supplier that stays.",
    "rejected": "Marked as two different suppliers; the pair will not be proposed again.",
}


@router.get("/")
def dashboard_page(
    request: Request, session: SessionDep, data: RiskDataDep, me: CurrentPerson
) -> Response:
    board = dashboard(session, me.organisation_id)
    band_bars = [charts.Bar(b, n, css=f"band-{b}") for b, n in board.by_band]
    if board.unscored:
        band_bars.append(charts.Bar("not scored", board.unscored))
    return render(
        request,
        "dashboard.html",
        {
            "title": "Dashboard",
            "board": board,
            "by_band": charts.bar_chart(band_bars, title="Active suppliers by risk band"),
            "by_country": charts.bar_chart(
                [
                    charts.Bar(f"{data.countries[c].name} ({c})" if c in data.countries else c, n)
                    for c, n in board.by_country
                ],
                title="Active suppliers by country",
            ),
            "by_age": charts.bar_chart(
                [charts.Bar(a, n) for a, n in board.cases_by_age], title="Open cases by age"
            ),
            "by_reason": charts.bar_chart(
                [
                    charts.Bar(
                        reason_label(data, code),
                        n,
                        href=f"/app/cases?reason={code}" if me.can(Scope.cases) else None,
                    )
                    for code, n in board.flags_by_reason
                ],
                title="Open cases by flag reason",
            ),
            "can_cases": me.can(Scope.cases),
        },
        me=me,
    )


@router.get("/suppliers")
def supplier_list(
    request: Request,
    session: SessionDep,
    data: RiskDataDep,
    me: Reader,
    q: str = "",
    band: str = "",
    flagged: str = "",
    cursor: str | None = None,
) -> Response:
    filters = SupplierFilters(
        q=q or None,
        band=band if band in ("critical", "high", "medium", "low") else None,
        flagged={"yes": True, "no": False}.get(flagged),
    )
    try:
        items, next_cursor = list_suppliers(
            session, me.organisation_id, filters, data, limit=PAGE, cursor=cursor
        )
    except ProblemError as exc:
        if exc.problem.status == 404:
            raise
        items, next_cursor = [], None
    return render(
        request,
        "suppliers/list.html",
        {
            "title": "Suppliers",
            "items": items,
            "next_cursor": next_cursor,
            "q": q,
            "band": band,
            "flagged": flagged,
        },
        me=me,
    )


@router.get("/suppliers/{supplier_id}")
def supplier_detail(
    request: Request,
    supplier_id: uuid.UUID,
    session: SessionDep,
    data: RiskDataDep,
    me: Reader,
) -> Response:
    supplier = get_supplier(session, me.organisation_id, supplier_id)
    country = data.countries.get(supplier.country)
    page = supplier_page(session, supplier)
    organisation = session.get_one(Organisation, me.organisation_id)
    plot = charts.score_line(
        [charts.Point(a.created_at, a.score, a.band) for a in page.assessments],
        title=f"Score of {supplier.name} over time",
        threshold=organisation.score_threshold,
    )
    return render(
        request,
        "suppliers/detail.html",
        {
            "title": supplier.name,
            "page": page,
            "plot": plot,
            "actors": actor_names(session, [c.decided_by for c in page.decisions if c.decided_by]),
            "can_cases": me.can(Scope.cases),
            "country_name": country.name if country else supplier.country,
        },
        me=me,
    )


@router.get("/duplicates")
def duplicate_pairs(
    request: Request,
    session: SessionDep,
    me: Merger,
    status: Annotated[str, Query(pattern="^(proposed|merged|rejected|reverted)$")] = "proposed",
    cursor: str | None = None,
    done: str = "",
) -> Response:
    pairs, next_cursor = duplicates.list_duplicates(
        session, me.organisation_id, status, None, limit=PAGE, cursor=cursor
    )
    return render(
        request,
        "duplicates.html",
        {
            "title": "Duplicates",
            "pairs": pairs,
            "suppliers": duplicates.pair_suppliers(session, pairs),
            "status": status,
            "next_cursor": next_cursor,
            "flash": _DUPLICATE_DONE.get(done),
        },
        me=me,
    )


@router.post("/duplicates/{pair_id}/confirm")
def confirm_pair(request: Request, pair_id: uuid.UUID, session: SessionDep, me: Merger) -> Response:
    duplicates.confirm_duplicate(session, me.organisation_id, pair_id, me.actor.ref)
    return see_other(request, "/app/duplicates?done=merged")


@router.post("/duplicates/{pair_id}/reject")
def reject_pair(request: Request, pair_id: uuid.UUID, session: SessionDep, me: Merger) -> Response:
    duplicates.reject_duplicate(session, me.organisation_id, pair_id, me.actor.ref)
    return see_other(request, "/app/duplicates?done=rejected")
