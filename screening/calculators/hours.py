"""Working hours and rest days from timesheets and interviews (ILO: excessive overtime).

The helpers (``weekly_hours_by_worker``, ``longest_run_without_rest``) are shared with the
audit-deception detectors, which compare the same hours with payroll and interviews.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from screening.inputs.evidence import InterviewRecord, TimesheetEntry
from screening.policy import DEFAULT_THRESHOLDS, CalculatorThresholds

IsoWeek = tuple[int, int]  # (ISO year, ISO week)


@dataclass(frozen=True, slots=True)
class WorkingHours:
    """Hours and rest across workers, from records and from what workers said."""

    workers: int
    max_weekly_hours: float  # highest weekly total in timesheets or interviews
    over_limit: tuple[str, ...]  # workers above the weekly limit
    without_rest: tuple[str, ...]  # workers with fewer than one rest day in seven
    evidence: tuple[str, ...]  # "timesheet:W-0042:2024-W10", "interview:W-0042"

    @property
    def excessive(self) -> bool:
        return bool(self.over_limit or self.without_rest)

    @property
    def affected(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.over_limit) | set(self.without_rest)))


def daily_hours_by_worker(entries: Iterable[TimesheetEntry]) -> dict[str, dict[date, float]]:
    """Hours per worker per day; several entries on one day add up (split shifts)."""
    result: dict[str, dict[date, float]] = {}
    for entry in entries:
        days = result.setdefault(entry.worker_ref, {})
        days[entry.day] = days.get(entry.day, 0.0) + entry.hours
    return result


def weekly_hours_by_worker(entries: Iterable[TimesheetEntry]) -> dict[str, dict[IsoWeek, float]]:
    """Hours per worker per ISO week (Monday to Sunday)."""
    result: dict[str, dict[IsoWeek, float]] = {}
    for entry in entries:
        iso = entry.day.isocalendar()
        weeks = result.setdefault(entry.worker_ref, {})
        key = (iso.year, iso.week)
        weeks[key] = weeks.get(key, 0.0) + entry.hours
    return result


def longest_run_without_rest(worked_days: Iterable[date]) -> int:
    """Longest run of consecutive calendar days worked. A day with no record counts as rest:
    a gap in the records is not evidence of work."""
    run = best = 0
    previous: date | None = None
    for day in sorted(set(worked_days)):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        best = max(best, run)
        previous = day
    return best


def iso_week_label(week: IsoWeek) -> str:
    return f"{week[0]}-W{week[1]:02d}"


def assess_working_hours(
    timesheets: Sequence[TimesheetEntry],
    interviews: Sequence[InterviewRecord] = (),
    thresholds: CalculatorThresholds = DEFAULT_THRESHOLDS,
) -> WorkingHours:
    """Weekly hours above the limit or fewer than one rest day in seven, in records or words.

    Interviews count on their own: double book-keeping makes records look compliant (004 L624),
    so a worker who reports 70 hours is evidence even when the timesheet says 48.
    """
    workers: set[str] = set()
    over: set[str] = set()
    no_rest: set[str] = set()
    refs: set[str] = set()
    max_weekly = 0.0
    for worker, weeks in weekly_hours_by_worker(timesheets).items():
        workers.add(worker)
        for week, hours in weeks.items():
            max_weekly = max(max_weekly, hours)
            if hours > thresholds.excessive_weekly_hours:
                over.add(worker)
                refs.add(f"timesheet:{worker}:{iso_week_label(week)}")
    for worker, days in daily_hours_by_worker(timesheets).items():
        worked = [day for day, hours in days.items() if hours > 0]
        run = longest_run_without_rest(worked)
        if run > thresholds.max_consecutive_work_days:
            no_rest.add(worker)
            refs.add(f"timesheet:{worker}:{run}-days-without-rest")
    for interview in interviews:
        worker = interview.worker_ref
        reported = interview.reported_weekly_hours
        rest = interview.reported_rest_days_per_week
        if reported is None and rest is None:
            continue
        workers.add(worker)
        if reported is not None:
            max_weekly = max(max_weekly, reported)
            if reported > thresholds.excessive_weekly_hours:
                over.add(worker)
                refs.add(f"interview:{worker}")
        if rest is not None and rest < thresholds.min_rest_days_per_week:
            no_rest.add(worker)
            refs.add(f"interview:{worker}")
    return WorkingHours(
        workers=len(workers),
        max_weekly_hours=max_weekly,
        over_limit=tuple(sorted(over)),
        without_rest=tuple(sorted(no_rest)),
        evidence=tuple(sorted(refs)),
    )
