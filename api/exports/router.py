"""Exports: ``/v1/exports/flagged`` (compliance, auditor) and ``/v1/cases/{id}/export`` (case
reviewers). Spreadsheet cells that could run as formulas are escaped (api.exports.cells)."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse

from api.auth.roles import Scope
from api.cases.views import get_case
from api.deps import Principal, SessionDep, require
from api.exports import case_file, flagged
from models.base import utcnow

router = APIRouter(prefix="/v1", tags=["exports"])
Exporter = Annotated[Principal, Depends(require(Scope.exports))]
Reviewer = Annotated[Principal, Depends(require(Scope.cases))]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(name: str, disposition: str = "attachment") -> dict[str, str]:
    return {"Content-Disposition": f'{disposition}; filename="{name}"'}


@router.get(
    "/exports/flagged",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}, XLSX: {}}}},
)
def export_flagged(
    session: SessionDep,
    principal: Exporter,
    format: Annotated[Literal["csv", "xlsx"], Query()] = "csv",
) -> Response:
    """Active flagged suppliers, highest score first: score, band, reasons, case status and
    decision. Text cells starting with = + - @ tab or CR are prefixed with an apostrophe."""
    rows = flagged.flagged_rows(session, principal.organisation_id)
    stem = f"flagged-suppliers-{utcnow():%Y%m%d}"
    if format == "xlsx":
        return Response(
            flagged.xlsx_bytes(rows), media_type=XLSX, headers=_attachment(f"{stem}.xlsx")
        )
    return StreamingResponse(
        flagged.csv_chunks(rows),
        media_type="text/csv; charset=utf-8",
        headers=_attachment(f"{stem}.csv"),
    )


@router.get(
    "/cases/{case_id}/export",
    response_class=Response,
    responses={
        200: {"content": {"application/json": {}, "text/html": {}}},
        404: {"description": "No such case"},
    },
    tags=["cases"],
)
def export_case(
    case_id: uuid.UUID,
    session: SessionDep,
    principal: Reviewer,
    format: Annotated[Literal["json", "html"], Query()] = "json",
) -> Response:
    """The case file: supplier, latest assessment with factors and evidence, audits with their
    findings, comments and the case's history. HTML is a printable page, every value escaped."""
    case = get_case(session, principal.organisation_id, case_id)
    document = case_file.case_file(session, case, generated_by=principal.actor.ref)
    name = f"case-{case.id}"
    if format == "html":
        return HTMLResponse(
            case_file.case_file_html(document),
            headers={
                **_attachment(f"{name}.html", "inline"),
                "Content-Security-Policy": case_file.CONTENT_SECURITY_POLICY,
                "X-Content-Type-Options": "nosniff",
            },
        )
    return JSONResponse(document, headers=_attachment(f"{name}.json"))
