"""The uncertainty band around a score (SPEC 4.5): wider with less coverage, older or less
reliable evidence; never outside 0-100."""

from __future__ import annotations

from screening import policy
from screening.reliability import ReliabilityLevel


def uncertainty_band(
    score: float,
    *,
    unassessed_indicators: int,
    latest_recency: float | None,
    latest_reliability: ReliabilityLevel | None,
) -> tuple[float, float]:
    """(score_low, score_high). Indicators not assessed and unreliable audits can only hide
    risk, so they widen the band upwards; stale evidence (or none) widens it both ways."""
    staleness = 1.0 if latest_recency is None else 1.0 - latest_recency
    both_ways = policy.UNCERTAINTY_BASE + policy.UNCERTAINTY_STALE_EVIDENCE * staleness
    upwards = policy.UNCERTAINTY_PER_UNASSESSED_INDICATOR * unassessed_indicators
    if latest_reliability is not None:
        upwards += policy.UNCERTAINTY_BY_RELIABILITY[latest_reliability]
    low = max(policy.SCORE_MIN, round(score - both_ways, 1))
    high = min(policy.SCORE_MAX, round(score + both_ways + upwards, 1))
    return low, high
