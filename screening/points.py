"""Points are kept in integer tenths so that factors add up exactly to the score."""

from __future__ import annotations


def tenths(points: float) -> int:
    """Round half away from zero to a tenth of a point, as an integer number of tenths."""
    scaled = points * 10
    return int(scaled + 0.5) if scaled >= 0 else -int(-scaled + 0.5)
