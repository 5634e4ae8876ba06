"""Worker-level evidence rows: bulk inserts, counts per table, and paged read-back.

An audit of 5,000 workers over 90 days carries 450,000 timesheet rows. Building one ORM object
per row costs seconds and hundreds of megabytes; Core ``insert()`` with a list of parameter
dicts (executemany, batched by the driver) costs a fraction of that, so every evidence table
is written that way, in slices that bound the memory of one statement.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from typing import Any, Final, Literal

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from api.audits.schemas import EvidenceIn
from ingest.audit_values import account_hash
from models import DocumentRow, InterviewRow, PayrollRow, RecruitmentRow, TimesheetRow
from models.base import Base

EvidenceKind = Literal["timesheets", "payroll", "interviews", "recruitment", "documents"]

EVIDENCE_MODELS: Final[Mapping[str, type[Base]]] = {
    "timesheets": TimesheetRow,
    "payroll": PayrollRow,
    "interviews": InterviewRow,
    "recruitment": RecruitmentRow,
    "documents": DocumentRow,
}
EVIDENCE_KINDS: Final = tuple(EVIDENCE_MODELS)

# Rows per executemany statement: large enough that the per-statement cost vanishes, small
# enough that one slice of parameter dicts stays a few megabytes.
INSERT_SLICE: Final = 10_000


def table_of(kind: str) -> Table:
    table = EVIDENCE_MODELS[kind].__table__
    assert isinstance(table, Table)
    return table


def insert_rows(session: Session, kind: str, rows: Iterable[dict[str, Any]]) -> int:
    """Insert evidence rows (dicts of column values, ``audit_id`` included); the count written."""
    table = table_of(kind)
    written = 0
    iterator = iter(rows)
    while batch := list(islice(iterator, INSERT_SLICE)):
        session.execute(insert(table), batch)
        written += len(batch)
    return written


def evidence_rows(
    audit_id: uuid.UUID | None, evidence: EvidenceIn, *, account_salt: str
) -> dict[str, Iterator[dict[str, Any]]]:
    """Each table's rows of a posted payload as they are stored, as lazily built parameter
    dicts: account numbers hashed with the organisation as salt (``account_hash``, as the CSV
    path does: a number is never stored in clear), currencies upper case, deductions summed
    by kind."""
    return {
        "timesheets": (
            {"audit_id": audit_id, "worker_ref": t.worker_ref, "day": t.day, "hours": t.hours}
            for t in evidence.timesheets
        ),
        "payroll": (
            {
                "audit_id": audit_id,
                "worker_ref": p.worker_ref,
                "period_start": p.period_start,
                "period_end": p.period_end,
                "gross": p.gross,
                "net": p.net,
                "deductions": deductions_json((d.kind, d.amount) for d in p.deductions),
                "hours_paid": p.hours_paid,
                "declared_wage": p.declared_wage,
                "paid_on": p.paid_on,
                "due_on": p.due_on,
                "paid_to_account": account_hash(p.paid_to_account, account_salt)
                if p.paid_to_account
                else None,
            }
            for p in evidence.payroll
        ),
        "interviews": (
            {
                "audit_id": audit_id,
                "worker_ref": i.worker_ref,
                "reported_weekly_hours": i.reported_weekly_hours,
                "reported_rest_days_per_week": i.reported_rest_days_per_week,
                "answers": list(i.answers),
                "language": i.language,
                "worker_language": i.worker_language,
            }
            for i in evidence.interviews
        ),
        "recruitment": (
            {
                "audit_id": audit_id,
                "worker_ref": r.worker_ref,
                "fee_paid": r.fee_paid,
                "currency": r.currency.upper() if r.currency else None,
                "monthly_wage": r.monthly_wage,
                "outstanding_debt": r.outstanding_debt,
                "agency": r.agency,
            }
            for r in evidence.recruitment
        ),
        "documents": (
            {"audit_id": audit_id, "worker_ref": d.worker_ref, "holder": d.holder}
            for d in evidence.documents
        ),
    }


def deductions_json(items: Iterable[tuple[str, float]]) -> dict[str, float]:
    """Deductions by kind; two lines of one kind (two "loan" lines) add up rather than one
    silently replacing the other."""
    out: dict[str, float] = {}
    for kind, amount in items:
        key = kind.strip().casefold()
        out[key] = round(out.get(key, 0.0) + amount, 2)
    return out


def evidence_counts(
    session: Session, audit_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, dict[str, int]]:
    """Rows per evidence table for each audit (zeros included), one query per table."""
    ids = list(audit_ids)
    counts: dict[uuid.UUID, dict[str, int]] = {a: dict.fromkeys(EVIDENCE_KINDS, 0) for a in ids}
    if not ids:
        return counts
    for kind in EVIDENCE_KINDS:
        table = table_of(kind)
        query = (
            select(table.c.audit_id, func.count())
            .where(table.c.audit_id.in_(ids))
            .group_by(table.c.audit_id)
        )
        for audit_id, count in session.execute(query):
            counts[audit_id][kind] = int(count)
    return counts


def evidence_page(
    session: Session, audit_id: uuid.UUID, kind: str, *, after: int, limit: int
) -> list[dict[str, Any]]:
    """Up to ``limit`` rows of one table with ids above ``after`` (keyset paging), as dicts."""
    table = table_of(kind)
    query = (
        select(table)
        .where(table.c.audit_id == audit_id, table.c.id > after)
        .order_by(table.c.id)
        .limit(limit)
    )
    return [dict(row._mapping) for row in session.execute(query)]
