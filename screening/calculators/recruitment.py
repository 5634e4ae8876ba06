"""Recruitment fees and debts paid by workers (ILO: debt bondage; the employer-pays principle)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from screening.inputs.evidence import RecruitmentRecord
from screening.policy import DEFAULT_THRESHOLDS, CalculatorThresholds


@dataclass(frozen=True, slots=True)
class RecruitmentBurden:
    """Fees and debts across the workers with a recruitment record."""

    workers: int
    fee_payers: tuple[str, ...]  # paid any fee: the employer-pays principle is broken
    bonded: tuple[str, ...]  # fee >= a month's wage, or outstanding debt: debt bondage
    indebted: tuple[str, ...]  # outstanding recruitment debt > 0
    max_fee_months: float | None  # largest fee in months of that worker's wage, when known
    evidence: tuple[str, ...]  # "recruitment:W-0007" for every worker who paid or owes

    @property
    def employer_pays_broken(self) -> bool:
        return bool(self.fee_payers or self.indebted)

    @property
    def debt_bondage(self) -> bool:
        return bool(self.bonded)

    @property
    def share_bonded(self) -> float:
        return len(self.bonded) / self.workers if self.workers else 0.0


def recruitment_fee_months(record: RecruitmentRecord) -> float | None:
    """The fee as months of the worker's wage; None when the wage is not known."""
    if record.monthly_wage is None or record.monthly_wage <= 0:
        return None
    return record.fee_paid / record.monthly_wage


def assess_recruitment(
    records: Sequence[RecruitmentRecord],
    thresholds: CalculatorThresholds = DEFAULT_THRESHOLDS,
) -> RecruitmentBurden:
    """Any fee paid by a worker breaks employer-pays; a month's wage or more, or any debt, binds."""
    workers: set[str] = set()
    payers: set[str] = set()
    bonded: set[str] = set()
    indebted: set[str] = set()
    max_months: float | None = None
    for record in records:
        workers.add(record.worker_ref)
        months = recruitment_fee_months(record)
        if months is not None and (max_months is None or months > max_months):
            max_months = months
        if record.fee_paid > 0:
            payers.add(record.worker_ref)
            if months is not None and months >= thresholds.recruitment_fee_bondage_months:
                bonded.add(record.worker_ref)
        if record.outstanding_debt > thresholds.recruitment_debt_min:
            indebted.add(record.worker_ref)
            bonded.add(record.worker_ref)
    shown = sorted(payers | indebted)
    return RecruitmentBurden(
        workers=len(workers),
        fee_payers=tuple(sorted(payers)),
        bonded=tuple(sorted(bonded)),
        indebted=tuple(sorted(indebted)),
        max_fee_months=max_months,
        evidence=tuple(f"recruitment:{ref}" for ref in shown),
    )
