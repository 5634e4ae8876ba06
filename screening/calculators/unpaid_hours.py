"""Hours worked and not paid: timesheets against the hours on the pay slip (ILO: withholding
of wages).

Seed 004 L624: pay slips altered "to conceal prohibited wage deductions or overtime work".
When the timesheets of a pay period (``screening.pay_periods``) show more hours than the pay
slip pays for, beyond a tolerance for rounding and breaks, those hours were worked for no
pay: wages withheld, whatever the audit's deception analysis makes of the same mismatch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from screening.calculators.deductions import payroll_ref
from screening.inputs.evidence import PayrollEntry, TimesheetEntry
from screening.pay_periods import period_covered
from screening.policy import DEFAULT_THRESHOLDS, CalculatorThresholds


@dataclass(frozen=True, slots=True)
class UnpaidHours:
    workers_checked: int
    unpaid: tuple[str, ...]  # workers with hours worked beyond the hours paid
    max_unpaid_hours: float
    evidence: tuple[str, ...]  # payroll refs


def assess_unpaid_hours(
    payroll: Sequence[PayrollEntry],
    timesheets: Sequence[TimesheetEntry],
    thresholds: CalculatorThresholds = DEFAULT_THRESHOLDS,
) -> UnpaidHours | None:
    """None when no pay slip states its hours or no timesheet covers its period."""
    if not timesheets:
        return None
    days: dict[str, dict[date, float]] = {}
    first = last = timesheets[0].day
    for entry in timesheets:
        per_day = days.setdefault(entry.worker_ref, {})
        per_day[entry.day] = per_day.get(entry.day, 0.0) + entry.hours
        first, last = min(first, entry.day), max(last, entry.day)
    checked: set[str] = set()
    unpaid: set[str] = set()
    refs: list[str] = []
    worst = 0.0
    for row in payroll:
        worked_days = days.get(row.worker_ref)
        if row.hours_paid is None or worked_days is None:
            continue
        if not period_covered(first, last, row.period_start, row.period_end):
            continue
        checked.add(row.worker_ref)
        worked = sum(h for d, h in worked_days.items() if row.period_start <= d <= row.period_end)
        missing = worked - row.hours_paid
        allowed = max(
            thresholds.unpaid_hours_tolerance_abs, thresholds.unpaid_hours_tolerance_rel * worked
        )
        if missing > allowed:
            unpaid.add(row.worker_ref)
            refs.append(payroll_ref(row))
            worst = max(worst, missing)
    if not checked:
        return None
    return UnpaidHours(len(checked), tuple(sorted(unpaid)), round(worst, 1), tuple(sorted(refs)))
