"""When and where wages are paid (ILO: withholding of wages)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from screening.calculators.deductions import payroll_ref
from screening.inputs.evidence import PayrollEntry
from screening.policy import DEFAULT_THRESHOLDS, CalculatorThresholds


@dataclass(frozen=True, slots=True)
class WagePayment:
    """Late, withheld and shared-account wage payments across payroll entries."""

    entries: int
    workers: int
    late: tuple[str, ...]  # workers paid after due date + grace
    withheld: tuple[str, ...]  # paid a month or more late, not paid when overdue, or net <= 0
    shared_accounts: tuple[tuple[str, tuple[str, ...]], ...]  # (account hash, workers)
    max_days_late: int
    evidence: tuple[str, ...]  # payroll refs of late/withheld entries, "account:<hash>" rows

    @property
    def workers_in_shared_accounts(self) -> tuple[str, ...]:
        return tuple(sorted({w for _, workers in self.shared_accounts for w in workers}))

    @property
    def withholding(self) -> bool:
        return bool(self.late or self.withheld or self.shared_accounts)


def days_late(entry: PayrollEntry, as_of: date | None) -> int | None:
    """Days between due date and payment; for an unpaid entry, days overdue at ``as_of``."""
    if entry.due_on is None:
        return None
    if entry.paid_on is not None:
        return (entry.paid_on - entry.due_on).days
    if as_of is not None and as_of > entry.due_on:
        return (as_of - entry.due_on).days
    return None


def assess_wage_payment(
    entries: Sequence[PayrollEntry],
    thresholds: CalculatorThresholds = DEFAULT_THRESHOLDS,
    *,
    as_of: date | None = None,
) -> WagePayment:
    """Wages paid late, not paid, or paid into one account shared by several workers."""
    workers: set[str] = set()
    late: set[str] = set()
    withheld: set[str] = set()
    refs: set[str] = set()
    accounts: dict[str, set[str]] = {}
    max_late = 0
    for entry in entries:
        workers.add(entry.worker_ref)
        if entry.paid_to_account:
            accounts.setdefault(entry.paid_to_account, set()).add(entry.worker_ref)
        if entry.gross > 0 and entry.net <= 0:
            # Worked and earned, received nothing: "for no pay" (004 L1082).
            withheld.add(entry.worker_ref)
            refs.add(payroll_ref(entry))
            continue
        late_by = days_late(entry, as_of)
        if late_by is None or late_by <= thresholds.late_payment_grace_days:
            continue
        max_late = max(max_late, late_by)
        refs.add(payroll_ref(entry))
        if late_by >= thresholds.withheld_after_days or entry.paid_on is None:
            withheld.add(entry.worker_ref)
        else:
            late.add(entry.worker_ref)
    shared = tuple(
        (account, tuple(sorted(holders)))
        for account, holders in sorted(accounts.items())
        if len(holders) >= thresholds.shared_account_min_workers
    )
    refs.update(f"account:{account}" for account, _ in shared)
    return WagePayment(
        entries=len(entries),
        workers=len(workers),
        late=tuple(sorted(late - withheld)),
        withheld=tuple(sorted(withheld)),
        shared_accounts=shared,
        max_days_late=max_late,
        evidence=tuple(sorted(refs)),
    )
