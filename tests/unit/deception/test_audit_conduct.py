"""How the audit was run: notice, payer, auditor rotation, interview sample and language."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from screening.deception import DEFAULT_THRESHOLDS as T
from screening.deception.auditor_rotation import detect_same_auditor_repeated
from screening.deception.conduct import (
    detect_announced_audit,
    detect_interviews_not_in_worker_language,
    detect_paid_by_supplier,
)
from screening.deception.sampling import detect_too_few_interviews, required_interviews
from screening.inputs.audit import Audit
from screening.inputs.evidence import WorkerEvidence
from tests.unit.deception.builders import audit, interview, worker


@pytest.mark.parametrize(
    ("audit_type", "strength"),
    [("announced", T.announced_strength), ("semi_announced", T.semi_announced_strength)],
)
def test_announced_audits_leave_time_to_stage_the_site(audit_type: str, strength: float) -> None:
    pattern = detect_announced_audit(audit(audit_type=audit_type), T)
    assert pattern is not None
    assert (pattern.code, pattern.strength, pattern.evidence) == (
        "announced_audit",
        strength,
        ("audit:AUD-1",),
    )


def test_unannounced_audit_is_not_a_pattern() -> None:
    assert detect_announced_audit(audit(audit_type="unannounced"), T) is None


def test_audit_paid_by_the_supplier_is_a_pattern_and_by_the_buyer_is_not() -> None:
    found = detect_paid_by_supplier(audit(paid_by="supplier"), T)
    assert found is not None and found.code == "paid_by_supplier"
    assert detect_paid_by_supplier(audit(paid_by="buyer"), T) is None
    assert detect_paid_by_supplier(audit(paid_by=None), T) is None


def history(*auditors: tuple[str | None, str | None]) -> list[Audit]:
    """Prior audits, newest first, one a year before 2024."""
    return [
        audit(audit_ref=f"AUD-{2023 - i}", audited_on=date(2023 - i, 4, 1), auditor=a, firm=f)
        for i, (a, f) in enumerate(auditors)
    ]


def test_same_auditor_three_audits_running_fires() -> None:
    current = audit(auditor="L. Chen", firm="Veritas")
    pattern = detect_same_auditor_repeated(
        current, history(("L. Chen", "Veritas"), ("l.  chen", "Veritas")), T
    )
    assert pattern is not None
    assert pattern.code == "same_auditor_repeated"
    assert pattern.evidence == ("audit:AUD-1", "audit:AUD-2023", "audit:AUD-2022")
    assert "3 consecutive audits" in pattern.summary


def test_rotation_broken_by_another_auditor_resets_the_run() -> None:
    current = audit(auditor="L. Chen", firm="Veritas")
    prior = history(("L. Chen", "Veritas"), ("P. Okafor", "Veritas"), ("L. Chen", "Veritas"))
    assert detect_same_auditor_repeated(current, prior, T) is None


def test_same_firm_five_audits_running_fires_with_rotating_auditors() -> None:
    current = audit(auditor="A", firm="Veritas")
    prior = history(*[(name, "Veritas") for name in "BCDE"])
    pattern = detect_same_auditor_repeated(current, prior, T)
    assert pattern is not None and "firm Veritas" in pattern.summary


def test_no_history_or_no_auditor_name_gives_no_claim() -> None:
    assert detect_same_auditor_repeated(audit(auditor="A"), [], T) is None
    prior = history((None, None), (None, None), (None, None))
    assert detect_same_auditor_repeated(audit(), prior, T) is None


def test_later_audits_in_the_history_are_not_counted() -> None:
    current = audit(auditor="A", firm="F", audited_on=date(2021, 1, 1))
    later = history(("A", "F"), ("A", "F"))  # 2023 and 2022: after the audit
    assert detect_same_auditor_repeated(current, later, T) is None


@pytest.mark.parametrize(
    ("workers", "required"), [(1, 1), (2, 2), (9, 3), (10, 4), (100, 10), (5000, 71)]
)
def test_square_root_rule(workers: int, required: int) -> None:
    assert required_interviews(workers, T) == required


def test_too_few_interviews_for_the_workforce_fires_with_the_shortfall() -> None:
    pattern = detect_too_few_interviews(audit(workers_total=900, workers_interviewed=10), T)
    assert pattern is not None
    assert pattern.code == "too_few_interviews"
    assert pattern.strength == pytest.approx(0.5 + 0.5 * (1 - 10 / 30), abs=1e-3)
    assert "asks for at least 30" in pattern.summary


def test_enough_interviews_is_not_a_pattern() -> None:
    assert detect_too_few_interviews(audit(workers_total=900, workers_interviewed=30), T) is None


def test_interview_count_falls_back_on_the_interview_records() -> None:
    evidence = WorkerEvidence(interviews=tuple(interview(worker(i)) for i in range(4)))
    pattern = detect_too_few_interviews(audit(workers_total=400, evidence=evidence), T)
    assert pattern is not None and "4 of 400" in pattern.summary


def test_unknown_workforce_or_interview_count_gives_no_claim() -> None:
    assert detect_too_few_interviews(audit(workers_interviewed=2), T) is None
    assert detect_too_few_interviews(audit(workers_total=400), T) is None


def test_interviews_in_another_language_fire_from_the_records() -> None:
    records = [interview(worker(i), language="ms", worker_language="bn") for i in range(3)]
    records += [interview(worker(i), language="bn", worker_language="bn") for i in range(3, 10)]
    evidence = WorkerEvidence(interviews=tuple(records))
    pattern = detect_interviews_not_in_worker_language(audit(evidence=evidence), T)
    assert pattern is not None
    assert pattern.code == "interviews_not_in_worker_language"
    assert "3 of 10 interviews (30%)" in pattern.summary
    assert pattern.evidence == ("interview:W-0000", "interview:W-0001", "interview:W-0002")


def test_declared_not_in_worker_language_fires_without_records() -> None:
    pattern = detect_interviews_not_in_worker_language(
        audit(interviews_in_worker_language=False), T
    )
    assert pattern is not None and pattern.strength == T.foreign_language_strength


def test_interviews_in_the_workers_language_or_unknown_are_not_a_pattern() -> None:
    records = tuple(interview(worker(i), language="bn", worker_language="bn") for i in range(10))
    base = audit(evidence=WorkerEvidence(interviews=records), interviews_in_worker_language=True)
    assert detect_interviews_not_in_worker_language(base, T) is None
    assert (
        detect_interviews_not_in_worker_language(replace(base, evidence=WorkerEvidence()), T)
        is None
    )
    assert detect_interviews_not_in_worker_language(audit(), T) is None
