"""Interviews that contradict the records: what workers say against what the books say.

Seed 004 L636: workers are coached "to lie about conditions, such as their pay, working
hours, or overtime"; the ones who do not, or who slip, give hours that the timesheets deny.
SPEC 4.4 fixes the rule: differences for more than 10 % of those interviewed.
"""

from __future__ import annotations

from collections.abc import Sequence

from screening.deception._common import capped, interview_ref, pct, scaled_strength
from screening.deception.thresholds import DeceptionThresholds
from screening.deception.worker_hours import TimesheetIndex
from screening.inputs.evidence import InterviewRecord
from screening.reliability import DeceptionPattern

CODE = "interviews_contradict_records"


def contradiction(
    interview: InterviewRecord, index: TimesheetIndex, t: DeceptionThresholds
) -> tuple[str | None, bool]:
    """(how the interview contradicts the timesheet or None, whether it could be compared)."""
    if interview.reported_weekly_hours is None and interview.reported_rest_days_per_week is None:
        return None, False
    profile = index.weekly_profile(interview.worker_ref)
    if profile is None:
        return None, False
    reported = interview.reported_weekly_hours
    if reported is not None:
        allowed = max(
            t.reported_hours_tolerance_abs, t.reported_hours_tolerance_rel * profile.mean_hours
        )
        if abs(reported - profile.mean_hours) > allowed:
            return (
                f"reports {reported:g} h/week, timesheet shows {profile.mean_hours:.1f}",
                True,
            )
    rest = interview.reported_rest_days_per_week
    if rest is not None and abs(rest - profile.mean_rest_days) > t.reported_rest_days_tolerance:
        return (
            f"reports {rest:g} rest days/week, timesheet shows {profile.mean_rest_days:.1f}",
            True,
        )
    return None, True


def detect_interviews_contradict_records(
    interviews: Sequence[InterviewRecord], index: TimesheetIndex | None, t: DeceptionThresholds
) -> DeceptionPattern | None:
    """More than ``contradiction_share`` of compared interviewees contradict their timesheet."""
    if index is None or not interviews:
        return None
    compared = 0
    contradicted: dict[str, str] = {}
    for interview in interviews:
        reason, comparable = contradiction(interview, index, t)
        compared += comparable
        if reason is not None:
            contradicted[interview.worker_ref] = reason
    if compared < t.min_interviews_compared or not contradicted:
        return None
    share = len(contradicted) / compared
    # "More than 10 %": strictly above the threshold.
    if share <= t.contradiction_share:
        return None
    strength = scaled_strength(share, t.contradiction_share, t.contradiction_share_saturates)
    first = sorted(contradicted)[0]
    return DeceptionPattern(
        code=CODE,
        strength=strength,
        summary=(
            f"{len(contradicted)} of {compared} interviewed workers ({pct(share)}) describe "
            f"hours or rest days their timesheets do not show (e.g. {first} "
            f"{contradicted[first]})."
        ),
        evidence=capped((interview_ref(w) for w in sorted(contradicted)), t.max_evidence_refs),
    )
