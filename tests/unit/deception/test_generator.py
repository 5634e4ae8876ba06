"""The evidence generator is deterministic, realistic when honest, and injects what it says."""

from __future__ import annotations

import statistics
from collections import defaultdict

import pytest

from tests.generators.audit_evidence import PATTERNS, generate_audit


def test_same_seed_gives_the_same_audit_and_different_seeds_differ() -> None:
    assert generate_audit(5, workers=30) == generate_audit(5, workers=30)
    assert generate_audit(5, workers=30).audit != generate_audit(6, workers=30).audit


def test_honest_hours_vary_with_overtime_sick_days_and_rest_days() -> None:
    evidence = generate_audit(1, workers=50).audit.evidence
    per_worker: dict[str, list[float]] = defaultdict(list)
    for entry in evidence.timesheets:
        if entry.hours > 0:
            per_worker[entry.worker_ref].append(entry.hours)
    assert all(statistics.pstdev(hours) > 0.2 for hours in per_worker.values())
    worked_days = [len(h) for h in per_worker.values()]
    assert max(worked_days) < 91 * 6 / 7 + 6  # rest days taken
    assert len(set(worked_days)) > 5  # sickness and leave differ between workers


def test_rest_day_rows_gives_one_row_per_worker_day() -> None:
    evidence = generate_audit(1, workers=20, days=90, rest_day_rows=1.0).audit.evidence
    assert len(evidence.timesheets) == 20 * 90


def test_injection_strength_is_the_share_of_workers_affected() -> None:
    generated = generate_audit(2, workers=100, inject={"shared_payment_account": 0.3})
    accounts: dict[str, set[str]] = defaultdict(set)
    for row in generated.audit.evidence.payroll:
        assert row.paid_to_account is not None
        accounts[row.paid_to_account].add(row.worker_ref)
    assert sum(len(w) for w in accounts.values() if len(w) >= 3) == 30


def test_partial_evidence_leaves_out_the_tables_not_asked_for() -> None:
    evidence = generate_audit(3, workers=20, evidence=frozenset({"payroll"})).audit.evidence
    assert evidence.payroll and not evidence.timesheets and not evidence.interviews


def test_unknown_pattern_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown patterns"):
        generate_audit(1, inject={"bribery": 1.0})


def test_every_documented_pattern_is_injectable() -> None:
    for pattern in PATTERNS:
        assert generate_audit(4, workers=30, inject={pattern: 0.5}).injected == {pattern: 0.5}
