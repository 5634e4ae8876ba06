"""The worker-level records behind an evidence reference, for a reviewer to check a pattern
or an indicator against the timesheets, payroll rows and interviews that raised it.

The engine names evidence compactly (``screening.deception._common`` and
``screening.worker_evidence``): ``timesheet:W-7:2026-09-21`` (a day),
``timesheet:W-7:2026-W39`` (an ISO week), ``timesheet:W-7:29-days-without-rest`` (a run),
``payroll:W-7:2026-09-01`` (a pay period), ``interview:W-7``, ``documents:W-7``,
``recruitment:W-7`` and ``finding:<audit>:<n>``. Each resolves here to rows of one audit.
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Final, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import (
    Audit,
    DocumentRow,
    Finding,
    InterviewRow,
    PayrollRow,
    RecruitmentRow,
    TimesheetRow,
)

# A reviewer reads records, not a data dump: past this many rows of a kind, say how many more.
MAX_ROWS: Final = 400
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_Row = TypeVar("_Row")


@dataclass
class EvidenceRecords:
    timesheets: list[TimesheetRow] = field(default_factory=list)
    payroll: list[PayrollRow] = field(default_factory=list)
    interviews: list[InterviewRow] = field(default_factory=list)
    recruitment: list[RecruitmentRow] = field(default_factory=list)
    documents: list[DocumentRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    truncated: dict[str, int] = field(default_factory=dict)  # kind -> rows left out
    unresolved: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.timesheets
            or self.payroll
            or self.interviews
            or self.recruitment
            or self.documents
            or self.findings
        )


def _day_matches(day: date, selector: str) -> bool:
    """Whether a timesheet day falls under a ref's last part (a day, an ISO week, a run)."""
    week = _WEEK.match(selector)
    if week:
        year, number, _ = day.isocalendar()
        return (year, number) == (int(week.group(1)), int(week.group(2)))
    if selector.endswith("-days-without-rest"):
        return True  # the run is the worker's unbroken stretch: show the worker's days
    return day.isoformat() == selector


def _cap(rows: list[_Row], kind: str, out: EvidenceRecords) -> None:
    if len(rows) > MAX_ROWS:
        out.truncated[kind] = len(rows) - MAX_ROWS
        del rows[MAX_ROWS:]


def records_behind(session: Session, audit: Audit, refs: Iterable[str]) -> EvidenceRecords:
    """The rows of ``audit`` that ``refs`` point at; refs of other kinds are ignored and refs
    that match no row are listed in ``unresolved``."""
    by_kind: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    finding_positions: set[int] = set()
    out = EvidenceRecords()
    for ref in dict.fromkeys(refs):
        kind, _, rest = ref.partition(":")
        if kind == "finding":
            position = rest.rpartition(":")[2]
            if position.isdigit():
                finding_positions.add(int(position))
            continue
        if kind in ("audit", "report", "factor", "pattern", "country", "ilab_good"):
            continue  # facts of the audit or the context, not worker records
        worker, _, selector = rest.partition(":")
        by_kind[kind][worker].add(selector)
    timesheet_sel = by_kind.get("timesheet", {})
    if timesheet_sel:
        rows = session.scalars(
            select(TimesheetRow)
            .where(TimesheetRow.audit_id == audit.id, TimesheetRow.worker_ref.in_(timesheet_sel))
            .order_by(TimesheetRow.worker_ref, TimesheetRow.day)
        ).all()
        out.timesheets = [
            r
            for r in rows
            if any(not s or _day_matches(r.day, s) for s in timesheet_sel[r.worker_ref])
        ]
        _cap(out.timesheets, "timesheets", out)
    payroll_sel = by_kind.get("payroll", {})
    if payroll_sel:
        rows_p = session.scalars(
            select(PayrollRow)
            .where(PayrollRow.audit_id == audit.id, PayrollRow.worker_ref.in_(payroll_sel))
            .order_by(PayrollRow.worker_ref, PayrollRow.period_start)
        ).all()
        out.payroll = [
            r
            for r in rows_p
            if not payroll_sel[r.worker_ref] - {""}
            or r.period_start.isoformat() in payroll_sel[r.worker_ref]
        ]
        _cap(out.payroll, "payroll", out)
    for kind, model, attr in (
        ("interview", InterviewRow, "interviews"),
        ("recruitment", RecruitmentRow, "recruitment"),
        ("documents", DocumentRow, "documents"),
    ):
        workers = by_kind.get(kind, {})
        if not workers:
            continue
        found = list(
            session.scalars(
                select(model)
                .where(model.audit_id == audit.id, model.worker_ref.in_(workers))
                .order_by(model.worker_ref, model.id)
            ).all()
        )
        _cap(found, attr, out)
        setattr(out, attr, found)
    if finding_positions:
        # Positions count the mapped findings in id order, as ``stored_audit`` hands them over.
        mapped = session.scalars(
            select(Finding)
            .where(Finding.audit_id == audit.id, Finding.indicator.is_not(None))
            .order_by(Finding.id)
        ).all()
        out.findings = [f for i, f in enumerate(mapped) if i in finding_positions]
    seen = {
        *(f"timesheet:{r.worker_ref}" for r in out.timesheets),
        *(f"payroll:{r.worker_ref}" for r in out.payroll),
        *(f"interview:{r.worker_ref}" for r in out.interviews),
        *(f"recruitment:{r.worker_ref}" for r in out.recruitment),
        *(f"documents:{r.worker_ref}" for r in out.documents),
    }
    out.unresolved = [
        f"{kind}:{worker}"
        for kind, workers in by_kind.items()
        for worker in workers
        if f"{kind}:{worker}" not in seen
    ]
    return out


def audit_of_supplier(
    session: Session, supplier_id: uuid.UUID, audit_id: uuid.UUID
) -> Audit | None:
    audit = session.get(Audit, audit_id)
    return audit if audit is not None and audit.supplier_id == supplier_id else None
