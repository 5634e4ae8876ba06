"""Pay records against hours and wages (seed 004 L624: double books, altered pay slips)."""

from __future__ import annotations

import pytest

from screening.deception import DEFAULT_THRESHOLDS as T
from screening.deception.payroll import detect_payroll_timesheet_mismatch, payroll_discrepancies
from screening.deception.worker_hours import TimesheetIndex, index_timesheets
from screening.inputs.evidence import PayrollEntry
from tests.generators.audit_evidence import generate_audit
from tests.unit.deception.builders import pay, timesheet, worker

HOURS = {offset: 9.0 for offset in range(31)}  # 27 worked days x 9 h = 243 h in January


def index(n: int = 10) -> TimesheetIndex | None:
    return index_timesheets([e for i in range(n) for e in timesheet(worker(i), HOURS)])


def test_hours_paid_matching_the_timesheet_is_consistent() -> None:
    reasons, checked = payroll_discrepancies(pay(worker(0), hours_paid=243.0), index(), T)
    assert checked and reasons == []


def test_hours_paid_below_hours_worked_is_a_mismatch() -> None:
    reasons, _ = payroll_discrepancies(pay(worker(0), hours_paid=208.0), index(), T)
    assert reasons == ["paid 208 h for 243 h worked"]


def test_net_below_gross_less_listed_deductions_is_a_hidden_deduction() -> None:
    reasons, _ = payroll_discrepancies(pay(worker(0), gross=600.0, net=480.0), index(), T)
    assert len(reasons) == 1 and reasons[0].startswith("net 480")


def test_gross_below_the_declared_wage_is_underpayment() -> None:
    reasons, _ = payroll_discrepancies(pay(worker(0), gross=450.0, declared=550.0), None, T)
    assert reasons == ["gross 450 below declared wage 550"]


def test_share_of_workers_with_inconsistent_pay_fires() -> None:
    rows = [pay(worker(i), hours_paid=243.0) for i in range(7)]
    rows += [pay(worker(i), hours_paid=200.0) for i in range(7, 10)]
    pattern = detect_payroll_timesheet_mismatch(rows, index(), T)
    assert pattern is not None
    assert pattern.code == "payroll_timesheet_mismatch"
    assert "3 of 10 workers" in pattern.summary
    assert pattern.evidence == tuple(f"payroll:{worker(i)}:2024-01-01" for i in (7, 8, 9))


def test_one_worker_in_twenty_below_the_share_does_not_fire() -> None:
    rows = [pay(worker(i), hours_paid=243.0) for i in range(19)] + [
        pay(worker(19), hours_paid=200.0)
    ]
    assert detect_payroll_timesheet_mismatch(rows, index(20), T) is None


def test_period_outside_the_timesheet_skips_the_hours_check() -> None:
    from datetime import date

    row = pay(worker(0), hours_paid=10.0, start=date(2024, 2, 1), end=date(2024, 2, 29))
    reasons, checked = payroll_discrepancies(row, index(), T)
    assert reasons == [] and checked  # checked via wage and deductions only


def test_without_timesheets_only_wage_checks_run() -> None:
    rows = [pay(worker(i), hours_paid=1.0) for i in range(10)]
    assert detect_payroll_timesheet_mismatch(rows, None, T) is None


def test_rows_with_nothing_to_check_give_no_claim() -> None:
    rows = [
        PayrollEntry(worker(i), timesheet(worker(i))[0].day, timesheet(worker(i))[-1].day, 600, 1)
        for i in range(10)
    ]
    assert detect_payroll_timesheet_mismatch(rows, None, T) is None


def test_no_payroll_gives_no_claim() -> None:
    assert detect_payroll_timesheet_mismatch((), index(), T) is None


@pytest.mark.parametrize("seed", range(6))
def test_honest_payroll_with_overtime_rounding_and_deductions_never_fires(seed: int) -> None:
    evidence = generate_audit(seed, workers=60).audit.evidence
    index_ = index_timesheets(evidence.timesheets)
    assert detect_payroll_timesheet_mismatch(evidence.payroll, index_, T) is None
