"""Flagged suppliers with their score, band, reasons and review status, as CSV or XLSX rows."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Final

from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.exports.cells import Cell, csv_cell, safe_cell
from models import Assessment, ReviewCase, Supplier

BATCH: Final = 500
COLUMNS: Final = (
    "supplier_id",
    "external_ref",
    "name",
    "country",
    "sector",
    "score",
    "score_low",
    "score_high",
    "band",
    "reasons",
    "reason_details",
    "assessed_at",
    "risk_data_version",
    "methodology_version",
    "case_id",
    "case_status",
    "case_priority",
    "case_assignee",
    "case_due_at",
    "case_decision",
)


def _latest_assessments(
    session: Session, supplier_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, Assessment]:
    latest: dict[uuid.UUID, Assessment] = {}
    rows = session.scalars(
        select(Assessment)
        .where(Assessment.supplier_id.in_(supplier_ids))
        .order_by(Assessment.supplier_id, Assessment.created_at.desc(), Assessment.id.desc())
    )
    for assessment in rows:
        latest.setdefault(assessment.supplier_id, assessment)
    return latest


def _current_cases(
    session: Session, supplier_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, ReviewCase]:
    """The case under review, or else the latest closed one (its decision)."""
    current: dict[uuid.UUID, ReviewCase] = {}
    rows = session.scalars(
        select(ReviewCase)
        .where(ReviewCase.supplier_id.in_(supplier_ids))
        .order_by(ReviewCase.supplier_id, ReviewCase.opened_at.desc(), ReviewCase.id)
    )
    for case in rows:
        held = current.get(case.supplier_id)
        if held is None or (held.status == "closed" and case.status != "closed"):
            current[case.supplier_id] = case
    return current


def flagged_rows(session: Session, organisation_id: uuid.UUID) -> Iterator[tuple[Cell, ...]]:
    """Active flagged suppliers, highest score first, read in batches."""
    after: tuple[float, str, uuid.UUID] | None = None
    while True:
        query = select(Supplier).where(
            Supplier.organisation_id == organisation_id,
            Supplier.flagged.is_(True),
            Supplier.status == "active",
        )
        if after is not None:
            score, name, supplier_id = after
            query = query.where(
                (Supplier.score < score)
                | ((Supplier.score == score) & (Supplier.name > name))
                | (
                    (Supplier.score == score)
                    & (Supplier.name == name)
                    & (Supplier.id > supplier_id)
                )
            )
        suppliers = list(
            session.scalars(
                query.order_by(Supplier.score.desc(), Supplier.name, Supplier.id).limit(BATCH)
            )
        )
        if not suppliers:
            return
        ids = [s.id for s in suppliers]
        assessments, cases = _latest_assessments(session, ids), _current_cases(session, ids)
        for supplier in suppliers:
            assessment, case = assessments.get(supplier.id), cases.get(supplier.id)
            reasons = assessment.flag_reasons if assessment else []
            yield (
                str(supplier.id),
                supplier.external_ref,
                supplier.name,
                supplier.country,
                supplier.sector,
                supplier.score,
                assessment.score_low if assessment else None,
                assessment.score_high if assessment else None,
                supplier.band,
                "; ".join(str(r.get("code", "")) for r in reasons),
                " | ".join(str(r.get("summary", "")) for r in reasons),
                supplier.assessed_at,
                assessment.risk_data_version if assessment else None,
                assessment.methodology_version if assessment else None,
                str(case.id) if case else None,
                case.status if case else None,
                case.priority if case else None,
                case.assignee if case else None,
                case.due_at if case else None,
                case.decision if case else None,
            )
        last = suppliers[-1]
        after = (last.score or 0.0, last.name, last.id)


def csv_chunks(rows: Iterator[tuple[Cell, ...]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for count, row in enumerate(rows, 1):
        writer.writerow([csv_cell(v) for v in row])
        if count % BATCH == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _xlsx_value(value: Cell) -> Cell:
    # Excel has no time zones: timestamps are written as naive UTC.
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return safe_cell(value)


def xlsx_bytes(rows: Iterator[tuple[Cell, ...]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Flagged suppliers")
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append([_xlsx_value(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
