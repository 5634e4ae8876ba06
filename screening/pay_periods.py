"""Whether timesheets cover a pay period, for every check that compares pay with hours.

Timesheet exports list the days worked; rest days usually have no row. So the first and last
day with an entry can fall a few days inside the pay period even when the records are
complete: a month that ends on a weekend ends its timesheet on the Friday. Requiring the
entries to span the whole period would switch every payroll-versus-timesheet comparison off
for such months. A gap of up to ``EDGE_REST_DAYS`` at either end is read as rest: two weekly
rest days (ILO C014 asks for at least one in seven; two-day weekends are common) and a public
holiday beside them. A longer gap means hours are missing, and the comparison is not made.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

EDGE_REST_DAYS: Final = 3


def period_covered(first_day: date, last_day: date, start: date, end: date) -> bool:
    """Whether timesheet entries from ``first_day`` to ``last_day`` cover [start, end]."""
    edge = timedelta(days=EDGE_REST_DAYS)
    return first_day <= start + edge and end - edge <= last_day and start <= end
