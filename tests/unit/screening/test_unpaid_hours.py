"""Hours on the timesheets that the pay slips do not pay are withheld wages, also in months
whose timesheets end on a rest day (rest days are not exported)."""

from __future__ import annotations

from datetime import date, timedelta

from screening.calculators.unpaid_hours import assess_unpaid_hours
from screening.deception.payroll import detect_payroll_timesheet_mismatch
from screening.deception.thresholds import DeceptionThresholds
from screening.deception.worker_hours import index_timesheets
from screening.inputs.audit import Audit
from screening.inputs.evidence import PayrollEntry, TimesheetEntry, WorkerEvidence
from screening.pay_periods import period_covered
from screening.worker_evidence import observe_worker_evidence

# May 2026 ends on a Sunday: worked Monday to Saturday, the last entry is Saturday 30 May.
MAY = (date(2026, 5, 1), date(2026, 5, 31))


def _workdays(start: date, end: date, *, last_day: date | None = None) -> list[date]:
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    return [d for d in days if d.weekday() != 6 and (last_day is None or d <= last_day)]


def _evidence(workers: int, hours_paid: float, *, last_day: date | None = None) -> WorkerEvidence:
    days = _workdays(*MAY, last_day=last_day)
    timesheets = tuple(TimesheetEntry(f"W{w}", d, 10.0) for w in range(workers) for d in days)
    payroll = tuple(
        PayrollEntry(f"W{w}", *MAY, gross=500.0, net=500.0, hours_paid=hours_paid)
        for w in range(workers)
    )
    return WorkerEvidence(timesheets=timesheets, payroll=payroll)


def test_a_period_ending_on_rest_days_is_covered_and_a_long_gap_is_not() -> None:
    assert period_covered(date(2026, 5, 1), date(2026, 5, 30), *MAY)
    assert period_covered(date(2026, 5, 4), date(2026, 5, 29), *MAY)  # weekend at both ends
    assert not period_covered(date(2026, 5, 1), date(2026, 5, 20), *MAY)
    assert not period_covered(date(2026, 5, 10), date(2026, 5, 31), *MAY)


def test_hours_worked_beyond_the_hours_paid_reach_withholding_of_wages() -> None:
    worked = len(_workdays(*MAY)) * 10.0  # 260 h
    evidence = _evidence(10, hours_paid=worked - 40)
    unpaid = assess_unpaid_hours(evidence.payroll, evidence.timesheets)
    assert unpaid is not None
    assert unpaid.workers_checked == 10 and len(unpaid.unpaid) == 10
    assert unpaid.max_unpaid_hours == 40.0
    audit = Audit("A-1", audited_on=date(2026, 6, 10), evidence=evidence)
    result = observe_worker_evidence(audit, as_of=date(2026, 6, 10))
    wages = [o for o in result.observations if o.indicator == "withholding_of_wages"]
    assert wages and wages[0].severity == "critical"
    assert "do not pay" in wages[0].summary


def test_hours_paid_as_worked_within_tolerance_raise_nothing() -> None:
    worked = len(_workdays(*MAY)) * 10.0
    evidence = _evidence(10, hours_paid=worked - 3)
    unpaid = assess_unpaid_hours(evidence.payroll, evidence.timesheets)
    assert unpaid is not None and unpaid.unpaid == ()


def test_missing_timesheet_weeks_switch_the_comparison_off() -> None:
    evidence = _evidence(10, hours_paid=10.0, last_day=date(2026, 5, 20))
    assert assess_unpaid_hours(evidence.payroll, evidence.timesheets) is None


def test_the_payroll_detector_compares_a_month_that_ends_on_a_rest_day() -> None:
    worked = len(_workdays(*MAY)) * 10.0
    evidence = _evidence(10, hours_paid=worked - 60)
    pattern = detect_payroll_timesheet_mismatch(
        evidence.payroll, index_timesheets(evidence.timesheets), DeceptionThresholds()
    )
    assert pattern is not None and pattern.code == "payroll_timesheet_mismatch"
