"""Timesheets too regular to be true (seed 004 L620, L624: false records, double books)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from screening.deception import DEFAULT_THRESHOLDS as T
from screening.deception.timesheets import detect_timesheets_too_regular
from screening.deception.worker_hours import index_timesheets
from screening.inputs.evidence import TimesheetEntry
from screening.reliability import DeceptionPattern
from tests.generators.audit_evidence import generate_audit
from tests.unit.deception.builders import timesheet, worker


def detect(entries: Sequence[TimesheetEntry]) -> DeceptionPattern | None:
    return detect_timesheets_too_regular(index_timesheets(entries), T)


def test_workforce_logging_exactly_eight_hours_every_day_fires() -> None:
    entries = [e for n in range(10) for e in timesheet(worker(n), flat=8.0)]
    pattern = detect(entries)
    assert pattern is not None
    assert pattern.code == "timesheets_too_regular"
    assert pattern.strength == 1.0
    assert "exactly 8 h" in pattern.summary
    assert pattern.evidence[0] == "timesheet:W-0000:2024-01-01"


def test_a_minority_on_fixed_contract_hours_does_not_fire() -> None:
    # Salaried staff may honestly be recorded at contract hours: 2 of 20 is below the share.
    entries = [e for n in range(18) for e in timesheet(worker(n))]
    entries += [e for n in range(18, 20) for e in timesheet(worker(n), flat=8.0)]
    assert detect(entries) is None


def test_flat_hours_across_a_month_fire_even_at_different_values_per_worker() -> None:
    entries = [e for n in range(10) for e in timesheet(worker(n), flat=8.0 + n / 2)]
    pattern = detect(entries)
    assert pattern is not None
    assert "10 of 10 workers" in pattern.summary


def test_rest_days_logged_as_zero_hours_do_not_break_the_flat_test() -> None:
    entries = [e for n in range(10) for e in timesheet(worker(n), flat=8.0)]
    zero_rows = [e.__class__(e.worker_ref, e.day, 0.0) for e in entries[:3]]
    assert detect(entries + zero_rows) is not None


@pytest.mark.parametrize("seed", range(8))
def test_honest_clocked_hours_never_fire(seed: int) -> None:
    generated = generate_audit(seed, workers=60)
    assert detect(generated.audit.evidence.timesheets) is None


def test_no_timesheets_gives_no_claim() -> None:
    assert detect([]) is None


def test_too_few_workers_to_judge_a_share_gives_no_claim() -> None:
    entries = [e for n in range(3) for e in timesheet(worker(n), flat=8.0)]
    assert detect(entries) is None


def test_a_short_period_with_fewer_worked_days_than_a_month_needs_gives_no_claim() -> None:
    entries = [e for n in range(10) for e in timesheet(worker(n), flat=8.0, days=10)]
    assert detect(entries) is None


def test_evidence_is_capped_for_a_large_workforce() -> None:
    entries = [e for n in range(100) for e in timesheet(worker(n), flat=8.0)]
    pattern = detect(entries)
    assert pattern is not None
    assert len(pattern.evidence) == T.max_evidence_refs
