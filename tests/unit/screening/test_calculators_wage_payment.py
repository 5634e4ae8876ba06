"""Late, unpaid and shared-account wages (ILO: withholding of wages; 003 L1594, 004 L624)."""

from datetime import date

from screening.calculators import assess_wage_payment

from .conftest import payroll


def test_wages_paid_on_time_are_not_withheld() -> None:
    result = assess_wage_payment(payroll(3, paid_late_days=2))
    assert not result.withholding and result.evidence == ()


def test_wages_paid_after_the_grace_period_are_late() -> None:
    result = assess_wage_payment(payroll(1, paid_late_days=10))
    assert result.late == ("W-0001",) and result.withheld == ()
    assert result.max_days_late == 10
    assert result.withholding


def test_wages_a_month_late_are_withheld() -> None:
    result = assess_wage_payment(payroll(1, paid_late_days=30))
    assert result.withheld == ("W-0001",) and result.late == ()


def test_unpaid_wages_past_due_are_withheld_as_of_the_assessment_date() -> None:
    entries = payroll(1, paid_late_days=None)
    assert assess_wage_payment(entries, as_of=date(2024, 6, 6)).withheld == ()
    assert assess_wage_payment(entries, as_of=date(2024, 6, 30)).withheld == ("W-0001",)


def test_work_for_no_pay_is_withheld() -> None:
    """'18-hour days ... for no pay' (004 L1082)."""
    result = assess_wage_payment(payroll(1, 400.0, net=0.0))
    assert result.withheld == ("W-0001",)


def test_one_account_receiving_three_workers_wages_is_shared() -> None:
    result = assess_wage_payment(payroll(3, account="acct-boss"))
    assert result.shared_accounts == (("acct-boss", ("W-0001", "W-0002", "W-0003")),)
    assert "account:acct-boss" in result.evidence
    assert result.withholding


def test_two_workers_sharing_an_account_is_not_yet_a_pattern() -> None:
    assert assess_wage_payment(payroll(2, account="acct-couple")).shared_accounts == ()
