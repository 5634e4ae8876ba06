"""Deductions from wages as a share of gross pay (ILO: withholding of wages; debt bondage)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from screening.inputs.evidence import PayrollEntry
from screening.policy import DEFAULT_THRESHOLDS, CalculatorThresholds


@dataclass(frozen=True, slots=True)
class DeductionBurden:
    """Non-statutory deductions across payroll entries."""

    entries: int
    workers: int
    excessive: tuple[str, ...]  # worker refs with an entry above the share limit
    max_share: float  # largest non-statutory deductions / gross in any entry
    recruitment_fee_deducted: tuple[str, ...]  # workers repaying a recruitment fee from wages
    evidence: tuple[str, ...]  # "payroll:W-0003:2024-03-01" for each excessive entry
    fee_evidence: tuple[str, ...]  # same, for entries deducting a recruitment fee


def non_statutory_deduction_share(
    entry: PayrollEntry, thresholds: CalculatorThresholds = DEFAULT_THRESHOLDS
) -> float:
    """Deductions other than tax and social security, as a share of gross (0 when gross <= 0)."""
    if entry.gross <= 0:
        return 0.0
    deducted = sum(
        d.amount
        for d in entry.deductions
        if d.kind.casefold() not in thresholds.statutory_deduction_kinds and d.amount > 0
    )
    return deducted / entry.gross


def payroll_ref(entry: PayrollEntry) -> str:
    return f"payroll:{entry.worker_ref}:{entry.period_start.isoformat()}"


def assess_deductions(
    entries: Sequence[PayrollEntry],
    thresholds: CalculatorThresholds = DEFAULT_THRESHOLDS,
) -> DeductionBurden:
    """Entries whose non-statutory deductions exceed the share limit, and fee repayments."""
    workers: set[str] = set()
    excessive: set[str] = set()
    fee_payers: set[str] = set()
    refs: list[str] = []
    fee_refs: list[str] = []
    max_share = 0.0
    for entry in entries:
        workers.add(entry.worker_ref)
        share = non_statutory_deduction_share(entry, thresholds)
        max_share = max(max_share, share)
        if share > thresholds.deduction_share_limit:
            excessive.add(entry.worker_ref)
            refs.append(payroll_ref(entry))
        if any(
            d.amount > 0 and d.kind.casefold() in thresholds.recruitment_deduction_kinds
            for d in entry.deductions
        ):
            fee_payers.add(entry.worker_ref)
            fee_refs.append(payroll_ref(entry))
    return DeductionBurden(
        entries=len(entries),
        workers=len(workers),
        excessive=tuple(sorted(excessive)),
        max_share=max_share,
        recruitment_fee_deducted=tuple(sorted(fee_payers)),
        evidence=tuple(sorted(refs)),
        fee_evidence=tuple(sorted(fee_refs)),
    )
