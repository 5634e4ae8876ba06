"""Timesheets grouped once per audit, shared by the detectors that read hours.

Kept private to the deception package: the scoring engine's ``screening/calculators/hours``
answers a different question (is a week over 60 hours) and did not exist when this was
written. Grouping is a single pass over the entries with plain dicts, which is what keeps
5,000 workers x 90 days well under the two-second budget (see bench/bench_audit_analysis.py).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from screening.inputs.evidence import TimesheetEntry
from screening.pay_periods import period_covered


@dataclass(frozen=True, slots=True)
class WorkerDays:
    """One worker's timesheet: days in order, hours per day (two shifts on a day are summed)."""

    days: tuple[date, ...]
    hours: tuple[float, ...]

    def hours_between(self, start: date, end: date) -> float:
        lo = bisect_left(self.days, start)
        hi = bisect_right(self.days, end)
        return sum(self.hours[lo:hi])


@dataclass(frozen=True, slots=True)
class WeeklyProfile:
    """What a worker would tell an interviewer, computed from the timesheet."""

    weeks: int
    mean_hours: float
    mean_rest_days: float


@dataclass(frozen=True, slots=True)
class TimesheetIndex:
    workers: dict[str, WorkerDays]
    first_day: date
    last_day: date

    def covers(self, start: date, end: date) -> bool:
        """Whether the timesheets cover [start, end] (``screening.pay_periods``): otherwise
        hours there are unknown."""
        return period_covered(self.first_day, self.last_day, start, end)

    def weekly_profile(self, worker_ref: str) -> WeeklyProfile | None:
        """Mean hours and rest days over the full Monday-Sunday weeks inside the period.

        A day with no entry, or zero hours, is a rest day. Weeks in which the worker did not
        work at all (leave, or not yet hired) are left out rather than counted as zero hours.
        """
        worker = self.workers.get(worker_ref)
        if worker is None:
            return None
        first_monday = self.first_day + timedelta(days=(7 - self.first_day.weekday()) % 7)
        base = first_monday.toordinal()
        full_weeks = (self.last_day.toordinal() - base + 1) // 7
        if full_weeks <= 0:
            return None
        week_hours = [0.0] * full_weeks
        week_days = [0] * full_weeks
        for day, hours in zip(worker.days, worker.hours, strict=True):
            week = (day.toordinal() - base) // 7
            if 0 <= week < full_weeks and hours > 0:
                week_hours[week] += hours
                week_days[week] += 1
        worked = [w for w in range(full_weeks) if week_days[w]]
        if not worked:
            return None
        return WeeklyProfile(
            weeks=len(worked),
            mean_hours=sum(week_hours[w] for w in worked) / len(worked),
            mean_rest_days=sum(7 - week_days[w] for w in worked) / len(worked),
        )


def index_timesheets(entries: Sequence[TimesheetEntry]) -> TimesheetIndex | None:
    """Group entries by worker and day in one pass; None when there are no timesheets."""
    if not entries:
        return None
    grouped: dict[str, dict[date, float]] = {}
    for entry in entries:
        per_day = grouped.get(entry.worker_ref)
        if per_day is None:
            per_day = grouped[entry.worker_ref] = {}
        day = entry.day
        per_day[day] = per_day.get(day, 0.0) + entry.hours
    workers: dict[str, WorkerDays] = {}
    first = last = entries[0].day
    for ref, per_day in grouped.items():
        days = sorted(per_day)
        workers[ref] = WorkerDays(days=tuple(days), hours=tuple(per_day[d] for d in days))
        first = min(first, days[0])
        last = max(last, days[-1])
    return TimesheetIndex(workers=workers, first_day=first, last_day=last)
