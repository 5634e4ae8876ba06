"""Wages of many workers paid into one account.

SPEC 4.3 names wages "paid ... into accounts shared by many workers"; seed 004 L436 lists
"withholding of pay" among the means of coercion. When a recruiter, broker or supervisor
controls the account the payroll shows wages paid that the workers never hold.

Only ``PayrollEntry.paid_to_account`` (a hash) exists in the evidence contract today; a
shared phone or address would be checked the same way once the contract carries them.
"""

from __future__ import annotations

from collections.abc import Sequence

from screening.deception._common import capped, payroll_ref, pct, scaled_strength
from screening.deception.thresholds import DeceptionThresholds
from screening.inputs.evidence import PayrollEntry
from screening.reliability import DeceptionPattern

CODE = "shared_payment_account"


def detect_shared_payment_account(
    payroll: Sequence[PayrollEntry], t: DeceptionThresholds
) -> DeceptionPattern | None:
    """An account collecting many workers' wages, or a share of workers paid into such accounts."""
    workers_by_account: dict[str, set[str]] = {}
    rows_by_account: dict[str, list[PayrollEntry]] = {}
    for row in payroll:
        if not row.paid_to_account:
            continue
        workers_by_account.setdefault(row.paid_to_account, set()).add(row.worker_ref)
        rows_by_account.setdefault(row.paid_to_account, []).append(row)
    paid_workers = set().union(*workers_by_account.values()) if workers_by_account else set()
    if len(paid_workers) < t.min_workers_for_share:
        return None
    shared = {
        account: workers
        for account, workers in workers_by_account.items()
        if len(workers) >= t.shared_account_min_workers
    }
    if not shared:
        return None
    affected = set().union(*shared.values())
    share = len(affected) / len(paid_workers)
    largest_account, largest = max(shared.items(), key=lambda kv: (len(kv[1]), kv[0]))
    strength = scaled_strength(
        share, t.shared_account_worker_share, t.shared_account_worker_share_saturates
    )
    if len(largest) >= t.shared_account_alarm_workers:
        strength = max(strength, 0.5)
    if strength == 0.0:
        return None
    refs = (
        payroll_ref(row.worker_ref, row.period_start)
        for account in sorted(shared, key=lambda a: (-len(shared[a]), a))
        for row in sorted(rows_by_account[account], key=lambda r: (r.worker_ref, r.period_start))
    )
    return DeceptionPattern(
        code=CODE,
        strength=strength,
        summary=(
            f"Wages of {len(affected)} of {len(paid_workers)} workers ({pct(share)}) go to "
            f"{len(shared)} shared account(s); the largest (hash {largest_account[:8]}) "
            f"receives the pay of {len(largest)} workers."
        ),
        evidence=capped(refs, t.max_evidence_refs),
    )
