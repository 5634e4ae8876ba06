"""Recruitment fees and debts (employer pays; debt bondage: 004 L482, L877; 003 L1605)."""

from screening.calculators import assess_recruitment
from screening.calculators.recruitment import recruitment_fee_months
from screening.inputs.evidence import RecruitmentRecord
from screening.policy import CalculatorThresholds

from .conftest import recruitment


def test_any_fee_paid_by_a_worker_breaks_employer_pays() -> None:
    burden = assess_recruitment([RecruitmentRecord("W-0001", fee_paid=1.0, monthly_wage=400)])
    assert burden.employer_pays_broken
    assert not burden.debt_bondage
    assert burden.evidence == ("recruitment:W-0001",)


def test_fee_of_one_months_wage_is_debt_bondage() -> None:
    burden = assess_recruitment(recruitment(4, fee=400.0, wage=400.0, paying=1))
    assert burden.bonded == ("W-0001",)
    assert burden.max_fee_months == 1.0
    assert burden.share_bonded == 0.25


def test_fee_just_below_a_months_wage_is_not_bondage() -> None:
    burden = assess_recruitment(recruitment(1, fee=399.0, wage=400.0))
    assert burden.employer_pays_broken and not burden.debt_bondage


def test_outstanding_recruitment_debt_is_bondage_even_without_a_fee() -> None:
    burden = assess_recruitment([RecruitmentRecord("W-0003", outstanding_debt=50.0)])
    assert burden.debt_bondage and burden.indebted == ("W-0003",)


def test_fee_without_a_known_wage_breaks_employer_pays_but_cannot_be_measured_in_months() -> None:
    record = RecruitmentRecord("W-0001", fee_paid=2500.0)
    assert recruitment_fee_months(record) is None
    burden = assess_recruitment([record])
    assert burden.employer_pays_broken and not burden.debt_bondage


def test_bondage_threshold_is_configurable() -> None:
    strict = CalculatorThresholds(recruitment_fee_bondage_months=0.5)
    assert assess_recruitment(recruitment(1, fee=200.0, wage=400.0), strict).debt_bondage


def test_workers_who_paid_nothing_are_clean() -> None:
    burden = assess_recruitment(recruitment(5))
    assert burden.workers == 5 and not burden.employer_pays_broken and burden.evidence == ()
