"""Weekly hours and rest days (ILO C001/C030, C014; 003 L1595-L1596)."""

from datetime import date, timedelta

from screening.calculators import assess_working_hours
from screening.calculators.hours import longest_run_without_rest, weekly_hours_by_worker
from screening.inputs.evidence import InterviewRecord, TimesheetEntry

from .conftest import timesheets


def test_sixty_hours_a_week_is_within_the_limit() -> None:
    result = assess_working_hours(timesheets(2, 10.0, days=6))
    assert result.max_weekly_hours == 60.0
    assert not result.excessive


def test_more_than_sixty_hours_a_week_is_excessive() -> None:
    result = assess_working_hours(timesheets(1, 11.0, days=6))
    assert result.over_limit == ("W-0001",)
    assert result.evidence == ("timesheet:W-0001:2024-W19",)


def test_seven_days_worked_in_a_row_means_no_rest_day() -> None:
    result = assess_working_hours(timesheets(1, 8.0, days=7))
    assert result.without_rest == ("W-0001",) and result.over_limit == ()


def test_a_missing_day_counts_as_rest_not_as_work() -> None:
    start = date(2024, 5, 6)
    entries = [
        TimesheetEntry("W-0001", start + timedelta(days=d), 8.0) for d in (0, 1, 2, 4, 5, 6, 7)
    ]
    assert longest_run_without_rest(e.day for e in entries) == 4
    assert not assess_working_hours(entries).without_rest


def test_split_shifts_on_one_day_add_up() -> None:
    day = date(2024, 5, 6)
    entries = [TimesheetEntry("W-0001", day, 6.0), TimesheetEntry("W-0001", day, 6.0)]
    assert weekly_hours_by_worker(entries) == {"W-0001": {(2024, 19): 12.0}}


def test_workers_reporting_long_hours_count_even_when_records_look_compliant() -> None:
    """Double book-keeping hides overtime (004 L624)."""
    result = assess_working_hours(
        timesheets(1, 8.0, days=5),
        [InterviewRecord("W-0001", reported_weekly_hours=84.0, reported_rest_days_per_week=0)],
    )
    assert result.over_limit == ("W-0001",) and result.without_rest == ("W-0001",)
    assert result.max_weekly_hours == 84.0
    assert "interview:W-0001" in result.evidence


def test_interviews_without_hours_are_not_counted() -> None:
    result = assess_working_hours((), [InterviewRecord("W-0001", answers=("fine",))])
    assert result.workers == 0 and not result.excessive
