"""The engine's output: a frozen, explained assessment and its parts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from screening.inputs.audit import FindingStatus, Severity
from screening.reliability import AuditReliability

Band = Literal["low", "medium", "high", "critical"]
IndicatorState = Literal["found", "not_found", "not_assessed"]
FactorKind = Literal["context", "evidence", "audit", "adjustment"]
EvidenceSource = Literal["finding", "worker_evidence"]


@dataclass(frozen=True, slots=True)
class Factor:
    """One contribution to the score. All factors of an assessment add up to its score."""

    code: str  # stable: "country_tip_tier", "indicator:debt_bondage", "cap_at_100", ...
    kind: FactorKind
    points: float  # signed, in tenths of a point
    detail: str  # one sentence a reviewer can read
    source: str = ""  # where the weight comes from (seed file + line, ILAB, ILO)
    evidence: tuple[str, ...] = ()  # evidence refs behind it


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One observation of an indicator: an auditor's finding or a computed worker-evidence result."""

    indicator: str
    source: EvidenceSource
    audit_ref: str
    observed_on: date
    severity: Severity
    status: FindingStatus
    summary: str
    refs: tuple[str, ...]  # "finding:A-1:0", "documents:W-0012", ...
    base_points: float  # indicator weight x severity multiplier
    remediation_multiplier: float
    recency_multiplier: float

    @property
    def points(self) -> float:
        return self.base_points * self.remediation_multiplier * self.recency_multiplier


@dataclass(frozen=True, slots=True)
class IndicatorStatus:
    code: str
    status: IndicatorState
    critical: bool  # a SPEC 4.6 critical indicator
    severity: Severity | None = None  # of the strongest evidence
    points: float = 0.0  # what the strongest evidence adds to the score (before rounding)
    strongest: EvidenceItem | None = None
    evidence: tuple[EvidenceItem, ...] = ()
    assessed_by: tuple[str, ...] = ()  # audit refs whose evidence assessed it


@dataclass(frozen=True, slots=True)
class FlagReason:
    code: str  # stable reason code, e.g. "retention_of_identity_documents"
    summary: str
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Assessment:
    score: float  # 0-100, one decimal
    band: Band
    flagged: bool
    flag_reasons: tuple[FlagReason, ...]
    factors: tuple[Factor, ...]
    indicators: tuple[IndicatorStatus, ...]  # the 11 ILO indicators, then supplementary found ones
    coverage: float  # share of the 11 ILO indicators assessed, 0..1
    score_low: float
    score_high: float
    audit_reliabilities: tuple[AuditReliability, ...]
    unverified: bool  # the latest audit cannot be relied on to lower risk (SPEC 4.4)
    threshold: float
    as_of: date
    methodology_version: str
    risk_data_version: str
    input_digest: str  # sha256 of the canonical inputs, as_of, threshold and versions

    def indicator(self, code: str) -> IndicatorStatus:
        for status in self.indicators:
            if status.code == code:
                return status
        raise KeyError(code)

    @property
    def flag_codes(self) -> tuple[str, ...]:
        return tuple(reason.code for reason in self.flag_reasons)
