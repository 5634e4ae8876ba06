"""Interviews against timesheets (seed 004 L636; SPEC 4.4: more than 10 % of interviewees)."""

from __future__ import annotations

import pytest

from screening.deception import DEFAULT_THRESHOLDS as T
from screening.deception.interviews import detect_interviews_contradict_records
from screening.deception.worker_hours import TimesheetIndex, index_timesheets
from tests.generators.audit_evidence import generate_audit
from tests.unit.deception.builders import interview, timesheet, worker

# Six 9-hour days a week: 54 h and one rest day in every full week of January.
HOURS = {offset: 9.0 for offset in range(31)}


def index(n: int = 20) -> TimesheetIndex | None:
    return index_timesheets([e for i in range(n) for e in timesheet(worker(i), HOURS)])


def test_interviews_that_match_the_records_do_not_fire() -> None:
    interviews = [interview(worker(i), hours=52, rest=1) for i in range(20)]
    assert detect_interviews_contradict_records(interviews, index(), T) is None


def test_workers_reporting_far_longer_weeks_than_the_books_fire() -> None:
    interviews = [interview(worker(i), hours=54, rest=1) for i in range(15)]
    interviews += [interview(worker(i), hours=72, rest=0) for i in range(15, 20)]
    pattern = detect_interviews_contradict_records(interviews, index(), T)
    assert pattern is not None
    assert pattern.code == "interviews_contradict_records"
    assert "5 of 20 interviewed workers (25%)" in pattern.summary
    assert pattern.evidence[0] == "interview:W-0015"


def test_rest_days_alone_can_contradict() -> None:
    interviews = [interview(worker(i), rest=1) for i in range(15)]
    interviews += [interview(worker(i), rest=0) for i in range(15, 20)]
    pattern = detect_interviews_contradict_records(interviews, index(), T)
    assert pattern is not None and "rest days" in pattern.summary


def test_exactly_ten_percent_is_not_more_than_ten_percent() -> None:
    interviews = [interview(worker(i), hours=54) for i in range(18)]
    interviews += [interview(worker(i), hours=75) for i in range(18, 20)]
    assert detect_interviews_contradict_records(interviews, index(), T) is None


def test_recall_error_within_tolerance_is_not_a_contradiction() -> None:
    interviews = [interview(worker(i), hours=54 + (4 if i % 2 else -4)) for i in range(20)]
    assert detect_interviews_contradict_records(interviews, index(), T) is None


def test_no_timesheets_gives_no_claim() -> None:
    interviews = [interview(worker(i), hours=90) for i in range(20)]
    assert detect_interviews_contradict_records(interviews, None, T) is None


def test_interviews_without_hours_or_rest_days_give_no_claim() -> None:
    interviews = [interview(worker(i), answers=("fine",)) for i in range(20)]
    assert detect_interviews_contradict_records(interviews, index(), T) is None


def test_interviewees_without_timesheets_are_not_counted() -> None:
    interviews = [interview(worker(100 + i), hours=90) for i in range(20)]
    assert detect_interviews_contradict_records(interviews, index(), T) is None


@pytest.mark.parametrize("seed", range(6))
def test_honest_interviews_with_recall_noise_never_fire(seed: int) -> None:
    evidence = generate_audit(seed, workers=150).audit.evidence
    index_ = index_timesheets(evidence.timesheets)
    assert detect_interviews_contradict_records(evidence.interviews, index_, T) is None
