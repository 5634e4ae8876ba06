"""Timesheets too regular to be true: hours typed from the contract, not clocked.

Seed 004 L620 (consultants "creating false employment records") and L624 ("double
book-keeping"). A clock records minutes; a second set of books records the contract.
"""

from __future__ import annotations

from collections import Counter

from screening.deception._common import capped, pct, scaled_strength, timesheet_ref
from screening.deception.thresholds import DeceptionThresholds
from screening.deception.worker_hours import TimesheetIndex, WorkerDays
from screening.reliability import DeceptionPattern

CODE = "timesheets_too_regular"


def _judge_worker(
    worker: WorkerDays, t: DeceptionThresholds
) -> tuple[bool, tuple[int, float] | None]:
    """(assessable, (first entry index, hours) of the first flat month or None), in one pass.

    Assessable: some calendar month has enough worked days to judge. Flat: such a month whose
    worked-day hours span no more than the tolerance.
    """
    assessable = False
    month_key = -1
    start = 0
    count = 0
    low = high = 0.0
    for i, (day, hours) in enumerate(zip(worker.days, worker.hours, strict=True)):
        key = day.year * 12 + day.month
        if key != month_key:
            if count >= t.flat_month_min_days:
                if high - low <= t.flat_hours_tolerance:
                    return True, (start, low)
                assessable = True
            month_key, start, count = key, i, 0
        if hours <= 0:
            continue
        if count == 0:
            low = high = hours
        elif hours < low:
            low = hours
        elif hours > high:
            high = hours
        count += 1
    if count >= t.flat_month_min_days:
        if high - low <= t.flat_hours_tolerance:
            return True, (start, low)
        assessable = True
    return assessable, None


def detect_timesheets_too_regular(
    index: TimesheetIndex | None, t: DeceptionThresholds
) -> DeceptionPattern | None:
    """A large share of workers whose worked-day hours do not vary at all for a month."""
    if index is None:
        return None
    assessable = 0
    flat: dict[str, tuple[int, float]] = {}
    for ref, worker in index.workers.items():
        judged, flat_month = _judge_worker(worker, t)
        assessable += judged
        if flat_month is not None:
            flat[ref] = flat_month
    if assessable < t.min_workers_for_share or len(flat) < t.flat_min_workers:
        return None
    share = len(flat) / assessable
    strength = scaled_strength(share, t.flat_worker_share, t.flat_worker_share_saturates)
    if strength == 0.0:
        return None
    # Across workers: the same typed value for everyone is the double book's signature.
    typed_values = Counter(round(hours, 2) for _, hours in flat.values())
    common_hours, n_common = typed_values.most_common(1)[0]
    refs = [
        timesheet_ref(ref, index.workers[ref].days[flat[ref][0]])
        for ref in sorted(flat)[: t.max_evidence_refs]
    ]
    return DeceptionPattern(
        code=CODE,
        strength=strength,
        summary=(
            f"{len(flat)} of {assessable} workers ({pct(share)}) logged the same hours on every "
            f"worked day for a whole month, {n_common} of them exactly {common_hours:g} h, "
            "which clocked time does not produce."
        ),
        evidence=capped(refs, t.max_evidence_refs),
    )
