"""Pay records that disagree with the hours worked or with the declared wage.

Seed 004 L624: "double book-keeping" to show wages correctly paid, and pay slips altered
"to conceal prohibited wage deductions or overtime work". Each check compares two documents
the supplier produced; a mismatch means at least one of them is not true.
"""

from __future__ import annotations

from collections.abc import Sequence

from screening.deception._common import capped, payroll_ref, pct, scaled_strength
from screening.deception.thresholds import DeceptionThresholds
from screening.deception.worker_hours import TimesheetIndex
from screening.inputs.evidence import PayrollEntry
from screening.reliability import DeceptionPattern

CODE = "payroll_timesheet_mismatch"


def _money_tolerance(amount: float, t: DeceptionThresholds) -> float:
    return max(t.pay_tolerance_abs, t.pay_tolerance_rel * abs(amount))


def payroll_discrepancies(
    row: PayrollEntry, index: TimesheetIndex | None, t: DeceptionThresholds
) -> tuple[list[str], bool]:
    """(reasons the row is inconsistent, whether any check could be made).

    - hours paid differ from hours on the timesheet for the same period (only when the
      timesheet covers the whole period: otherwise the worked hours are unknown);
    - gross below the declared (contractual) wage;
    - net that does not reconcile with gross minus the listed deductions, i.e. a hidden
      deduction or an altered slip. Together with the gross check this is "net pay below
      the declared wage" without counting lawful, listed deductions against the supplier.
    """
    reasons: list[str] = []
    checked = False
    if row.hours_paid is not None and index is not None:
        worker = index.workers.get(row.worker_ref)
        if worker is not None and index.covers(row.period_start, row.period_end):
            checked = True
            worked = worker.hours_between(row.period_start, row.period_end)
            allowed = max(t.paid_hours_tolerance_abs, t.paid_hours_tolerance_rel * worked)
            if abs(row.hours_paid - worked) > allowed:
                reasons.append(f"paid {row.hours_paid:g} h for {worked:g} h worked")
    if row.declared_wage is not None:
        checked = True
        if row.gross < row.declared_wage - _money_tolerance(row.declared_wage, t):
            reasons.append(f"gross {row.gross:g} below declared wage {row.declared_wage:g}")
    if row.deductions:
        checked = True
        listed = sum(d.amount for d in row.deductions)
        if abs(row.gross - listed - row.net) > _money_tolerance(row.gross, t):
            reasons.append(f"net {row.net:g} is not gross {row.gross:g} less deductions {listed:g}")
    return reasons, checked


def detect_payroll_timesheet_mismatch(
    payroll: Sequence[PayrollEntry], index: TimesheetIndex | None, t: DeceptionThresholds
) -> DeceptionPattern | None:
    """A share of workers whose pay records contradict their hours or their wage."""
    if not payroll:
        return None
    checked_workers: set[str] = set()
    bad_rows: dict[str, list[tuple[PayrollEntry, list[str]]]] = {}
    for row in payroll:
        reasons, checked = payroll_discrepancies(row, index, t)
        if checked:
            checked_workers.add(row.worker_ref)
        if reasons:
            bad_rows.setdefault(row.worker_ref, []).append((row, reasons))
    if len(checked_workers) < t.min_workers_for_share or not bad_rows:
        return None
    share = len(bad_rows) / len(checked_workers)
    strength = scaled_strength(share, t.payroll_worker_share, t.payroll_worker_share_saturates)
    if strength == 0.0:
        return None
    first = sorted(bad_rows)[0]
    example = f"{first}: {bad_rows[first][0][1][0]}"
    refs = (
        payroll_ref(row.worker_ref, row.period_start)
        for worker in sorted(bad_rows)
        for row, _ in bad_rows[worker]
    )
    return DeceptionPattern(
        code=CODE,
        strength=strength,
        summary=(
            f"Pay records of {len(bad_rows)} of {len(checked_workers)} workers ({pct(share)}) "
            f"contradict their timesheets or declared wage (e.g. {example})."
        ),
        evidence=capped(refs, t.max_evidence_refs),
    )
