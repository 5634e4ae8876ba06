"""Wages paid into accounts shared by many workers (SPEC 4.3; seed 004 L436)."""

from __future__ import annotations

import pytest

from screening.deception import DEFAULT_THRESHOLDS as T
from screening.deception.accounts import detect_shared_payment_account
from tests.generators.audit_evidence import generate_audit
from tests.unit.deception.builders import pay, worker


def test_one_account_collecting_many_workers_wages_fires_even_in_a_large_workforce() -> None:
    rows = [pay(worker(i), account=f"acct-{i}") for i in range(200)]
    rows += [pay(worker(200 + i), account="broker") for i in range(6)]
    pattern = detect_shared_payment_account(rows, T)
    assert pattern is not None
    assert pattern.code == "shared_payment_account"
    assert pattern.strength == 0.5
    assert "receives the pay of 6 workers" in pattern.summary
    assert pattern.evidence[0] == "payroll:W-0200:2024-01-01"


def test_many_small_shared_accounts_fire_by_share() -> None:
    rows = [pay(worker(i), account=f"acct-{i // 3}") for i in range(12)]
    rows += [pay(worker(i), account=f"own-{i}") for i in range(12, 30)]
    pattern = detect_shared_payment_account(rows, T)
    assert pattern is not None and "12 of 30 workers" in pattern.summary


def test_couples_sharing_an_account_do_not_fire() -> None:
    rows = [pay(worker(i), account=f"acct-{i // 2}") for i in range(40)]
    assert detect_shared_payment_account(rows, T) is None


def test_payroll_without_account_hashes_gives_no_claim() -> None:
    rows = [pay(worker(i)) for i in range(40)]
    assert detect_shared_payment_account(rows, T) is None


@pytest.mark.parametrize("seed", range(6))
def test_honest_payroll_never_fires(seed: int) -> None:
    payroll = generate_audit(seed, workers=200).audit.evidence.payroll
    assert detect_shared_payment_account(payroll, T) is None
