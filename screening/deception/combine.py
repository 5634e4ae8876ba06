"""From patterns to a reliability level.

Rule (documented in docs/audit-reliability.md):

    score = sum(weight(pattern) * strength(pattern))
    weight = strong_weight (1.0) for fabricated-data patterns, conduct_weight (0.35) otherwise
    low     if score >= low_at (0.5)
    medium  if score >= medium_at (0.1)
    high    otherwise

Every fired strong pattern has strength >= 0.5, so any one of them makes the audit ``low``:
records shown to be fabricated cannot support a clean result. Conduct patterns (announced,
supplier-paid, too few interviews, wrong language, same auditor, unverified) make deception
easy but do not show it; one makes the audit ``medium``, about three together make it
``low``. Seed 004 L618: 45 % of audits reviewed were unreliable, so ``high`` is reserved for
audits where nothing points the other way.
"""

from __future__ import annotations

from collections.abc import Iterable

from screening.deception.thresholds import DeceptionThresholds
from screening.reliability import DeceptionPattern, ReliabilityLevel

# Patterns that show records or testimony were fabricated, not merely that they could be.
STRONG_PATTERNS = frozenset(
    {
        "timesheets_too_regular",
        "payroll_timesheet_mismatch",
        "interviews_contradict_records",
        "coached_answers",
        "shared_payment_account",
        "report_copied",
    }
)


def pattern_weight(code: str, t: DeceptionThresholds) -> float:
    return t.strong_weight if code in STRONG_PATTERNS else t.conduct_weight


def deception_score(patterns: Iterable[DeceptionPattern], t: DeceptionThresholds) -> float:
    return sum(pattern_weight(p.code, t) * p.strength for p in patterns)


def reliability_level(
    patterns: Iterable[DeceptionPattern], t: DeceptionThresholds
) -> ReliabilityLevel:
    score = deception_score(patterns, t)
    if score >= t.low_at:
        return "low"
    if score >= t.medium_at:
        return "medium"
    return "high"


def ordered(
    patterns: Iterable[DeceptionPattern], t: DeceptionThresholds
) -> tuple[DeceptionPattern, ...]:
    """Heaviest first, then by code, so the same input always lists patterns the same way."""
    return tuple(sorted(patterns, key=lambda p: (-pattern_weight(p.code, t) * p.strength, p.code)))
