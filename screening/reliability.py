"""What audit-deception analysis returns: a reliability level and the patterns behind it.

Produced by ``screening.deception.assess_audit_reliability``; consumed by the scorer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ReliabilityLevel = Literal["high", "medium", "low"]


@dataclass(frozen=True, slots=True)
class DeceptionPattern:
    code: str  # stable, e.g. "timesheets_too_regular", "announced_audit"
    strength: float  # 0..1, how strongly the evidence shows the pattern
    summary: str  # one sentence a reviewer can read
    evidence: tuple[str, ...] = ()  # evidence row references, e.g. "timesheet:W-0042:2024-03-02"


@dataclass(frozen=True, slots=True)
class AuditReliability:
    audit_ref: str
    level: ReliabilityLevel
    patterns: tuple[DeceptionPattern, ...] = ()
    unverified: bool = False  # clean findings in a high-risk context with no worker evidence
