"""Deductions as a share of gross (003 L1704 W8; ILO C095 art. 8)."""

from screening.calculators import assess_deductions
from screening.calculators.deductions import non_statutory_deduction_share
from screening.inputs.evidence import Deduction

from .conftest import payroll


def test_accommodation_and_food_above_a_quarter_of_gross_are_excessive() -> None:
    entries = payroll(2, 400.0, deductions=(Deduction("accommodation", 80), Deduction("food", 40)))
    burden = assess_deductions(entries)
    assert burden.excessive == ("W-0001", "W-0002")
    assert burden.max_share == 0.3
    assert burden.evidence == ("payroll:W-0001:2024-05-01", "payroll:W-0002:2024-05-01")


def test_tax_and_social_security_do_not_count_towards_the_limit() -> None:
    entries = payroll(
        1, 400.0, deductions=(Deduction("tax", 150), Deduction("social_security", 50))
    )
    assert non_statutory_deduction_share(entries[0]) == 0.0
    assert assess_deductions(entries).excessive == ()


def test_deductions_at_exactly_a_quarter_are_allowed() -> None:
    entries = payroll(1, 400.0, deductions=(Deduction("accommodation", 100),))
    assert assess_deductions(entries).excessive == ()


def test_recruitment_fee_repaid_from_wages_is_recorded_as_fee_deduction() -> None:
    entries = payroll(1, 400.0, deductions=(Deduction("recruitment_fee", 20),))
    burden = assess_deductions(entries)
    assert burden.recruitment_fee_deducted == ("W-0001",)
    assert burden.fee_evidence == ("payroll:W-0001:2024-05-01",)


def test_zero_gross_has_no_share() -> None:
    entries = payroll(1, 0.0, net=0.0, deductions=(Deduction("food", 10),))
    assert non_statutory_deduction_share(entries[0]) == 0.0
