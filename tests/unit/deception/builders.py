"""Small hand-built evidence for the deception unit tests (the generator covers realism)."""

from __future__ import annotations

from datetime import date, timedelta

from screening.inputs.audit import Audit
from screening.inputs.evidence import (
    Deduction,
    InterviewRecord,
    PayrollEntry,
    TimesheetEntry,
    WorkerEvidence,
)

JAN_1 = date(2024, 1, 1)  # a Monday


def worker(n: int) -> str:
    return f"W-{n:04d}"


def timesheet(
    ref: str, hours_by_offset: dict[int, float] | None = None, *, days: int = 31, flat: float = 0.0
) -> list[TimesheetEntry]:
    """Six-day weeks (Sunday off) from 1 January; ``flat`` hours, or varied clock-like hours."""
    entries = []
    for offset in range(days):
        day = JAN_1 + timedelta(days=offset)
        if day.weekday() == 6:
            continue
        if hours_by_offset is not None and offset in hours_by_offset:
            hours = hours_by_offset[offset]
        elif flat:
            hours = flat
        else:
            hours = 8 + (offset * 7 + len(ref)) % 11 / 4  # 8.0 to 10.5, varying day to day
        entries.append(TimesheetEntry(ref, day, hours))
    return entries


def pay(
    ref: str,
    *,
    gross: float = 600.0,
    net: float | None = None,
    hours_paid: float | None = None,
    declared: float | None = 550.0,
    account: str | None = None,
    start: date = JAN_1,
    end: date = date(2024, 1, 31),
) -> PayrollEntry:
    deductions = (Deduction("tax", 30.0), Deduction("social_security", 18.0))
    return PayrollEntry(
        worker_ref=ref,
        period_start=start,
        period_end=end,
        gross=gross,
        net=gross - 48.0 if net is None else net,
        deductions=deductions,
        hours_paid=hours_paid,
        declared_wage=declared,
        paid_to_account=account,
    )


def interview(
    ref: str,
    hours: float | None = None,
    rest: float | None = None,
    answers: tuple[str, ...] = (),
    language: str | None = None,
    worker_language: str | None = None,
) -> InterviewRecord:
    return InterviewRecord(ref, hours, rest, answers, language, worker_language)


def audit(**changes: object) -> Audit:
    base: dict[str, object] = {
        "audit_ref": "AUD-1",
        "audited_on": date(2024, 4, 10),
        "audit_type": "unannounced",
        "paid_by": "buyer",
        "evidence": WorkerEvidence(),
    }
    base.update(changes)
    return Audit(**base)  # type: ignore[arg-type]
