"""Small helpers shared by the detectors: strength scaling and evidence references."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TypeVar

T = TypeVar("T")


def scaled_strength(share: float, fires_at: float, saturates_at: float) -> float:
    """0.5 at the firing threshold, rising linearly to 1.0 at saturation.

    Starting at 0.5 (not 0) makes a fired pattern count in the combination rule whatever
    the threshold; the rise tells a reviewer how far past the threshold the evidence is.
    """
    if share < fires_at:
        return 0.0
    if saturates_at <= fires_at:
        return 1.0
    return round(min(1.0, 0.5 + 0.5 * (share - fires_at) / (saturates_at - fires_at)), 3)


def timesheet_ref(worker_ref: str, day: date) -> str:
    return f"timesheet:{worker_ref}:{day.isoformat()}"


def payroll_ref(worker_ref: str, period_start: date) -> str:
    return f"payroll:{worker_ref}:{period_start.isoformat()}"


def interview_ref(worker_ref: str) -> str:
    return f"interview:{worker_ref}"


def audit_ref(ref: str) -> str:
    return f"audit:{ref}"


def capped(refs: Iterable[str], limit: int) -> tuple[str, ...]:
    """The first ``limit`` distinct refs, in order: evidence must stay readable."""
    out: list[str] = []
    seen: set[str] = set()
    for ref in refs:
        if ref in seen:
            continue
        seen.add(ref)
        out.append(ref)
        if len(out) >= limit:
            break
    return tuple(out)


def evenly_spaced(items: Sequence[T], limit: int) -> list[T]:
    """A deterministic sample of ``limit`` items spread over the whole sequence."""
    n = len(items)
    if n <= limit:
        return list(items)
    step = n / limit
    return [items[int(i * step)] for i in range(limit)]


def pct(share: float) -> str:
    return f"{share:.0%}"
